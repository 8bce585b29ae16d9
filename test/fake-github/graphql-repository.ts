// The fake GitHub's own GraphQL data: `repository(owner, name)` and `rateLimit`, answered from
// the fake's REST-shaped state so a test that seeds pull requests once can read them over REST
// and GraphQL alike. FakeGitHub uses this root unless a test's `graphqlRoot` overrides a field.
//
// GitHub behaviours emulated (the messages and error types are GitHub's, as seen in the wild):
// - a missing repository is NOT_FOUND, "Could not resolve to a Repository with the name 'o/r'.";
//   owner and name match case-insensitively, as on GitHub;
// - a connection whose nodes or edges are selected needs `first` or `last`
//   (MISSING_PAGINATION_BOUNDARIES); `totalCount` alone needs neither, and `first: 0` is fine;
// - `first`/`last` above 100 are EXCESSIVE_PAGINATION; a cursor the fake did not hand out is
//   INVALID_CURSOR_ARGUMENTS;
// - pull requests default to CREATED_AT ASC, ties broken by number; cursors hold the sort value
//   and number (like GitHub's `cursor:v2:` ones), so they stay valid while PRs are added, and a
//   PR whose `updatedAt` moves between pages can be skipped or seen twice, as on GitHub;
// - `state` is MERGED when `merged_at` is set, CLOSED when closed unmerged; `body` null is "";
// - a bot author is `__typename: "Bot"` with its login *without* the REST `[bot]` suffix.
// What the fake is unsure of (negative `first`, `first` with `last`) is a plain error, which the
// fake reports as a violation rather than guess GitHub's answer.
import type { GraphQLResolveInfo, SelectionSetNode } from "graphql";
import type { DataPull } from "../support/renovate-data.ts";
import { GitHubGraphqlError, type GraphqlContext, type GraphqlRoot } from "./graphql.ts";
import type { GitHubState, GitHubUser, LabelState, PullFile, PullFileStatus, PullState, RepoState } from "./state.ts";

/** GitHub's ceiling for `first` and `last` on every connection. */
const MAX_PAGE = 100;

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

interface PullRequestsArgs extends PageArgs {
  states?: ReadonlyArray<"OPEN" | "CLOSED" | "MERGED"> | null;
  labels?: readonly string[] | null;
  headRefName?: string | null;
  baseRefName?: string | null;
  orderBy?: { field: "CREATED_AT" | "UPDATED_AT" | "COMMENTS"; direction: "ASC" | "DESC" } | null;
}

interface LabelsArgs extends PageArgs {
  orderBy?: { field: "NAME" | "CREATED_AT"; direction: "ASC" | "DESC" } | null;
}

/** Maps cursors to positions in one ordered list; `undefined` when the cursor is not one of ours. */
interface CursorCodec<T> {
  encode(item: T, index: number): string;
  /** `before`: items strictly before the cursor; `through`: items up to and including it. */
  locate(cursor: string): { before: number; through: number } | undefined;
}

const CURSOR_PREFIX = "cursor:v2:";
const encodeCursor = (payload: string) => Buffer.from(CURSOR_PREFIX + payload, "utf8").toString("base64");

function decodeCursor(cursor: string): string | undefined {
  // Buffer's base64 decoder skips junk, so only the prefix tells a cursor from garbage.
  const text = Buffer.from(cursor, "base64").toString("utf8");
  return text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : undefined;
}

/** Cursors for lists that do not change while a test pages them (a PR's labels and files). */
function indexCodec<T>(length: number): CursorCodec<T> {
  return {
    encode: (_item, index) => encodeCursor(String(index + 1)),
    locate(cursor) {
      const payload = decodeCursor(cursor);
      if (payload === undefined || !/^[1-9]\d*$/.test(payload)) return undefined;
      const position = Math.min(Number(payload), length);
      return { before: position - 1, through: position };
    },
  };
}

/** Whether the connection field's selection asks for nodes or edges (through fragments too). */
function selectsNodes(info: GraphQLResolveInfo): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === "Field") return selection.name.value === "nodes" || selection.name.value === "edges";
      if (selection.kind === "InlineFragment") return visit(selection.selectionSet);
      return visit(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}

function checkPageArgs(connection: string, args: PageArgs, info: GraphQLResolveInfo): void {
  const { first, last } = args;
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value == null) continue;
    if (value < 0)
      throw new Error(`fake GitHub: \`${name}: ${value}\` on the \`${connection}\` connection; GitHub's answer to a negative count is not modelled`);
    if (value > MAX_PAGE) {
      throw new GitHubGraphqlError(
        "EXCESSIVE_PAGINATION",
        `Requesting ${value} records on the \`${connection}\` connection exceeds the \`${name}\` limit of ${MAX_PAGE} records.`,
      );
    }
  }
  if (first != null && last != null) throw new Error(`Passing both \`first\` and \`last\` to paginate the \`${connection}\` connection is not supported.`);
  if (first == null && last == null && selectsNodes(info)) {
    throw new GitHubGraphqlError(
      "MISSING_PAGINATION_BOUNDARIES",
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${connection}\` connection.`,
    );
  }
}

