// The debt-budget report as Markdown (PRODUCT.md §3): one renderer for the report issue, the
// Action's job summary and the CLI, plus the hidden marker that finds a period's issue again and
// the one-line budget the PR comment shows. Everything here is a function of the report alone,
// so two replicas render the same bytes and an unchanged report is never rewritten.

import type { Category } from "../types.ts";
import { code, joinBlocks, prose, quote } from "../render/quote.ts";
import { splitLines } from "../text.ts";
import { isIsoDay, readIsoDay } from "./period.ts";
import type { BudgetReport, BudgetStatus, ReportedPull, TrendPoint } from "./types.ts";

/** GitHub's issue body limit is 65,536 characters; the rest is headroom for its own counting. */
export const REPORT_MAX_LENGTH_DEFAULT = 65_000;

/** What the marker carries: enough for the PR comment's budget line without re-reading the report. */
export interface ReportSummary {
  start: string;
  end: string;
  debtShare: number | null;
  status: BudgetStatus | null;
  merged: number;
  complete: boolean;
}

export interface RenderReportOptions {
  /** How the configuration names a period in prose: "sprint", "week" or "month". */
  periodName: string;
  maxLength?: number;
  /** The organisation's report of the same period, when one has been posted (PRODUCT.md §3b). */
  orgReport?: { org: string; url: string } | null;
}

const MARKER_PREFIX = "<!-- value-pr:report ";
const MARKER_LINE = /^<!-- value-pr:report start=(\S+) end=(\S+) share=(\S+) status=(\S+) merged=(\S+) complete=(\S+) -->[ \t]*$/;

const BUDGET_STATUSES: readonly BudgetStatus[] = ["under", "on-budget", "over"];

export const STATUS_ICON: Record<BudgetStatus, string> = { under: "⚠️", "on-budget": "✅", over: "⚠️" };
export const NO_DATA_ICON = "⚪";

export const STATUS_MEANING: Record<BudgetStatus, string> = {
  under: "debt neglected: schedule upkeep",
  "on-budget": "debt and customer work are in balance",
  over: "debt crowds out customer work",
};

const CATEGORY_NAMES: Record<Category, string> = {
  "customer-value": "Customer value",
  "tech-debt": "Tech debt",
  both: "Both",
  unclassified: "Unclassified",
};

/** Unclassified PRs have their own triage list, so the per-category lists skip them. */
const LISTED_CATEGORIES: readonly Category[] = ["customer-value", "tech-debt", "both"];

/** Up to this many unclassified PRs the triage list is open: short enough to act on at once. */
const OPEN_TRIAGE_LIMIT = 10;

/** Titles are cut shorter than quote()'s default: a table row per PR, and more rows fit the body. */
const TITLE_LENGTH = 120;
const REASON_LENGTH = 160;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** One decimal, `.0` dropped: 15, 23.4. */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  // -0 would print as "0" anyway; normalising keeps the marker canonical.
  return (rounded === 0 ? 0 : rounded).toFixed(1).replace(/\.0$/, "");
}

export function formatPercent(value: number): string {
  return `${formatNumber(value)} %`;
}

