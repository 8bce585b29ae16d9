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

export interface InstalledOrganization {
  installationId: number;
  org: string;
}

/** The organisations (not personal accounts) the App is installed on, skipping suspended installations. */
export async function installedOrganizations(appOctokit: GitHubClient): Promise<InstalledOrganization[]> {
  const installations = await appOctokit.paginate("GET /app/installations", { per_page: 100 });
  return installations.flatMap((installation) => {
    const account = installation.account;
    if (installation.suspended_at || account === null || !("login" in account) || installation.target_type !== "Organization") return [];
    return [{ installationId: installation.id, org: account.login }];
  });
}