/**
 * A Relay connection over `items` (already filtered and ordered). hasPreviousPage/hasNextPage say
 * whether items exist before/after the page in the whole list, as GitHub answers when paging
 * forward with `after` or backward with `before`. Nodes are built only for the page served.
 */
function connection<T>(
  name: string,
  items: readonly T[],
  args: PageArgs,
  info: GraphQLResolveInfo,
  codec: CursorCodec<T>,
  toNode: (item: T) => unknown,
  onServe: (count: number) => void = () => {},
) {
  checkPageArgs(name, args, info);
  const locate = (cursor: string) => {
    const position = codec.locate(cursor);
    if (!position) throw new GitHubGraphqlError("INVALID_CURSOR_ARGUMENTS", `\`${cursor}\` does not appear to be a valid cursor.`);
    return position;
  };
  let start = args.after == null ? 0 : locate(args.after).through;
  let end = args.before == null ? items.length : Math.max(start, locate(args.before).before);
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const page = items.slice(start, end);
  const cursors = page.map((item, i) => codec.encode(item, start + i));
  let nodes: unknown[] | undefined;
  const served = () => {
    if (!nodes) {
      nodes = page.map(toNode);
      onServe(nodes.length);
    }
    return nodes;
  };
  return {
    totalCount: items.length,
    pageInfo: { hasPreviousPage: start > 0, hasNextPage: end < items.length, startCursor: cursors[0] ?? null, endCursor: cursors.at(-1) ?? null },
    nodes: served,
    edges: () => served().map((node, i) => ({ cursor: cursors[i], node })),
  };
}

const pullRequestState = (pull: PullState) => (pull.merged_at !== null ? "MERGED" : pull.state === "closed" ? "CLOSED" : "OPEN");

const CHANGE_TYPES: Record<PullFileStatus, string> = {
  added: "ADDED",
  removed: "DELETED",
  modified: "MODIFIED",
  renamed: "RENAMED",
  copied: "COPIED",
  changed: "CHANGED",
  // PatchStatus has no UNCHANGED; REST's `unchanged` (a rename without edits) is closest to this.
  unchanged: "CHANGED",
};

/** An Actor (User, Bot or Organization) for a REST user object. */
function actor(state: GitHubState, user: GitHubUser | null | undefined) {
  if (!user) return null;
  const avatarUrl = ({ size }: { size?: number | null } = {}) =>
    size == null ? user.avatar_url : `${user.avatar_url}${user.avatar_url.includes("?") ? "&" : "?"}s=${size}`;
  if (user.type === "Bot") {
    // GraphQL names a GitHub App's bot by the app's slug: REST's `renovate[bot]` is `renovate`.
    const slug = user.login.replace(/\[bot\]$/, "");
    return {
      __typename: "Bot",
      id: user.node_id,
      databaseId: user.id,
      login: slug,
      url: `${state.webUrl}/apps/${slug}`,
      resourcePath: `/apps/${slug}`,
      avatarUrl,
    };
  }
  return { __typename: user.type, id: user.node_id, databaseId: user.id, login: user.login, url: user.html_url, resourcePath: `/${user.login}`, avatarUrl };
}

const labelNode = (state: GitHubState, repo: RepoState, label: LabelState) => ({
  id: label.node_id,
  name: label.name,
  color: label.color,
  description: label.description,
  isDefault: label.default,
  url: `${state.webUrl}/${repo.owner}/${repo.name}/labels/${encodeURIComponent(label.name)}`,
});

const fileNode = (file: PullFile) => ({ path: file.filename, additions: file.additions, deletions: file.deletions, changeType: CHANGE_TYPES[file.status] });

