// End-to-end tests of `value-pr report` (PRODUCT.md §3, §7, §8): the CLI runs in-process against
// the fake GitHub, which checks every REST request against GitHub's OpenAPI description and every
// GraphQL query against GitHub's schema. The expectations are computed here, independently of
// value-pr's code, from the real renovatebot/renovate history and from small hand-made PRs.
import { FOLLOW_UP_LOOKBACK_DAYS } from "../../src/core/follow-up.ts";
import { createServer, type AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type CliRun as Run, runCliCaptured } from "../support/cli.ts";
import { createFakeGitHub, seedMergedPulls, type FakeGitHub, type FakeGitHubOptions, type SeedPull } from "../fake-github/index.ts";
import { loadRenovatePulls } from "../support/renovate-data.ts";

// @octokit/plugin-throttling spaces GraphQL queries (POSTs) at least a second apart, so a report
// of the 689 PRs takes 7 s of waiting. The tests turn it off, as test/support/app-harness.ts does
// for the App, except where `plugins.throttle` says otherwise: the CLI's client as shipped.
// `plugins.retryAfterBaseValue` = 0 makes @octokit/plugin-retry retry at once instead of after
// 1 + 4 + 9 s; unset, it waits as shipped.
const plugins = vi.hoisted(() => ({ throttle: false, retryAfterBaseValue: undefined as number | undefined }));
vi.mock("@octokit/plugin-throttling", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@octokit/plugin-throttling")>();
  type Options = Parameters<typeof actual.throttling>[1];
  return {
    ...actual,
    throttling: (octokit: Parameters<typeof actual.throttling>[0], options: Options) =>
      actual.throttling(octokit, { ...options, throttle: { ...options.throttle, enabled: plugins.throttle } } as Options),
  };
});
vi.mock("@octokit/plugin-retry", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@octokit/plugin-retry")>();
  type Options = Parameters<typeof actual.retry>[1];
  return {
    ...actual,
    retry: (octokit: Parameters<typeof actual.retry>[0], options: Options) =>
      actual.retry(octokit, {
        ...options,
        retry: { ...options.retry, ...(plugins.retryAfterBaseValue !== undefined && { retryAfterBaseValue: plugins.retryAfterBaseValue }) },
      } as Options),
  };
});
afterEach(() => {
  plugins.throttle = false;
  plugins.retryAfterBaseValue = undefined;
});

const DAY_MS = 86_400_000;
const TOKEN = "ghp_reportTestToken0123456789abcdefABCDEF";
const RENOVATE = "renovatebot/renovate";
const WIDGETS = "acme/widgets";
/** After the last PR of the data (2026-08-21), inside the sprint 2026-08-10 – 2026-08-23. */
const NOW = new Date("2026-08-22T12:00:00Z");
/** The §8 keys of `report --json`, in the contract's order. */
const CONTRACT_KEYS = ["repo", "period", "budget", "totals", "hypothesisCoverage", "trend", "outcomes", "pulls"];

const GOOD_BODY = `Routes tickets by plan.

## Outcome hypothesis
**Customer:** support agents
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %
**Counter-signal:** median handling time rises by more than 10 %
`;

const renovatePulls = loadRenovatePulls();

interface RunOptions {
  env?: Record<string, string | undefined>;
  files?: Record<string, string>;
  now?: Date;
  /** The subcommand (default `report`). */
  command?: string;
}

function cli(argv: string[], options: RunOptions = {}): Promise<Run> {
  return runCliCaptured([options.command ?? "report", ...argv], {
    now: options.now ?? NOW,
    env: options.env ?? { GITHUB_TOKEN: TOKEN },
    ...(options.files && { files: options.files }),
  });
}

/** A fresh fake per test: only one may listen at a time. */
function useFake(options?: FakeGitHubOptions): () => FakeGitHub {
  let fake: FakeGitHub | undefined;
  beforeEach(() => {
    fake = createFakeGitHub(options);
    fake.listen();
  });
  afterEach(() => {
    fake?.close();
    expect(fake?.violations).toEqual([]);
  });
  return () => {
    if (fake === undefined) throw new Error("no fake GitHub outside a test");
    return fake;
  };
}

let nextNumber = 1;

