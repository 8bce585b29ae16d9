import type { ReportPull } from "../core/report/types.ts";
import { httpStatus, type GitHubClient, type RepoRef } from "./client.ts";
import type {
  ValuePrDefaultBranchQuery,
  ValuePrDefaultBranchQueryVariables,
  ValuePrMergedPullsQuery,
  ValuePrMergedPullsQueryVariables,
} from "./graphql/merged-pulls.types.ts";

// The report's population: PRs merged into one branch within a window. GraphQL rather than the
// Search API, which stops at 1,000 results and has a tight rate limit of its own. GitHub cannot
// order pull requests by merge time, but a PR's `updatedAt` is never earlier than its
// `mergedAt`; so paging by `updatedAt`, newest first, can stop at the first PR last updated
// before the window: no PR after it can have been merged in the window.

const PAGE_SIZE = 100;
/** Smallest page tried when GitHub times out on big pages (long descriptions, many files). */
const MIN_PAGE_SIZE = 10;

const PULL_FIELDS = `number title body url mergedAt updatedAt headRefName additions deletions changedFiles
  author { __typename login }
  labels(first: 100) { nodes { name } }
  files(first: 100) { nodes { path additions deletions } }`;

// The result types of both queries are generated from these texts and GitHub's schema
// (./graphql/merged-pulls.types.ts, `node test/support/graphql-types.ts`): edit a query, regenerate.
export const MERGED_PULLS_QUERY = `query valuePrMergedPulls($owner: String!, $name: String!, $base: String!, $first: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequests(states: [MERGED], baseRefName: $base, orderBy: { field: UPDATED_AT, direction: DESC }, first: $first, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes { ${PULL_FIELDS} }
    }
  }
}`;

export const DEFAULT_BRANCH_QUERY = `query valuePrDefaultBranch($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) { defaultBranchRef { name } }
}`;

/** One pull request of a page (the generated type, one level down from `nodes`). */
type PullNode = NonNullable<NonNullable<NonNullable<ValuePrMergedPullsQuery["repository"]>["pullRequests"]["nodes"]>[number]>;

export interface MergedPullsWindow {
  /** The base branch; null = the repository's default branch. */
  branch: string | null;
  /** First instant of the window (inclusive), ISO-8601. */
  from: string;
  /** Instant after the window (exclusive), ISO-8601. */
  until: string;
}

export interface FetchProgress {
  pages: number;
  /** PRs seen so far, in the window or not. */
  seen: number;
  /** PRs merged in the window so far. */
  kept: number;
  /** The `updatedAt` the paging has reached. */
  reached: string | null;
}

export interface MergedPulls {
  branch: string;
  pulls: ReportPull[];
  /** GraphQL requests made (the pages, plus one to learn the default branch). */
  requests: number;
}

/** Thrown when the repository does not exist or the token cannot see it. */
export class RepositoryNotFoundError extends Error {}