/** Thousands grouped with commas, by hand: locale formatting would depend on the runtime's ICU. */
export function formatCount(value: number): string {
  const digits = String(Math.round(Math.abs(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ",");
  return value < 0 ? `-${grouped}` : grouped;
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

export function periodRange(start: string, end: string): string {
  return `${start} – ${end}`;
}

/**
 * A GFM table splits cells at every unescaped `|`, even inside code spans, so a login or a
 * branch name in a reason could break the row; quote() output is already escaped.
 */
export function tableCell(markdown: string): string {
  return markdown.replace(/(\\*)\|/g, (match: string, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}\\|` : match));
}

// ---------------------------------------------------------------------------------------------
// Marker

export function reportSummary(report: BudgetReport): ReportSummary {
  return {
    start: report.period.start,
    end: report.period.end,
    debtShare: report.budget.debtShare,
    status: report.budget.status,
    merged: report.totals.merged,
    complete: report.complete,
  };
}

/** The hidden first line of the report: finds the period's issue again and summarises it. */
export function reportMarker(report: BudgetReport): string {
  const s = reportSummary(report);
  const share = s.debtShare === null ? "none" : formatNumber(s.debtShare);
  const status = s.status ?? "none";
  return `${MARKER_PREFIX}start=${s.start} end=${s.end} share=${share} status=${status} merged=${s.merged} complete=${s.complete} -->`;
}

function parseShare(text: string): number | null | undefined {
  if (text === "none") return null;
  if (!/^(?:0|[1-9]\d{0,2})(?:\.\d)?$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 100 ? value : undefined;
}

function parseStatus(text: string): BudgetStatus | null | undefined {
  if (text === "none") return null;
  return BUDGET_STATUSES.find((status) => status === text);
}

function parseMerged(text: string): number | undefined {
  if (!/^(?:0|[1-9]\d*)$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function parseMarkerLine(line: string): ReportSummary | null {
  const match = MARKER_LINE.exec(line);
  if (match === null) return null;
  const [, start = "", end = "", shareText = "", statusText = "", mergedText = "", completeText = ""] = match;
  if (!isIsoDay(start) || !isIsoDay(end) || start > end) return null;
  const debtShare = parseShare(shareText);
  const status = parseStatus(statusText);
  const merged = parseMerged(mergedText);
  if (debtShare === undefined || status === undefined || merged === undefined) return null;
  // The status is the share's verdict: one without the other means the marker was edited.
  if ((debtShare === null) !== (status === null)) return null;
  if (completeText !== "true" && completeText !== "false") return null;
  return { start, end, debtShare, status, merged, complete: completeText === "true" };
}

/**
 * The summary of the first report marker that starts a line of `body`, or null. The first such
 * line decides: a tampered marker is not skipped in favour of a later, pasted one.
 */
export function parseReportMarker(body: string): ReportSummary | null {
  for (const line of splitLines(body)) {
    if (line.startsWith(MARKER_PREFIX)) return parseMarkerLine(line);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Title and the PR comment's budget line

/** The issue title. Issue titles are plain text, so nothing is escaped. */
export function reportTitle(report: BudgetReport, periodName: string): string {
  return `Debt budget: ${periodName} ${periodRange(report.period.start, report.period.end)}`;
}

/** Only web links are linked; the URL is GitHub's, but a stray `)` or space would end the link early. */
export function markdownUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  return url.replace(/[\s()<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** One Markdown line for the PR comment: the debt budget of the period the PR lives in. */
export function budgetLine(summary: ReportSummary, target: number, tolerance: number, periodName: string, url: string | null): string {
  const name = prose(periodName);
  const range = periodRange(summary.start, summary.end);
  const when = summary.complete ? `of the ${name} ${range}` : `so far this ${name} (${range})`;
  const goal = `target ${formatPercent(target)} ± ${formatNumber(tolerance)}`;
  const merged = plural(summary.merged, "merged PR", "merged PRs");
  const numbers =
    summary.debtShare === null
      ? `no merged work classified yet (${merged}), ${goal}.`
      : `${formatPercent(summary.debtShare)} tech debt of ${merged}, ${goal}${summary.status === null ? "" : ` → ${summary.status}`}.`;
  const link = url === null ? null : markdownUrl(url);
  return `Debt budget ${when}: ${numbers}${link === null ? "" : ` [Report](${link})`}`;
}

// ---------------------------------------------------------------------------------------------
// Report sections

function headline(report: BudgetReport, name: string): string {
  const { debtShare, status, target, tolerance } = report.budget;
  const during = report.complete ? `in this ${name}` : `so far this ${name}`;
  if (debtShare === null) {
    const merged = report.totals.merged;
    if (merged === 0) {
      return report.complete
        ? `${NO_DATA_ICON} No pull request was merged in this ${name}, so there is no debt share.`
        : `${NO_DATA_ICON} No pull request merged yet this ${name}, so there is no debt share so far.`;
    }
    return `${NO_DATA_ICON} Nothing merged ${during} is classified yet (${plural(merged, "merged PR", "merged PRs")}), so there is no debt share: label the PRs below.`;
  }
  const verdict = status === null ? "" : ` → **${status}**: ${STATUS_MEANING[status]}`;
  const icon = status === null ? NO_DATA_ICON : STATUS_ICON[status];
  return `${icon} **${formatPercent(debtShare)}** of merged work ${during} was tech debt — target ${formatPercent(target)} ± ${formatNumber(tolerance)}${verdict}.`;
}

/** Where the repository's share goes: the organisation's pooled report of the period. */
function orgReportLine(orgReport: { org: string; url: string } | null): string | null {
  const link = orgReport === null ? null : markdownUrl(orgReport.url);
  return link === null || orgReport === null ? null : `Part of [${prose(orgReport.org)}'s organisation report](${link}), which pools every repository.`;
}

function coverageWarning(report: BudgetReport): string | null {
  if (!report.lowCoverage || report.coverage === null) return null;
  return [
    "> [!WARNING]",
    `> Only ${formatPercent(report.coverage)} of merged work is classified; label the unclassified PRs below so the share means something.`,
  ].join("\n");
}

export function numbersTable(report: Pick<BudgetReport, "budget" | "totals" | "weights">): string {
  const lines = report.budget.weight === "lines";
  const { totals, weights } = report;
  const rows: Array<[string, number, number]> = [
    ["Customer value", totals.customerValue, weights.customerValue],
    ["Tech debt", totals.techDebt, weights.techDebt],
    ["Both (half counts as debt)", totals.both, weights.both],
    ["Unclassified (not in the share)", totals.unclassified, weights.unclassified],
  ];
  const totalWeight = weights.customerValue + weights.techDebt + weights.both + weights.unclassified;
  const header = lines ? ["| Category | PRs | Lines changed |", "| --- | ---: | ---: |"] : ["| Category | PRs |", "| --- | ---: |"];
  const body = rows.map(([name, count, weight]) =>
    lines ? `| ${name} | ${formatCount(count)} | ${formatCount(weight)} |` : `| ${name} | ${formatCount(count)} |`,
  );
  const total = lines
    ? `| **Total merged** | **${formatCount(totals.merged)}** | **${formatCount(totalWeight)}** |`
    : `| **Total merged** | **${formatCount(totals.merged)}** |`;
  return [...header, ...body, total].join("\n");
}

function numbersNotes(report: BudgetReport): string | null {
  const { inferred, merged, excluded } = report.totals;
  const notes: string[] = [];
  if (merged > 0) notes.push(`${formatCount(inferred)} of ${formatCount(merged)} categories inferred by value-pr's rules, not labelled.`);
  if (excluded > 0) notes.push(`${plural(excluded, "merged PR", "merged PRs")} left out by the budget's excluded authors and labels.`);
  return notes.length === 0 ? null : notes.join(" ");
}

/** `Jun 29` from `2026-06-29`; our own dates, so the label is safe inside a Mermaid string. */
function shortDay(day: string): string {
  const date = readIsoDay(day);
  const month = date === null ? undefined : MONTHS[date.month - 1];
  if (date === null || month === undefined) return day.replace(/[^\w-]/g, "");
  return `${month} ${date.day}`;
}

/** Mermaid strings end at a double quote and have no escape; keep configured words to plain ones. */
function mermaidText(text: string): string {
  return text.replace(/[^\p{L}\p{N} -]/gu, "");
}

/** A y-axis that fits the tallest bar and the target band, in tens, at most 100 %. */
function yAxisMax(trend: readonly TrendPoint[], target: number, tolerance: number): number {
  const tallest = Math.max(target + tolerance, ...trend.map((point) => point.debtShare ?? 0));
  return Math.min(100, Math.max(10, Math.ceil((tallest + 5) / 10) * 10));
}

/** What the trend section reads: a repository's report or an organisation's. */
type TrendView = Pick<BudgetReport, "trend" | "budget" | "complete">;

function trendChart(report: TrendView, name: string): string {
  const { trend } = report;
  const { target, tolerance } = report.budget;
  return [
    "```mermaid",
    "xychart-beta",
    `    title "Tech-debt share per ${mermaidText(name)}"`,
    // Mermaid's bars take numbers only: a period with nothing classified is a gap, which its
    // axis label says, so it never passes for a real 0 %.
    `    x-axis [${trend.map((point) => `"${shortDay(point.start)}${point.debtShare === null ? " (no data)" : ""}"`).join(", ")}]`,
    `    y-axis "Tech-debt share (%)" 0 --> ${yAxisMax(trend, target, tolerance)}`,
    `    bar [${trend.map((point) => formatNumber(point.debtShare ?? 0)).join(", ")}]`,
    `    line [${trend.map(() => formatNumber(target)).join(", ")}]`,
    "```",
  ].join("\n");
}

function trendTable(report: TrendView, name: string): string {
  const last = report.trend.length - 1;
  const rows = report.trend.map((point, i) => {
    const running = i === last && !report.complete ? " (so far)" : "";
    const share = point.debtShare === null ? "—" : formatPercent(point.debtShare);
    const status = point.status === null ? `${NO_DATA_ICON} –` : `${STATUS_ICON[point.status]} ${point.status}`;
    return `| ${periodRange(point.start, point.end)}${running} | ${formatCount(point.merged)} | ${share} | ${status} |`;
  });
  const period = name.charAt(0).toUpperCase() + name.slice(1);
  return [`| ${period} | Merged PRs | Debt share | Status |`, "| --- | ---: | ---: | --- |", ...rows].join("\n");
}

export function trendSection(report: TrendView, name: string): string {
  if (report.trend.length === 0) return joinBlocks(["### Trend", `No ${name} to chart yet.`]);
  const { target, tolerance } = report.budget;
  return joinBlocks([
    "### Trend",
    trendChart(report, name),
    `Bars: the tech-debt share per ${name} (none where nothing was classified); line: the ${formatPercent(target)} target (on budget within ± ${formatNumber(tolerance)} points).`,
    trendTable(report, name),
  ]);
}

function hypothesisSection(report: BudgetReport, name: string): string {
  const { needed, passing } = report.hypotheses;
  const during = report.complete ? `in this ${name}` : `so far this ${name}`;
  if (needed === 0) return joinBlocks(["### Outcome hypotheses", `No PR merged ${during} needed an outcome hypothesis.`]);
  const share = report.hypothesisCoverage ?? (passing / needed) * 100;
  const who = needed === 1 ? "merged PR that needed an outcome hypothesis" : "merged PRs that needed an outcome hypothesis";
  return joinBlocks([
    "### Outcome hypotheses",
    `**${formatCount(passing)} of ${formatCount(needed)}** ${who} ${during} declared a passing one (${formatPercent(share)}).`,
  ]);
}

/** PRODUCT.md §5 in the report: what the reviews that fell due said, and who still owes an answer. */
function outcomeSection(report: BudgetReport, name: string): string | null {
  const outcomes = report.outcomes;
  if (outcomes === null) return null;
  const during = report.complete ? `in this ${name}` : `so far this ${name}`;
  const asked = outcomes.due + outcomes.overdue + outcomes.validated + outcomes.refuted + outcomes.inconclusive;
  const rate =
    outcomes.validationRate === null
      ? "No review in the trend's window has been answered yet."
      : `Over the trend's window, ${formatPercent(outcomes.validationRate)} of the answered reviews validated their hypothesis.`;
  const counts =
    asked === 0
      ? `No outcome review fell due ${during}.`
      : `**${formatCount(asked)}** ${asked === 1 ? "outcome review" : "outcome reviews"} fell due ${during}: ${formatCount(outcomes.validated)} validated, ${formatCount(outcomes.refuted)} refuted, ${formatCount(outcomes.inconclusive)} inconclusive, ${formatCount(outcomes.due)} awaiting an answer, ${formatCount(outcomes.overdue)} overdue.`;
  // Bounded like the other lists' entries: the first 20, then a count.
  const shown = report.overdueReviews
    .slice(0, 20)
    .map((review) => `- [#${review.number}](${review.url}) ${quote(review.title, 80)} — due ${review.dueDay}, asked ${code(review.author)}`);
  const more = report.overdueReviews.length - shown.length;
  if (more > 0) shown.push(`- …and ${formatCount(more)} more`);
  return joinBlocks(["### Outcome reviews", `${counts} ${rate}`, shown.length > 0 ? `Overdue:\n\n${shown.join("\n")}` : null]);
}

// ---------------------------------------------------------------------------------------------
// PR lists, the part that grows with the repository and must share the length budget

/** The day a GitHub instant (`2026-06-29T10:00:00Z`) is written with. */
function mergedDay(mergedAt: string): string {
  const day = mergedAt.slice(0, 10);
  return isIsoDay(day) ? day : quote(mergedAt, 30);
}

function triageEntry(pull: ReportedPull, lines: boolean): string {
  const weight = lines ? `, ${plural(pull.weight, "line", "lines")}` : "";
  return `- #${pull.number} ${quote(pull.title, TITLE_LENGTH)} — by ${code(pull.author)}, merged ${mergedDay(pull.mergedAt)}${weight}`;
}

function source(pull: ReportedPull): string {
  if (pull.source === "label") return "label";
  const reason = pull.reasons[0];
  // Reasons are Markdown already (names in code spans, wording quoted): escaping again would show backslashes.
  return reason === undefined ? "*inferred*" : `*inferred*: ${tableCell(reason.length > REASON_LENGTH ? `${reason.slice(0, REASON_LENGTH - 1)}…` : reason)}`;
}

function categoryRow(pull: ReportedPull, lines: boolean): string {
  const cells = [`#${pull.number}`, quote(pull.title, TITLE_LENGTH), tableCell(code(pull.author)), mergedDay(pull.mergedAt)];
  if (lines) cells.push(formatCount(pull.weight));
  cells.push(source(pull));
  return `| ${cells.join(" | ")} |`;
}

interface PullList {
  /** Pre-rendered entries, one line each, in report order (newest merge first). */
  entries: string[];
  /** The list as Markdown showing the first `shown` entries, with a "more" line when cut. */
  render(shown: number): string;
}

function moreLine(hidden: number): string {
  return `…and ${plural(hidden, "more PR", "more PRs")}; \`value-pr report --json\` lists them all.`;
}

function detailsBlock(summary: string, open: boolean, body: Array<string | null>): string {
  // Blank lines around the content: GitHub renders Markdown inside <details> only after one.
  return joinBlocks([`<details${open ? " open" : ""}><summary>${summary}</summary>`, ...body, "</details>"]);
}

function triageList(pulls: readonly ReportedPull[], lines: boolean): PullList {
  const entries = pulls.map((pull) => triageEntry(pull, lines));
  return {
    entries,
    render: (shown) =>
      detailsBlock(`Unclassified PRs (${formatCount(entries.length)})`, entries.length <= OPEN_TRIAGE_LIMIT, [
        entries.slice(0, shown).join("\n"),
        shown < entries.length ? moreLine(entries.length - shown) : null,
      ]),
  };
}

function categoryList(category: Category, pulls: readonly ReportedPull[], lines: boolean): PullList {
  const entries = pulls.map((pull) => categoryRow(pull, lines));
  const header = lines
    ? ["| PR | Title | Author | Merged | Lines | Category from |", "| --- | --- | --- | --- | ---: | --- |"]
    : ["| PR | Title | Author | Merged | Category from |", "| --- | --- | --- | --- | --- |"];
  return {
    entries,
    render: (shown) =>
      detailsBlock(`${CATEGORY_NAMES[category]} (${formatCount(entries.length)})`, false, [
        // No header without rows: an empty table says nothing the "more" line does not.
        shown === 0 ? null : [...header, ...entries.slice(0, shown)].join("\n"),
        shown < entries.length ? moreLine(entries.length - shown) : null,
      ]),
  };
}

/**
 * How many entries of each list fit in `budget` characters. Water-filling: every list is offered
 * an equal share; lists that need less take what they need and free the rest for the others.
 * Then each list fills its share with a prefix of its entries, and what is left over goes to the
 * lists in order, so the unclassified PRs (listed first) are the first to gain from it.
 */
function allocate(lists: readonly PullList[], budget: number): number[] {
  const costs = lists.map((list) => list.entries.map((entry) => entry.length + 1));
  // A table header or list separator appears with the first entry; this over-estimates it.
  const overhead = 200;
  const need = costs.map((entryCosts) => (entryCosts.length === 0 ? 0 : overhead + entryCosts.reduce((sum, cost) => sum + cost, 0)));
  const shown = lists.map(() => 0);
  const spent = lists.map(() => 0);
  let remaining = budget;
  let open = lists.map((_, i) => i).filter((i) => (need[i] ?? 0) > 0);
  for (;;) {
    const share = open.length === 0 ? 0 : Math.floor(remaining / open.length);
    const satisfied = open.filter((i) => (need[i] ?? 0) <= share);
    if (satisfied.length === 0) break;
    for (const i of satisfied) {
      shown[i] = costs[i]?.length ?? 0;
      spent[i] = need[i] ?? 0;
      remaining -= need[i] ?? 0;
    }
    open = open.filter((i) => !satisfied.includes(i));
  }
  const fill = (i: number, allowance: number): number => {
    const entryCosts = costs[i] ?? [];
    let used = spent[i] === 0 ? overhead : 0;
    if (used > allowance) return 0;
    let count = shown[i] ?? 0;
    while (count < entryCosts.length && used + (entryCosts[count] ?? 0) <= allowance) used += entryCosts[count++] ?? 0;
    if (count === (shown[i] ?? 0)) return 0;
    shown[i] = count;
    spent[i] = (spent[i] ?? 0) + used;
    return used;
  };
  const share = open.length === 0 ? 0 : Math.floor(remaining / open.length);
  let leftover = remaining;
  for (const i of open) leftover -= fill(i, share);
  for (const i of open) leftover -= fill(i, leftover);
  return shown;
}

function pullSections(lists: { triage: PullList | null; categories: PullList[] }, shown: readonly number[]): [string | null, string | null] {
  const all = [lists.triage, ...lists.categories];
  const rendered = all.map((list, i) => (list === null ? null : list.render(shown[i] ?? 0)));
  const triage =
    lists.triage === null
      ? null
      : joinBlocks([
          "### Unclassified PRs to triage",
          "Nothing value-pr reads (labels, ticked boxes, author, title, branch, files, hypothesis) said what these are. Label each with its category so the share counts it.",
          rendered[0] ?? null,
        ]);
  const categoryBlocks = rendered.slice(1).filter((block): block is string => block !== null);
  const categories = categoryBlocks.length === 0 ? null : joinBlocks(["### PRs per category", ...categoryBlocks]);
  return [triage, categories];
}

function footer(report: BudgetReport): string {
  const weight =
    report.budget.weight === "lines"
      ? "weighted by changed lines (additions + deletions, without lockfiles, snapshots, generated and vendored files)"
      : "each merged PR counts 1";
  return (
    `<sub>Debt share = (tech debt + ½ · both) ÷ (customer value + tech debt + both), ${weight}; ` +
    "unclassified PRs are listed and counted but left out of the share. " +
    "Categories come from labels, or from value-pr's rules where a PR has none (*inferred*). " +
    "The report issue is updated in place as PRs merge.</sub>"
  );
}

/**
 * The report as Markdown, starting with its marker line. It never exceeds `maxLength`: when the
 * PR lists do not fit, each shows as many entries as fit and says how many it left out.
 * @throws RangeError when `maxLength` cannot even hold the report without its PR lists.
 */
export function renderReport(report: BudgetReport, options: RenderReportOptions): string {
  const maxLength = options.maxLength ?? REPORT_MAX_LENGTH_DEFAULT;
  const name = prose(options.periodName);
  const lines = report.budget.weight === "lines";
  const inCategory = (category: Category) => report.pulls.filter((pull) => pull.category === category);
  const unclassified = inCategory("unclassified");
  const lists = {
    triage: unclassified.length === 0 ? null : triageList(unclassified, lines),
    categories: LISTED_CATEGORIES.map((category) => ({ category, pulls: inCategory(category) }))
      .filter(({ pulls }) => pulls.length > 0)
      .map(({ category, pulls }) => categoryList(category, pulls, lines)),
  };
  const all = [lists.triage, ...lists.categories];

  const document = (shown: readonly number[]): string => {
    const [triage, categories] = pullSections(lists, shown);
    return joinBlocks([
      reportMarker(report),
      headline(report, name),
      orgReportLine(options.orgReport ?? null),
      coverageWarning(report),
      numbersTable(report),
      numbersNotes(report),
      trendSection(report, name),
      hypothesisSection(report, name),
      outcomeSection(report, name),
      triage,
      categories,
      footer(report),
    ]);
  };

  const everything = all.map((list) => list?.entries.length ?? 0);
  const full = document(everything);
  if (full.length <= maxLength) return full;

  const skeleton = document(all.map(() => 0));
  if (skeleton.length > maxLength) {
    throw new RangeError(`The report needs ${skeleton.length} characters without its PR lists; maxLength ${maxLength} is too small.`);
  }
  const shown = allocate(
    all.map((list) => list ?? { entries: [], render: () => "" }),
    maxLength - skeleton.length,
  );
  // The allocation estimates; the rendered length decides. Drop from the longest list until it fits.
  let text = document(shown);
  while (text.length > maxLength) {
    let longest = -1;
    for (let i = 0; i < shown.length; i++) if ((shown[i] ?? 0) > 0 && (longest < 0 || (shown[i] ?? 0) >= (shown[longest] ?? 0))) longest = i;
    if (longest < 0) break;
    shown[longest] = (shown[longest] ?? 0) - 1;
    text = document(shown);
  }
  // The estimate errs on the safe side; hand what it left over out one entry per list per round,
  // unclassified first, so every list shows as many entries as really fit.
  for (let grew = true; grew; ) {
    grew = false;
    for (let i = 0; i < shown.length; i++) {
      if ((shown[i] ?? 0) >= (everything[i] ?? 0)) continue;
      shown[i] = (shown[i] ?? 0) + 1;
      const longer = document(shown);
      if (longer.length <= maxLength) {
        text = longer;
        grew = true;
      } else {
        shown[i] = (shown[i] ?? 0) - 1;
      }
    }
  }
  return text;
}
