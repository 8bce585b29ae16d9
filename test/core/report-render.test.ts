import { describe, expect, it } from "vitest";
import { budgetLine, parseReportMarker, renderReport, reportMarker, reportSummary, reportTitle, type ReportSummary } from "../../src/core/report/render.ts";
import type { BudgetReport, ReportedPull, TrendPoint } from "../../src/core/report/types.ts";
import type { Category } from "../../src/core/types.ts";

function pull(number: number, category: Category, overrides: Partial<ReportedPull> = {}): ReportedPull {
  return {
    number,
    title: `Change number ${number}`,
    author: "octo-dev",
    mergedAt: "2026-07-01T10:00:00Z",
    category,
    source: "label",
    weight: 1,
    url: `https://github.com/acme/shop/pull/${number}`,
    reasons: [],
    hypothesis: "pass",
    ...overrides,
  };
}

/** Totals, weights and coverage follow from `pulls`, so a test states only what it is about. */
function makeReport(overrides: Partial<BudgetReport> = {}, pulls: ReportedPull[] = defaultPulls()): BudgetReport {
  const count = (category: Category) => pulls.filter((p) => p.category === category).length;
  const weigh = (category: Category) => pulls.filter((p) => p.category === category).reduce((sum, p) => sum + p.weight, 0);
  const merged = pulls.length;
  const classified = merged - count("unclassified");
  const coverage = merged === 0 ? null : Math.round((classified / merged) * 1000) / 10;
  return {
    repo: "acme/shop",
    period: { start: "2026-06-29", end: "2026-07-12" },
    complete: true,
    budget: { target: 15, tolerance: 5, weight: "pulls", debtShare: 23.4, status: "over" },
    totals: {
      merged,
      customerValue: count("customer-value"),
      techDebt: count("tech-debt"),
      both: count("both"),
      unclassified: count("unclassified"),
      inferred: pulls.filter((p) => p.source === "inferred").length,
      excluded: 0,
    },
    weights: {
      customerValue: weigh("customer-value"),
      techDebt: weigh("tech-debt"),
      both: weigh("both"),
      unclassified: weigh("unclassified"),
    },
    coverage,
    lowCoverage: coverage !== null && coverage < 80,
    hypothesisCoverage: 75,
    hypotheses: { needed: 4, passing: 3 },
    trend: [
      point("2026-05-04", "2026-05-17", 12, 10),
      point("2026-05-18", "2026-05-31", 0, null),
      point("2026-06-01", "2026-06-14", 20, 30),
      point("2026-06-15", "2026-06-28", 18, 15.5),
      point("2026-06-29", "2026-07-12", merged, 23.4),
    ],
    outcomes: { due: 1, overdue: 1, validated: 2, refuted: 1, inconclusive: 0, validationRate: 60 },
    overdueReviews: [{ number: 7, title: "Route tickets by plan @team", url: "https://github.com/acme/shop/pull/7", author: "octo-dev", dueDay: "2026-06-20" }],
    pulls,
    ...overrides,
  };
}

function point(start: string, end: string, merged: number, debtShare: number | null): TrendPoint {
  const status = debtShare === null ? null : debtShare < 10 ? "under" : debtShare > 20 ? "over" : "on-budget";
  return { start, end, merged, debtShare, status };
}

function defaultPulls(): ReportedPull[] {
  return [
    pull(101, "customer-value"),
    pull(102, "customer-value", { source: "inferred", reasons: ["title type `feat`", "second reason"] }),
    pull(103, "tech-debt", { author: "renovate[bot]" }),
    pull(104, "both"),
    pull(105, "unclassified", { source: "inferred", title: "Misc" }),
  ];
}

/** The `<details>` blocks of a report: summary, whether open, and the content. */
function detailsBlocks(markdown: string): Array<{ summary: string; open: boolean; body: string }> {
  return Array.from(markdown.matchAll(/<details( open)?><summary>(.*?)<\/summary>([\s\S]*?)<\/details>/g), (m) => ({
    summary: m[2] ?? "",
    open: m[1] !== undefined,
    body: m[3] ?? "",
  }));
}

