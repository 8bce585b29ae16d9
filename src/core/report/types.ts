import type { OutcomeTally } from "../follow-up.ts";
// The shapes of the debt-budget report (PRODUCT.md §3 and §8). Pure data: the GitHub gateway
// fills `ReportPull`s, the core turns them into a `BudgetReport`, the renderers print it.
import type { Category, HypothesisStatus } from "../types.ts";

export const PERIOD_KINDS = ["sprint", "iso-week", "month"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** How the calendar is cut into reporting periods; built from the validated configuration. */
export interface PeriodRules {
  kind: PeriodKind;
  /** Length of a sprint in days (only for `sprint`). */
  sprintDays: number;
  /** A Monday (`YYYY-MM-DD`) on which a sprint starts; sprints repeat from it in both directions. */
  sprintStart: string;
  /** IANA time zone in which days start and end, e.g. `Europe/Berlin`. */
  timeZone: string;
}

/** One reporting period: whole local days in the configured time zone. */
export interface Period {
  /** First local day, `YYYY-MM-DD`. */
  start: string;
  /** Last local day, `YYYY-MM-DD`, inclusive. */
  end: string;
  /** The instant the first day starts, ISO-8601 UTC (`…Z`). */
  from: string;
  /** The instant after the last day ends (exclusive), ISO-8601 UTC. */
  until: string;
}

/** Which period a report is for: the one running now, the last complete one, or the one containing a day. */
export type PeriodSelector = "current" | "previous" | { day: string };

/** A changed file as the report sees it. */
export interface ReportFile {
  path: string;
  additions: number;
  deletions: number;
}

/** A merged pull request, as the gateway reads it from GitHub. */
export interface ReportPull {
  number: number;
  title: string;
  body: string;
  author: string;
  /** GitHub says the author is a bot account (`__typename: Bot`). */
  authorIsBot: boolean;
  /** ISO-8601 instant. */
  mergedAt: string;
  url: string;
  labels: string[];
  headBranch: string;
  additions: number;
  deletions: number;
  changedFiles: number;
  /** The changed files GitHub listed; may be fewer than `changedFiles` for very large PRs. */
  files: ReportFile[];
}

export type BudgetStatus = "under" | "on-budget" | "over";

/** A pull request in the report: the §8 `pulls[]` entry plus what the Markdown needs. */
export interface ReportedPull {
  number: number;
  title: string;
  author: string;
  mergedAt: string;
  category: Category;
  /** `label`: a category label on the PR decided; `inferred`: the classifier did (PRODUCT.md §2). */
  source: "label" | "inferred";
  weight: number;
  url: string;
  reasons: string[];
  /** The hypothesis verdict as the check would give it on a ready PR (enforce mode). */
  hypothesis: HypothesisStatus;
}

export interface TrendPoint {
  start: string;
  end: string;
  merged: number;
  /** null when no merged PR in the period was classified. */
  debtShare: number | null;
  status: BudgetStatus | null;
}

/** The report for one period: PRODUCT.md §8's `value-pr report --json`, plus added keys. */
export interface BudgetReport {
  repo: string;
  period: { start: string; end: string };
  /** Whether the period has ended; a current period is reported "so far". */
  complete: boolean;
  budget: {
    target: number;
    tolerance: number;
    weight: "pulls" | "lines";
    /** (debt + ½ both) / (value + debt + both) in percent, one decimal; null when nothing is classified. */
    debtShare: number | null;
    status: BudgetStatus | null;
  };
  totals: {
    merged: number;
    customerValue: number;
    techDebt: number;
    both: number;
    unclassified: number;
    inferred: number;
    /** Merged PRs left out by `budget.exclude-authors` / `budget.exclude-labels`. */
    excluded: number;
  };
  /** Summed weight per category (equal to the counts for weight `pulls`). */
  weights: { customerValue: number; techDebt: number; both: number; unclassified: number };
  /** Classified share of the merged weight, in percent; null with nothing merged. */
  coverage: number | null;
  /** Coverage under 80 %: the share rests on too little. */
  lowCoverage: boolean;
  /** Passing hypotheses among merged PRs that need one, in percent; null when none needs one. */
  hypothesisCoverage: number | null;
  hypotheses: { needed: number; passing: number };
  /** Oldest first; the last point is this period. */
  trend: TrendPoint[];
  /** PRODUCT.md §5: the outcome reviews that fell due in the period; null with follow-up off. */
  outcomes: OutcomeTally | null;
  /** Reviews due and unanswered for `follow-up.overdue-days`, whenever they fell due; oldest first. */
  overdueReviews: Array<{ number: number; title: string; url: string; author: string; dueDay: string }>;
  /** Newest merge first. */
  pulls: ReportedPull[];
}
