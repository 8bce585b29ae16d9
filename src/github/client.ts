import type { ProbotOctokit } from "probot";

/**
 * The slice of an Octokit client value-pr uses: typed REST routes, GraphQL and pagination.
 * Probot's client has all of them; the CLI and the Action build one with the same rate-limit
 * and retry plugins (`./octokit.ts`). Configuration is read through the config plugin's
 * function with this client (`./config.ts`).
 */
export type GitHubClient = Pick<InstanceType<typeof ProbotOctokit>, "request" | "graphql" | "paginate">;

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