function mermaidBlock(markdown: string): string[] {
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
  if (match === null) throw new Error("no mermaid block");
  return (match[1] ?? "").split("\n").map((line) => line.trim());
}

/** The numbers in a Mermaid `[a, b]` list or `["a", "b"]` label list. */
function bracketList(line: string | undefined): string[] {
  const inner = /\[(.*)\]/.exec(line ?? "")?.[1] ?? "";
  return inner.split(",").map((item) => item.trim());
}

function moreCount(body: string): number {
  const match = /…and ([\d,]+) more PRs?; `value-pr report --json` lists them all\./.exec(body);
  return match === null ? 0 : Number((match[1] ?? "").replaceAll(",", ""));
}

/** Markdown stays well-formed: every details closed, every fence closed. */
function expectBalanced(markdown: string): void {
  expect(markdown.match(/<details/g)?.length ?? 0).toBe(markdown.match(/<\/details>/g)?.length ?? 0);
  expect((markdown.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
  expect(markdown.match(/<sub>/g)?.length).toBe(markdown.match(/<\/sub>/g)?.length);
}

describe("report marker", () => {
  it("renders the exact hidden comment with the machine-readable summary", () => {
    const report = makeReport(
      { complete: false },
      Array.from({ length: 40 }, (_, i) => pull(i + 1, "customer-value")),
    );
    expect(reportMarker(report)).toBe("<!-- value-pr:report start=2026-06-29 end=2026-07-12 share=23.4 status=over merged=40 complete=false -->");
  });

  it("writes none for a missing share and status", () => {
    const report = makeReport({ budget: { target: 15, tolerance: 5, weight: "pulls", debtShare: null, status: null } }, []);
    expect(reportMarker(report)).toBe("<!-- value-pr:report start=2026-06-29 end=2026-07-12 share=none status=none merged=0 complete=true -->");
  });

  it("round-trips through parseReportMarker, also from the rendered body", () => {
    const cases: BudgetReport[] = [
      makeReport(),
      makeReport({ complete: false, budget: { target: 15, tolerance: 5, weight: "lines", debtShare: 0, status: "under" } }),
      makeReport({ budget: { target: 15, tolerance: 5, weight: "pulls", debtShare: 100, status: "over" } }),
      makeReport({ budget: { target: 15, tolerance: 5, weight: "pulls", debtShare: 15, status: "on-budget" } }),
      makeReport({ budget: { target: 15, tolerance: 5, weight: "pulls", debtShare: null, status: null } }, []),
    ];
    for (const report of cases) {
      const expected: ReportSummary = reportSummary(report);
      expect(parseReportMarker(reportMarker(report))).toEqual(expected);
      expect(parseReportMarker(renderReport(report, { periodName: "sprint" }))).toEqual(expected);
    }
  });

  it("finds the marker on any line, with CRLF line ends, but only at the start of a line", () => {
    const marker = reportMarker(makeReport());
    expect(parseReportMarker(`Some text\r\n${marker}\r\nmore`)).toEqual(reportSummary(makeReport()));
    expect(parseReportMarker(`text before ${marker}`)).toBeNull();
    expect(parseReportMarker(` ${marker}`)).toBeNull();
    expect(parseReportMarker(`> ${marker}`)).toBeNull();
    expect(parseReportMarker(`\`${marker}\``)).toBeNull();
    expect(parseReportMarker(`${marker} trailing words`)).toBeNull();
    expect(parseReportMarker("")).toBeNull();
    expect(parseReportMarker("<!-- value-pr:pull-request-comment -->")).toBeNull();
  });

  it("rejects tampered or garbage values", () => {
    const good = "<!-- value-pr:report start=2026-06-29 end=2026-07-12 share=23.4 status=over merged=40 complete=false -->";
    expect(parseReportMarker(good)).not.toBeNull();
    const bad = [
      good.replace("share=23.4", "share=abc"),
      good.replace("share=23.4", "share=101"),
      good.replace("share=23.4", "share=-3"),
      good.replace("share=23.4", "share=23.45"),
      good.replace("share=23.4", "share=023.4"),
      good.replace("share=23.4", "share=none"), // a status without its share
      good.replace("status=over", "status=none"), // a share without its status
      good.replace("status=over", "status=OVER"),
      good.replace("status=over", "status=bogus"),
      good.replace("merged=40", "merged=-1"),
      good.replace("merged=40", "merged=04"),
      good.replace("merged=40", "merged=4e1"),
      good.replace("merged=40", "merged=99999999999999999999"),
      good.replace("complete=false", "complete=yes"),
      good.replace("start=2026-06-29", "start=2026-02-30"),
      good.replace("start=2026-06-29", "start=2026-6-29"),
      good.replace("end=2026-07-12", "end=2026-13-01"),
      good.replace("end=2026-07-12", "end=2026-06-01"), // ends before it starts
      good.replace(" complete=false", ""),
      good.replace("complete=false", "complete=false extra=1"),
      good.replace("share=23.4 status=over", "status=over share=23.4"),
      good.replace(" -->", ""),
    ];
    for (const marker of bad) expect(parseReportMarker(marker), marker).toBeNull();
    expect(parseReportMarker(good.replace("2026-06-29", "2024-02-29").replace("2026-07-12", "2024-03-13"))).not.toBeNull();
    expect(parseReportMarker(good.replace("2026-06-29", "2026-02-29"))).toBeNull();
  });

  it("lets the first marker line decide, so a pasted marker below cannot take over a tampered one", () => {
    const good = reportMarker(makeReport());
    expect(parseReportMarker(`${good.replace("status=over", "status=x")}\n${good}`)).toBeNull();
  });
});

describe("reportTitle", () => {
  it("names the period and its dates", () => {
    expect(reportTitle(makeReport(), "sprint")).toBe("Debt budget: sprint 2026-06-29 – 2026-07-12");
    expect(reportTitle(makeReport({ period: { start: "2026-07-01", end: "2026-07-31" } }), "month")).toBe("Debt budget: month 2026-07-01 – 2026-07-31");
  });
});

describe("renderReport: headline and numbers", () => {
  const budget = (debtShare: number | null, status: BudgetReport["budget"]["status"]): BudgetReport["budget"] => ({
    target: 15,
    tolerance: 5,
    weight: "pulls",
    debtShare,
    status,
  });

  it("starts with the marker line and then the headline with share, target and verdict", () => {
    const lines = renderReport(makeReport(), { periodName: "sprint" }).split("\n");
    expect(lines[0]).toBe(reportMarker(makeReport()));
    expect(lines[2]).toBe("⚠️ **23.4 %** of merged work in this sprint was tech debt — target 15 % ± 5 → **over**: debt crowds out customer work.");
  });

  it("explains each verdict in words", () => {
    const under = renderReport(makeReport({ budget: budget(4, "under") }), { periodName: "sprint" });
    expect(under).toContain("**4 %** of merged work in this sprint was tech debt — target 15 % ± 5 → **under**: debt neglected: schedule upkeep.");
    const on = renderReport(makeReport({ budget: budget(15, "on-budget") }), { periodName: "week" });
    expect(on).toContain("✅ **15 %** of merged work in this week was tech debt — target 15 % ± 5 → **on-budget**: debt and customer work are in balance.");
    expect(on).not.toContain("crowds out");
  });

  it("says so far while the period is still running", () => {
    const running = renderReport(makeReport({ complete: false }), { periodName: "sprint" });
    expect(running).toContain("**23.4 %** of merged work so far this sprint was tech debt");
    expect(running).toMatch(/\| 2026-06-29 – 2026-07-12 \(so far\) \|/);
    const done = renderReport(makeReport({ complete: true }), { periodName: "sprint" });
    expect(done).not.toContain("so far");
  });

  it("says nothing was merged or classified when there is no share", () => {
    const empty = makeReport({ budget: budget(null, null) }, []);
    expect(renderReport(empty, { periodName: "sprint" })).toContain("⚪ No pull request was merged in this sprint, so there is no debt share.");
    expect(renderReport({ ...empty, complete: false }, { periodName: "sprint" })).toContain(
      "No pull request merged yet this sprint, so there is no debt share so far.",
    );
    const unlabelled = makeReport({ budget: budget(null, null) }, [pull(1, "unclassified"), pull(2, "unclassified")]);
    const text = renderReport(unlabelled, { periodName: "sprint" });
    expect(text).toContain("Nothing merged in this sprint is classified yet (2 merged PRs), so there is no debt share");
    expect(text).not.toContain("→ **");
  });

  it("warns about low coverage only when it is low", () => {
    const low = makeReport({ coverage: 62, lowCoverage: true });
    expect(renderReport(low, { periodName: "sprint" })).toContain(
      "> Only 62 % of merged work is classified; label the unclassified PRs below so the share means something.",
    );
    expect(renderReport(makeReport({ coverage: 95, lowCoverage: false }), { periodName: "sprint" })).not.toContain("Only ");
  });

  it("tabulates PR counts per category with a total, and the inferred and excluded counts", () => {
    const report = makeReport({ totals: { ...makeReport().totals, excluded: 3 } });
    const text = renderReport(report, { periodName: "sprint" });
    expect(text).toContain(
      [
        "| Category | PRs |",
        "| --- | ---: |",
        "| Customer value | 2 |",
        "| Tech debt | 1 |",
        "| Both (half counts as debt) | 1 |",
        "| Unclassified (not in the share) | 1 |",
        "| **Total merged** | **5** |",
      ].join("\n"),
    );
    expect(text).toContain("2 of 5 categories inferred by value-pr's rules, not labelled.");
    expect(text).toContain("3 merged PRs left out by the budget's excluded authors and labels.");
    expect(renderReport(makeReport(), { periodName: "sprint" })).not.toContain("left out by");
  });

  it("shows line weights for weight lines, in the table and in the lists", () => {
    const pulls = [
      pull(1, "customer-value", { weight: 1200 }),
      pull(2, "tech-debt", { weight: 34 }),
      pull(3, "both", { weight: 5 }),
      pull(4, "unclassified", { weight: 7 }),
    ];
    const report = makeReport({ budget: { target: 15, tolerance: 5, weight: "lines", debtShare: 4.9, status: "under" } }, pulls);
    const text = renderReport(report, { periodName: "sprint" });
    expect(text).toContain("| Category | PRs | Lines changed |");
    expect(text).toContain("| Customer value | 1 | 1,200 |");
    expect(text).toContain("| Tech debt | 1 | 34 |");
    expect(text).toContain("| **Total merged** | **4** | **1,246** |");
    expect(text).toContain("| #1 | Change number 1 | `octo-dev` | 2026-07-01 | 1,200 | label |");
    expect(text).toContain("- #4 Change number 4 — by `octo-dev`, merged 2026-07-01, 7 lines");
    expect(text).toContain("weighted by changed lines");
    const pullsText = renderReport(makeReport(), { periodName: "sprint" });
    expect(pullsText).not.toContain("Lines");
    expect(pullsText).toContain("each merged PR counts 1");
  });
});

describe("renderReport: trend", () => {
  it("charts the trend as a Mermaid xychart with one bar and one target per period", () => {
    const report = makeReport();
    const chart = mermaidBlock(renderReport(report, { periodName: "sprint" }));
    expect(chart[0]).toBe("xychart-beta");
    expect(chart[1]).toBe('title "Tech-debt share per sprint"');
    const xAxis = chart.find((line) => line.startsWith("x-axis"));
    // The sprint with nothing classified is a gap, named as one: never a real 0 %.
    expect(bracketList(xAxis)).toEqual(['"May 4"', '"May 18 (no data)"', '"Jun 1"', '"Jun 15"', '"Jun 29"']);
    expect(bracketList(xAxis)).toHaveLength(report.trend.length);
    expect(chart).toContain('y-axis "Tech-debt share (%)" 0 --> 40');
    expect(bracketList(chart.find((line) => line.startsWith("bar")))).toEqual(["10", "0", "30", "15.5", "23.4"]);
    expect(bracketList(chart.find((line) => line.startsWith("line")))).toEqual(["15", "15", "15", "15", "15"]);
  });

  it("fits the y-axis to the data, never below the target band and never above 100", () => {
    const low = makeReport({ trend: [point("2026-06-29", "2026-07-12", 3, 2)] });
    expect(mermaidBlock(renderReport(low, { periodName: "sprint" }))).toContain('y-axis "Tech-debt share (%)" 0 --> 30');
    const high = makeReport({ trend: [point("2026-06-29", "2026-07-12", 3, 98)] });
    expect(mermaidBlock(renderReport(high, { periodName: "sprint" }))).toContain('y-axis "Tech-debt share (%)" 0 --> 100');
  });

  it("tabulates the same points and says which period had no data", () => {
    const text = renderReport(makeReport(), { periodName: "sprint" });
    expect(text).toContain(
      [
        "| Sprint | Merged PRs | Debt share | Status |",
        "| --- | ---: | ---: | --- |",
        "| 2026-05-04 – 2026-05-17 | 12 | 10 % | ✅ on-budget |",
        "| 2026-05-18 – 2026-05-31 | 0 | — | ⚪ – |",
        "| 2026-06-01 – 2026-06-14 | 20 | 30 % | ⚠️ over |",
        "| 2026-06-15 – 2026-06-28 | 18 | 15.5 % | ✅ on-budget |",
        "| 2026-06-29 – 2026-07-12 | 5 | 23.4 % | ⚠️ over |",
      ].join("\n"),
    );
  });
});

describe("renderReport: hypotheses and PR lists", () => {
  it("states hypothesis coverage, or that none was needed", () => {
    expect(renderReport(makeReport(), { periodName: "sprint" })).toContain(
      "**3 of 4** merged PRs that needed an outcome hypothesis in this sprint declared a passing one (75 %).",
    );
    const none = makeReport({ hypothesisCoverage: null, hypotheses: { needed: 0, passing: 0 } });
    expect(renderReport(none, { periodName: "sprint" })).toContain("No PR merged in this sprint needed an outcome hypothesis.");
  });

  it("lists unclassified PRs to triage, open when few, closed when many, absent when none", () => {
    const few = detailsBlocks(renderReport(makeReport(), { periodName: "sprint" }));
    const triage = few.find((block) => block.summary.startsWith("Unclassified"));
    expect(triage).toMatchObject({ summary: "Unclassified PRs (1)", open: true });
    expect(triage?.body).toContain("- #105 Misc — by `octo-dev`, merged 2026-07-01");

    const many = Array.from({ length: 11 }, (_, i) => pull(i + 1, "unclassified"));
    const closed = detailsBlocks(renderReport(makeReport({}, many), { periodName: "sprint" }));
    expect(closed.find((block) => block.summary.startsWith("Unclassified"))).toMatchObject({ summary: "Unclassified PRs (11)", open: false });

    const none = renderReport(makeReport({}, [pull(1, "customer-value")]), { periodName: "sprint" });
    expect(none).not.toContain("Unclassified PRs");
    expect(none).not.toContain("to triage");
  });

  it("lists the PRs of each category in closed details, with the first reason of inferred ones", () => {
    const text = renderReport(makeReport(), { periodName: "sprint" });
    expectBalanced(text);
    const blocks = detailsBlocks(text);
    expect(blocks.map((block) => [block.summary, block.open])).toEqual([
      ["Unclassified PRs (1)", true],
      ["Customer value (2)", false],
      ["Tech debt (1)", false],
      ["Both (1)", false],
    ]);
    const value = blocks[1]?.body ?? "";
    expect(value).toContain("| PR | Title | Author | Merged | Category from |");
    expect(value).toContain("| #101 | Change number 101 | `octo-dev` | 2026-07-01 | label |");
    expect(value).toContain("| #102 | Change number 102 | `octo-dev` | 2026-07-01 | *inferred*: title type `feat` |");
    expect(value).not.toContain("second reason");
    expect(blocks[2]?.body).toContain("`renovate[bot]`");
    // Blank lines inside <details>: GitHub renders Markdown there only after one.
    expect(value.startsWith("\n\n")).toBe(true);
    expect(value.endsWith("\n\n")).toBe(true);
  });

  it("leaves out empty categories", () => {
    const text = renderReport(makeReport({}, [pull(1, "tech-debt")]), { periodName: "sprint" });
    expect(detailsBlocks(text).map((block) => block.summary)).toEqual(["Tech debt (1)"]);
  });

  it("neutralises PR titles and authors: no mention, no HTML, no emphasis, no broken table", () => {
    const title = "Ping @octocat <img src=x onerror=alert(1)> **bold** a | b [link](https://evil)";
    const pulls = [pull(7, "customer-value", { title, author: "evil|user" }), pull(8, "unclassified", { title })];
    const text = renderReport(makeReport({}, pulls), { periodName: "sprint" });
    expect(text).not.toMatch(/@octocat/);
    expect(text).toContain("@&#8203;octocat");
    expect(text).not.toContain("<img");
    expect(text).not.toContain("**bold**");
    expect(text).not.toContain("[link](");
    const row = text.split("\n").find((line) => line.startsWith("| #7 |")) ?? "";
    // Six unescaped pipes: five cells, however many pipes the title and login carry.
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(6);
    expect(row).toContain("`evil\\|user`");
  });

  it("shows reasons with a pipe without breaking the row", () => {
    const pulls = [pull(9, "tech-debt", { source: "inferred", reasons: ["branch `a|b` starts with `chore/`"] })];
    const row =
      renderReport(makeReport({}, pulls), { periodName: "sprint" })
        .split("\n")
        .find((line) => line.startsWith("| #9 |")) ?? "";
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(6);
  });

  it("ends with a footer on how the numbers are computed", () => {
    const text = renderReport(makeReport(), { periodName: "sprint" });
    const last = text.split("\n").at(-1) ?? "";
    expect(last).toMatch(/^<sub>Debt share = \(tech debt \+ ½ · both\) ÷ \(customer value \+ tech debt \+ both\).*updated in place.*<\/sub>$/);
  });

  it("keeps the sections in order", () => {
    const text = renderReport(makeReport({ coverage: 62, lowCoverage: true }), { periodName: "sprint" });
    const order = [
      "<!-- value-pr:report",
      "of merged work",
      "> [!WARNING]",
      "| Category |",
      "### Trend",
      "```mermaid",
      "| Sprint |",
      "### Outcome hypotheses",
      "### Unclassified PRs to triage",
      "### PRs per category",
      "<sub>",
    ];
    const positions = order.map((needle) => text.indexOf(needle));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

describe("renderReport: size limit and determinism", () => {
  function bigReport(total: number): BudgetReport {
    const categories: Category[] = ["customer-value", "tech-debt", "both", "unclassified"];
    const pulls = Array.from({ length: total }, (_, i) =>
      pull(i + 1, categories[i % 4] ?? "customer-value", {
        title: `${"Refactor the checkout flow so that ".repeat(6)}@octocat`.slice(0, 200),
        author: `developer-${i}`,
        source: i % 3 === 0 ? "inferred" : "label",
        reasons: ["title type `feat`"],
        weight: 100 + i,
      }),
    );
    return makeReport({ budget: { target: 15, tolerance: 5, weight: "lines", debtShare: 37.5, status: "over" } }, pulls);
  }

  it("stays under 65,000 characters with 10,000 PRs and says how many each list leaves out", () => {
    const report = bigReport(10_000);
    const text = renderReport(report, { periodName: "sprint" });
    expect(text.length).toBeLessThan(65_000);
    expectBalanced(text);
    expect(parseReportMarker(text)).toEqual(reportSummary(report));
    expect(text.split("\n").at(-1)).toMatch(/^<sub>.*<\/sub>$/);

    const blocks = detailsBlocks(text);
    expect(blocks.map((block) => block.summary)).toEqual(["Unclassified PRs (2,500)", "Customer value (2,500)", "Tech debt (2,500)", "Both (2,500)"]);
    const shownCounts = blocks.map((block, i) => {
      const shown = block.body.split("\n").filter((line) => (i === 0 ? line.startsWith("- #") : line.startsWith("| #"))).length;
      expect(shown + moreCount(block.body)).toBe(2_500);
      expect(moreCount(block.body)).toBeGreaterThan(0);
      return shown;
    });
    // Shared fairly: every list shows entries, none gets much more than another.
    expect(Math.min(...shownCounts)).toBeGreaterThan(20);
    expect(Math.max(...shownCounts) - Math.min(...shownCounts)).toBeLessThan(Math.max(...shownCounts) / 2);
    // The entries shown are the first (newest) ones, in order.
    expect(blocks[0]?.body).toContain("- #4 ");
    expect(blocks[1]?.body).toContain("| #1 |");
  });

  it("respects a smaller maxLength and gives list space to short lists first", () => {
    const pulls = [
      ...Array.from({ length: 3 }, (_, i) => pull(i + 1, "unclassified")),
      ...Array.from({ length: 2_000 }, (_, i) => pull(i + 10, "tech-debt", { title: "x".repeat(200) })),
    ];
    const report = makeReport({}, pulls);
    for (const maxLength of [8_000, 20_000]) {
      const text = renderReport(report, { periodName: "sprint", maxLength });
      expect(text.length).toBeLessThanOrEqual(maxLength);
      expectBalanced(text);
      const [triage, debt] = detailsBlocks(text);
      expect(triage?.body).not.toContain("more PR");
      expect(triage?.body.split("\n").filter((line) => line.startsWith("- #"))).toHaveLength(3);
      const shown = debt?.body.split("\n").filter((line) => line.startsWith("| #")).length ?? 0;
      expect(shown).toBeGreaterThan(0);
      expect(shown + moreCount(debt?.body ?? "")).toBe(2_000);
    }
  });

  it("says 1 more PR in the singular", () => {
    const pulls = Array.from({ length: 40 }, (_, i) => pull(i + 1, "tech-debt", { title: "y".repeat(150) }));
    const report = makeReport({}, pulls);
    const full = renderReport(report, { periodName: "sprint" });
    const lastRow =
      full
        .split("\n")
        .filter((line) => line.startsWith("| #"))
        .at(-1) ?? "";
    // Room for every row but the last, which is longer than the "more" line that replaces it.
    const text = renderReport(report, { periodName: "sprint", maxLength: full.length - 1 });
    expect(text.length).toBeLessThanOrEqual(full.length - 1);
    expect(lastRow.length).toBeGreaterThan(0);
    expect(text).toContain("…and 1 more PR; `value-pr report --json` lists them all.");
  });

  it("refuses a limit too small for the report without its lists instead of cutting it silently", () => {
    expect(() => renderReport(makeReport(), { periodName: "sprint", maxLength: 500 })).toThrow(RangeError);
  });

  it("renders the same report to the same string", () => {
    const report = bigReport(3_000);
    const copy = structuredClone(report);
    expect(renderReport(copy, { periodName: "sprint" })).toBe(renderReport(report, { periodName: "sprint" }));
    expect(renderReport(makeReport(), { periodName: "sprint" })).toBe(renderReport(makeReport(), { periodName: "sprint" }));
  });
});

describe("budgetLine", () => {
  const summary: ReportSummary = {
    start: "2026-06-29",
    end: "2026-07-12",
    debtShare: 23.4,
    status: "over",
    merged: 40,
    complete: false,
  };

  it("gives the period's share against the target with a link to the report", () => {
    expect(budgetLine(summary, 15, 5, "sprint", "https://github.com/acme/shop/issues/9")).toBe(
      "Debt budget so far this sprint (2026-06-29 – 2026-07-12): 23.4 % tech debt of 40 merged PRs, target 15 % ± 5 → over. [Report](https://github.com/acme/shop/issues/9)",
    );
  });

  it("has no link without a URL, and only links web URLs", () => {
    expect(budgetLine(summary, 15, 5, "sprint", null)).toBe(
      "Debt budget so far this sprint (2026-06-29 – 2026-07-12): 23.4 % tech debt of 40 merged PRs, target 15 % ± 5 → over.",
    );
    expect(budgetLine(summary, 15, 5, "sprint", "javascript:alert(1)")).not.toContain("[Report]");
    expect(budgetLine(summary, 15, 5, "sprint", "https://x/a b)")).toContain("[Report](https://x/a%20b%29)");
  });

  it("says when no merged work is classified yet, and names a finished period", () => {
    expect(budgetLine({ ...summary, debtShare: null, status: null, merged: 1 }, 15, 5, "week", null)).toBe(
      "Debt budget so far this week (2026-06-29 – 2026-07-12): no merged work classified yet (1 merged PR), target 15 % ± 5.",
    );
    expect(budgetLine({ ...summary, complete: true, debtShare: 12.5, status: "on-budget" }, 12.5, 2.5, "sprint", null)).toBe(
      "Debt budget of the sprint 2026-06-29 – 2026-07-12: 12.5 % tech debt of 40 merged PRs, target 12.5 % ± 2.5 → on-budget.",
    );
  });

  it("takes the summary parsed from a report's marker", () => {
    const report = makeReport({ complete: false });
    const parsed = parseReportMarker(renderReport(report, { periodName: "sprint" }));
    expect(parsed).not.toBeNull();
    expect(budgetLine(parsed as ReportSummary, 15, 5, "sprint", null)).toContain("23.4 % tech debt of 5 merged PRs");
  });
});

describe("renderReport: outcome reviews", () => {
  it("counts the reviews by answer, gives the validation rate and lists the overdue ones as inert text", () => {
    const markdown = renderReport(makeReport(), { periodName: "sprint" });
    const section = markdown.slice(markdown.indexOf("### Outcome reviews"));
    expect(section).toContain("**5** outcome reviews fell due in this sprint: 2 validated, 1 refuted, 0 inconclusive, 1 awaiting an answer, 1 overdue.");
    expect(section).toContain("60 % of the answered reviews validated their hypothesis");
    expect(section).toContain("- [#7](https://github.com/acme/shop/pull/7) Route tickets by plan @&#8203;team — due 2026-06-20, asked `octo-dev`");
  });

  it("says so when nothing fell due, and leaves the section out with follow-up off", () => {
    const quiet = renderReport(
      makeReport({ outcomes: { due: 0, overdue: 0, validated: 0, refuted: 0, inconclusive: 0, validationRate: null }, overdueReviews: [] }),
      { periodName: "sprint" },
    );
    expect(quiet).toContain("No outcome review fell due in this sprint. No review in the trend's window has been answered yet.");
    expect(renderReport(makeReport({ outcomes: null, overdueReviews: [] }), { periodName: "sprint" })).not.toContain("### Outcome reviews");
  });
});
