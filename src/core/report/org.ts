// PRODUCT.md §3b: the organisation's debt budget. Every repository's merged PRs are judged by that
// repository's own configuration (its classification rules, exclusions and ignored paths), then
// pooled under the organisation's periods, target and weight: the organisation's share is
// (Σ debt + ½ Σ both) ÷ Σ classified over all of them, not an average of the repositories' shares.
import type { Config } from "../config/schema.ts";
import type { OutcomeTally } from "../follow-up.ts";
import { buildReport, LOW_COVERAGE, PullJudge, reportHead, reportPeriods, round1, shareOf, statusOf } from "./budget.ts";
import type { BudgetReport, BudgetStatus, Period, ReportPull, TrendPoint } from "./types.ts";

type Weights = BudgetReport["weights"];

/** A repository's merged PRs (over the organisation report's window) and its own configuration. */
export interface OrgRepoInput {
  /** `owner/name`. */
  repo: string;
  config: Config;
  pulls: readonly ReportPull[];
}

/**
 * One repository's part of the organisation's report: its numbers for the period and for each
 * period of the trend, without its PRs (an organisation report over hundreds of repositories
 * keeps these, not every PR's text).
 */
export interface OrgRepoPart {
  repo: string;
  report: Omit<BudgetReport, "pulls">;
  /** The trend's periods, oldest first, as the organisation cuts them. */
  trend: Array<{ start: string; end: string; merged: number; weights: Weights }>;
}

/** A row of the organisation's table. */
export interface OrgRepoRow {
  repo: string;
  merged: number;
  /** The repository's own share under the organisation's weight; null when nothing is classified. */
  debtShare: number | null;
  /** Against the organisation's target. */
  status: BudgetStatus | null;
  hypothesisCoverage: number | null;
  /** The outcome reviews that fell due in the period; null where the repository's follow-up is off. */
  outcomes: OutcomeTally | null;
  weights: Weights;
  /**
   * How far the repository pulls the organisation from its target, in units of weight:
   * |debt + ½·both − target · classified|. The table leads with the largest.
   */
  distance: number;
}

/** The organisation's report for one period: PRODUCT.md §3b's JSON, plus added keys. */
export interface OrgReport {
  org: string;
  period: { start: string; end: string };
  complete: boolean;
  budget: BudgetReport["budget"];
  totals: BudgetReport["totals"] & {
    /** Repositories with at least one PR merged in the period. */
    repos: number;
    /** Repositories with nothing merged in the period. */
    quiet: number;
  };
  weights: Weights;
  coverage: number | null;
  lowCoverage: boolean;
  hypothesisCoverage: number | null;
  hypotheses: { needed: number; passing: number };
  /** Summed over the repositories whose follow-up is on; null when it is off everywhere. */
  outcomes: OutcomeTally | null;
  /** Repositories with merges in the period, the outliers first. */
  repos: OrgRepoRow[];
  /** Repositories with nothing merged in the period, by name. */
  quiet: string[];
  /** Repositories left out, each with why (an invalid configuration, say). */
  skipped: Array<{ repo: string; reason: string }>;
  /** Oldest first; the last point is this period. */
  trend: TrendPoint[];
}

/**
 * A repository's configuration as the organisation's report applies it: the repository decides
 * what each PR is (classification, hypothesis, exclusions, ignored paths); the organisation
 * decides the periods, the target and what a PR weighs, so that the pooled numbers add up.
 */
export function orgView(repoConfig: Config, orgConfig: Config): Config {
  const org = orgConfig.budget;
  return {
    ...repoConfig,
    budget: {
      ...repoConfig.budget,
      target: org.target,
      tolerance: org.tolerance,
      weight: org.weight,
      period: org.period,
      "sprint-days": org["sprint-days"],
      "sprint-start": org["sprint-start"],
      "time-zone": org["time-zone"],
    },
    report: { ...repoConfig.report, trend: orgConfig.report.trend },
  };
}

/**
 * Judges one repository's PRs for the organisation's report; the PRs can be dropped after. Parts
 * of several periods share one `judge` (built on `orgView(input.config, orgConfig)`), so that
 * each PR is judged once.
 */
export function orgRepoPart(
  input: OrgRepoInput,
  period: Period,
  orgConfig: Config,
  now: Date,
  judge: PullJudge = new PullJudge(orgView(input.config, orgConfig)),
): OrgRepoPart {
  const config = orgView(input.config, orgConfig);
  const { pulls: _judged, ...report } = buildReport({ repo: input.repo, period, pulls: input.pulls, now }, config, judge);
  // Each trend period on its own, without a trend or follow-up of its own: only its weights count.
  const alone: Config = { ...config, report: { ...config.report, trend: 1 }, "follow-up": { ...config["follow-up"], enabled: false } };
  const trend = reportPeriods(period, config).map((point) => {
    const part = buildReport({ repo: input.repo, period: point, pulls: input.pulls, now }, alone, judge);
    return { start: point.start, end: point.end, merged: part.totals.merged, weights: part.weights };
  });
  return { repo: input.repo, report, trend };
}

export interface OrgReportInput {
  org: string;
  period: Period;
  now: Date;
  /** The repositories read, in any order. */
  parts: readonly OrgRepoPart[];
  /** Repositories not read because nothing can have merged in the window (no push since it began). */
  quiet?: readonly string[];
  skipped?: ReadonlyArray<{ repo: string; reason: string }>;
}

