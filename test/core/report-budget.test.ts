// PRODUCT.md §3 and §8: the pure debt-budget computation. Every expectation here is worked out by
// hand (or by an oracle written in the test), never read back from the code under test.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config/load.ts";
import type { Config } from "../../src/core/config/schema.ts";
import { buildReport, periodRules, PullJudge, reportJson, shareOf, statusOf } from "../../src/core/report/budget.ts";
import { periodOfDay } from "../../src/core/report/period.ts";
import { renderReport } from "../../src/core/report/render.ts";
import type { BudgetReport, Period, ReportFile, ReportPull } from "../../src/core/report/types.ts";
import type { Category } from "../../src/core/types.ts";

const REPO = "acme/shop";
/** The default sprint (14 days from 2024-01-01, UTC) the tests report on: 2026-06-29 – 2026-07-12. */
const SPRINT_DAY = "2026-06-29";
const IN_SPRINT = "2026-07-01T10:00:00Z";
const AFTER_SPRINT = new Date("2026-07-20T00:00:00Z");

const GOOD_BODY = `Routes tickets by plan.

## Outcome hypothesis
**Customer:** support agents, cc @support-leads
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %
**Counter-signal:** median handling time rises by more than 10 %
`;

let nextNumber = 1;

/** An unremarkable merged PR that no signal classifies: plain title, plain branch, one source file. */
function pr(overrides: Partial<ReportPull> = {}): ReportPull {
  const number = overrides.number ?? nextNumber++;
  const files: ReportFile[] = overrides.files ?? [{ path: "src/app.ts", additions: 10, deletions: 0 }];
  return {
    number,
    title: `Update the checkout page ${number}`,
    body: "",
    author: "octo-dev",
    authorIsBot: false,
    mergedAt: IN_SPRINT,
    url: `https://github.com/${REPO}/pull/${number}`,
    labels: [],
    headBranch: `work-${number}`,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changedFiles: files.length,
    ...overrides,
    files,
  };
}

const LABELS_OF: Record<Category, string[]> = {
  "customer-value": ["customer-value"],
  "tech-debt": ["tech-debt"],
  both: ["customer-value", "tech-debt"],
  unclassified: [],
};

/** A PR whose category comes from its labels (none for unclassified). */
function labelled(category: Category, overrides: Partial<ReportPull> = {}): ReportPull {
  return pr({ labels: [...LABELS_OF[category]], ...overrides });
}

/** A labelled PR weighing `lines` changed lines in one ordinary source file. */
function weighing(category: Category, lines: number, overrides: Partial<ReportPull> = {}): ReportPull {
  return labelled(category, { files: [{ path: "src/feature.ts", additions: lines, deletions: 0 }], ...overrides });
}

function many(count: number, make: () => ReportPull): ReportPull[] {
  return Array.from({ length: count }, make);
}

function configOf(raw: Record<string, unknown> = {}): Config {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(`test config invalid: ${result.errors.join("; ")}`);
  return result.config;
}

interface ReportOptions {
  config?: Record<string, unknown>;
  day?: string;
  now?: Date;
  judge?: PullJudge;
}

function periodFor(config: Config, day: string): Period {
  return periodOfDay(day, periodRules(config));
}

function report(pulls: readonly ReportPull[], options: ReportOptions = {}): BudgetReport {
  const config = configOf(options.config);
  const period = periodFor(config, options.day ?? SPRINT_DAY);
  return buildReport({ repo: REPO, period, pulls, now: options.now ?? AFTER_SPRINT }, config, options.judge);
}

function only(report: BudgetReport): BudgetReport["pulls"][number] {
  expect(report.pulls).toHaveLength(1);
  const [pull] = report.pulls;
  if (pull === undefined) throw new Error("no pull");
  return pull;
}

const lines = { budget: { weight: "lines" } };

// ---------------------------------------------------------------------------------------------

