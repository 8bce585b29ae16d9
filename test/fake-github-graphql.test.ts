// Proves the fake GitHub answers GraphQL reads of a repository's pull requests from its state
// the way GitHub does (filters, order, cursors, limits, errors), over the real renovate data.
import { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeGitHub, seedMergedPulls, type FakeGitHub, type SeedPull } from "./fake-github/index.ts";
import { loadRenovatePulls, type DataPull } from "./support/renovate-data.ts";

const OWNER = "renovatebot";
const REPO = "renovate";

let fake: FakeGitHub;
let octokit: Octokit;

beforeEach(() => {
  fake = createFakeGitHub();
  fake.listen();
  octokit = new Octokit({ auth: "t" });
});
afterEach(() => {
  fake.close();
  expect(fake.violations).toEqual([]);
});

const takeViolations = () => fake.violations.splice(0);

// Loaded once: the data file is 1.2 MB and no test changes it.
const renovatePulls: DataPull[] = loadRenovatePulls();

/** What the report code asks for, page by page. */
const MERGED_PULLS = `query ($owner: String!, $name: String!, $base: String!, $first: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequests(states: [MERGED], baseRefName: $base, orderBy: { field: UPDATED_AT, direction: DESC }, first: $first, after: $cursor) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes {
        number title body url state merged mergedAt updatedAt headRefName baseRefName additions deletions changedFiles
        author { __typename login }
        labels(first: 100) { nodes { name } }
        files(first: 100) { totalCount nodes { path additions deletions changeType } }
      }
    }
  }
}`;

interface PullNode {
  number: number;
  state: string;
  merged: boolean;
  mergedAt: string | null;
  updatedAt: string;
  createdAt?: string;
  author: { __typename: string; login: string } | null;
  files: { totalCount: number; nodes: Array<{ path: string; additions: number; deletions: number; changeType: string }> };
}

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

interface PullsPage {
  repository: { pullRequests: { totalCount: number; pageInfo: PageInfo; nodes: PullNode[] } };
}

/** A small query over the default repository's pull requests, with a free argument list. */
const numbersQuery = (args: string) => `query ${args.includes("$cursor") ? "($cursor: String)" : ""} {
  repository(owner: "acme", name: "widgets") {
    pullRequests(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { number } }
  }
}`;

async function numbers(args: string, cursor: string | null = null) {
  const data = await octokit.graphql<{ repository: { pullRequests: { totalCount: number; pageInfo: PageInfo; nodes: Array<{ number: number }> } } }>(
    numbersQuery(args),
    args.includes("$cursor") ? { cursor } : {},
  );
  const { totalCount, pageInfo, nodes } = data.repository.pullRequests;
  return { totalCount, pageInfo, numbers: nodes.map((n) => n.number) };
}

/**
 * Milliseconds of this thread's CPU time since `start`: what seeding costs, unlike the wall
 * time, which grows with whatever else the machine runs (other test files, other people's).
 */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.threadCpuUsage(start);
  return (user + system) / 1000;
}

