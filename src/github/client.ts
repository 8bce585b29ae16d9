import type { ProbotOctokit } from "probot";

/**
 * The slice of an Octokit client value-pr uses: typed REST routes, GraphQL, pagination and the
 * config plugin (for `_extends` and the org `.github` fallback). Probot's client has all of
 * them; the CLI and the Action build one with the same plugins (`./octokit.ts`).
 */
export type GitHubClient = Pick<InstanceType<typeof ProbotOctokit>, "request" | "graphql" | "paginate" | "config">;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error && typeof error.status === "number") {
    return error.status;
  }
  return undefined;
}