describe("category: labels first, else the classifier (PRODUCT.md §2, §3)", () => {
  it("a category label decides over the title, and the source is label", () => {
    const pull = only(report([pr({ title: "feat: one-click reorder", labels: ["tech-debt"] })]));
    expect(pull.category).toBe("tech-debt");
    expect(pull.source).toBe("label");
  });

  it("label names match case-insensitively", () => {
    const pull = only(report([pr({ title: "chore: tidy", labels: ["Customer-Value"] })]));
    expect(pull.category).toBe("customer-value");
    expect(pull.source).toBe("label");
  });

  it("both labels make both", () => {
    const pull = only(report([pr({ title: "chore: tidy", labels: ["tech-debt", "customer-value"] })]));
    expect(pull.category).toBe("both");
    expect(pull.source).toBe("label");
  });

  it("a label stands even against the both rule (a person's choice always stands)", () => {
    const pull = only(report([pr({ title: "refactor: split the router", body: GOOD_BODY, labels: ["tech-debt"] })]));
    expect(pull.category).toBe("tech-debt");
    expect(pull.source).toBe("label");
  });

  it("labels that are not category labels leave the classifier to decide", () => {
    const pull = only(report([pr({ title: "feat: gift cards", labels: ["frontend", "needs-qa"] })]));
    expect(pull.category).toBe("customer-value");
    expect(pull.source).toBe("inferred");
  });

  it("a configured dependency bot without labels is inferred tech debt", () => {
    const pull = only(report([pr({ author: "renovate[bot]", authorIsBot: true, title: "Update dependency vitest to v4", headBranch: "update-vitest" })]));
    expect(pull.category).toBe("tech-debt");
    expect(pull.source).toBe("inferred");
    expect(pull.reasons.length).toBeGreaterThan(0);
  });

  it("a chore: title is inferred tech debt, a feat: title inferred customer value", () => {
    const r = report([pr({ number: 501, title: "chore: bump node" }), pr({ number: 502, title: "feat: saved carts" })]);
    const byNumber = new Map(r.pulls.map((pull) => [pull.number, pull]));
    expect(byNumber.get(501)).toMatchObject({ category: "tech-debt", source: "inferred" });
    expect(byNumber.get(502)).toMatchObject({ category: "customer-value", source: "inferred" });
  });

  it("nothing speaking leaves the PR unclassified (source inferred, not counted as inferred)", () => {
    const r = report([pr()]);
    expect(only(r)).toMatchObject({ category: "unclassified", source: "inferred", reasons: [] });
    expect(r.totals.inferred).toBe(0);
    expect(r.totals.unclassified).toBe(1);
  });

  it("a passing hypothesis with a refactor: title is both (the §2 both rule)", () => {
    const pull = only(report([pr({ title: "refactor: extract the pricing module", body: GOOD_BODY })]));
    expect(pull.category).toBe("both");
    expect(pull.source).toBe("inferred");
    expect(pull.hypothesis).toBe("pass");
  });

  it("a passing hypothesis alone is customer value", () => {
    expect(only(report([pr({ body: GOOD_BODY })])).category).toBe("customer-value");
  });

  it("a ticked box decides and is inferred (not a label)", () => {
    const pull = only(report([pr({ title: "feat: x", body: "- [x] Tech debt\n- [ ] Customer value" })]));
    expect(pull).toMatchObject({ category: "tech-debt", source: "inferred" });
  });

  it("the head branch prefix speaks when the title does not", () => {
    expect(only(report([pr({ headBranch: "debt/old-api" })])).category).toBe("tech-debt");
    expect(only(report([pr({ headBranch: "feature/wishlist" })])).category).toBe("customer-value");
  });

  it("a PR touching only debt paths is tech debt, but only when GitHub listed every file", () => {
    const testFiles: ReportFile[] = [
      { path: "test/cart.test.ts", additions: 30, deletions: 2 },
      { path: ".github/workflows/ci.yml", additions: 3, deletions: 1 },
    ];
    expect(only(report([pr({ files: testFiles })])).category).toBe("tech-debt");
    // 150 changed files but only two listed: signal 6 cannot know the other 148.
    expect(only(report([pr({ files: testFiles, changedFiles: 150, additions: 5000 })])).category).toBe("unclassified");
  });

  it("custom label names come from the config; the default names then mean nothing", () => {
    const config = { labels: { "customer-value": "value", "tech-debt": "debt" } };
    const r = report(
      [
        pr({ number: 601, title: "chore: x", labels: ["value"] }),
        pr({ number: 602, title: "feat: x", labels: ["DEBT"] }),
        pr({ number: 603, title: "chore: x", labels: ["customer-value"] }),
        pr({ number: 604, title: "feat: y", labels: ["value", "debt"] }),
      ],
      { config },
    );
    const byNumber = new Map(r.pulls.map((pull) => [pull.number, pull]));
    expect(byNumber.get(601)).toMatchObject({ category: "customer-value", source: "label" });
    expect(byNumber.get(602)).toMatchObject({ category: "tech-debt", source: "label" });
    expect(byNumber.get(603)).toMatchObject({ category: "tech-debt", source: "inferred" });
    expect(byNumber.get(604)).toMatchObject({ category: "both", source: "label" });
  });

  it("totals.inferred counts inferred classified PRs only", () => {
    const r = report([
      pr({ title: "feat: a" }), // inferred value
      pr({ title: "chore: b" }), // inferred debt
      pr({ title: "refactor: c", body: GOOD_BODY }), // inferred both
      pr(), // unclassified: not inferred
      pr(), // unclassified: not inferred
      labelled("customer-value", { title: "chore: labelled" }), // label
      labelled("both"), // label
    ]);
    expect(r.totals).toMatchObject({ merged: 7, customerValue: 2, techDebt: 1, both: 2, unclassified: 2, inferred: 3, excluded: 0 });
  });
});

// ---------------------------------------------------------------------------------------------