/** Pools the repositories' parts into the organisation's report of `input.period`. */
export function buildOrgReport(input: OrgReportInput, orgConfig: Config): OrgReport {
  const { target, tolerance } = orgConfig.budget;
  const active = input.parts.filter((part) => part.report.totals.merged > 0);
  const weights = sumWeights(active.map((part) => part.report.weights));
  const debtShare = shareOf(weights);
  const total = weights.customerValue + weights.techDebt + weights.both + weights.unclassified;
  const coverage = total === 0 ? null : round1((100 * (total - weights.unclassified)) / total);
  const needed = sum(active, (part) => part.report.hypotheses.needed);
  const passing = sum(active, (part) => part.report.hypotheses.passing);
  const totalOf = (key: keyof BudgetReport["totals"]) => sum(input.parts, (part) => part.report.totals[key]);

  const repos = active.map((part) => row(part, target)).sort(outliersFirst);
  const quiet = [...input.parts.filter((part) => part.report.totals.merged === 0).map((part) => part.repo), ...(input.quiet ?? [])].sort(byName);

  const trend = reportPeriods(input.period, orgConfig).map((point, i): TrendPoint => {
    const points = input.parts.flatMap((part) => (part.trend[i]?.start === point.start ? [part.trend[i] as OrgRepoPart["trend"][number]] : []));
    const share = shareOf(sumWeights(points.map((p) => p.weights)));
    return { start: point.start, end: point.end, merged: sum(points, (p) => p.merged), debtShare: share, status: statusOf(share, target, tolerance) };
  });

  return {
    org: input.org,
    ...reportHead(input.period, input.now, orgConfig, debtShare),
    totals: {
      merged: totalOf("merged"),
      customerValue: totalOf("customerValue"),
      techDebt: totalOf("techDebt"),
      both: totalOf("both"),
      unclassified: totalOf("unclassified"),
      inferred: totalOf("inferred"),
      excluded: totalOf("excluded"),
      repos: active.length,
      quiet: quiet.length,
    },
    weights,
    coverage,
    lowCoverage: coverage !== null && coverage < LOW_COVERAGE,
    hypothesisCoverage: needed === 0 ? null : round1((100 * passing) / needed),
    hypotheses: { needed, passing },
    outcomes: pooledOutcomes(input.parts.map((part) => part.report.outcomes)),
    repos,
    quiet,
    skipped: [...(input.skipped ?? [])].sort((a, b) => byName(a.repo, b.repo)),
    trend,
  };
}

function row(part: OrgRepoPart, target: number): OrgRepoRow {
  const { weights } = part.report;
  const classified = weights.customerValue + weights.techDebt + weights.both;
  const debt = weights.techDebt + weights.both / 2;
  return {
    repo: part.repo,
    merged: part.report.totals.merged,
    debtShare: part.report.budget.debtShare,
    status: part.report.budget.status,
    hypothesisCoverage: part.report.hypothesisCoverage,
    outcomes: part.report.outcomes,
    weights,
    distance: round1(Math.abs(debt - (target / 100) * classified)),
  };
}

/** Furthest from the target first; then the busier repository; then by name, so the order is stable. */
function outliersFirst(a: OrgRepoRow, b: OrgRepoRow): number {
  return b.distance - a.distance || b.merged - a.merged || byName(a.repo, b.repo);
}

function byName(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

function sumWeights(all: readonly Weights[]): Weights {
  return {
    customerValue: sum(all, (w) => w.customerValue),
    techDebt: sum(all, (w) => w.techDebt),
    both: sum(all, (w) => w.both),
    unclassified: sum(all, (w) => w.unclassified),
  };
}

/**
 * The repositories' outcome tallies added up. The validation rate is recomputed from the answers
 * of the period (validated ÷ answered), since the repositories' rates cannot be averaged.
 */
function pooledOutcomes(tallies: ReadonlyArray<OutcomeTally | null>): OutcomeTally | null {
  const on = tallies.filter((tally): tally is OutcomeTally => tally !== null);
  if (on.length === 0) return null;
  const validated = sum(on, (t) => t.validated);
  const answered = validated + sum(on, (t) => t.refuted) + sum(on, (t) => t.inconclusive);
  return {
    due: sum(on, (t) => t.due),
    overdue: sum(on, (t) => t.overdue),
    validated,
    refuted: sum(on, (t) => t.refuted),
    inconclusive: sum(on, (t) => t.inconclusive),
    validationRate: answered === 0 ? null : round1((100 * validated) / answered),
  };
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

/**
 * The report as `value-pr report --org ORG --json` prints it: PRODUCT.md §3b's keys first, in the
 * order the contract lists them, then the added ones.
 */
export function orgReportJson(report: OrgReport): Record<string, unknown> {
  return {
    org: report.org,
    period: report.period,
    budget: report.budget,
    totals: report.totals,
    repos: report.repos.map((repo) => ({
      repo: repo.repo,
      merged: repo.merged,
      debtShare: repo.debtShare,
      status: repo.status,
      hypothesisCoverage: repo.hypothesisCoverage,
      outcomes: repo.outcomes,
      weights: repo.weights,
      distance: repo.distance,
    })),
    trend: report.trend,
    complete: report.complete,
    weights: report.weights,
    coverage: report.coverage,
    lowCoverage: report.lowCoverage,
    hypothesisCoverage: report.hypothesisCoverage,
    hypotheses: report.hypotheses,
    outcomes: report.outcomes,
    quiet: report.quiet,
    skipped: report.skipped,
  };
}
