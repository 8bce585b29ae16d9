import type { ApplicationFunction, Context } from "probot";
import { syncPull, type SyncResult } from "../github/sync-pull.ts";
import { pullsOfCheckRun } from "../github/pulls.ts";
import { CHECK_EXTERNAL_ID } from "../github/check-runs.ts";

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
      : { status: result.verdict.hypothesis.status, check: result.check, comment: result.comment };
  context.log.info({ repo: `${owner}/${repo}`, pull: pullNumber, ...summary }, "value-pr: pull request synced");
}

/**
 * The GitHub App: translates webhook events into `syncPull` calls and nothing more. It keeps no
 * state of its own: every decision is derived from GitHub's data, so any number of replicas
 * can run and a redelivered event is harmless.
 */
const app: ApplicationFunction = (probot) => {
  probot.on([...PULL_REQUEST_EVENTS], async (context) => {
    const number = context.payload.pull_request.number;
    logResult(context, number, await syncPull(context.octokit, context.repo(), number));
  });

  probot.on("check_run.rerequested", async (context) => {
    const run = context.payload.check_run;
    // GitHub sends `rerequested` only to the app that owns the run; ignore our other checks.
    if (run.external_id !== CHECK_EXTERNAL_ID) return;
    const numbers = await pullsOfCheckRun(context.octokit, context.repo(), run);
    for (const number of numbers) {
      logResult(context, number, await syncPull(context.octokit, context.repo(), number, { forceCheck: true }));
    }
  });
};

export default app;