describe("seedMergedPulls", () => {
  it("seeds the 689 renovate PRs quickly, REST-shaped", () => {
    const started = process.threadCpuUsage();
    const repo = seedMergedPulls(fake, OWNER, REPO, renovatePulls);
    expect(cpuMsSince(started)).toBeLessThan(1000);
    expect(repo.pulls.size).toBe(689);
    const sample = renovatePulls[0]!;
    const pull = repo.pulls.get(sample.number)!;
    expect(pull).toMatchObject({
      title: sample.title,
      state: "closed",
      merged_at: sample.merged_at,
      changed_files: sample.changed_files,
      head: { ref: sample.head.ref },
      base: { ref: "main" },
    });
    expect(pull.updated_at).toBe(pull.closed_at);
    expect(pull.files).toHaveLength(sample.files.length);
    expect(fake.user("renovate[bot]").type).toBe("Bot");
  });

  it("keeps a pull's own updated_at and adds to an existing repository", () => {
    fake.addRepo({ owner: "acme", repo: "widgets", defaultBranch: "trunk" });
    const pull: SeedPull = {
      ...renovatePulls[0]!,
      number: 1,
      updated_at: "2030-01-01T00:00:00Z",
      files: [{ filename: "gone.ts", additions: 0, deletions: 3, status: "removed" }],
    };
    seedMergedPulls(fake, "acme", "widgets", [pull]);
    expect(fake.repo("acme", "widgets").pulls.get(1)).toMatchObject({
      updated_at: "2030-01-01T00:00:00Z",
      files: [{ filename: "gone.ts", status: "removed" }],
    });
  });

  it("seeds a synthetic 10,000-PR repository fast enough to page", async () => {
    const base = Date.parse("2026-01-01T00:00:00Z");
    const pulls: SeedPull[] = Array.from({ length: 10_000 }, (_, i) => {
      const merged = new Date(base + i * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
      return {
        number: i + 1,
        title: `PR ${i + 1}`,
        body: null,
        draft: false,
        user: { login: i % 3 === 0 ? "renovate[bot]" : "dev", type: i % 3 === 0 ? "Bot" : "User" },
        head: { ref: `pr-${i + 1}` },
        base: { ref: "main" },
        created_at: merged,
        merged_at: merged,
        additions: 1,
        deletions: 1,
        changed_files: 2,
        files: [
          { filename: `src/${i}.ts`, additions: 1, deletions: 0 },
          { filename: `test/${i}.ts`, additions: 0, deletions: 1 },
        ],
      };
    });
    const started = process.threadCpuUsage();
    seedMergedPulls(fake, "acme", "big", pulls);
    expect(cpuMsSince(started)).toBeLessThan(3000);
    const page = await octokit.graphql<PullsPage>(MERGED_PULLS, { owner: "acme", name: "big", base: "main", first: 100, cursor: null });
    expect(page.repository.pullRequests.totalCount).toBe(10_000);
    expect(page.repository.pullRequests.nodes.map((n) => n.number).slice(0, 3)).toEqual([10_000, 9_999, 9_998]);
  });
});

describe("GraphQL repository.pullRequests over the renovate data", () => {
  beforeEach(() => {
    seedMergedPulls(fake, OWNER, REPO, renovatePulls);
  });

  it("pages every merged PR once, newest-updated first, 100 a page", async () => {
    const seen: PullNode[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page: PullsPage = await octokit.graphql<PullsPage>(MERGED_PULLS, { owner: OWNER, name: REPO, base: "main", first: 100, cursor });
      const { totalCount, pageInfo, nodes } = page.repository.pullRequests;
      expect(totalCount).toBe(689);
      expect(pageInfo.hasPreviousPage).toBe(pages > 0);
      pages += 1;
      seen.push(...nodes);
      if (!pageInfo.hasNextPage) break;
      expect(nodes).toHaveLength(100);
      cursor = pageInfo.endCursor;
    }
    expect(pages).toBe(7);
    expect(seen).toHaveLength(689);
    expect(new Set(seen.map((n) => n.number))).toEqual(new Set(renovatePulls.map((p) => p.number)));
    for (let i = 1; i < seen.length; i++) expect(Date.parse(seen[i - 1]!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(seen[i]!.updatedAt));
    expect(seen.every((n) => n.state === "MERGED" && n.merged && n.mergedAt !== null)).toBe(true);
    expect(fake.graphqlNodesServed).toBe(689);
    expect(fake.requestsFor("graphql")).toHaveLength(7);

    // Nodes carry the data's numbers; the file list is what the data holds (at most 50).
    const data = renovatePulls.find((p) => p.changed_files > 50)!;
    const node = seen.find((n) => n.number === data.number)!;
    expect(node).toMatchObject({ mergedAt: data.merged_at, files: { totalCount: data.files.length } });
    expect(node.files.nodes[0]).toEqual({
      path: data.files[0]!.filename,
      additions: data.files[0]!.additions,
      deletions: data.files[0]!.deletions,
      changeType: expect.any(String),
    });
  });

  it("names renovate[bot] as a Bot whose GraphQL login has no [bot] suffix", async () => {
    const page = await octokit.graphql<PullsPage>(MERGED_PULLS, { owner: OWNER, name: REPO, base: "main", first: 100, cursor: null });
    const authors = new Map(page.repository.pullRequests.nodes.map((n) => [n.author?.login, n.author?.__typename]));
    expect(authors.get("renovate")).toBe("Bot");
    expect(authors.has("renovate[bot]")).toBe(false);
    expect([...authors.values()]).toContain("User");
    const bot = await octokit.graphql<{ repository: { pullRequest: { author: Record<string, unknown> } } }>(
      `query ($n: Int!) { repository(owner: "renovatebot", name: "renovate") { pullRequest(number: $n) { author { __typename login url avatarUrl(size: 40) resourcePath } } } }`,
      { n: renovatePulls.find((p) => p.user.login === "renovate[bot]")!.number },
    );
    expect(bot.repository.pullRequest.author).toMatchObject({
      __typename: "Bot",
      login: "renovate",
      url: "https://github.com/apps/renovate",
      resourcePath: "/apps/renovate",
      avatarUrl: expect.stringContaining("s=40"),
    });
  });

  it("answers rateLimit and the repository's own fields, matching owner and name case-insensitively", async () => {
    const data = await octokit.graphql(`{
      rateLimit { cost limit remaining used nodeCount resetAt }
      repository(owner: "RenovateBot", name: "Renovate") { id nameWithOwner name url isPrivate owner { __typename login } defaultBranchRef { name prefix } }
    }`);
    expect(data).toEqual({
      rateLimit: { cost: 1, limit: 5000, remaining: 4999, used: 1, nodeCount: 0, resetAt: "2024-01-01T01:00:00Z" },
      repository: {
        id: expect.stringMatching(/^R_/),
        nameWithOwner: "renovatebot/renovate",
        name: "renovate",
        url: "https://github.com/renovatebot/renovate",
        isPrivate: false,
        owner: { __typename: "User", login: "renovatebot" },
        defaultBranchRef: { name: "main", prefix: "refs/heads/" },
      },
    });
  });
});

describe("GraphQL repository.pullRequests semantics", () => {
  beforeEach(() => {
    fake.addRepo({ owner: "acme", repo: "widgets" });
  });

  /** Adds a PR created `minutes` after the fake clock's start. */
  const addPull = (minutes: number, input: Parameters<FakeGitHub["addPull"]>[2] = {}) => {
    const at = new Date(Date.parse("2024-01-01T00:00:00Z") + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    return fake.addPull("acme", "widgets", { created_at: at, updated_at: at, ...input });
  };
  const merged = (at: string) => ({ state: "closed" as const, merged_at: at, closed_at: at });

  it("filters by state, base and head branch and labels", async () => {
    addPull(1, { number: 1 }); // open
    addPull(2, { number: 2, state: "closed", closed_at: "2024-01-02T00:00:00Z" }); // closed unmerged
    addPull(3, { number: 3, ...merged("2024-01-03T00:00:00Z"), labels: ["tech-debt"] });
    addPull(4, { number: 4, ...merged("2024-01-04T00:00:00Z"), base: { ref: "release" }, labels: ["Customer-Value"] });
    addPull(5, { number: 5, draft: true, head: { ref: "topic" }, labels: ["other"] });

    expect((await numbers("states: [MERGED], first: 10")).numbers).toEqual([3, 4]);
    expect((await numbers("states: [CLOSED], first: 10")).numbers).toEqual([2]);
    expect((await numbers("states: [OPEN], first: 10")).numbers).toEqual([1, 5]);
    expect((await numbers("states: [OPEN, MERGED], first: 10")).numbers).toEqual([1, 3, 4, 5]);
    expect(await numbers('states: [MERGED], baseRefName: "main", first: 10')).toMatchObject({ totalCount: 1, numbers: [3] });
    expect((await numbers('baseRefName: "release", first: 10')).numbers).toEqual([4]);
    expect((await numbers('headRefName: "topic", first: 10')).numbers).toEqual([5]);
    // Any one of the labels, whatever its case.
    expect((await numbers('labels: ["tech-debt", "customer-value"], first: 10')).numbers).toEqual([3, 4]);

    const states = await octokit.graphql<{ repository: { pullRequests: { nodes: Array<Record<string, unknown>> } } }>(
      `{ repository(owner: "acme", name: "widgets") { pullRequests(first: 5) { nodes { number state merged closed isDraft closedAt body id } } } }`,
    );
    expect(states.repository.pullRequests.nodes.map(({ number, state, merged, closed, isDraft }) => ({ number, state, merged, closed, isDraft }))).toEqual([
      { number: 1, state: "OPEN", merged: false, closed: false, isDraft: false },
      { number: 2, state: "CLOSED", merged: false, closed: true, isDraft: false },
      { number: 3, state: "MERGED", merged: true, closed: true, isDraft: false },
      { number: 4, state: "MERGED", merged: true, closed: true, isDraft: false },
      { number: 5, state: "OPEN", merged: false, closed: false, isDraft: true },
    ]);
    expect(states.repository.pullRequests.nodes[0]).toMatchObject({ body: "", closedAt: null, id: expect.stringMatching(/^PR_/) });
  });

  it("orders by CREATED_AT ASC by default, breaks ties by number and honours orderBy", async () => {
    addPull(5, { number: 1 });
    addPull(1, { number: 2 });
    addPull(1, { number: 3 });
    addPull(3, { number: 4, updated_at: "2025-01-01T00:00:00Z" });
    fake.addComment("acme", "widgets", 1, { body: "a" });
    fake.addComment("acme", "widgets", 1, { body: "b" });
    fake.addComment("acme", "widgets", 3, { body: "c" });

    expect((await numbers("first: 10")).numbers).toEqual([2, 3, 4, 1]);
    expect((await numbers("first: 10, orderBy: { field: CREATED_AT, direction: DESC }")).numbers).toEqual([1, 4, 3, 2]);
    expect((await numbers("first: 10, orderBy: { field: UPDATED_AT, direction: DESC }")).numbers).toEqual([4, 1, 3, 2]);
    expect((await numbers("first: 10, orderBy: { field: COMMENTS, direction: DESC }")).numbers).toEqual([1, 3, 4, 2]);
  });

  it("pages forward and backward with cursors that stay valid as PRs are added", async () => {
    for (let i = 1; i <= 5; i++) addPull(i * 10, { number: i });

    const first = await numbers("first: 2");
    expect(first).toMatchObject({ totalCount: 5, numbers: [1, 2], pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    // A PR created between the pages' positions does not shift the next page.
    addPull(15, { number: 6 });
    const second = await numbers("first: 2, after: $cursor", first.pageInfo.endCursor);
    expect(second).toMatchObject({ totalCount: 6, numbers: [3, 4], pageInfo: { hasNextPage: true, hasPreviousPage: true } });
    const third = await numbers("first: 2, after: $cursor", second.pageInfo.endCursor);
    expect(third).toMatchObject({ numbers: [5], pageInfo: { hasNextPage: false, hasPreviousPage: true } });

    expect(await numbers("last: 2")).toMatchObject({ numbers: [4, 5], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    const back = await numbers("last: 2, before: $cursor", second.pageInfo.startCursor);
    expect(back).toMatchObject({ numbers: [6, 2], pageInfo: { hasNextPage: true, hasPreviousPage: true } });
    expect(await numbers("first: 0")).toMatchObject({ totalCount: 6, numbers: [], pageInfo: { startCursor: null, endCursor: null } });

    const edges = await octokit.graphql<{ repository: { pullRequests: { edges: Array<{ cursor: string; node: { number: number } }> } } }>(
      `{ repository(owner: "acme", name: "widgets") { pullRequests(first: 2) { edges { cursor node { number } } } } }`,
    );
    expect(edges.repository.pullRequests.edges.map((e) => e.node.number)).toEqual([1, 6]);
    expect(edges.repository.pullRequests.edges[0]?.cursor).toBe(first.pageInfo.startCursor);
  });

  it("serves a PR's labels and files as connections", async () => {
    addPull(1, {
      number: 7,
      labels: ["tech-debt", { name: "area/ui", color: "#00ff00", description: "UI" }],
      files: [
        { filename: "src/a.ts", additions: 3, deletions: 1 },
        { filename: "src/b.ts", additions: 5, deletions: 0, status: "added" },
        { filename: "old.ts", additions: 0, deletions: 9, status: "removed" },
      ],
    });
    const query = `query ($labelsAfter: String, $filesAfter: String) { repository(owner: "acme", name: "widgets") { pullRequest(number: 7) {
      additions deletions changedFiles
      labels(first: 1, after: $labelsAfter) { totalCount pageInfo { hasNextPage endCursor } nodes { name color description } }
      files(first: 2, after: $filesAfter) { totalCount pageInfo { hasNextPage endCursor } nodes { path additions deletions changeType } }
    } } }`;
    type Result = {
      repository: {
        pullRequest: {
          additions: number;
          deletions: number;
          changedFiles: number;
          labels: { totalCount: number; pageInfo: PageInfo; nodes: unknown[] };
          files: { totalCount: number; pageInfo: PageInfo; nodes: unknown[] };
        };
      };
    };
    const one = await octokit.graphql<Result>(query, {});
    const pull = one.repository.pullRequest;
    expect(pull).toMatchObject({ additions: 8, deletions: 10, changedFiles: 3 });
    expect(pull.labels).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ name: "tech-debt", color: "ededed", description: null }] });
    expect(pull.files).toMatchObject({
      totalCount: 3,
      pageInfo: { hasNextPage: true },
      nodes: [
        { path: "src/a.ts", additions: 3, deletions: 1, changeType: "MODIFIED" },
        { path: "src/b.ts", additions: 5, deletions: 0, changeType: "ADDED" },
      ],
    });
    const two = await octokit.graphql<Result>(query, { labelsAfter: pull.labels.pageInfo.endCursor, filesAfter: pull.files.pageInfo.endCursor });
    expect(two.repository.pullRequest.labels).toMatchObject({
      pageInfo: { hasNextPage: false },
      nodes: [{ name: "area/ui", color: "00ff00", description: "UI" }],
    });
    expect(two.repository.pullRequest.files).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: [{ path: "old.ts", changeType: "DELETED" }] });

    const byName = await octokit.graphql<{ repository: { pullRequest: { labels: { nodes: Array<{ name: string }> } } } }>(
      `{ repository(owner: "acme", name: "widgets") { pullRequest(number: 7) { labels(first: 5, orderBy: { field: NAME, direction: ASC }) { nodes { name } } } } }`,
    );
    expect(byName.repository.pullRequest.labels.nodes.map((l) => l.name)).toEqual(["area/ui", "tech-debt"]);
  });

  it("refuses pages over 100, connections without first or last, and foreign cursors, as GitHub does", async () => {
    addPull(1, { number: 1 });
    await expect(numbers("first: 101")).rejects.toMatchObject({
      errors: [
        {
          type: "EXCESSIVE_PAGINATION",
          path: ["repository", "pullRequests"],
          message: "Requesting 101 records on the `pullRequests` connection exceeds the `first` limit of 100 records.",
        },
      ],
    });
    await expect(numbers("last: 500")).rejects.toMatchObject({
      errors: [{ type: "EXCESSIVE_PAGINATION", message: expect.stringContaining("the `last` limit of 100 records") }],
    });
    await expect(numbers("states: [MERGED]")).rejects.toMatchObject({
      errors: [
        { type: "MISSING_PAGINATION_BOUNDARIES", message: "You must provide a `first` or `last` value to properly paginate the `pullRequests` connection." },
      ],
    });
    await expect(
      octokit.graphql(`{ repository(owner: "acme", name: "widgets") { pullRequest(number: 1) { files { nodes { path } } } } }`),
    ).rejects.toMatchObject({ errors: [{ type: "MISSING_PAGINATION_BOUNDARIES", path: ["repository", "pullRequest", "files"] }] });
    await expect(numbers("first: 1, after: $cursor", "bm90LWEtY3Vyc29y")).rejects.toMatchObject({
      errors: [{ type: "INVALID_CURSOR_ARGUMENTS", message: "`bm90LWEtY3Vyc29y` does not appear to be a valid cursor." }],
    });
    // Counting alone needs no page size.
    expect(await octokit.graphql(`{ repository(owner: "acme", name: "widgets") { pullRequests(states: OPEN) { totalCount } } }`)).toEqual({
      repository: { pullRequests: { totalCount: 1 } },
    });
  });

  it("answers a missing repository or pull request with GitHub's NOT_FOUND error", async () => {
    const error = await octokit.graphql(`{ repository(owner: "acme", name: "nope") { nameWithOwner } }`).catch((e: unknown) => e);
    expect(error).toMatchObject({
      data: { repository: null },
      errors: [
        {
          type: "NOT_FOUND",
          path: ["repository"],
          locations: [{ line: 1, column: 3 }],
          message: "Could not resolve to a Repository with the name 'acme/nope'.",
        },
      ],
    });
    await expect(octokit.graphql(`{ repository(owner: "acme", name: "widgets") { pullRequest(number: 9) { title } } }`)).rejects.toMatchObject({
      data: { repository: { pullRequest: null } },
      errors: [{ type: "NOT_FOUND", message: "Could not resolve to a PullRequest with the number of 9." }],
    });
  });

  it("still reports a query GitHub's schema refuses, or a root field without data, as a violation", async () => {
    await expect(octokit.graphql(`{ repository(owner: "acme", name: "widgets") { pullRequests(first: 1) { nodes { titel } } } }`)).rejects.toThrow();
    await expect(octokit.graphql(`{ organization(login: "acme") { login } }`)).rejects.toThrow();
    await expect(numbers("first: 1, last: 1")).rejects.toThrow();
    expect(takeViolations()).toEqual([
      expect.stringContaining('Cannot query field "titel" on type "PullRequest"'),
      expect.stringContaining("no fake.graphqlRoot entry for root field(s) organization"),
      expect.stringContaining("Passing both `first` and `last`"),
    ]);
  });

  it("lets a test's graphqlRoot add root fields and override the fake's", async () => {
    addPull(1, { number: 1, title: "from state" });
    fake.graphqlRoot = { organization: { login: "acme" } };
    expect(
      await octokit.graphql(`{ organization(login: "acme") { login } repository(owner: "acme", name: "widgets") { pullRequest(number: 1) { title } } }`),
    ).toEqual({
      organization: { login: "acme" },
      repository: { pullRequest: { title: "from state" } },
    });
    fake.graphqlRoot = { repository: () => ({ nameWithOwner: "test/supplied" }) };
    expect(await octokit.graphql(`{ repository(owner: "acme", name: "widgets") { nameWithOwner } }`)).toEqual({
      repository: { nameWithOwner: "test/supplied" },
    });
  });
});
