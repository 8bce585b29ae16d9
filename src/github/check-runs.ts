import type { CheckOutput } from "../core/render/pull.ts";
import { httpStatus, type GitHubClient, type RepoRef } from "./client.ts";

/** Tags the check runs value-pr owns, so a same-named check of another tool is never touched. */
export const CHECK_EXTERNAL_ID = "value-pr";

export interface CheckRunTarget extends RepoRef {
  headSha: string;
  name: string;
  detailsUrl?: string;
}

export type CheckRunWrite = "created" | "updated" | "unchanged";

/**
 * Keeps exactly one completed check run named `name` on the head commit, showing `output`.
 * Writes nothing when the latest run already shows it, unless `force` (a person pressed
 * "Re-run", and expects to see the run refreshed).
 */
export async function upsertCheckRun(
  octokit: GitHubClient,
  target: CheckRunTarget,
  output: CheckOutput,
  { force = false }: { force?: boolean } = {},
): Promise<CheckRunWrite> {
  const { owner, repo, headSha, name } = target;
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
    owner,
    repo,
    ref: headSha,
    check_name: name,
    filter: "latest",
    per_page: 100,
  });
  const existing = data.check_runs.find((run) => run.external_id === CHECK_EXTERNAL_ID);
  const fields = {
    status: "completed" as const,
    conclusion: output.conclusion,
    // An empty text clears the fix of an earlier failing run; omitting it would keep it.
    output: { title: output.title, summary: output.summary, text: output.text ?? "" },
    ...(target.detailsUrl === undefined ? {} : { details_url: target.detailsUrl }),
  };
  if (existing !== undefined) {
    const same =
      existing.status === "completed" &&
      existing.conclusion === output.conclusion &&
      existing.output.title === output.title &&
      existing.output.summary === output.summary &&
      (existing.output.text || null) === (output.text || null);
    if (same && !force) return "unchanged";
    try {
      await octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
        owner,
        repo,
        check_run_id: existing.id,
        ...fields,
        ...(force ? { completed_at: new Date().toISOString() } : {}),
      });
      return "updated";
    } catch (error) {
      // A run another installation created cannot be updated by this one: start our own.
      if (httpStatus(error) !== 403 && httpStatus(error) !== 404) throw error;
    }
  }
  await octokit.request("POST /repos/{owner}/{repo}/check-runs", {
    owner,
    repo,
    name,
    head_sha: headSha,
    external_id: CHECK_EXTERNAL_ID,
    ...fields,
  });
  return "created";
}