export async function fetchMergedPulls(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  window: MergedPullsWindow,
  onProgress: (progress: FetchProgress) => void = () => {},
): Promise<MergedPulls> {
  let requests = 0;
  let branch = window.branch;
  if (branch === null) {
    requests += 1;
    const data = await query<ValuePrDefaultBranchQuery, ValuePrDefaultBranchQueryVariables>(octokit, DEFAULT_BRANCH_QUERY, { owner, name: repo });
    if (data.repository === null) throw notFound(owner, repo);
    // An empty repository has no default branch, and so no merged PRs.
    if (data.repository.defaultBranchRef === null) return { branch: "", pulls: [], requests };
    branch = data.repository.defaultBranchRef.name;
  }

  const from = Date.parse(window.from);
  const until = Date.parse(window.until);
  const pulls: ReportPull[] = [];
  const progress: FetchProgress = { pages: 0, seen: 0, kept: 0, reached: null };
  let cursor: string | null = null;
  let first = PAGE_SIZE;
  for (;;) {
    let page: ValuePrMergedPullsQuery;
    try {
      requests += 1;
      // While a smaller page can still be tried, a timeout is answered by shrinking the page,
      // not by Octokit asking three more times for the same page that just timed out.
      const request = first > MIN_PAGE_SIZE ? { retries: 0 } : {};
      page = await query<ValuePrMergedPullsQuery, ValuePrMergedPullsQueryVariables>(octokit, MERGED_PULLS_QUERY, {
        owner,
        name: repo,
        base: branch,
        first,
        cursor,
        request,
      });
    } catch (error) {
      // GitHub gives up on a query after ~10 s with a 502: ask again for a smaller page.
      if (isTimeout(error) && first > MIN_PAGE_SIZE) {
        first = Math.max(MIN_PAGE_SIZE, Math.floor(first / 2));
        continue;
      }
      throw error;
    }
    if (page.repository === null) throw notFound(owner, repo);
    const connection = page.repository.pullRequests;
    const nodes = (connection.nodes ?? []).filter((node): node is PullNode => node !== null);
    let passedWindow = false;
    for (const node of nodes) {
      if (Date.parse(node.updatedAt) < from) {
        passedWindow = true;
        break;
      }
      const merged = node.mergedAt === null ? Number.NaN : Date.parse(node.mergedAt);
      if (merged >= from && merged < until) pulls.push(reportPull(node));
    }
    progress.pages += 1;
    progress.seen += nodes.length;
    progress.kept = pulls.length;
    progress.reached = nodes.at(-1)?.updatedAt ?? progress.reached;
    onProgress({ ...progress });
    if (passedWindow || !connection.pageInfo.hasNextPage || connection.pageInfo.endCursor === null) break;
    cursor = connection.pageInfo.endCursor;
  }
  return { branch, pulls, requests };
}

function reportPull(node: PullNode): ReportPull {
  return {
    number: node.number,
    title: node.title,
    body: node.body,
    author: authorLogin(node.author),
    authorIsBot: node.author?.__typename === "Bot",
    mergedAt: node.mergedAt ?? "",
    url: node.url,
    labels: (node.labels?.nodes ?? []).flatMap((label) => (label === null ? [] : [label.name])),
    headBranch: node.headRefName,
    additions: node.additions,
    deletions: node.deletions,
    changedFiles: node.changedFiles,
    files: (node.files?.nodes ?? []).flatMap((file) => (file === null ? [] : [{ path: file.path, additions: file.additions, deletions: file.deletions }])),
  };
}

/**
 * The login as the REST API and webhooks spell it. GraphQL drops a bot's `[bot]` suffix
 * (`renovate` for `renovate[bot]`), which the configured bot lists and exclusions use.
 * A deleted account shows as GitHub's "ghost".
 */
function authorLogin(author: PullNode["author"]): string {
  if (author === null) return "ghost";
  return author.__typename === "Bot" && !author.login.endsWith("[bot]") ? `${author.login}[bot]` : author.login;
}

/** Sends a query with its variables (and Octokit's `request` options beside them, as `graphql` takes them). */
async function query<T, V extends { owner: string; name: string }>(
  octokit: GitHubClient,
  document: string,
  variables: V & { request?: { retries?: number } },
): Promise<T> {
  try {
    return await octokit.graphql<T>(document, variables);
  } catch (error) {
    if (isNotFoundError(error)) throw notFound(variables.owner, variables.name);
    throw error;
  }
}

function isNotFoundError(error: unknown): boolean {
  const errors = (error as { errors?: Array<{ type?: string }> } | null)?.errors;
  return Array.isArray(errors) && errors.some((e) => e.type === "NOT_FOUND");
}

function isTimeout(error: unknown): boolean {
  const status = httpStatus(error);
  return status === 502 || status === 504;
}

function notFound(owner: string, repo: string): RepositoryNotFoundError {
  return new RepositoryNotFoundError(`repository ${owner}/${repo} not found, or the token cannot read it`);
}