function pullRequestNode(state: GitHubState, repo: RepoState, pull: PullState) {
  const path = `/${repo.owner}/${repo.name}/pull/${pull.number}`;
  return {
    id: pull.node_id,
    databaseId: pull.id,
    number: pull.number,
    title: pull.title,
    body: pull.body ?? "",
    url: pull.html_url,
    permalink: pull.html_url,
    resourcePath: path,
    state: pullRequestState(pull),
    merged: pull.merged_at !== null,
    closed: pull.state === "closed",
    locked: pull.locked,
    isDraft: pull.draft,
    mergedAt: pull.merged_at,
    createdAt: pull.created_at,
    updatedAt: pull.updated_at,
    closedAt: pull.closed_at,
    additions: pull.additions,
    deletions: pull.deletions,
    changedFiles: pull.changed_files,
    baseRefName: pull.base.ref,
    headRefName: pull.head.ref,
    baseRefOid: pull.base.sha,
    headRefOid: pull.head.sha,
    authorAssociation: pull.author_association,
    author: () => actor(state, pull.user),
    mergedBy: () => actor(state, pull.merged_by as GitHubUser | null | undefined),
    repository: () => repositoryNode(state, repo),
    labels: (args: LabelsArgs, _context: unknown, info: GraphQLResolveInfo) => {
      const { field = "CREATED_AT", direction = "ASC" } = args.orderBy ?? {};
      // Label ids come from the fake's one counter, so they order labels by creation.
      const byField = (a: LabelState, b: LabelState) => (field === "NAME" ? a.name.toLowerCase().localeCompare(b.name.toLowerCase(), "en") : 0) || a.id - b.id;
      const sign = direction === "DESC" ? -1 : 1;
      const labels = [...pull.labels].sort((a, b) => sign * byField(a, b));
      return connection("labels", labels, args, info, indexCodec(labels.length), (label) => labelNode(state, repo, label));
    },
    files: (args: PageArgs, _context: unknown, info: GraphQLResolveInfo) =>
      connection("files", pull.files, args, info, indexCodec(pull.files.length), fileNode),
  };
}

interface SortedPull {
  pull: PullState;
  /** Milliseconds for the date orders, a count for COMMENTS. */
  value: number;
  /** The value as the cursor carries it: GitHub's timestamp string, or the count. */
  raw: string | number;
}

function pullRequests(state: GitHubState, repo: RepoState, args: PullRequestsArgs, info: GraphQLResolveInfo) {
  const { field = "CREATED_AT", direction = "ASC" } = args.orderBy ?? {};
  const states = args.states?.length ? new Set(args.states) : undefined;
  const labels = args.labels?.length ? new Set(args.labels.map((name) => name.toLowerCase())) : undefined;
  const raw = (pull: PullState): string | number =>
    field === "COMMENTS" ? (repo.comments.get(pull.number)?.length ?? 0) : field === "UPDATED_AT" ? pull.updated_at : pull.created_at;
  const sorted: SortedPull[] = [];
  for (const pull of repo.pulls.values()) {
    if (states && !states.has(pullRequestState(pull))) continue;
    if (args.baseRefName != null && pull.base.ref !== args.baseRefName) continue;
    if (args.headRefName != null && pull.head.ref !== args.headRefName) continue;
    // GitHub keeps a PR carrying any one of the labels, matching names case-insensitively.
    if (labels && !pull.labels.some((label) => labels.has(label.name.toLowerCase()))) continue;
    const value = raw(pull);
    sorted.push({ pull, raw: value, value: typeof value === "number" ? value : Date.parse(value) });
  }
  const sign = direction === "DESC" ? -1 : 1;
  // The number breaks ties so the order, and so every cursor, is total and stable.
  const compare = (a: { value: number; number: number }, b: { value: number; number: number }) => sign * (a.value - b.value || a.number - b.number);
  const keyOf = (item: SortedPull) => ({ value: item.value, number: item.pull.number });
  sorted.sort((a, b) => compare(keyOf(a), keyOf(b)));

  const codec: CursorCodec<SortedPull> = {
    encode: (item) => encodeCursor(JSON.stringify([item.raw, item.pull.number])),
    locate(cursor) {
      let key: { value: number; number: number };
      try {
        const decoded: unknown = JSON.parse(decodeCursor(cursor) ?? "null");
        if (!Array.isArray(decoded) || decoded.length !== 2 || !Number.isInteger(decoded[1])) return undefined;
        const [value, number] = decoded as [unknown, number];
        const parsed =
          field === "COMMENTS" ? (Number.isInteger(value) ? (value as number) : Number.NaN) : typeof value === "string" ? Date.parse(value) : Number.NaN;
        if (Number.isNaN(parsed)) return undefined;
        key = { value: parsed, number };
      } catch {
        return undefined;
      }
      // The cursor's PR may have gone or moved: position by its key, not by finding it.
      const firstIndex = (accept: (c: number) => boolean) => {
        let lo = 0;
        let hi = sorted.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (accept(compare(keyOf(sorted[mid]!), key))) hi = mid;
          else lo = mid + 1;
        }
        return lo;
      };
      return { before: firstIndex((c) => c >= 0), through: firstIndex((c) => c > 0) };
    },
  };
  return connection(
    "pullRequests",
    sorted,
    args,
    info,
    codec,
    (item) => pullRequestNode(state, repo, item.pull),
    (count) => {
      state.graphqlNodesServed += count;
    },
  );
}

