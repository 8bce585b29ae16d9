// PRODUCT.md §3: the debt budget of a period. Each merged PR gets a category (its labels, else
// the classifier's inference) and a weight; the debt share is (debt + ½·both) over the
// classified weight, judged against the target ± tolerance.
import { followUpRules, reviewItems, tallyOutcomes } from "../follow-up.ts";
import { compileGlobs } from "../glob.ts";
import type { Config } from "../config/schema.ts";
import { evaluatePull, labelsAsPersonChoices, type PullVerdict } from "../evaluate.ts";
import type { Category, PullFacts } from "../types.ts";
import { containsInstant, isComplete, periodsEndingWith } from "./period.ts";
import type { BudgetReport, BudgetStatus, Period, PeriodRules, ReportedPull, ReportPull, TrendPoint } from "./types.ts";

/** Coverage under this share of merged work leaves the debt share resting on too little. */
export const LOW_COVERAGE = 80;

export function periodRules(config: Config): PeriodRules {
  const b = config.budget;
  return { kind: b.period, sprintDays: b["sprint-days"], sprintStart: b["sprint-start"], timeZone: b["time-zone"] };
}

/** The window of merged PRs a report for `period` needs: the whole trend, the period last. */
export function reportPeriods(period: Period, config: Config): Period[] {
  return periodsEndingWith(period, config.report.trend, periodRules(config));
}

export interface ReportInput {
  /** `owner/name`. */
  repo: string;
  period: Period;
  /** Merged PRs from at least the trend's window (others are ignored). */
  pulls: readonly ReportPull[];
  /** The instant the report is made, to tell a complete period from one still running. */
  now: Date;
}

/** Judges every PR at most once, however many reports (current, previous) share the pulls. */
export class PullJudge {
  readonly #config: Config;
  readonly #cache = new Map<number, ReportedPull>();
  readonly #verdicts = new Map<number, PullVerdict>();
  readonly #ignored: (path: string) => boolean;

  constructor(config: Config) {
    // The report counts what a PR declares, not what the check would let pass in advise mode.
    this.#config = { ...config, mode: "enforce" };
    this.#ignored = compileGlobs(config.budget["lines-ignore"]);
  }

  judge(pull: ReportPull): ReportedPull {
    let judged = this.#cache.get(pull.number);
    if (judged === undefined) {
      judged = this.#judge(pull);
      this.#cache.set(pull.number, judged);
    }
    return judged;
  }

  /** The full verdict on a merged PR, as the check would give it on a ready PR (enforce mode). */
  verdict(pull: ReportPull): PullVerdict {
    let verdict = this.#verdicts.get(pull.number);
    if (verdict === undefined) {
      verdict = this.#evaluate(pull);
      this.#verdicts.set(pull.number, verdict);
    }
    return verdict;
  }

