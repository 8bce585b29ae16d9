// End-to-end tests of the organisation's report (PRODUCT.md §3b) through `value-pr report --org`:
// the CLI runs in-process against the fake GitHub, which checks every REST request against
// GitHub's OpenAPI description and every GraphQL query against its schema. The shares expected
// here are worked out by hand from the PRs seeded below, not by value-pr's code.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeGitHub, type FakeGitHub, seedMergedPulls } from "../fake-github/index.ts";
import { type CliRun, runCliCaptured } from "../support/cli.ts";
import { labelled, NOW, ORG, orgPull, seedOrganisation } from "../support/org-data.ts";

const TOKEN = "ghp_orgReportTestToken0123456789abcdefABCD";
/** PRODUCT.md §3b's keys of `report --org --json`, in the contract's order. */
const CONTRACT_KEYS = ["org", "period", "budget", "totals", "repos", "trend"];

function cli(argv: string[]): Promise<CliRun> {
  // GraphQL pages are a second apart as shipped; these tests need no pacing.
  return runCliCaptured(["report", ...argv], { now: NOW, env: { GITHUB_TOKEN: TOKEN, VALUE_PR_THROTTLE: "off" } });
}

interface OrgJson {
  org: string;
  period: { start: string; end: string };
  budget: { target: number; tolerance: number; weight: string; debtShare: number | null; status: string | null };
  totals: { merged: number; customerValue: number; techDebt: number; both: number; unclassified: number; repos: number; quiet: number };
  repos: Array<{ repo: string; merged: number; debtShare: number | null; status: string | null; hypothesisCoverage: number | null }>;
  trend: Array<{ start: string; end: string; merged: number; debtShare: number | null }>;
  quiet: string[];
  skipped: Array<{ repo: string; reason: string }>;
}

