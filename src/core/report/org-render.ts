// The organisation's report as Markdown (PRODUCT.md §3b), with the hidden marker that finds its
// period's issue again. It shares the repository report's pieces (numbers, trend, icons) and its
// length budget: for hundreds of repositories the table shows the outliers that fit and says how
// many closer to the target it left out.
import { code, joinBlocks, prose, quote } from "../render/quote.ts";
import type { OrgReport, OrgRepoRow } from "./org.ts";
import {
  formatCount,
  formatNumber,
  formatPercent,
  NO_DATA_ICON,
  numbersTable,
  periodRange,
  plural,
  REPORT_MAX_LENGTH_DEFAULT,
  STATUS_ICON,
  STATUS_MEANING,
  tableCell,
  trendSection,
} from "./render.ts";

export interface RenderOrgReportOptions {
  /** How the organisation's configuration names a period: "sprint", "week" or "month". */
  periodName: string;
  maxLength?: number;
}

const MARKER_PREFIX = "<!-- value-pr:org-report ";
const MARKER_LINE = /^<!-- value-pr:org-report start=(\d{4}-\d{2}-\d{2}) end=(\d{4}-\d{2}-\d{2}) share=\S+ status=\S+ repos=\d+ complete=\S+ -->[ \t]*$/m;

/** Names of quiet or skipped repositories shown before "…and N more" once the report is too long. */
const SHORT_LIST = 30;

/** The hidden first line of the organisation's report: finds the period's issue again. */
export function orgReportMarker(report: OrgReport): string {
  const share = report.budget.debtShare === null ? "none" : formatNumber(report.budget.debtShare);
  const status = report.budget.status ?? "none";
  return `${MARKER_PREFIX}start=${report.period.start} end=${report.period.end} share=${share} status=${status} repos=${report.totals.repos} complete=${report.complete} -->`;
}

/** The period of an organisation report's issue body; null for anything else (a repository's report). */
export function parseOrgReportMarker(body: string): { start: string; end: string } | null {
  const match = MARKER_LINE.exec(body);
  return match === null ? null : { start: match[1] ?? "", end: match[2] ?? "" };
}

/** The issue title; plain text, so nothing is escaped. */
export function orgReportTitle(report: OrgReport, periodName: string): string {
  return `Debt budget of ${report.org}: ${periodName} ${periodRange(report.period.start, report.period.end)}`;
}

function headline(report: OrgReport, name: string): string {
  const { debtShare, status, target, tolerance } = report.budget;
  const during = report.complete ? `in this ${name}` : `so far this ${name}`;
  const across = plural(report.totals.repos, "repository", "repositories");
  if (debtShare === null) {
    return report.totals.merged === 0
      ? `${NO_DATA_ICON} No pull request was merged ${during} in any repository, so there is no debt share.`
      : `${NO_DATA_ICON} Nothing merged ${during} is classified yet (${plural(report.totals.merged, "merged PR", "merged PRs")} across ${across}), so there is no debt share.`;
  }
  const verdict = status === null ? "" : ` → **${status}**: ${STATUS_MEANING[status]}`;
  const icon = status === null ? NO_DATA_ICON : STATUS_ICON[status];
  return `${icon} **${formatPercent(debtShare)}** of merged work across **${across}** ${during} was tech debt — target ${formatPercent(target)} ± ${formatNumber(tolerance)}${verdict}.`;
}

function coverageWarning(report: OrgReport): string | null {
  if (!report.lowCoverage || report.coverage === null) return null;
  return `> [!WARNING]\n> Only ${formatPercent(report.coverage)} of merged work is classified; each repository's report lists its unclassified PRs to label.`;
}

