import type { PullFacts } from "../core/types.ts";
import type { GitHubClient, RepoRef } from "./client.ts";

export type RestPull = Awaited<ReturnType<typeof readPull>>;

/** The live pull request: webhook payloads can be stale by the time a delivery is handled. */
export async function readPull(octokit: GitHubClient, { owner, repo }: RepoRef, pullNumber: number) {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
    owner,
    repo,
    pull_number: pullNumber,
  });
  return data;
}

/** What the core needs to know about a pull request, from GitHub's REST object. */
export function pullFacts(pull: RestPull, files: string[] | null = null): PullFacts {
  return {
    title: pull.title,
    body: pull.body ?? "",
    author: pull.user.login,
    authorIsBot: pull.user.type === "Bot",
    draft: pull.draft === true,
    labels: pull.labels.map((label) => label.name),
    headBranch: pull.head.ref,
    files,
  };
}

/**
 * The open pull requests a check run belongs to. The payload lists them for branches of the
 * same repository but not for forks, so fall back to asking which PRs contain the commit.
 */
export async function pullsOfCheckRun(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  run: { head_sha: string; pull_requests: Array<{ number: number }> },
): Promise<number[]> {
  if (run.pull_requests.length > 0) return run.pull_requests.map((pull) => pull.number);
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls", {
    owner,
    repo,
    commit_sha: run.head_sha,
  });
  return data.filter((pull) => pull.state === "open" && pull.head.sha === run.head_sha).map((pull) => pull.number);
}

/** The changed file paths (one paginated call; GitHub lists at most 3,000). */
export async function readChangedFiles(octokit: GitHubClient, { owner, repo }: RepoRef, pullNumber: number): Promise<string[]> {
  const files = await octokit.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
    owner,
    repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  return files.map((file) => file.filename);
}
