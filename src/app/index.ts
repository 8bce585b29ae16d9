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
      : {
          status: result.verdict.hypothesis.status,
          category: result.verdict.category.value,
          labels: result.labels,
          check: result.check,
          comment: result.comment,
        };
  context.log.info({ repo: `${owner}/${repo}`, pull: pullNumber, ...summary }, "value-pr: pull request synced");
}

/**
 * The GitHub App: translates webhook events into `syncPull` calls and nothing more. It keeps no
 * state of its own: every decision is derived from GitHub's data, so any number of replicas
 * can run and a redelivered event is harmless.
 */
const app: ApplicationFunction = (probot) => {
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
    logResult(context, number, await syncPull(context.octokit, context.repo(), number, { selfLogin: await login(), labelChange }));
  });

  probot.on("check_run.rerequested", async (context) => {
    const run = context.payload.check_run;
    // GitHub sends `rerequested` only to the app that owns the run; ignore our other checks.
    if (run.external_id !== CHECK_EXTERNAL_ID) return;
    const numbers = await pullsOfCheckRun(context.octokit, context.repo(), run);
    for (const number of numbers) {
      logResult(context, number, await syncPull(context.octokit, context.repo(), number, { selfLogin: await login(), forceCheck: true }));
    }
  });
};

export default app;