/** A hand-made merged PR into `main`. */
function handPull(mergedAt: string, overrides: Partial<SeedPull> = {}): SeedPull {
  const files = overrides.files ?? [{ filename: "src/router.ts", additions: 20, deletions: 4 }];
  return {
    number: nextNumber++,
    title: "Route tickets by plan",
    body: GOOD_BODY,
    draft: false,
    user: { login: "alice", type: "User" },
    head: { ref: "feature/routing" },
    base: { ref: "main" },
    merged_at: mergedAt,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changed_files: files.length,
    files,
    ...overrides,
  };
}

/** Three customer-value PRs and one dependency bump in the sprint 2026-08-10 – 2026-08-23, one in the sprint before. */
function seedWidgets(fake: FakeGitHub): void {
  seedMergedPulls(fake, "acme", "widgets", [
    handPull("2026-08-11T09:00:00Z"),
    handPull("2026-08-12T09:00:00Z", { title: "Show the plan on tickets" }),
    handPull("2026-08-13T09:00:00Z", { title: "Escalate enterprise tickets" }),
    handPull("2026-08-14T09:00:00Z", {
      title: "chore(deps): update dependency vitest to v4.1.0",
      body: "This PR contains the following updates: vitest",
      user: { login: "renovate[bot]", type: "Bot" },
      head: { ref: "renovate/vitest-4.x" },
      files: [{ filename: "package.json", additions: 1, deletions: 1 }],
    }),
    handPull("2026-08-03T09:00:00Z", { title: "Assign tickets round-robin" }),
  ]);
}

const inWindow = (mergedAt: string | null, from: string, until: string) =>
  mergedAt !== null && Date.parse(mergedAt) >= Date.parse(from) && Date.parse(mergedAt) < Date.parse(until);

