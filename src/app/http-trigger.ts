import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApplicationFunctionOptions, Probot } from "probot";

/** A Probot HTTP handler: returns true when it answered the request. */
type Handler = Parameters<ApplicationFunctionOptions["addHandler"]>[0];
import { isIsoDay } from "../core/report/period.ts";
import { sweepReports } from "./reports.ts";

export const REPORT_TRIGGER_PATH = "/value-pr/report";

/**
 * `POST /value-pr/report` for an external cron (serverless deployments have no timers), with
 * `Authorization: Bearer <VALUE_PR_REPORT_SECRET>`. `?repo=owner/name` limits it to one
 * repository (a big installation may not fit one invocation's time limit); without it, every
 * installed repository is reported, then every organisation. Answers with a JSON summary once the work is done, so the
 * caller's function stays alive until then.
 */
export function reportTrigger(probot: Probot, secret: string, selfLogin: () => Promise<string>, clock: () => Date = () => new Date()): Handler {
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== REPORT_TRIGGER_PATH) return false;
    if (req.method !== "POST") return reply(res, 405, { error: "use POST" }, { allow: "POST" });
    if (!authorised(req, secret)) return reply(res, 401, { error: "missing or wrong bearer token" });
    const only = url.searchParams.get("repo")?.toLowerCase() ?? null;
    const day = url.searchParams.get("now");
    // `now=YYYY-MM-DD` re-runs a past day (to backfill a missed period), at noon UTC.
    if (day !== null && !isIsoDay(day)) return reply(res, 400, { error: "now must be a day YYYY-MM-DD" });
    const now = day === null ? clock() : new Date(`${day}T12:00:00Z`);
    try {
      const summary = await sweepReports(probot, {
        now,
        selfLogin,
        due: ({ ref }) => only === null || `${ref.owner}/${ref.repo}`.toLowerCase() === only,
        organizations: only === null,
      });
      if (only !== null && summary.repositories === 0) return reply(res, 404, { error: `value-pr is not installed on ${only}` });
      return reply(res, summary.failed.length > 0 ? 502 : 200, summary);
    } catch (error) {
      probot.log.warn({ err: error }, "value-pr: HTTP report trigger failed");
      return reply(res, 502, { error: "GitHub could not be reached; try again" });
    }
  };
}

/** Compares digests so the time taken says nothing about the secret. */
function authorised(req: IncomingMessage, secret: string): boolean {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer (.+)$/.exec(header);
  if (match === null) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(match[1] ?? ""), digest(secret));
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): true {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(`${JSON.stringify(body)}\n`);
  return true;
}
