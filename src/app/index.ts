import type { ApplicationFunction, Context } from "probot";
import { syncPull, type SyncResult } from "../github/sync-pull.ts";
import { pullsOfCheckRun } from "../github/pulls.ts";
import { CHECK_EXTERNAL_ID } from "../github/check-runs.ts";
import { handleReportCommand } from "./command.ts";
import { reportTrigger } from "./http-trigger.ts";
import { startReportSchedule } from "./schedule.ts";

/** PRODUCT.md §7: every pull request event that can change the verdict. */
export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.edited",
  "pull_request.reopened",
  "pull_request.synchronize",
  "pull_request.ready_for_review",
  "pull_request.converted_to_draft",
  "pull_request.labeled",
  "pull_request.unlabeled",
] as const;

function logResult(context: Context, pullNumber: number, result: SyncResult): void {
  const { owner, repo } = context.repo();
  const summary =
    result.kind === "invalid-config"
      ? { config: "invalid", check: result.check }
      : {
          status: result.verdict.hypothesis.status,
          category: result.verdict.category.value,
          labels: result.labels,
          check: result.check,
          comment: result.comment,
        };
  context.log.info({ repo: `${owner}/${repo}`, pull: pullNumber, ...summary }, "value-pr: pull request synced");
}

export interface AppOptions {
  /** Tick of the report schedule in ms (each repository is reported once a day); null = no schedule. */
  scheduleIntervalMs: number | null;
  /** Bearer secret of the HTTP report trigger; null = no trigger. */
  reportSecret: string | null;
  clock: () => Date;
}

/**
 * Settings from the environment, beside Probot's own (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET …):
 * `VALUE_PR_SCHEDULE_MINUTES` (default 60; 0 turns the schedule off, e.g. in serverless
 * deployments) and `VALUE_PR_REPORT_SECRET` (turns on `POST /value-pr/report`).
 */
export function appOptionsFromEnv(env: Record<string, string | undefined>): AppOptions {
  const minutes = Number(env.VALUE_PR_SCHEDULE_MINUTES ?? "60");
  if (!Number.isFinite(minutes) || minutes < 0) throw new Error(`VALUE_PR_SCHEDULE_MINUTES must be a number of minutes (0 = off), got "${env.VALUE_PR_SCHEDULE_MINUTES}"`);
  const secret = env.VALUE_PR_REPORT_SECRET ?? "";
  return { scheduleIntervalMs: minutes === 0 ? null : Math.max(1, minutes) * 60_000, reportSecret: secret === "" ? null : secret, clock: () => new Date() };
}

/**
 * The GitHub App: translates webhook events into `syncPull` calls and report runs, and nothing
 * more. It keeps no state of its own: every decision is derived from GitHub's data, so any
 * number of replicas can run and a redelivered event is harmless.
 */
export function createApp(options: AppOptions): ApplicationFunction {
  return (probot, { addHandler }) => {
    // Who value-pr is on GitHub (`<slug>[bot]`), to tell its own label changes from people's.
    // Asked once per process; a failure is not cached, so the next event asks again.
    let selfLogin: Promise<string> | undefined;
    const login = () =>
      (selfLogin ??= probot
        .auth()
        .then((octokit) => octokit.request("GET /app"))
        .then(({ data }) => `${data?.slug ?? "value-pr"}[bot]`)
        .catch((error: unknown) => {
          selfLogin = undefined;
          throw error;
        }));

    probot.on([...PULL_REQUEST_EVENTS], async (context) => {
      const { payload } = context;
      const number = payload.pull_request.number;
      const labelChange =
        (payload.action === "labeled" || payload.action === "unlabeled") && payload.label !== undefined
          ? { action: payload.action, label: payload.label.name, senderLogin: payload.sender.login }
          : null;
      const sync = { selfLogin: await login(), labelChange, now: options.clock() };
      logResult(context, number, await syncPull(context.octokit, context.repo(), number, sync));
    });

    probot.on("check_run.rerequested", async (context) => {
      const run = context.payload.check_run;
      // GitHub sends `rerequested` only to the app that owns the run; ignore our other checks.
      if (run.external_id !== CHECK_EXTERNAL_ID) return;
      const numbers = await pullsOfCheckRun(context.octokit, context.repo(), run);
      for (const number of numbers) {
        const sync = { selfLogin: await login(), forceCheck: true, now: options.clock() };
        logResult(context, number, await syncPull(context.octokit, context.repo(), number, sync));
      }
    });

    probot.on("issue_comment.created", async (context) => {
      // Cheap test first: most comments are not commands, and need no request at all.
      if (!context.payload.comment.body.includes("/value-pr")) return;
      const outcome = await handleReportCommand(context, await login(), options.clock);
      context.log.info({ repo: `${context.repo().owner}/${context.repo().repo}`, issue: context.payload.issue.number, outcome }, "value-pr: report command");
    });

    if (options.scheduleIntervalMs !== null) startReportSchedule(probot, options.scheduleIntervalMs, options.clock);
    if (options.reportSecret !== null) addHandler(reportTrigger(probot, options.reportSecret, options.clock));
  };
}

export default createApp(appOptionsFromEnv(process.env));