function outcomeCell(row: OrgRepoRow): string {
  const o = row.outcomes;
  if (o === null) return "off";
  const parts = [
    o.validated > 0 ? `${formatCount(o.validated)} validated` : null,
    o.refuted > 0 ? `${formatCount(o.refuted)} refuted` : null,
    o.inconclusive > 0 ? `${formatCount(o.inconclusive)} inconclusive` : null,
    o.due > 0 ? `${formatCount(o.due)} awaiting` : null,
    o.overdue > 0 ? `${formatCount(o.overdue)} overdue` : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? "—" : parts.join(", ");
}

function repoRow(row: OrgRepoRow): string {
  const share = row.debtShare === null ? "—" : formatPercent(row.debtShare);
  const status = row.status === null ? `${NO_DATA_ICON} –` : `${STATUS_ICON[row.status]} ${row.status}`;
  const hypotheses = row.hypothesisCoverage === null ? "—" : formatPercent(row.hypothesisCoverage);
  return `| ${tableCell(code(row.repo))} | ${formatCount(row.merged)} | ${share} | ${status} | ${hypotheses} | ${outcomeCell(row)} |`;
}

function repoTable(report: OrgReport, shown: number, name: string): string {
  if (report.repos.length === 0)
    return joinBlocks(["### Repositories", `No repository merged a pull request ${report.complete ? "in this" : "so far this"} ${name}.`]);
  const rows = report.repos.slice(0, shown).map(repoRow);
  const hidden = report.repos.length - rows.length;
  return joinBlocks([
    "### Repositories",
    `Furthest from the target first, by how much classified work each one moves the share (${report.budget.weight === "lines" ? "changed lines" : "merged PRs"}).`,
    ["| Repository | Merged PRs | Debt share | Status | Hypotheses | Outcome reviews |", "| --- | ---: | ---: | --- | ---: | --- |", ...rows].join("\n"),
    hidden > 0
      ? `…and ${plural(hidden, "more repository", "more repositories")}, closer to the target; \`value-pr report --org ${prose(report.org)} --json\` lists them all.`
      : null,
  ]);
}

function nameList(names: readonly string[], shown: number): string {
  const listed = names.slice(0, shown).map((name) => code(name));
  const hidden = names.length - listed.length;
  return hidden > 0 ? `${listed.join(", ")} and ${formatCount(hidden)} more` : listed.join(", ");
}

function quietSection(report: OrgReport, shown: number, name: string): string | null {
  if (report.quiet.length === 0) return null;
  return `Nothing merged ${report.complete ? "in this" : "so far this"} ${name} (${formatCount(report.quiet.length)}): ${nameList(report.quiet, shown)}.`;
}

function skippedSection(report: OrgReport, shown: number): string | null {
  if (report.skipped.length === 0) return null;
  const entries = report.skipped.slice(0, shown).map((skip) => `- ${code(skip.repo)}: ${quote(skip.reason, 200)}`);
  const hidden = report.skipped.length - entries.length;
  if (hidden > 0) entries.push(`- …and ${plural(hidden, "more repository", "more repositories")}`);
  return joinBlocks(["Not counted:", entries.join("\n")]);
}

function footer(report: OrgReport): string {
  const weight = report.budget.weight === "lines" ? "weighted by changed lines" : "each merged PR counts 1";
  return (
    `<sub>Debt share = (Σ tech debt + ½ · Σ both) ÷ Σ classified over every repository's merged PRs, ${weight}; ` +
    "each PR is classified by its own repository's configuration, against the organisation's target and periods. " +
    "The report issue is updated in place as PRs merge.</sub>"
  );
}

/**
 * The organisation's report as Markdown, starting with its marker line, never longer than
 * `maxLength`: when everything does not fit, the lists of quiet and skipped repositories are cut
 * to their first names, then the table to the outliers that fit.
 * @throws RangeError when `maxLength` cannot hold the report without its table rows.
 */
export function renderOrgReport(report: OrgReport, options: RenderOrgReportOptions): string {
  const maxLength = options.maxLength ?? REPORT_MAX_LENGTH_DEFAULT;
  const name = prose(options.periodName);
  const document = (rows: number, names: number) =>
    joinBlocks([
      orgReportMarker(report),
      headline(report, name),
      coverageWarning(report),
      numbersTable(report),
      repoTable(report, rows, name),
      quietSection(report, names, name),
      skippedSection(report, names),
      trendSection(report, name),
      footer(report),
    ]);
  const all = Math.max(report.quiet.length, report.skipped.length);
  const full = document(report.repos.length, all);
  if (full.length <= maxLength) return full;
  const names = Math.min(all, SHORT_LIST);
  const skeleton = document(0, names);
  if (skeleton.length > maxLength) {
    const bare = document(0, 0);
    if (bare.length > maxLength)
      throw new RangeError(`The organisation report needs ${bare.length} characters without its table; maxLength ${maxLength} is too small.`);
    return bare;
  }
  // The most rows that fit: the text grows with every row, so a binary search finds it.
  let low = 0;
  let high = report.repos.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (document(middle, names).length <= maxLength) low = middle;
    else high = middle - 1;
  }
  return document(low, names);
}
