// The organisation report's pure core (PRODUCT.md §3b): pooling, the outliers' order, the JSON
// contract and the Markdown's length budget. Expected numbers are worked out by hand.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config/load.ts";
import type { Config } from "../../src/core/config/schema.ts";
import { periodRules } from "../../src/core/report/budget.ts";
import { buildOrgReport, type OrgRepoPart, orgRepoPart, orgReportJson, orgView } from "../../src/core/report/org.ts";
import { parseOrgReportMarker, renderOrgReport } from "../../src/core/report/org-render.ts";
import { resolvePeriod } from "../../src/core/report/period.ts";
import { parseReportMarker } from "../../src/core/report/render.ts";
import type { ReportPull } from "../../src/core/report/types.ts";

const NOW = new Date("2026-08-22T12:00:00Z");

function config(raw: unknown): Config {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.config;
}

let number = 1;
function merged(title: string, extra: Partial<ReportPull> = {}): ReportPull {
  return {
    number: number++,
    title,
    body: "",
    author: "alice",
    authorIsBot: false,
    mergedAt: "2026-08-12T09:00:00Z",
    url: "https://github.com/acme/x/pull/1",
    labels: [],
    headBranch: "work",
    additions: 10,
    deletions: 0,
    changedFiles: 1,
    files: [{ path: "src/a.ts", additions: 10, deletions: 0 }],
    ...extra,
  };
}

const ORG_CONFIG = config({ budget: { target: 20 } });
const PERIOD = resolvePeriod("current", NOW, periodRules(ORG_CONFIG));

function part(repo: string, pulls: ReportPull[], repoConfig: Config = config({})): OrgRepoPart {
  return orgRepoPart({ repo, config: repoConfig, pulls }, PERIOD, ORG_CONFIG, NOW);
}

describe("pooling", () => {
  it("pools the work, not the repositories' shares", () => {
    // a: 3 customer value, 1 tech debt (25 %); b: 2 tech debt (100 %). Pooled: 3 ÷ 6 = 50 %, not
    // the 62.5 % an average of the two shares would give.
    const a = part("acme/a", [merged("feat: a"), merged("feat: b"), merged("fix: c"), merged("chore: d")]);
    const b = part("acme/b", [merged("chore: e"), merged("refactor: f")]);
    const report = buildOrgReport({ org: "acme", period: PERIOD, now: NOW, parts: [a, b] }, ORG_CONFIG);
    expect(report.budget).toEqual({ target: 20, tolerance: 5, weight: "pulls", debtShare: 50, status: "over" });
    expect(report.totals).toMatchObject({ merged: 6, customerValue: 3, techDebt: 3, repos: 2, quiet: 0 });
    expect(report.repos.map((row) => [row.repo, row.debtShare, row.distance])).toEqual([
      // b: |2 − 0.2·2| = 1.6; a: |1 − 0.2·4| = 0.2.
      ["acme/b", 100, 1.6],
      ["acme/a", 25, 0.2],
    ]);
  });

  it("classifies each PR by its own repository's rules, and weighs it by the organisation's", () => {
    const own = config({
      classification: { "title-types": { "customer-value": ["story"], "tech-debt": ["ops"] } },
      budget: { weight: "pulls", "exclude-authors": ["bot-x"] },
    });
    const lines = config({ budget: { target: 20, weight: "lines" } });
    const pulls = [merged("story: a", { additions: 30 }), merged("ops: b", { additions: 10 }), merged("ops: c", { author: "bot-x", additions: 500 })];
    const viewed = orgView(own, lines);
    expect(viewed.budget.weight).toBe("lines");
    expect(viewed.classification["title-types"]["customer-value"]).toEqual(["story"]);
    expect(viewed.budget["exclude-authors"]).toEqual(["bot-x"]);
    const part = orgRepoPart({ repo: "acme/a", config: own, pulls }, PERIOD, lines, NOW);
    const report = buildOrgReport({ org: "acme", period: PERIOD, now: NOW, parts: [part] }, lines);
    // 10 ÷ (30 + 10) lines; the excluded author's 500 lines count nowhere.
    expect(report.budget).toMatchObject({ weight: "lines", debtShare: 25 });
    expect(report.totals).toMatchObject({ merged: 2, excluded: 1 });
  });

  it("lists repositories with nothing merged in the period apart, yet counts their trend", () => {
    const before = "2026-08-01T09:00:00Z";
    const busy = part("acme/busy", [merged("feat: a")]);
    const resting = part("acme/resting", [merged("chore: b", { mergedAt: before })]);
    const report = buildOrgReport({ org: "acme", period: PERIOD, now: NOW, parts: [resting, busy], quiet: ["acme/archive"] }, ORG_CONFIG);
    expect(report.repos.map((row) => row.repo)).toEqual(["acme/busy"]);
    expect(report.quiet).toEqual(["acme/archive", "acme/resting"]);
    expect(report.trend.at(-2)).toMatchObject({ start: "2026-07-27", merged: 1, debtShare: 100 });
    expect(report.trend.at(-1)).toMatchObject({ start: "2026-08-10", merged: 1, debtShare: 0 });
  });

  it("prints PRODUCT.md §3b's keys first, in order", () => {
    const report = buildOrgReport({ org: "acme", period: PERIOD, now: NOW, parts: [part("acme/a", [merged("feat: a")])] }, ORG_CONFIG);
    const json = orgReportJson(report);
    expect(Object.keys(json).slice(0, 6)).toEqual(["org", "period", "budget", "totals", "repos", "trend"]);
    expect(Object.keys((json.repos as object[])[0] ?? {}).slice(0, 5)).toEqual(["repo", "merged", "debtShare", "status", "hypothesisCoverage"]);
  });
});