  #evaluate(pull: ReportPull): PullVerdict {
    const choices = labelsAsPersonChoices(pull.labels, this.#config);
    const facts: PullFacts = {
      title: pull.title,
      body: pull.body,
      author: pull.author,
      authorIsBot: pull.authorIsBot,
      draft: false,
      labels: pull.labels,
      headBranch: pull.headBranch,
      // A partial file list cannot show that *every* file is a debt path.
      files: pull.files.length === pull.changedFiles ? pull.files.map((file) => file.path) : null,
    };
    return evaluatePull(facts, this.#config, choices);
  }

  #judge(pull: ReportPull): ReportedPull {
    const choices = labelsAsPersonChoices(pull.labels, this.#config);
    const verdict = this.verdict(pull);
    return {
      number: pull.number,
      title: pull.title,
      author: pull.author,
      mergedAt: pull.mergedAt,
      category: verdict.category.value,
      source: choices.customerValue === "added" || choices.techDebt === "added" ? "label" : "inferred",
      weight: this.#weight(pull),
      url: pull.url,
      reasons: verdict.category.reasons,
      hypothesis: verdict.hypothesis.status,
    };
  }

  #weight(pull: ReportPull): number {
    if (this.#config.budget.weight === "pulls") return 1;
    // Files GitHub did not list (PRs of more than 100 files) cannot be checked and count.
    const ignored = pull.files.filter((file) => this.#ignored(file.path)).reduce((sum, file) => sum + file.additions + file.deletions, 0);
    return Math.max(0, pull.additions + pull.deletions - ignored);
  }
}

/** Builds the report of `input.period`, with its trend, from merged PRs. */
export function buildReport(input: ReportInput, config: Config, judge: PullJudge = new PullJudge(config)): BudgetReport {
  const { target, tolerance } = config.budget;
  const population = (period: Period) => input.pulls.filter((pull) => containsInstant(period, pull.mergedAt));
  const inPeriod = population(input.period);
  const included = inPeriod.filter((pull) => !isExcluded(pull, config));
  const pulls = included.map((pull) => judge.judge(pull)).sort(newestFirst);

  const weights = weightsByCategory(pulls);
  const debtShare = shareOf(weights);
  const total = weights.customerValue + weights.techDebt + weights.both + weights.unclassified;
  const coverage = total === 0 ? null : round1((100 * (total - weights.unclassified)) / total);
  const needing = pulls.filter((pull) => pull.hypothesis === "pass" || pull.hypothesis === "fail");
  const passing = needing.filter((pull) => pull.hypothesis === "pass").length;

  const trend: TrendPoint[] = reportPeriods(input.period, config).map((period) => {
    const judged = population(period)
      .filter((pull) => !isExcluded(pull, config))
      .map((pull) => judge.judge(pull));
    const share = shareOf(weightsByCategory(judged));
    return { start: period.start, end: period.end, merged: judged.length, debtShare: share, status: statusOf(share, target, tolerance) };
  });

  const followUp = followUpRules(config);
  const reviews = followUp.enabled
    ? reviewItems(
        input.pulls.filter((pull) => !isExcluded(pull, config)),
        (pull) => judge.verdict(pull),
        followUp,
        input.now,
      )
    : [];
  const trendSpan = { start: trend[0]?.start ?? input.period.start, end: input.period.end };

  return {
    repo: input.repo,
    ...reportHead(input.period, input.now, config, debtShare),
    totals: {
      merged: pulls.length,
      customerValue: countOf(pulls, "customer-value"),
      techDebt: countOf(pulls, "tech-debt"),
      both: countOf(pulls, "both"),
      unclassified: countOf(pulls, "unclassified"),
      inferred: pulls.filter((pull) => pull.source === "inferred" && pull.category !== "unclassified").length,
      excluded: inPeriod.length - included.length,
    },
    weights,
    coverage,
    lowCoverage: coverage !== null && coverage < LOW_COVERAGE,
    hypothesisCoverage: needing.length === 0 ? null : round1((100 * passing) / needing.length),
    hypotheses: { needed: needing.length, passing },
    trend,
    outcomes: followUp.enabled ? tallyOutcomes(reviews, input.period, trendSpan) : null,
    overdueReviews: reviews
      .filter((item) => item.answer === null && item.stage === "overdue")
      .map(({ number, title, url, author, dueDay }) => ({ number, title, url, author, dueDay })),
    pulls,
  };
}

/** What every report opens with: its period, whether that has ended, and the budget's verdict. */
export function reportHead(period: Period, now: Date, config: Config, debtShare: number | null): Pick<BudgetReport, "period" | "complete" | "budget"> {
  const { target, tolerance, weight } = config.budget;
  return {
    period: { start: period.start, end: period.end },
    complete: isComplete(period, now),
    budget: { target, tolerance, weight, debtShare, status: statusOf(debtShare, target, tolerance) },
  };
}

/** `budget.exclude-authors` / `exclude-labels`: left out of the report, and of its follow-up. */
export function isExcluded(pull: ReportPull, config: Config): boolean {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const { "exclude-authors": authors, "exclude-labels": labels } = config.budget;
  return authors.some((author) => same(author, pull.author)) || pull.labels.some((label) => labels.some((excluded) => same(excluded, label)));
}

function weightsByCategory(pulls: readonly ReportedPull[]): BudgetReport["weights"] {
  const sum = (category: Category) => pulls.filter((pull) => pull.category === category).reduce((total, pull) => total + pull.weight, 0);
  return { customerValue: sum("customer-value"), techDebt: sum("tech-debt"), both: sum("both"), unclassified: sum("unclassified") };
}

/** (debt + ½·both) / (value + debt + both), in percent with one decimal; null when nothing is classified. */
export function shareOf(weights: BudgetReport["weights"]): number | null {
  const classified = weights.customerValue + weights.techDebt + weights.both;
  if (classified === 0) return null;
  return round1((100 * (weights.techDebt + weights.both / 2)) / classified);
}

/** Judged on the rounded share, so the verdict agrees with the number people read. */
export function statusOf(share: number | null, target: number, tolerance: number): BudgetStatus | null {
  if (share === null) return null;
  if (share < target - tolerance) return "under";
  if (share > target + tolerance) return "over";
  return "on-budget";
}

function countOf(pulls: readonly ReportedPull[], category: Category): number {
  return pulls.filter((pull) => pull.category === category).length;
}

// By instant, not by text: `mergedAt` is any ISO-8601 instant the period accepts (an offset such
// as `+02:00`, fractional seconds), and a string comparison, locale-aware at that, misorders those.
function newestFirst(a: ReportedPull, b: ReportedPull): number {
  return Date.parse(b.mergedAt) - Date.parse(a.mergedAt) || b.number - a.number;
}

/** One decimal, as every share and coverage in the reports. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The report as `value-pr report --json` prints it: PRODUCT.md §8's keys first, in the order the
 * contract lists them, then the added ones.
 */
export function reportJson(report: BudgetReport): Record<string, unknown> {
  return {
    repo: report.repo,
    period: report.period,
    budget: report.budget,
    totals: report.totals,
    hypothesisCoverage: report.hypothesisCoverage,
    trend: report.trend,
    outcomes: report.outcomes,
    pulls: report.pulls.map((pull) => ({
      number: pull.number,
      title: pull.title,
      author: pull.author,
      mergedAt: pull.mergedAt,
      category: pull.category,
      source: pull.source,
      weight: pull.weight,
      url: pull.url,
      reasons: pull.reasons,
      hypothesis: pull.hypothesis,
    })),
    complete: report.complete,
    weights: report.weights,
    coverage: report.coverage,
    lowCoverage: report.lowCoverage,
    hypotheses: report.hypotheses,
    overdueReviews: report.overdueReviews,
  };
}