/** The data's PR numbers merged in [from, until), counted here without value-pr's code. */
function dataNumbersMerged(from: string, until: string): number[] {
  return renovatePulls
    .filter((pull) => inWindow(pull.merged_at, from, until))
    .map((pull) => pull.number)
    .sort((a, b) => a - b);
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `count` 14-day windows ending with the one starting on `lastStart`, oldest first. */
function sprintWindows(lastStart: string, count: number): Array<{ start: string; end: string; from: string; until: string }> {
  const last = Date.parse(`${lastStart}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) => {
    const from = last - (count - 1 - index) * 14 * DAY_MS;
    const until = from + 14 * DAY_MS;
    return { start: isoDay(from), end: isoDay(until - DAY_MS), from: new Date(from).toISOString(), until: new Date(until).toISOString() };
  });
}

interface JsonPull {
  number: number;
  title: string;
  author: string;
  mergedAt: string;
  category: string;
  source: string;
  weight: number;
}

interface JsonReport {
  repo: string;
  period: { start: string; end: string };
  budget: { target: number; tolerance: number; weight: string; debtShare: number | null; status: string | null };
  totals: { merged: number; customerValue: number; techDebt: number; both: number; unclassified: number; inferred: number };
  hypothesisCoverage: number | null;
  trend: Array<{ start: string; end: string; merged: number; debtShare: number | null }>;
  pulls: JsonPull[];
}

const progressLines = (stderr: string) => stderr.split("\n").filter((line) => /^value-pr: page \d+: /.test(line));
const graphqlCount = (fake: FakeGitHub) => fake.requestsFor("graphql").length;

describe("value-pr report on renovatebot/renovate's real history", () => {
  const fake = useFake();
  beforeEach(() => {
    seedMergedPulls(fake(), "renovatebot", "renovate", renovatePulls);
  });

  it("--json prints the §8 report of the sprint containing the day, counted exactly", async () => {
    const run = await cli(["--repo", RENOVATE, "--period", "2026-08-10", "--json"]);
    expect(run.stderr).not.toMatch(/error|warn/i);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonReport;
    expect(Object.keys(json).slice(0, CONTRACT_KEYS.length)).toEqual(CONTRACT_KEYS);
    expect(json.repo).toBe(RENOVATE);
    // Default sprints: 14 days from Monday 2024-01-01, in UTC; the end is inclusive.
    expect(json.period).toEqual({ start: "2026-08-10", end: "2026-08-23" });

    const expected = dataNumbersMerged("2026-08-10T00:00:00Z", "2026-08-24T00:00:00Z");
    expect(expected.length).toBeGreaterThan(50);
    expect(json.totals.merged).toBe(expected.length);
    expect(json.pulls.map((pull) => pull.number).sort((a, b) => a - b)).toEqual(expected);
    for (const pull of json.pulls) expect(inWindow(pull.mergedAt, "2026-08-10T00:00:00Z", "2026-08-24T00:00:00Z")).toBe(true);

    const { customerValue, techDebt, both, unclassified } = json.totals;
    expect(customerValue + techDebt + both + unclassified).toBe(json.totals.merged);
    const countOf = (category: string) => json.pulls.filter((pull) => pull.category === category).length;
    expect([countOf("customer-value"), countOf("tech-debt"), countOf("both"), countOf("unclassified")]).toEqual([customerValue, techDebt, both, unclassified]);
    // The data has no labels: every category is inferred.
    expect(new Set(json.pulls.map((pull) => pull.source))).toEqual(new Set(["inferred"]));
    expect(json.totals.inferred).toBe(json.totals.merged - unclassified);

    const bots = json.pulls.filter((pull) => pull.author === "renovate[bot]");
    const dataBots = renovatePulls.filter((pull) => pull.user.login === "renovate[bot]" && expected.includes(pull.number));
    expect(bots.map((pull) => pull.number).sort((a, b) => a - b)).toEqual(dataBots.map((pull) => pull.number).sort((a, b) => a - b));
    expect(bots.length).toBeGreaterThan(0);
    for (const bot of bots) expect(bot.category).toBe("tech-debt");
    // Weight `pulls` (the default): each PR counts 1.
    expect(json.budget.weight).toBe("pulls");
    expect(json.pulls.every((pull) => pull.weight === 1)).toBe(true);
    const classified = customerValue + techDebt + both;
    expect(json.budget.debtShare).toBe(Math.round((1000 * (techDebt + both / 2)) / classified) / 10);

    const windows = sprintWindows("2026-08-10", 6);
    expect(json.trend.map(({ start, end }) => ({ start, end }))).toEqual(windows.map(({ start, end }) => ({ start, end })));
    expect(json.trend.map((point) => point.merged)).toEqual(windows.map((window) => dataNumbersMerged(window.from, window.until).length));
    expect(json.trend.at(-1)?.debtShare).toBe(json.budget.debtShare);
    // The trend reaches back before the data starts (2026-06-27): its first sprint is empty.
    expect(json.trend[0]).toMatchObject({ start: "2026-06-01", merged: 0, debtShare: null });
  });

  it("pages the merged PRs by updatedAt: one query for the default branch, then at most ⌈N/100⌉ + 1 pages, one progress line each", async () => {
    const run = await cli(["--repo", RENOVATE, "--period", "2026-08-10", "--json"]);
    expect(run.code).toBe(0);
    const trendStart = Date.parse("2026-06-01T00:00:00Z");
    const updatedSince = [...fake().repo("renovatebot", "renovate").pulls.values()].filter((pull) => Date.parse(pull.updated_at) >= trendStart).length;
    expect(updatedSince).toBe(689);
    const pages = graphqlCount(fake()) - 1;
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(updatedSince / 100));
    expect(pages).toBeLessThanOrEqual(Math.ceil(updatedSince / 100) + 1);
    // Besides GraphQL, only the configuration is read (the repository's own file, then the owner's
    // `.github`), and the owner's `.github` issues once, for a link to the organisation's report.
    const rest = fake().requests.filter((request) => request.operationId !== "graphql");
    expect(rest.map((request) => request.operationId)).toEqual(["repos/get-content", "repos/get-content", "issues/list-for-repo"]);
    expect(rest.at(-1)?.path).toBe("/repos/renovatebot/.github/issues");
    expect(fake().countWrites()).toBe(0);
    const lines = progressLines(run.stderr);
    expect(lines).toHaveLength(pages);
    expect(lines.map((line) => Number(/page (\d+):/.exec(line)?.[1]))).toEqual(Array.from({ length: pages }, (_, index) => index + 1));
  });

  it("stops paging at the first PR updated before the trend's window (and the reviews' look-back)", async () => {
    // The sprint 2027-01-11 – 2027-01-24: its trend starts 2026-11-02, and the read reaches back
    // FOLLOW_UP_LOOKBACK_DAYS more, for the reviews due in it: to 2026-08-04, inside the data.
    const run = await cli(["--repo", RENOVATE, "--period", "2027-01-12", "--json"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonReport;
    expect(json.period).toEqual({ start: "2027-01-11", end: "2027-01-24" });
    expect(json.totals.merged).toBe(0);
    expect(json.pulls).toEqual([]);
    expect(json.budget.debtShare).toBeNull();
    const windows = sprintWindows("2027-01-11", 6);
    expect(windows[0]?.start).toBe("2026-11-02");
    expect(json.trend.map((point) => point.merged)).toEqual(windows.map((window) => dataNumbersMerged(window.from, window.until).length));

    const readFrom = Date.parse("2026-11-02T00:00:00Z") - FOLLOW_UP_LOOKBACK_DAYS * 86_400_000;
    const updatedSince = [...fake().repo("renovatebot", "renovate").pulls.values()].filter((pull) => Date.parse(pull.updated_at) >= readFrom).length;
    expect(updatedSince).toBeGreaterThan(0);
    expect(updatedSince).toBeLessThan(500);
    const pages = graphqlCount(fake()) - 1;
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(updatedSince / 100));
    expect(pages).toBeLessThanOrEqual(Math.ceil(updatedSince / 100) + 1);
    expect(progressLines(run.stderr)).toHaveLength(pages);
  });

  it("prints Markdown by default, opening with the period's marker and charting the trend", async () => {
    const run = await cli(["--repo", RENOVATE, "--period", "2026-08-10"]);
    expect(run.code).toBe(0);
    const merged = dataNumbersMerged("2026-08-10T00:00:00Z", "2026-08-24T00:00:00Z").length;
    expect(run.stdout).toMatch(
      new RegExp(`^<!-- value-pr:report start=2026-08-10 end=2026-08-23 share=\\S+ status=\\S+ merged=${merged} complete=false -->\\n`),
    );
    expect(run.stdout).toContain("```mermaid\n");
    expect(run.stdout).not.toMatch(/^\s*\{/);
    const explicit = await cli(["--repo", RENOVATE, "--period", "2026-08-10", "--markdown"]);
    expect(explicit).toEqual({ ...run, stderr: explicit.stderr });
  });
});