describe("debt share and verdict", () => {
  it("(debt + ½·both) / (value + debt + both): 3 value, 1 debt, 2 both → 33.3 %", () => {
    const r = report([...many(3, () => labelled("customer-value")), labelled("tech-debt"), ...many(2, () => labelled("both"))]);
    expect(r.budget).toEqual({ target: 15, tolerance: 5, weight: "pulls", debtShare: 33.3, status: "over" });
    expect(r.totals).toMatchObject({ merged: 6, customerValue: 3, techDebt: 1, both: 2, unclassified: 0 });
    expect(r.weights).toEqual({ customerValue: 3, techDebt: 1, both: 2, unclassified: 0 });
  });

  it("rounds to one decimal: 1 debt of 6 → 16.7, 2 of 3 → 66.7, 1 both of 8 → 6.3", () => {
    expect(report([...many(5, () => labelled("customer-value")), labelled("tech-debt")]).budget.debtShare).toBe(16.7);
    expect(report([labelled("customer-value"), ...many(2, () => labelled("tech-debt"))]).budget.debtShare).toBe(66.7);
    expect(report([...many(7, () => labelled("customer-value")), labelled("both")]).budget.debtShare).toBe(6.3);
  });

  it("only both → 50 %, only debt → 100 %, only value → 0 %", () => {
    expect(report([labelled("both")]).budget).toMatchObject({ debtShare: 50, status: "over" });
    expect(report([labelled("tech-debt")]).budget).toMatchObject({ debtShare: 100, status: "over" });
    expect(report([labelled("customer-value")]).budget).toMatchObject({ debtShare: 0, status: "under" });
  });

  it("unclassified PRs are counted and listed but not in the share", () => {
    const r = report([labelled("customer-value"), labelled("customer-value"), labelled("customer-value"), labelled("tech-debt"), pr(), pr()]);
    expect(r.budget.debtShare).toBe(25);
    expect(r.totals).toMatchObject({ merged: 6, unclassified: 2 });
    expect(r.pulls.filter((pull) => pull.category === "unclassified")).toHaveLength(2);
  });

  it("is null, with a null status, when nothing is classified", () => {
    const r = report([pr(), pr()]);
    expect(r.budget.debtShare).toBeNull();
    expect(r.budget.status).toBeNull();
    expect(r.totals.merged).toBe(2);
    expect(r.coverage).toBe(0);
    expect(r.lowCoverage).toBe(true);
  });

  it("an empty period: no share, no coverage, nothing flagged", () => {
    const r = report([]);
    expect(r.budget).toMatchObject({ debtShare: null, status: null });
    expect(r.totals).toEqual({ merged: 0, customerValue: 0, techDebt: 0, both: 0, unclassified: 0, inferred: 0, excluded: 0 });
    expect(r.weights).toEqual({ customerValue: 0, techDebt: 0, both: 0, unclassified: 0 });
    expect(r.coverage).toBeNull();
    expect(r.lowCoverage).toBe(false);
    expect(r.hypothesisCoverage).toBeNull();
    expect(r.hypotheses).toEqual({ needed: 0, passing: 0 });
    expect(r.pulls).toEqual([]);
  });

  // 1000 lines in total; `debt` of them are tech debt.
  const shareOfLines = (debt: number, config: Record<string, unknown> = {}) =>
    report([weighing("customer-value", 1000 - debt), weighing("tech-debt", debt)], {
      config: { ...config, budget: { weight: "lines", ...((config.budget as object | undefined) ?? {}) } },
    }).budget;

  it.each([
    [99, 9.9, "under"],
    [100, 10, "on-budget"],
    [150, 15, "on-budget"],
    [200, 20, "on-budget"],
    [201, 20.1, "over"],
  ] as const)("target 15 ± 5: %i of 1000 lines → %d %% is %s", (debt, share, status) => {
    expect(shareOfLines(debt)).toMatchObject({ debtShare: share, status });
  });

  it("the verdict is judged on the rounded share people read (20.04 → 20 → on-budget; 9.96 → 10 → on-budget)", () => {
    const over = report([weighing("customer-value", 7996), weighing("tech-debt", 2004)], { config: lines }).budget;
    expect(over).toMatchObject({ debtShare: 20, status: "on-budget" });
    const under = report([weighing("customer-value", 9004), weighing("tech-debt", 996)], { config: lines }).budget;
    expect(under).toMatchObject({ debtShare: 10, status: "on-budget" });
  });

  it("uses a custom target and tolerance", () => {
    const budget = { target: 30, tolerance: 2 };
    expect(shareOfLines(279, { budget })).toMatchObject({ target: 30, tolerance: 2, debtShare: 27.9, status: "under" });
    expect(shareOfLines(280, { budget })).toMatchObject({ debtShare: 28, status: "on-budget" });
    expect(shareOfLines(320, { budget })).toMatchObject({ debtShare: 32, status: "on-budget" });
    expect(shareOfLines(321, { budget })).toMatchObject({ debtShare: 32.1, status: "over" });
    // 15 % is on budget by default but far under a 30 % target.
    expect(shareOfLines(150, { budget })).toMatchObject({ status: "under" });
  });

  it("target 0 ± 0: only a debt-free period is on budget", () => {
    const budget = { target: 0, tolerance: 0 };
    expect(shareOfLines(0, { budget })).toMatchObject({ debtShare: 0, status: "on-budget" });
    expect(shareOfLines(1, { budget })).toMatchObject({ debtShare: 0.1, status: "over" });
  });

  it("shareOf and statusOf follow the formula and the thresholds", () => {
    expect(shareOf({ customerValue: 3, techDebt: 1, both: 2, unclassified: 99 })).toBe(33.3);
    expect(shareOf({ customerValue: 0, techDebt: 0, both: 0, unclassified: 5 })).toBeNull();
    expect(shareOf({ customerValue: 1, techDebt: 0, both: 1, unclassified: 0 })).toBe(25);
    expect(statusOf(null, 15, 5)).toBeNull();
    expect(statusOf(9.9, 15, 5)).toBe("under");
    expect(statusOf(10, 15, 5)).toBe("on-budget");
    expect(statusOf(20, 15, 5)).toBe("on-budget");
    expect(statusOf(20.1, 15, 5)).toBe("over");
  });
});

// ---------------------------------------------------------------------------------------------

