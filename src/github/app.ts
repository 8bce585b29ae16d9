import type { GitHubClient, RepoRef } from "./client.ts";

/** Who a GitHub App writes as (`<slug>[bot]`), asked with its app-authenticated client. */
export async function appLogin(appOctokit: GitHubClient): Promise<string> {
  const { data } = await appOctokit.request("GET /app");
  return `${data?.slug ?? "value-pr"}[bot]`;
}

export interface InstalledRepo {
  installationId: number;
  ref: RepoRef;
}

/**
 * Every repository of every installation, skipping suspended installations and archived or
 * disabled repositories (they cannot take issues).
 */
export async function installedRepositories(appOctokit: GitHubClient, installationClient: (id: number) => Promise<GitHubClient>): Promise<InstalledRepo[]> {
  const installations = await appOctokit.paginate("GET /app/installations", { per_page: 100 });
  const repos: InstalledRepo[] = [];
  for (const installation of installations) {
    if (installation.suspended_at) continue;
    const octokit = await installationClient(installation.id);
    const listed = await octokit.paginate("GET /installation/repositories", { per_page: 100 });
    for (const repo of listed) {
      if (repo.archived || repo.disabled) continue;
      repos.push({ installationId: installation.id, ref: { owner: repo.owner.login, repo: repo.name } });
    }
  }
  return repos;
}