function repositoryNode(state: GitHubState, repo: RepoState) {
  const owner = state.user(repo.owner);
  return {
    id: `R_${repo.id}`,
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    url: `${state.webUrl}/${repo.owner}/${repo.name}`,
    resourcePath: `/${repo.owner}/${repo.name}`,
    isPrivate: repo.private,
    owner: { ...actor(state, owner), __typename: owner.type === "Organization" ? "Organization" : "User" },
    defaultBranchRef: { id: `REF_${repo.id}_${repo.defaultBranch}`, name: repo.defaultBranch, prefix: "refs/heads/" },
    pullRequests: (args: PullRequestsArgs, _context: unknown, info: GraphQLResolveInfo) => pullRequests(state, repo, args, info),
    pullRequest: ({ number }: { number: number }) => {
      const pull = repo.pulls.get(number);
      if (!pull) throw new GitHubGraphqlError("NOT_FOUND", `Could not resolve to a PullRequest with the number of ${number}.`);
      state.graphqlNodesServed += 1;
      return pullRequestNode(state, repo, pull);
    },
  };
}

/** Root fields `repository`, `viewer` and `rateLimit`, answered from the state at the time of each query. */
export function repositoryGraphqlRoot(state: GitHubState): GraphqlRoot {
  return {
    // Whoever the request's token acts as; GitHub answers this for every kind of token.
    viewer: (_args: unknown, context: GraphqlContext) => state.actorForToken(context.token),
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = state.findRepo(owner, name);
      if (!repo) throw new GitHubGraphqlError("NOT_FOUND", `Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return repositoryNode(state, repo);
    },
    // Plausible numbers only: the fake does not meter GraphQL cost.
    rateLimit: () => ({
      cost: 1,
      limit: 5000,
      remaining: 4999,
      used: 1,
      nodeCount: 0,
      resetAt: new Date(Date.parse(state.now()) + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    }),
  };
}

/** A pull of the data set, with the REST fields the data carries beyond DataPull's. */
export interface SeedPull extends Omit<DataPull, "head" | "files"> {
  head: { ref: string; sha?: string };
  created_at?: string;
  closed_at?: string | null;
  updated_at?: string;
  merge_commit_sha?: string | null;
  commits?: number;
  labels?: Array<string | { name: string; color?: string; description?: string | null }>;
  files: Array<{ filename: string; additions: number; deletions: number; status?: PullFileStatus }>;
}

/**
 * Seeds merged pull requests from real data (test/support/renovate-data.ts) into the fake,
 * adding the repository if absent. Each PR is closed and merged; `updated_at` is the pull's own,
 * else its close (or merge) time, as a PR untouched after merging would show.
 */
export function seedMergedPulls(
  fake: GitHubState,
  owner: string,
  repo: string,
  pulls: readonly SeedPull[],
  options: { defaultBranch?: string } = {},
): RepoState {
  const repoState =
    fake.findRepo(owner, repo) ?? fake.addRepo({ owner, repo, ...(options.defaultBranch !== undefined && { defaultBranch: options.defaultBranch }) });
  for (const pull of pulls) {
    // Registers the author with its type first: the fake keeps one user object per login.
    fake.user(pull.user.login, pull.user.type === "Bot" ? "Bot" : "User");
    const closedAt = pull.closed_at ?? pull.merged_at;
    const createdAt = pull.created_at ?? pull.merged_at ?? fake.now();
    fake.addPull(owner, repo, {
      number: pull.number,
      title: pull.title,
      body: pull.body,
      draft: pull.draft,
      user: { login: pull.user.login, type: pull.user.type === "Bot" ? "Bot" : "User" },
      head: { ref: pull.head.ref, ...(pull.head.sha !== undefined && { sha: pull.head.sha }) },
      base: { ref: pull.base.ref },
      state: "closed",
      merged_at: pull.merged_at,
      closed_at: closedAt,
      created_at: createdAt,
      updated_at: pull.updated_at ?? closedAt ?? createdAt,
      additions: pull.additions,
      deletions: pull.deletions,
      changed_files: pull.changed_files,
      ...(pull.merge_commit_sha !== undefined && { merge_commit_sha: pull.merge_commit_sha }),
      ...(pull.commits !== undefined && { commits: pull.commits }),
      labels: pull.labels ?? [],
      files: pull.files.map((file) => ({ filename: file.filename, additions: file.additions, deletions: file.deletions, status: file.status ?? "modified" })),
    });
  }
  return repoState;
}