describe("value-pr report --org", () => {
  let fake: FakeGitHub;
  beforeEach(() => {
    fake = createFakeGitHub();
    fake.listen();
  });
  afterEach(() => {
    fake.close();
    expect(fake.violations).toEqual([]);
  });

  it("pools every repository's PRs, each classified by its own configuration, under the organisation's weight `pulls`", async () => {
    seedOrganisation(fake, "budget:\n  target: 20\n  weight: pulls\n");
    const run = await cli(["--org", ORG, "--json"]);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as OrgJson;
    expect(Object.keys(report).slice(0, CONTRACT_KEYS.length)).toEqual(CONTRACT_KEYS);
    expect(report.org).toBe(ORG);
    expect(report.period).toEqual({ start: "2026-08-10", end: "2026-08-23" });
    expect(report.budget).toEqual({ target: 20, tolerance: 5, weight: "pulls", debtShare: 43.8, status: "over" });
    expect(report.totals).toMatchObject({ merged: 9, customerValue: 4, techDebt: 3, both: 1, unclassified: 1, repos: 2, quiet: 3 });
    // api: |2 − 0.2·4| = 1.2 PRs of debt off the target; web: |1.5 − 0.2·4| = 0.7.
    expect(report.repos.map(({ repo, merged, debtShare, status }) => ({ repo, merged, debtShare, status }))).toEqual([
      { repo: "acme/api", merged: 4, debtShare: 50, status: "over" },
      { repo: "acme/web", merged: 5, debtShare: 37.5, status: "over" },
    ]);
    expect(report.quiet).toEqual(["acme/.github", "acme/docs", "acme/legacy"]);
    // The sprint before: api's one `ops` PR.
    expect(report.trend.at(-2)).toMatchObject({ start: "2026-07-27", end: "2026-08-09", merged: 1, debtShare: 100 });
    expect(report.trend.at(-1)).toMatchObject({ start: "2026-08-10", merged: 9, debtShare: 43.8 });
    // One page of merged PRs per repository pushed to since the window began (none has 100 PRs
    // in it), merges or not; nothing for the repository untouched since 2024.
    expect(fake.requestsFor("graphql")).toHaveLength(4);
    // One configuration file per repository read; the organisation's, which the others fall back
    // to, once.
    expect(fake.requestsFor("repos/get-content").map((request) => request.path)).toHaveLength(4);
  });

  it("weighs by changed lines when the organisation says `lines`", async () => {
    seedOrganisation(fake, "budget:\n  target: 20\n  weight: lines\n");
    const report = JSON.parse((await cli(["--org", ORG, "--json"])).stdout) as OrgJson;
    expect(report.budget).toMatchObject({ weight: "lines", debtShare: 27.8, status: "over" });
    // api: (100) ÷ 400 = 25 %; web: (80 + 20) ÷ 320 = 31.25 %.
    expect(report.repos.map(({ repo, debtShare }) => [repo, debtShare])).toEqual([
      // web: |100 − 0.2·320| = 36 lines off the target; api: |100 − 0.2·400| = 20.
      ["acme/web", 31.3],
      ["acme/api", 25],
    ]);
  });

  it("creates the period's issue once in ORG/.github and updates it in place", async () => {
    seedOrganisation(fake, "budget:\n  target: 20\n");
    const first = await cli(["--org", ORG, "--post"]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/report issue #\d+ created/);
    const again = await cli(["--org", ORG, "--post"]);
    expect(again.stderr).toMatch(/report issue #\d+ unchanged/);
    seedMergedPulls(fake, ORG, "web", [orgPull("2026-08-16T10:00:00Z", "Wish lists", 30, labelled("customer-value"))]);
    const updated = await cli(["--org", ORG, "--post"]);
    expect(updated.stderr).toMatch(/report issue #\d+ updated/);

    const issues = [...fake.repo(ORG, ".github").issues.values()];
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue?.title).toBe("Debt budget of acme: sprint 2026-08-10 – 2026-08-23");
    expect(issue?.labels.map((label) => label.name)).toEqual(["value-pr-report"]);
    expect(issue?.body).toContain("| **Total merged** | **10** |");
    // No repository got an issue of its own.
    for (const repo of ["api", "web", "docs"]) expect(fake.repo(ORG, repo).issues.size).toBe(0);
  });

  it("the repository report links to the organisation's report of the same period once it exists", async () => {
    seedOrganisation(fake, "budget:\n  target: 20\n");
    const before = await cli(["--repo", "acme/api"]);
    expect(before.code).toBe(0);
    expect(before.stdout).not.toContain("organisation report");
    const posted = await cli(["--org", ORG, "--post"]);
    const url = /report issue #\d+ created: (\S+)/.exec(posted.stderr)?.[1];
    expect(url).toMatch(/^https:\/\/github\.com\/acme\/\.github\/issues\/\d+$/);
    const after = await cli(["--repo", "acme/api"]);
    expect(after.stdout).toContain(`Part of [acme's organisation report](${url}), which pools every repository.`);
  });

  it("lists a repository whose configuration is invalid apart, and counts the others", async () => {
    seedOrganisation(fake, "budget:\n  target: 20\n");
    fake.repo(ORG, "web").files.set(".github/value-pr.yml", "budget:\n  weight: hours\n");
    const run = await cli(["--org", ORG, "--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as OrgJson;
    expect(report.skipped).toEqual([
      {
        repo: "acme/web",
        reason: expect.stringMatching(/^Invalid configuration in acme\/web:\.github\/value-pr\.yml:\s+- budget\.weight: expected pulls or lines$/),
      },
    ]);
    expect(report.repos.map((row) => row.repo)).toEqual(["acme/api"]);
    expect(report.budget.debtShare).toBe(50);
  });

  it("names a repository it may list but not read, and reports on the others", async () => {
    seedOrganisation(fake, "budget:\n  target: 20\n");
    fake.failNext("graphql", { status: 403, body: { message: "Resource not accessible by integration" } });
    const run = await cli(["--org", ORG, "--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as OrgJson;
    expect(report.skipped).toEqual([{ repo: expect.stringMatching(/^acme\//), reason: "the token cannot read its pull requests" }]);
    // Every repository is accounted for, once.
    const named = [...report.repos.map((row) => row.repo), ...report.quiet, ...report.skipped.map((skip) => skip.repo)].sort();
    expect(named).toEqual(["acme/.github", "acme/api", "acme/docs", "acme/legacy", "acme/web"]);
  });

  it("prints Markdown that names the outliers first, and refuses --repo with --org", async () => {
    seedOrganisation(fake, "budget:\n  target: 20\n");
    const run = await cli(["--org", ORG]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^<!-- value-pr:org-report start=2026-08-10 end=2026-08-23 share=43\.8 status=over repos=2 complete=false -->/);
    expect(run.stdout.indexOf("`acme/api`")).toBeLessThan(run.stdout.indexOf("`acme/web`"));
    expect(run.stdout).toContain("Nothing merged so far this sprint (3): `acme/.github`, `acme/docs`, `acme/legacy`.");
    const both = await cli(["--org", ORG, "--repo", "acme/api"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("give --repo or --org, not both");
  });
});