describe("the Markdown", () => {
  it("has its own marker, which the repository report's reader does not take for its own", () => {
    const report = buildOrgReport({ org: "acme", period: PERIOD, now: NOW, parts: [part("acme/a", [merged("feat: a")])] }, ORG_CONFIG);
    const markdown = renderOrgReport(report, { periodName: "sprint" });
    expect(parseOrgReportMarker(markdown)).toEqual({ start: "2026-08-10", end: "2026-08-23" });
    expect(parseReportMarker(markdown)).toBeNull();
  });

  it("for hundreds of repositories, keeps to the length budget with the outliers that fit and counts the rest", () => {
    // 300 repositories, each with its own number of debt PRs among 6.
    const parts = Array.from({ length: 300 }, (_, i) =>
      part(
        `acme/service-${String(i).padStart(3, "0")}`,
        Array.from({ length: 6 }, (_, k) => merged(k < i % 7 ? "chore: upkeep" : "feat: value")),
      ),
    );
    const quiet = Array.from({ length: 300 }, (_, i) => `acme/idle-${String(i).padStart(3, "0")}`);
    const report = buildOrgReport({ org: "acme", period: PERIOD, now: NOW, parts, quiet }, ORG_CONFIG);
    const maxLength = 10_000;
    const markdown = renderOrgReport(report, { periodName: "sprint", maxLength });
    expect(markdown.length).toBeLessThanOrEqual(maxLength);
    const shownRows = markdown.split("\n").filter((line) => line.startsWith("| `acme/service-"));
    expect(shownRows.length).toBeGreaterThan(30);
    expect(shownRows.length).toBeLessThan(300);
    // The rows shown are the table's first ones: the furthest from the target.
    expect(shownRows.map((line) => /`(acme\/[^`]+)`/.exec(line)?.[1])).toEqual(report.repos.slice(0, shownRows.length).map((row) => row.repo));
    expect(markdown).toContain(`…and ${300 - shownRows.length} more repositories, closer to the target`);
    expect(markdown).toMatch(/Nothing merged so far this sprint \(300\): `acme\/idle-000`.* and 270 more\./);
    // The trend and the footer survive the cut.
    expect(markdown).toContain("### Trend");
    expect(markdown).toContain("<sub>Debt share");
  });
});