describe("weight lines", () => {
  it("a 20,000-line package-lock.json bump weighs only its other lines", () => {
    const pull = labelled("tech-debt", {
      files: [
        { path: "package.json", additions: 2, deletions: 2 },
        { path: "package-lock.json", additions: 12_000, deletions: 8_000 },
      ],
    });
    expect(only(report([pull], { config: lines })).weight).toBe(4);
    // With weight pulls every PR counts 1, whatever its size.
    expect(only(report([pull])).weight).toBe(1);
  });

  it("ignores nested lockfiles, snapshots, vendored, generated and dist paths by default", () => {
    const pull = labelled("customer-value", {
      files: [
        { path: "src/cart.ts", additions: 40, deletions: 10 },
        { path: "apps/web/yarn.lock", additions: 900, deletions: 300 },
        { path: "src/__snapshots__/cart.test.ts.snap", additions: 500, deletions: 0 },
        { path: "src/cart.test.ts.snap", additions: 70, deletions: 0 },
        { path: "vendor/github.com/x/y.go", additions: 3000, deletions: 0 },
        { path: "third_party/zlib/inflate.c", additions: 800, deletions: 0 },
        { path: "api/gen/service.pb.go", additions: 600, deletions: 0 },
        { path: "web/dist/bundle.min.js", additions: 1, deletions: 1 },
        { path: ".cache/node_modules/x/index.js", additions: 5, deletions: 0 },
      ],
    });
    expect(only(report([pull], { config: lines })).weight).toBe(50);
  });

  it("does not ignore look-alikes: a file merely named like a vendor dir or lockfile", () => {
    const pull = labelled("customer-value", {
      files: [
        { path: "src/vendor.ts", additions: 10, deletions: 0 },
        { path: "docs/package-lock.json.md", additions: 5, deletions: 0 },
        { path: "src/snapshot.ts", additions: 7, deletions: 3 },
      ],
    });
    expect(only(report([pull], { config: lines })).weight).toBe(25);
  });

  it("with a partial file list, the listed ignored files are still subtracted and unlisted lines count", () => {
    const pull = labelled("tech-debt", {
      additions: 9000,
      deletions: 1000,
      changedFiles: 400,
      files: [
        { path: "package-lock.json", additions: 4000, deletions: 1000 },
        { path: "src/a.ts", additions: 100, deletions: 0 },
      ],
    });
    expect(only(report([pull], { config: lines })).weight).toBe(5000);
  });

  it("floors at 0: a lockfile-only PR weighs 0, and inconsistent numbers never go negative", () => {
    const lockOnly = labelled("tech-debt", { files: [{ path: "pnpm-lock.yaml", additions: 300, deletions: 300 }] });
    const inconsistent = labelled("tech-debt", {
      additions: 10,
      deletions: 0,
      files: [{ path: "go.sum", additions: 500, deletions: 0 }],
    });
    const r = report([lockOnly, inconsistent, weighing("customer-value", 100)], { config: lines });
    const weights = r.pulls.map((pull) => pull.weight).sort((a, b) => a - b);
    expect(weights).toEqual([0, 0, 100]);
    // Zero-weight debt adds nothing to the share.
    expect(r.budget.debtShare).toBe(0);
    expect(r.totals.techDebt).toBe(2);
    expect(r.weights).toEqual({ customerValue: 100, techDebt: 0, both: 0, unclassified: 0 });
  });

  it("the share uses the weights, not the counts", () => {
    const r = report([weighing("customer-value", 300), weighing("tech-debt", 60), weighing("both", 80), weighing("unclassified", 999)], {
      config: lines,
    });
    // (60 + 40) / (300 + 60 + 80) = 22.727… → 22.7; by count it would be (1 + ½) / 3 = 50.
    expect(r.budget).toMatchObject({ weight: "lines", debtShare: 22.7, status: "over" });
    expect(r.weights).toEqual({ customerValue: 300, techDebt: 60, both: 80, unclassified: 999 });
    expect(report([weighing("customer-value", 300), weighing("tech-debt", 60), weighing("both", 80)]).budget.debtShare).toBe(50);
  });

  it("additions and deletions both count", () => {
    const pull = labelled("customer-value", { files: [{ path: "src/a.ts", additions: 12, deletions: 30 }] });
    expect(only(report([pull], { config: lines })).weight).toBe(42);
  });

  it("budget.lines-ignore replaces the default list", () => {
    const pull = labelled("customer-value", {
      files: [
        { path: "package-lock.json", additions: 1000, deletions: 0 },
        { path: "docs/guide.md", additions: 200, deletions: 0 },
        { path: "src/a.ts", additions: 5, deletions: 0 },
      ],
    });
    expect(only(report([pull], { config: { budget: { weight: "lines", "lines-ignore": ["docs/**"] } } })).weight).toBe(1005);
    expect(only(report([pull], { config: { budget: { weight: "lines", "lines-ignore": [] } } })).weight).toBe(1205);
  });

  it("ignore globs match dotfiles too", () => {
    const pull = labelled("customer-value", {
      files: [
        { path: ".generated/api.ts", additions: 100, deletions: 0 },
        { path: "src/a.ts", additions: 1, deletions: 0 },
      ],
    });
    expect(only(report([pull], { config: { budget: { weight: "lines", "lines-ignore": ["*/api.ts"] } } })).weight).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------

describe("coverage", () => {
  it("is the classified share of the merged weight, flagged under 80 %", () => {
    const r = report([...many(3, () => labelled("customer-value")), pr()]);
    expect(r.coverage).toBe(75);
    expect(r.lowCoverage).toBe(true);
    // The report says so where people read it.
    expect(renderReport(r, { periodName: "sprint" })).toContain("> Only 75 % of merged work is classified");
  });

  it("exactly 80 % is not low", () => {
    const r = report([...many(3, () => labelled("customer-value")), labelled("tech-debt"), pr()]);
    expect(r.coverage).toBe(80);
    expect(r.lowCoverage).toBe(false);
  });

  it("everything classified is 100 %", () => {
    const r = report([labelled("both"), labelled("tech-debt")]);
    expect(r.coverage).toBe(100);
    expect(r.lowCoverage).toBe(false);
  });

  it("uses the weights with weight lines, one decimal", () => {
    const r = report([weighing("customer-value", 100), weighing("tech-debt", 100), weighing("unclassified", 100)], { config: lines });
    expect(r.coverage).toBe(66.7);
    expect(r.lowCoverage).toBe(true);
    const mostlyClassified = report([weighing("customer-value", 900), weighing("unclassified", 100)], { config: lines });
    expect(mostlyClassified.coverage).toBe(90);
    expect(mostlyClassified.lowCoverage).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

describe("hypothesis coverage", () => {
  const mixed = () => [
    pr({ title: "feat: saved carts", body: GOOD_BODY }), // value, pass
    pr({ title: "refactor: pricing", body: GOOD_BODY }), // both, pass
    pr({ title: "feat: gift cards" }), // value, fail
    pr(), // unclassified, fail: it needs one
    labelled("customer-value"), // value by label, fail
    pr({ author: "renovate[bot]", authorIsBot: true, title: "Update dependency zod to v5" }), // bot: exempt
    pr({ author: "release-please[bot]", authorIsBot: true, title: "Release 2.0.0" }), // GitHub-marked bot: exempt
    pr({ title: "chore: bump node" }), // tech debt: exempt
    labelled("tech-debt", { title: "feat: labelled debt" }), // tech debt by label: exempt
    pr({ title: "feat: behind a skip label", labels: ["no-hypothesis"] }), // skip label: exempt
  ];

  it("counts passing hypotheses among PRs that need one; bots and tech debt are exempt", () => {
    const r = report(mixed(), { config: { hypothesis: { "skip-labels": ["no-hypothesis"] } } });
    expect(r.hypotheses).toEqual({ needed: 5, passing: 2 });
    expect(r.hypothesisCoverage).toBe(40);
    const statuses = r.pulls.map((pull) => pull.hypothesis).sort();
    expect(statuses).toEqual(["exempt", "exempt", "exempt", "exempt", "exempt", "fail", "fail", "fail", "pass", "pass"]);
  });

  it("is null when no PR needs one", () => {
    const r = report([
      pr({ author: "dependabot[bot]", authorIsBot: true, title: "Bump lodash from 4.17.20 to 4.17.21" }),
      pr({ title: "ci: cache pnpm store" }),
      labelled("tech-debt"),
    ]);
    expect(r.hypotheses).toEqual({ needed: 0, passing: 0 });
    expect(r.hypothesisCoverage).toBeNull();
    expect(r.budget.debtShare).toBe(100);
  });

  it("rounds to one decimal (1 of 3 → 33.3, 2 of 3 → 66.7)", () => {
    expect(report([pr({ body: GOOD_BODY }), pr(), pr()]).hypothesisCoverage).toBe(33.3);
    expect(report([pr({ body: GOOD_BODY }), pr({ body: GOOD_BODY }), pr()]).hypothesisCoverage).toBe(66.7);
  });

  it("advise mode does not change the report: it counts what PRs declare", () => {
    const config = { hypothesis: { "skip-labels": ["no-hypothesis"] } };
    const pulls = mixed();
    const enforced = report(pulls, { config: { ...config, mode: "enforce" } });
    const advised = report(pulls, { config: { ...config, mode: "advise" } });
    expect(advised).toEqual(enforced);
    expect(advised.pulls.some((pull) => pull.hypothesis === "neutral")).toBe(false);
    expect(advised.hypotheses).toEqual({ needed: 5, passing: 2 });
  });
});

// ---------------------------------------------------------------------------------------------

describe("exclusions", () => {
  it("exclude-authors and exclude-labels (case-insensitive) remove PRs from everything and count them", () => {
    const config = { budget: { "exclude-authors": ["Release-Bot"], "exclude-labels": ["Skip-Report"] } };
    const kept = [labelled("customer-value"), labelled("customer-value"), labelled("tech-debt")];
    const dropped = [
      labelled("tech-debt", { author: "release-bot", title: "chore: release 1.2.0" }),
      pr({ labels: ["skip-report"], title: "feat: experiment" }),
      labelled("tech-debt", { labels: ["tech-debt", "SKIP-REPORT"] }),
    ];
    // Excluded PRs outside the period are not counted as excluded in it.
    const outside = pr({ author: "release-bot", mergedAt: "2026-07-20T10:00:00Z" });
    const r = report([...kept, ...dropped, outside], { config });
    expect(r.totals).toEqual({ merged: 3, customerValue: 2, techDebt: 1, both: 0, unclassified: 0, inferred: 0, excluded: 3 });
    expect(r.pulls.map((pull) => pull.number).sort()).toEqual(kept.map((pull) => pull.number).sort());
    expect(r.weights).toEqual({ customerValue: 2, techDebt: 1, both: 0, unclassified: 0 });
    expect(r.budget.debtShare).toBe(33.3);
    expect(r.hypotheses.needed).toBe(2);
    expect(r.trend.at(-1)).toMatchObject({ merged: 3, debtShare: 33.3 });
  });

  it("only exact logins are excluded, not substrings", () => {
    const r = report([pr({ author: "release-bot-2" }), pr({ author: "release" })], { config: { budget: { "exclude-authors": ["release-bot"] } } });
    expect(r.totals).toMatchObject({ merged: 2, excluded: 0 });
  });

  it("excluded PRs are left out of every trend period too", () => {
    const config = { budget: { "exclude-labels": ["skip-report"] } };
    const r = report(
      [
        labelled("tech-debt", { mergedAt: "2026-06-20T10:00:00Z", labels: ["tech-debt", "skip-report"] }),
        labelled("customer-value", { mergedAt: "2026-06-20T11:00:00Z" }),
      ],
      { config },
    );
    expect(r.trend.at(-2)).toMatchObject({ start: "2026-06-15", merged: 1, debtShare: 0 });
  });
});

// ---------------------------------------------------------------------------------------------

describe("period membership", () => {
  it("PRs merged at period.from are in, at period.until out; the whole end day is in (UTC)", () => {
    const config = configOf();
    const period = periodFor(config, SPRINT_DAY);
    expect(period).toEqual({ start: "2026-06-29", end: "2026-07-12", from: "2026-06-29T00:00:00.000Z", until: "2026-07-13T00:00:00.000Z" });
    const atFrom = pr({ number: 701, mergedAt: period.from });
    const beforeFrom = pr({ number: 702, mergedAt: "2026-06-28T23:59:59Z" });
    const lastSecond = pr({ number: 703, mergedAt: "2026-07-12T23:59:59Z" });
    const lastMillisecond = pr({ number: 704, mergedAt: "2026-07-12T23:59:59.999Z" });
    const atUntil = pr({ number: 705, mergedAt: period.until });
    const r = buildReport({ repo: REPO, period, pulls: [atFrom, beforeFrom, lastSecond, lastMillisecond, atUntil], now: AFTER_SPRINT }, config);
    expect(r.pulls.map((pull) => pull.number).sort()).toEqual([701, 703, 704]);
    expect(r.period).toEqual({ start: "2026-06-29", end: "2026-07-12" });
  });

  it("in Europe/Berlin a PR merged 2026-07-12T22:30Z falls on 2026-07-13 local: the next sprint", () => {
    const config = { budget: { "time-zone": "Europe/Berlin" } };
    const late = pr({ number: 801, mergedAt: "2026-07-12T22:30:00Z" });
    const lastLocalSecond = pr({ number: 802, mergedAt: "2026-07-12T21:59:59Z" }); // 23:59:59 CEST on 07-12
    const firstLocalDay = pr({ number: 803, mergedAt: "2026-06-28T22:00:00Z" }); // 00:00 CEST on 06-29
    const beforeLocalStart = pr({ number: 804, mergedAt: "2026-06-28T21:59:59Z" });
    const pulls = [late, lastLocalSecond, firstLocalDay, beforeLocalStart];

    const first = report(pulls, { config, day: "2026-06-29" });
    expect(first.period).toEqual({ start: "2026-06-29", end: "2026-07-12" });
    expect(first.pulls.map((pull) => pull.number).sort()).toEqual([802, 803]);

    const next = report(pulls, { config, day: "2026-07-13" });
    expect(next.period).toEqual({ start: "2026-07-13", end: "2026-07-26" });
    expect(next.pulls.map((pull) => pull.number)).toEqual([801]);

    // In UTC the late instant is still on the 12th, and 22:00Z on 06-28 still on the 28th.
    expect(
      report(pulls, { day: "2026-06-29" })
        .pulls.map((pull) => pull.number)
        .sort(),
    ).toEqual([801, 802]);
  });

  it("accepts merge instants written with an offset", () => {
    // 2026-07-13T01:00+02:00 is 2026-07-12T23:00Z: in the UTC sprint ending on the 12th.
    const r = report([pr({ number: 901, mergedAt: "2026-07-13T01:00:00+02:00" }), pr({ number: 902, mergedAt: "2026-06-29T01:00:00+02:00" })]);
    expect(r.pulls.map((pull) => pull.number)).toEqual([901]);
  });

  it("complete: false while now is inside the period (or before it), true from period.until on", () => {
    const config = configOf();
    const period = periodFor(config, SPRINT_DAY);
    const at = (now: string) => buildReport({ repo: REPO, period, pulls: [], now: new Date(now) }, config).complete;
    expect(at("2026-07-05T12:00:00Z")).toBe(false);
    expect(at("2026-07-12T23:59:59.999Z")).toBe(false);
    expect(at("2026-06-01T00:00:00Z")).toBe(false);
    expect(at("2026-07-13T00:00:00Z")).toBe(true);
    expect(at("2027-01-01T00:00:00Z")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

/** Oracle for the trend: groups PRs by their period start, worked out without the code under test. */
function expectedPoint(pulls: readonly { category: Category }[]) {
  const count = (category: Category) => pulls.filter((pull) => pull.category === category).length;
  const classified = count("customer-value") + count("tech-debt") + count("both");
  const share = classified === 0 ? null : Math.round((1000 * (count("tech-debt") + count("both") / 2)) / classified) / 10;
  return { merged: pulls.length, debtShare: share };
}

const utcDay = (day: string, plus: number) => new Date(Date.parse(`${day}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);

describe("trend", () => {
  it("six sprints, oldest first, the last being the report's; each computed independently", () => {
    // Sprints start every 14 days from 2024-01-01: the six ending with 2026-06-29 start 70 days earlier.
    const starts = [0, 1, 2, 3, 4, 5].map((index) => utcDay("2026-04-20", 14 * index));
    const specs: { at: string; category: Category }[] = [
      { at: "2026-04-19T23:59:59Z", category: "tech-debt" }, // before the window
      { at: "2026-04-20T00:00:00Z", category: "customer-value" }, // sprint 0
      { at: "2026-05-03T23:59:59Z", category: "customer-value" }, // sprint 0
      // sprint 1 (05-04 – 05-17): nothing
      { at: "2026-05-18T09:00:00Z", category: "tech-debt" }, // sprint 2
      { at: "2026-05-31T09:00:00Z", category: "customer-value" }, // sprint 2
      { at: "2026-06-03T09:00:00Z", category: "unclassified" }, // sprint 3: only unclassified
      { at: "2026-06-15T09:00:00Z", category: "tech-debt" }, // sprint 4
      { at: "2026-06-16T09:00:00Z", category: "both" },
      { at: "2026-06-17T09:00:00Z", category: "customer-value" },
      { at: "2026-06-28T23:00:00Z", category: "customer-value" },
      ...["2026-06-29T00:00:00Z", "2026-07-01T00:00:00Z", "2026-07-02T00:00:00Z", "2026-07-03T00:00:00Z", "2026-07-04T00:00:00Z"].map((at) => ({
        at,
        category: "customer-value" as Category,
      })), // sprint 5
      { at: "2026-07-12T23:59:59Z", category: "tech-debt" }, // sprint 5
      { at: "2026-07-13T00:00:00Z", category: "tech-debt" }, // after the window
    ];
    const r = report(specs.map((spec) => labelled(spec.category, { mergedAt: spec.at })));

    const expected = starts.map((start) => {
      const end = utcDay(start, 13);
      const inside = specs.filter((spec) => spec.at.slice(0, 10) >= start && spec.at.slice(0, 10) <= end);
      return { start, end, ...expectedPoint(inside) };
    });
    expect(r.trend.map(({ start, end, merged, debtShare }) => ({ start, end, merged, debtShare }))).toEqual(expected);
    // Spelled out, so the oracle itself is checked.
    expect(r.trend.map((point) => point.merged)).toEqual([2, 0, 2, 1, 4, 6]);
    expect(r.trend.map((point) => point.debtShare)).toEqual([0, null, 50, null, 37.5, 16.7]);
    expect(r.trend.map((point) => point.status)).toEqual(["under", null, "over", null, "over", "on-budget"]);

    const last = r.trend.at(-1);
    expect(last).toMatchObject({ start: r.period.start, end: r.period.end, merged: r.totals.merged, debtShare: r.budget.debtShare, status: r.budget.status });
  });

  it("report.trend sets the number of periods (1 = just this one)", () => {
    expect(report([], { config: { report: { trend: 3 } } }).trend.map((point) => point.start)).toEqual(["2026-06-01", "2026-06-15", "2026-06-29"]);
    const single = report([labelled("tech-debt")], { config: { report: { trend: 1 } } });
    expect(single.trend).toEqual([{ start: "2026-06-29", end: "2026-07-12", merged: 1, debtShare: 100, status: "over" }]);
  });

  it("iso weeks: Monday to Sunday", () => {
    const config = { budget: { period: "iso-week" }, report: { trend: 3 } };
    const r = report(
      [
        labelled("tech-debt", { mergedAt: "2026-06-21T23:59:59Z" }), // Sunday before the window
        labelled("tech-debt", { mergedAt: "2026-06-22T00:00:00Z" }), // week 1
        labelled("customer-value", { mergedAt: "2026-06-28T23:59:59Z" }), // week 1, Sunday
        labelled("customer-value", { mergedAt: "2026-07-06T00:00:00Z" }), // week 3
        labelled("both", { mergedAt: "2026-07-12T12:00:00Z" }), // week 3
        labelled("tech-debt", { mergedAt: "2026-07-13T00:00:00Z" }), // next week
      ],
      { config, day: "2026-07-08" },
    );
    expect(r.period).toEqual({ start: "2026-07-06", end: "2026-07-12" });
    expect(r.trend).toEqual([
      { start: "2026-06-22", end: "2026-06-28", merged: 2, debtShare: 50, status: "over" },
      { start: "2026-06-29", end: "2026-07-05", merged: 0, debtShare: null, status: null },
      { start: "2026-07-06", end: "2026-07-12", merged: 2, debtShare: 25, status: "over" },
    ]);
    expect(r.totals.merged).toBe(2);
  });

  it("calendar months, across a year boundary and a short February", () => {
    const config = { budget: { period: "month" }, report: { trend: 3 } };
    const r = report(
      [
        labelled("tech-debt", { mergedAt: "2025-11-30T23:59:59Z" }), // before
        labelled("customer-value", { mergedAt: "2025-12-01T00:00:00Z" }),
        labelled("customer-value", { mergedAt: "2025-12-31T23:59:59Z" }),
        labelled("tech-debt", { mergedAt: "2025-12-15T00:00:00Z" }),
        labelled("customer-value", { mergedAt: "2026-01-31T12:00:00Z" }),
        ...many(9, () => labelled("customer-value", { mergedAt: "2026-02-10T12:00:00Z" })),
        labelled("tech-debt", { mergedAt: "2026-02-28T23:59:59Z" }),
        labelled("tech-debt", { mergedAt: "2026-03-01T00:00:00Z" }), // after
      ],
      { config, day: "2026-02-14" },
    );
    expect(r.period).toEqual({ start: "2026-02-01", end: "2026-02-28" });
    expect(r.trend).toEqual([
      { start: "2025-12-01", end: "2025-12-31", merged: 3, debtShare: 33.3, status: "over" },
      { start: "2026-01-01", end: "2026-01-31", merged: 1, debtShare: 0, status: "under" },
      { start: "2026-02-01", end: "2026-02-28", merged: 10, debtShare: 10, status: "on-budget" },
    ]);
  });

  it("trend points use the weights too", () => {
    const r = report([weighing("customer-value", 90, { mergedAt: "2026-06-20T00:00:00Z" }), weighing("tech-debt", 10, { mergedAt: "2026-06-21T00:00:00Z" })], {
      config: lines,
    });
    expect(r.trend.at(-2)).toMatchObject({ start: "2026-06-15", merged: 2, debtShare: 10, status: "on-budget" });
  });
});

// ---------------------------------------------------------------------------------------------

describe("pull order", () => {
  it("newest merge first, ties by the higher number", () => {
    const r = report([
      pr({ number: 11, mergedAt: "2026-07-01T10:00:00Z" }),
      pr({ number: 12, mergedAt: "2026-07-10T10:00:00Z" }),
      pr({ number: 13, mergedAt: "2026-06-29T00:00:00Z" }),
      pr({ number: 14, mergedAt: "2026-07-01T10:00:00Z" }),
      pr({ number: 15, mergedAt: "2026-07-12T23:59:59Z" }),
    ]);
    expect(r.pulls.map((pull) => pull.number)).toEqual([15, 12, 14, 11, 13]);
  });

  it("orders by the instant, whatever offset or precision the timestamps are written with", () => {
    const r = report([
      pr({ number: 21, mergedAt: "2026-07-01T12:00:00+02:00" }), // 10:00Z
      pr({ number: 22, mergedAt: "2026-07-01T11:00:00Z" }),
      pr({ number: 23, mergedAt: "2026-07-01T10:30:00.500Z" }),
      pr({ number: 24, mergedAt: "2026-07-01T10:30:00Z" }),
    ]);
    expect(r.pulls.map((pull) => pull.number)).toEqual([22, 23, 24, 21]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("reportJson (PRODUCT.md §8)", () => {
  it("puts the contract keys first, in contract order, and each pull's contract keys first", () => {
    const r = report([labelled("tech-debt", { title: "chore: x" }), pr({ title: "feat: y", body: GOOD_BODY }), pr()], { config: lines });
    const json = reportJson(r);
    expect(Object.keys(json).slice(0, 8)).toEqual(["repo", "period", "budget", "totals", "hypothesisCoverage", "trend", "outcomes", "pulls"]);
    expect(json).toMatchObject({
      repo: REPO,
      period: { start: "2026-06-29", end: "2026-07-12" },
      budget: r.budget,
      totals: r.totals,
      hypothesisCoverage: r.hypothesisCoverage,
      trend: r.trend,
      complete: true,
      weights: r.weights,
      coverage: r.coverage,
      lowCoverage: r.lowCoverage,
    });
    expect(Object.keys(json.budget as object)).toEqual(["target", "tolerance", "weight", "debtShare", "status"]);
    expect(Object.keys(json.totals as object).slice(0, 6)).toEqual(["merged", "customerValue", "techDebt", "both", "unclassified", "inferred"]);
    expect(Object.keys(json.period as object)).toEqual(["start", "end"]);
    const pulls = json.pulls as Record<string, unknown>[];
    expect(pulls).toHaveLength(3);
    for (const [index, entry] of pulls.entries()) {
      expect(Object.keys(entry).slice(0, 7)).toEqual(["number", "title", "author", "mergedAt", "category", "source", "weight"]);
      expect(entry).toEqual({ ...r.pulls[index] });
    }
    for (const point of json.trend as object[]) expect(Object.keys(point).slice(0, 4)).toEqual(["start", "end", "merged", "debtShare"]);
    // Plain data: survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

// ---------------------------------------------------------------------------------------------

describe("PullJudge", () => {
  it("judges each PR once: two reports sharing a judge hold the very same objects", () => {
    const config = configOf();
    const judge = new PullJudge(config);
    const pulls = [pr({ title: "feat: a", mergedAt: "2026-06-20T10:00:00Z" }), pr({ title: "chore: b" }), labelled("both")];
    const current = report(pulls, { judge });
    const previous = report(pulls, { judge, day: "2026-06-15" });
    const again = report(pulls, { judge });
    expect(again.pulls).toHaveLength(2);
    for (const [index, pull] of current.pulls.entries()) expect(again.pulls[index]).toBe(pull);
    expect(previous.pulls).toHaveLength(1);
    const [earlier] = previous.pulls;
    expect(judge.judge(pulls[0] as ReportPull)).toBe(earlier);
    // Without a shared judge: equal, but judged afresh.
    const fresh = report(pulls);
    expect(fresh.pulls).toEqual(current.pulls);
    expect(fresh.pulls[0]).not.toBe(current.pulls[0]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("property: share, bounds and totals for random labelled PRs", () => {
  const categoryArb = fc.constantFrom<Category>("customer-value", "tech-debt", "both", "unclassified");
  const sprintFrom = Date.parse("2026-06-29T00:00:00Z");
  const sprintMs = 14 * 86_400_000;
  // Some PRs fall outside the sprint, on either side, to check they are left out.
  const pullArb = fc.record({
    category: categoryArb,
    lines: fc.integer({ min: 0, max: 5000 }),
    offsetMs: fc.integer({ min: -sprintMs, max: 2 * sprintMs - 1 }),
  });

  it("holds for weight pulls and lines", () => {
    fc.assert(
      fc.property(fc.array(pullArb, { maxLength: 30 }), fc.constantFrom("pulls", "lines"), (specs, weight) => {
        const pulls = specs.map((spec, index) =>
          weighing(spec.category, spec.lines, { number: index + 1, mergedAt: new Date(sprintFrom + spec.offsetMs).toISOString() }),
        );
        const r = report(pulls, { config: { budget: { weight } } });
        const inside = specs.filter((spec) => spec.offsetMs >= 0 && spec.offsetMs < sprintMs);
        const weighOf = (category: Category) =>
          inside.filter((spec) => spec.category === category).reduce((sum, spec) => sum + (weight === "lines" ? spec.lines : 1), 0);
        const [v, d, b, u] = [weighOf("customer-value"), weighOf("tech-debt"), weighOf("both"), weighOf("unclassified")];

        const t = r.totals;
        expect(t.merged).toBe(inside.length);
        expect(t.customerValue + t.techDebt + t.both + t.unclassified).toBe(t.merged);
        expect(t.unclassified).toBe(inside.filter((spec) => spec.category === "unclassified").length);
        expect(t.both).toBe(inside.filter((spec) => spec.category === "both").length);
        expect(t.inferred).toBe(0);
        expect(r.pulls).toHaveLength(inside.length);
        expect(r.weights).toEqual({ customerValue: v, techDebt: d, both: b, unclassified: u });

        const share = r.budget.debtShare;
        if (v + d + b === 0) {
          expect(share).toBeNull();
          expect(r.budget.status).toBeNull();
        } else {
          const exact = (100 * (d + b / 2)) / (v + d + b);
          expect(share).not.toBeNull();
          const value = share ?? Number.NaN;
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(100);
          expect(Math.abs(value - exact)).toBeLessThanOrEqual(0.05 + 1e-9);
          expect(Math.abs(value * 10 - Math.round(value * 10))).toBeLessThan(1e-9);
          expect(r.budget.status).toBe(value < 10 ? "under" : value > 20 ? "over" : "on-budget");
        }
        const total = v + d + b + u;
        if (total === 0) expect(r.coverage).toBeNull();
        else expect(Math.abs((r.coverage ?? Number.NaN) - (100 * (v + d + b)) / total)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(r.trend.at(-1)).toMatchObject({ merged: t.merged, debtShare: share });
        // Newest first.
        const instants = r.pulls.map((pull) => Date.parse(pull.mergedAt));
        expect(instants).toEqual([...instants].sort((x, y) => y - x));
      }),
      { numRuns: 60 },
    );
  });
});

describe("outcome reviews in the report (PRODUCT.md §5)", () => {
  const reviewed = (review: string, labels: string[], body = GOOD_BODY) =>
    pr({ mergedAt: "2026-05-01T10:00:00Z", body: `${body}**Review:** ${review}\n`, labels });

  it("counts the reviews that fell due in the period by their answer, the validation rate over the trend, and lists the overdue", () => {
    const overdue = reviewed("2026-07-03", ["outcome: due"]);
    const pulls = [
      reviewed("2026-07-01", ["outcome: validated"]),
      reviewed("2026-07-02", ["outcome: refuted"]),
      overdue, // due on 07-03, unanswered 14 days later on 07-20
      reviewed("2026-07-10", ["outcome: due"]), // due, not yet overdue on 07-20
      reviewed("2026-06-01", ["outcome: validated"]), // an earlier sprint: in the rate only
      reviewed("2026-07-05", ["outcome: validated"], ""), // no hypothesis: not followed up
      reviewed("2026-07-30", []), // not due yet
    ];
    const r = report(pulls);
    expect(r.outcomes).toEqual({ due: 1, overdue: 1, validated: 1, refuted: 1, inconclusive: 0, validationRate: 66.7 });
    expect(r.overdueReviews).toEqual([{ number: overdue.number, title: overdue.title, url: overdue.url, author: "octo-dev", dueDay: "2026-07-03" }]);
    expect(reportJson(r).outcomes).toEqual(r.outcomes);
    // The budget is untouched: none of these was merged in the sprint.
    expect(r.totals.merged).toBe(0);
  });

  it("is off with follow-up disabled", () => {
    const r = report([reviewed("2026-07-01", ["outcome: validated"])], { config: { "follow-up": { enabled: false } } });
    expect(r.outcomes).toBeNull();
    expect(r.overdueReviews).toEqual([]);
  });
});