describe("value-pr report: periods, options and GitHub's refusals", () => {
  const fake = useFake();
  beforeEach(() => seedWidgets(fake()));

  const periodOf = async (argv: string[], now: Date) => {
    const run = await cli(["--repo", WIDGETS, "--json", ...argv], { now });
    expect(run.code).toBe(0);
    return (JSON.parse(run.stdout) as JsonReport).period;
  };

  it("resolves current (the default) and previous relative to the clock", async () => {
    expect(await periodOf([], NOW)).toEqual({ start: "2026-08-10", end: "2026-08-23" });
    expect(await periodOf(["--period", "current"], NOW)).toEqual({ start: "2026-08-10", end: "2026-08-23" });
    expect(await periodOf(["--period", "previous"], NOW)).toEqual({ start: "2026-07-27", end: "2026-08-09" });
    // The last second of a sprint still belongs to it; the next one starts a new sprint.
    expect(await periodOf(["--period", "current"], new Date("2026-08-09T23:59:59Z"))).toEqual({ start: "2026-07-27", end: "2026-08-09" });
    expect(await periodOf(["--period", "current"], new Date("2026-08-10T00:00:00Z"))).toEqual({ start: "2026-08-10", end: "2026-08-23" });
    expect(await periodOf(["--period", "previous"], new Date("2026-08-10T00:00:00Z"))).toEqual({ start: "2026-07-27", end: "2026-08-09" });
  });

  it("counts the hand-made PRs of the period and marks a running period incomplete", async () => {
    const run = await cli(["--repo", WIDGETS, "--json"]);
    const json = JSON.parse(run.stdout) as JsonReport & { complete: boolean };
    expect(json.totals).toMatchObject({ merged: 4, customerValue: 3, techDebt: 1, both: 0, unclassified: 0 });
    expect(json.budget.debtShare).toBe(25);
    // 25 % is beyond 15 % + 5 points.
    expect(json.budget.status).toBe("over");
    expect(json.hypothesisCoverage).toBe(100);
    expect(json.complete).toBe(false);
    expect(json.trend.map((point) => point.merged)).toEqual([0, 0, 0, 0, 1, 4]);
    const done = JSON.parse((await cli(["--repo", WIDGETS, "--json"], { now: new Date("2026-08-24T00:00:00Z") })).stdout) as {
      complete: boolean;
      period: unknown;
    };
    // At the first instant of the next sprint, "current" is that sprint: the one before is complete.
    expect(done.period).toEqual({ start: "2026-08-24", end: "2026-09-06" });
    const previous = JSON.parse((await cli(["--repo", WIDGETS, "--json", "--period", "previous"], { now: new Date("2026-08-24T00:00:00Z") })).stdout) as {
      complete: boolean;
    };
    expect(previous.complete).toBe(true);
  });

  it("rejects usage errors with exit 2 before asking GitHub anything", async () => {
    const cases: Array<[string[], RunOptions, RegExp]> = [
      [["--repo", WIDGETS, "--period", "2026-13-01"], {}, /--period expects current, previous or a day YYYY-MM-DD, got "2026-13-01"/],
      [["--repo", WIDGETS, "--period", "2026-02-30"], {}, /--period expects/],
      [["--repo", WIDGETS, "--period", "last"], {}, /--period expects/],
      [[], {}, /give the repository with --repo OWNER\/NAME/],
      [["--repo", "x"], {}, /--repo expects OWNER\/NAME, got "x"/],
      [["--repo", "acme/widgets/extra"], {}, /--repo expects OWNER\/NAME/],
      [["--repo", WIDGETS], { env: {} }, /GITHUB_TOKEN/],
      [["--repo", WIDGETS], { env: { GITHUB_TOKEN: "" } }, /GITHUB_TOKEN/],
      [["--repo", WIDGETS, "--json", "--markdown"], {}, /--json or --markdown, not both/],
      [["--repo", WIDGETS, "--frobnicate"], {}, /frobnicate/],
      [["--repo", WIDGETS, "extra"], {}, /extra/],
      [
        ["--repo", WIDGETS, "--api-url", "ghe.example.com"],
        {},
        /--api-url expects the API's URL, such as https:\/\/github.example.com\/api\/v3, got "ghe.example.com"/,
      ],
      [["--repo", WIDGETS], { env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: "ftp://ghe.example.com" } }, /GITHUB_API_URL expects the API's URL/],
    ];
    for (const [argv, options, message] of cases) {
      const run = await cli(argv, options);
      expect({ argv, code: run.code, stdout: run.stdout }).toEqual({ argv, code: 2, stdout: "" });
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain('Run "value-pr --help" for usage.');
    }
    expect(fake().requests).toEqual([]);
  });

  it("prints no terminal control characters from PR titles, in Markdown or JSON", async () => {
    const title = "Fix \u001b[2J\u001b]0;pwned\u0007 the plan title \u009b31m";
    seedMergedPulls(fake(), "acme", "widgets", [handPull("2026-08-16T10:00:00Z", { number: 600, title })]);
    const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
    const markdown = await cli(["--repo", WIDGETS]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain("the plan title");
    expect(markdown.stdout).not.toMatch(control);
    const json = await cli(["--repo", WIDGETS, "--json"]);
    expect(json.stdout).not.toMatch(control);
    // JSON escapes them, so a program reading it gets the title as GitHub has it.
    expect((JSON.parse(json.stdout) as JsonReport).pulls.find((pull) => pull.number === 600)?.title).toBe(title);
  });

  it("asks again for smaller pages when GitHub gives up on a big one (502)", async () => {
    plugins.retryAfterBaseValue = 0;
    // With the branch configured, the first query is a page (no default-branch lookup).
    fake().failNext("graphql", { status: 502, body: { message: "Server Error" }, times: 4 });
    // Four timeouts in a row: 100 → 50 → 25 → 12, then 10 (the smallest) answers.
    const run = await cli(["--repo", WIDGETS, "--json", "--config", "branch.yml"], { files: { "branch.yml": "budget:\n  branch: main\n" } });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonReport).totals.merged).toBe(4);
    const queries = fake().requestsFor("graphql");
    // Each timeout halves the page at once: asking again for the page that just timed out
    // (Octokit's retry plugin, 1 + 4 + 9 s as shipped) would only time out again.
    expect(queries.map((query) => [query.status, (query.body as { variables: { first: number } }).variables.first])).toEqual([
      [502, 100],
      [502, 50],
      [502, 25],
      [502, 12],
      [200, 10],
    ]);
  });

  it("--help prints the report options with exit 0", async () => {
    const run = await cli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--repo OWNER/NAME");
    expect(run.stdout).toContain("--post");
    expect(fake().requests).toEqual([]);
  });

  it("--token overrides GITHUB_TOKEN, and no token is ever printed", async () => {
    const envToken = "ghp_fromTheEnvironment0000000000000000000";
    const run = await cli(["--repo", WIDGETS, "--json", "--token", TOKEN], { env: { GITHUB_TOKEN: envToken } });
    expect(run.code).toBe(0);
    expect(fake().requests.length).toBeGreaterThan(0);
    for (const request of fake().requests) expect(request.authorization).toBe(`token ${TOKEN}`);
    for (const text of [run.stdout, run.stderr]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(envToken);
    }
  });

  it("exits 1 when GitHub rejects the token (401), without printing it", async () => {
    fake().failNext("graphql", { status: 401, body: { message: "Bad credentials", documentation_url: "https://docs.github.com/graphql" } });
    const run = await cli(["--repo", WIDGETS, "--json"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("rejected the token");
    expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
    // Not retried: a 401 will not get better by asking again.
    expect(graphqlCount(fake())).toBe(1);

    // The same when the configuration read is the first request refused.
    fake().failNext("repos/get-content", { status: 401, body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" } });
    const rest = await cli(["--repo", WIDGETS, "--json"]);
    expect(rest.code).toBe(1);
    expect(rest.stderr).toContain("rejected the token");
    expect(`${rest.stdout}${rest.stderr}`).not.toContain(TOKEN);
    expect(graphqlCount(fake())).toBe(1);
  });

  it("exits 1 when the repository does not exist or the token cannot see it", async () => {
    const run = await cli(["--repo", "acme/nonexistent", "--json"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/acme\/nonexistent not found/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
    expect(fake().countWrites()).toBe(0);
  });

  it("exits 1 with the reason when GitHub refuses access (403)", async () => {
    fake().failNext("graphql", {
      status: 403,
      body: { message: "Resource not accessible by personal access token", documentation_url: "https://docs.github.com/graphql" },
    });
    const run = await cli(["--repo", WIDGETS, "--json"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/refused access to acme\/widgets \(403\)/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
  });
});

describe("value-pr report: configuration", () => {
  const fake = useFake();
  beforeEach(() => seedWidgets(fake()));

  it("an invalid repository config (read through the API) is exit 2 naming the setting, before any PR is fetched", async () => {
    fake().repo("acme", "widgets").files.set(".github/value-pr.yml", "budget:\n  weight: hours\n");
    const run = await cli(["--repo", WIDGETS, "--json"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("budget.weight");
    expect(graphqlCount(fake())).toBe(0);
    expect(fake().requestsFor("repos/get-content").length).toBeGreaterThan(0);
  });

  it("the repository's config is used: its weight and trend length show in the report", async () => {
    fake().repo("acme", "widgets").files.set(".github/value-pr.yml", "budget:\n  target: 30\nreport:\n  trend: 3\n");
    const run = await cli(["--repo", WIDGETS, "--json"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonReport;
    expect(json.budget).toMatchObject({ target: 30, debtShare: 25, status: "on-budget" });
    // With the defaults the same PRs are over budget.
    expect(
      (JSON.parse((await cli(["--repo", WIDGETS, "--json", "--config", "empty.yml"], { files: { "empty.yml": "" } })).stdout) as JsonReport).budget.status,
    ).toBe("over");
    expect(json.trend.map((point) => point.start)).toEqual(["2026-07-13", "2026-07-27", "2026-08-10"]);
  });

  it("--config FILE replaces the repository's config, which is then not read", async () => {
    fake().repo("acme", "widgets").files.set(".github/value-pr.yml", "budget:\n  weight: hours\n");
    const run = await cli(["--repo", WIDGETS, "--json", "--config", "ci/value-pr.yml"], { files: { "ci/value-pr.yml": "budget:\n  target: 40\n" } });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonReport).budget).toMatchObject({ target: 40, status: "under" });
    expect(fake().requestsFor("repos/get-content")).toEqual([]);

    const missing = await cli(["--repo", WIDGETS, "--json", "--config", "missing.yml"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("config file not found: missing.yml");

    const invalid = await cli(["--repo", WIDGETS, "--json", "--config", "bad.yml"], { files: { "bad.yml": "budget:\n  target: 150\n" } });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("budget.target");
    expect(fake().requestsFor("repos/get-content")).toEqual([]);
  });

  it("weight lines counts additions + deletions, leaving lockfiles out", async () => {
    seedMergedPulls(fake(), "acme", "widgets", [
      handPull("2026-08-15T10:00:00Z", {
        number: 500,
        title: "Bill enterprise plans yearly",
        files: [
          { filename: "src/billing.ts", additions: 40, deletions: 12 },
          { filename: "src/billing.test.ts", additions: 25, deletions: 0 },
          { filename: "package-lock.json", additions: 900, deletions: 350 },
          { filename: "web/package-lock.json", additions: 10, deletions: 10 },
        ],
      }),
    ]);
    const run = await cli(["--repo", WIDGETS, "--json", "--config", "lines.yml"], { files: { "lines.yml": "budget:\n  weight: lines\n" } });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonReport & { weights: Record<string, number> };
    expect(json.budget.weight).toBe("lines");
    const billing = json.pulls.find((pull) => pull.number === 500);
    expect(billing?.weight).toBe(40 + 12 + 25 + 0);
    // The hand-made PRs without lockfiles weigh all their lines.
    for (const pull of json.pulls.filter((p) => p.number !== 500)) {
      const seeded = fake().repo("acme", "widgets").pulls.get(pull.number);
      expect(pull.weight).toBe((seeded?.additions ?? -1) + (seeded?.deletions ?? -1));
    }
    const techDebt = json.pulls.filter((pull) => pull.category === "tech-debt").reduce((sum, pull) => sum + pull.weight, 0);
    const value = json.pulls.filter((pull) => pull.category === "customer-value").reduce((sum, pull) => sum + pull.weight, 0);
    expect(json.weights).toMatchObject({ techDebt, customerValue: value });
    expect(json.budget.debtShare).toBe(Math.round((1000 * techDebt) / (techDebt + value)) / 10);
  });
});

describe("value-pr report --post", () => {
  const fake = useFake();
  beforeEach(() => seedMergedPulls(fake(), "renovatebot", "renovate", renovatePulls));

  const reportIssues = () => [...fake().repo("renovatebot", "renovate").issues.values()];

  it("creates the period's issue once, leaves it alone when nothing changed, and updates it in place", async () => {
    const first = await cli(["--repo", RENOVATE, "--period", "2026-08-10", "--post"]);
    expect(first.code).toBe(0);
    expect(reportIssues()).toHaveLength(1);
    const [issue] = reportIssues();
    expect(issue?.title).toContain("2026-08-10");
    expect(issue?.title).toContain("2026-08-23");
    expect(issue?.labels.map((label) => label.name)).toEqual(["value-pr-report"]);
    expect(issue?.state).toBe("open");
    // The issue carries exactly what was printed.
    expect(`${issue?.body}\n`).toBe(first.stdout);
    expect(issue?.body).toMatch(/^<!-- value-pr:report start=2026-08-10 end=2026-08-23 /);
    expect(first.stderr).toContain(`report issue #${issue?.number} created`);
    expect(first.stderr).not.toContain(TOKEN);
    expect(fake().requestsFor("issues/create")).toHaveLength(1);

    const writes = fake().countWrites();
    const again = await cli(["--repo", RENOVATE, "--period", "2026-08-10", "--post"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`report issue #${issue?.number} unchanged`);
    expect(fake().countWrites()).toBe(writes);

    const merged = dataNumbersMerged("2026-08-10T00:00:00Z", "2026-08-24T00:00:00Z").length;
    seedMergedPulls(fake(), "renovatebot", "renovate", [handPull("2026-08-21T18:00:00Z", { number: 99_001, title: "Explain config migration in the docs" })]);
    const later = await cli(["--repo", RENOVATE, "--period", "2026-08-10", "--post"]);
    expect(later.code).toBe(0);
    expect(later.stderr).toContain(`report issue #${issue?.number} updated`);
    expect(reportIssues()).toHaveLength(1);
    expect(fake().requestsFor("issues/create")).toHaveLength(1);
    expect(fake().requestsFor("issues/update")).toHaveLength(1);
    const [updated] = reportIssues();
    expect(updated?.number).toBe(issue?.number);
    expect(updated?.body).toMatch(new RegExp(`^<!-- value-pr:report start=2026-08-10 end=2026-08-23 \\S+ \\S+ merged=${merged + 1} `));
    expect(updated?.body).toContain("99001");
  });

  it("a different period gets its own issue", async () => {
    expect((await cli(["--repo", RENOVATE, "--period", "2026-08-10", "--post", "--json"])).code).toBe(0);
    const previous = await cli(["--repo", RENOVATE, "--period", "2026-07-27", "--post", "--json"]);
    expect(previous.code).toBe(0);
    // --json prints JSON, and the issue still gets the Markdown.
    expect((JSON.parse(previous.stdout) as JsonReport).period).toEqual({ start: "2026-07-27", end: "2026-08-09" });
    expect(previous.stderr).toMatch(/report issue #\d+ created/);
    const issues = reportIssues();
    expect(issues).toHaveLength(2);
    expect(issues.map((issue) => issue.body?.slice(0, 60))).toEqual([
      expect.stringMatching(/^<!-- value-pr:report start=2026-08-10 end=2026-08-23 /),
      expect.stringMatching(/^<!-- value-pr:report start=2026-07-27 end=2026-08-09 /),
    ]);
  });
});

describe("value-pr report when GitHub cannot be reached", () => {
  it("exits 1 saying so, rather than that GitHub answered", async () => {
    plugins.retryAfterBaseValue = 0;
    // A port nothing listens on: the connection is refused (no fake GitHub in this test).
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    const run = await cli(["--repo", WIDGETS, "--json", "--api-url", `http://127.0.0.1:${port}/api/v3`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^value-pr: cannot reach GitHub: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}$`, "m"));
    expect(run.stderr).not.toContain("GitHub answered");
    expect(run.stderr).not.toContain(TOKEN);
  });
});

describe("value-pr report on GitHub Enterprise Server", () => {
  const GHE = "https://ghe.example.com/api/v3";
  const fake = useFake({ baseUrl: GHE });
  beforeEach(() => seedWidgets(fake()));

  const expectServedByGhe = (run: Run, graphqlBefore = 0) => {
    expect(run.stderr).not.toMatch(/error|not found|refused/i);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonReport).totals.merged).toBe(4);
    // GraphQL at /api/graphql: a query sent to /api/v3/graphql (or to api.github.com) would match
    // no operation and land in the fake's violations, which afterEach checks are empty.
    expect(graphqlCount(fake()) - graphqlBefore).toBe(2);
    expect(fake().requests.every((request) => request.operationId !== undefined)).toBe(true);
  };

  it("--api-url sends REST to /api/v3 and GraphQL to /api/graphql (with the client's throttling as shipped)", async () => {
    plugins.throttle = true;
    expectServedByGhe(await cli(["--repo", WIDGETS, "--json", "--api-url", GHE]));
  });

  it("GITHUB_API_URL does the same, and --api-url wins over it", async () => {
    expectServedByGhe(await cli(["--repo", WIDGETS, "--json"], { env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: GHE } }));
    expectServedByGhe(
      await cli(["--repo", WIDGETS, "--json", "--api-url", `${GHE}/`], { env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: "https://wrong.example.com/api/v3" } }),
      2,
    );
  });
});

describe("value-pr outcomes", () => {
  const fake = useFake();

  it("lists the reviews that fell due, overdue first, and the answered ones; --json the same as data", async () => {
    const reviewed = (mergedAt: string, review: string, overrides: Partial<SeedPull> = {}) =>
      handPull(mergedAt, { body: `${GOOD_BODY}**Review:** ${review}\n`, ...overrides });
    const answered = reviewed("2026-07-10T09:00:00Z", "2026-08-15", { title: "Answered", labels: ["outcome: validated"] });
    const due = reviewed("2026-07-15T09:00:00Z", "2026-08-20", { title: "Due" });
    const overdue = reviewed("2026-06-01T09:00:00Z", "in 30 days", { title: "Overdue" });
    const waiting = reviewed("2026-08-01T09:00:00Z", "in 60 days", { title: "Waiting" });
    seedMergedPulls(fake(), "acme", "widgets", [answered, due, overdue, waiting]);

    const text = await cli(["--repo", WIDGETS], { command: "outcomes" });
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      [
        "Overdue (1)",
        `  #${overdue.number} Overdue (due 2026-07-01, overdue)`,
        "Due (1)",
        `  #${due.number} Due (due 2026-08-20, due)`,
        "Answered (1)",
        `  #${answered.number} Answered (due 2026-08-15, validated)`,
        "",
      ].join("\n"),
    );

    const json = JSON.parse((await cli(["--repo", WIDGETS, "--json"], { command: "outcomes" })).stdout) as {
      repo: string;
      reviews: Array<{ number: number; stage: string; answer: string | null }>;
    };
    expect(json.repo).toBe(WIDGETS);
    expect(json.reviews.map(({ number, stage, answer }) => [number, stage, answer])).toEqual([
      [overdue.number, "overdue", null],
      [answered.number, "due", "validated"],
      [due.number, "due", null],
    ]);
    // It reads; it never writes.
    expect(fake().countWrites()).toBe(0);
  });
});
