import type { Context } from "probot";
import { readCommands } from "../core/commands.ts";
import { isIsoDay } from "../core/report/period.ts";
import type { PeriodSelector } from "../core/report/types.ts";
import { hasWriteAccess } from "../github/access.ts";
import { postComment, reactTo } from "../github/comments.ts";
import { reportRepository } from "./reports.ts";

export type CommandSelector = PeriodSelector | { invalid: string };

/** `/value-pr report [current|previous|YYYY-MM-DD]` in a comment, or null when it holds none. */
export function parseReportCommand(body: string): CommandSelector | null {
  const command = readCommands(body).find(({ name }) => name === "report");
  if (command === undefined) return null;
  const argument = command.args;
  if (argument === "" || argument === "current") return "current";
  if (argument === "previous") return "previous";
  if (isIsoDay(argument)) return { day: argument };
  return { invalid: argument };
}

/**
 * Posts the report now and replies with its link. Only people with write access may ask: on a
 * public repository anyone can comment, and a report issue speaks for the team. Others get a
 * 👎 reaction rather than a reply, so repeated attempts make no noise.
 */
export async function handleReportCommand(context: Context<"issue_comment.created">, selfLogin: string, clock: () => Date): Promise<string> {
  const { comment, issue } = context.payload;
  if (comment.user === null || comment.user.type === "Bot" || comment.user.login === selfLogin) return "ignored";
  const selector = parseReportCommand(comment.body);
  if (selector === null) return "ignored";
  const ref = context.repo();
  if (!(await hasWriteAccess(context.octokit, ref, comment.user.login))) {
    await reactTo(context.octokit, ref, comment.id, "-1");
    return "denied";
  }
  const reply = (body: string) => postComment(context.octokit, ref, issue.number, body);
  if (typeof selector === "object" && "invalid" in selector) {
    await reply("`/value-pr report` takes `current` (the default), `previous` or a day `YYYY-MM-DD`.");
    return "usage";
  }
  const result = await reportRepository(context.octokit, ref, {
    selectors: [selector],
    now: clock(),
    respectDisabled: false,
    selfLogin: async () => selfLogin,
  });
  if (result.kind === "invalid-config") {
    await reply(["value-pr cannot make the report: its configuration is invalid.", "", "```text", result.message.replaceAll("```", "'''"), "```"].join("\n"));
    return "invalid-config";
  }
  if (result.kind !== "posted") return result.kind;
  const [posted] = result.issues;
  if (posted === undefined) return "posted";
  // `#N` links the issue and GitHub shows its title; the URL works in e-mail notifications too.
  await reply(`Debt-budget report for ${posted.start} – ${posted.end}: #${posted.number} (${posted.kind}).\n\n${posted.url}`);
  return "posted";
}
