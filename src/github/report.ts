import { describeConfigErrors, type ConfigResult } from "../core/config/load.ts";
import type { Config } from "../core/config/schema.ts";
import { FOLLOW_UP_LOOKBACK_DAYS, followUpRules, reviewItems, type ReviewItem } from "../core/follow-up.ts";
import { buildReport, isExcluded, periodRules, PullJudge, reportPeriods } from "../core/report/budget.ts";
import { periodName, resolvePeriod } from "../core/report/period.ts";
import { renderReport, reportTitle } from "../core/report/render.ts";
import type { BudgetReport, Period, PeriodSelector } from "../core/report/types.ts";
import type { GitHubClient, RepoRef } from "./client.ts";
import { readRepoConfig } from "./config.ts";
import { askReview, type AskWrite } from "./follow-up.ts";
import { fetchMergedPulls, type FetchProgress } from "./merged-pulls.ts";
import { findOrgReportUrl, upsertReportIssue, type ReportIssueWrite } from "./report-issue.ts";
import { writeStep, type StepOutcome } from "./steps.ts";

/** A report ready to print or post. */
export interface MadeReport {
  period: Period;
  report: BudgetReport;
  title: string;
  markdown: string;
}

export interface MakeReportsResult {
  reports: MadeReport[];
  /** The follow-up of every merged PR read (empty with follow-up off). */
  reviews: ReviewItem[];
  /** GraphQL requests spent fetching the merged PRs. */
  requests: number;
}

/**
 * Builds the reports of several periods (the App refreshes the current one and finishes the
 * previous one) from one fetch of the merged PRs that all their trends span.
 */
export async function makeReports(
  octokit: GitHubClient,
  ref: RepoRef,
  config: Config,
  selectors: readonly PeriodSelector[],
  now: Date,
  onProgress?: (progress: FetchProgress) => void,
  linkOrgReport = false,
): Promise<MakeReportsResult> {
  const rules = periodRules(config);
  const periods = selectors.map((selector) => resolvePeriod(selector, now, rules));
  const followUp = followUpRules(config);
  const fetched = await fetchMergedPulls(octokit, ref, { branch: config.budget.branch ?? null, ...readWindow(periods, config) }, onProgress);
  const judge = new PullJudge(config);
  const repo = `${ref.owner}/${ref.repo}`;
  const name = periodName(rules.kind);
  const orgRepo = { owner: ref.owner, repo: config.report["org-repo"] };
  const reports: MadeReport[] = [];
  for (const period of periods) {
    const report = buildReport({ repo, period, pulls: fetched.pulls, now }, config, judge);
    const orgUrl = linkOrgReport ? await findOrgReportUrl(octokit, orgRepo, config.report.label, period) : null;
    const orgReport = orgUrl === null ? null : { org: ref.owner, url: orgUrl };
    reports.push({ period, report, title: reportTitle(report, name), markdown: renderReport(report, { periodName: name, orgReport }) });
  }
  const followed = fetched.pulls.filter((pull) => !isExcluded(pull, config));
  const reviews = followUp.enabled ? reviewItems(followed, (pull) => judge.verdict(pull), followUp, now) : [];
  return { reports, reviews, requests: fetched.requests };
}

/**
 * The merged PRs the reports of `periods` read: every period of their trends and, with follow-up
 * on, far enough back to find the reviews that fell due in them.
 */
export function readWindow(periods: readonly Period[], config: Config): { from: string; until: string } {
  const windows = periods.flatMap((period) => reportPeriods(period, config));
  const earliest = windows.map((period) => period.from).reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
  const from = followUpRules(config).enabled ? new Date(Date.parse(earliest) - FOLLOW_UP_LOOKBACK_DAYS * 86_400_000).toISOString() : earliest;
  const until = windows.map((period) => period.until).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
  return { from, until };
}

/** Creates or updates the period's report issue. */
export function postReport(octokit: GitHubClient, ref: RepoRef, config: Config, made: MadeReport): Promise<ReportIssueWrite> {
  return upsertReportIssue(octokit, ref, { label: config.report.label, title: made.title, body: made.markdown, period: made.period });
}

export interface ReportRepoOptions {
  /** The periods to report on, e.g. the one that just ended and the one running now. */
  selectors: readonly PeriodSelector[];
  now: Date;
  /** Scheduled runs honour `report.enabled: false`; a person's command and the CLI do not. */
  respectDisabled?: boolean;
  /** Write the report issues (default true; the CLI writes only with `--post`). */
  post?: boolean;
  /** Make the reports, write nothing (the Action's dry run). */
  dryRun?: boolean;
  /** The configuration file in the repository (default `.github/value-pr.yml`). */
  configPath?: string;
  /** A configuration the caller read instead (the CLI's `--config`). */
  config?: ConfigResult;
  /** Link the organisation's report of the period when there is one (one request a period). */
  linkOrgReport?: boolean;
  onProgress?: (progress: FetchProgress) => void;
  /**
   * Who value-pr writes as, asked only when a review is to be asked: given, the reviews that
   * fell due are asked (PRODUCT.md §5); without it (the CLI) they are only counted.
   */
  selfLogin?: () => Promise<string>;
}

export type ReportRepoResult =
  | { kind: "invalid-config"; repo: string; message: string }
  | { kind: "disabled"; repo: string }
  | {
      kind: "reported";
      repo: string;
      /** In the order of the selectors, each with what became of its issue. */
      reports: Array<MadeReport & { issue: StepOutcome<ReportIssueWrite> }>;
      /** The follow-up of every merged PR read (empty with follow-up off). */
      reviews: ReviewItem[];
      /** The reviews asked this time (due, not asked before), each with what became of it. */
      asked: Array<{ number: number; outcome: StepOutcome<AskWrite> }>;
      /** GraphQL requests spent reading the merged PRs. */
      requests: number;
    };

/**
 * Reports on one repository: reads its configuration, reads the merged PRs once for every
 * period asked for, builds the reports and writes each period's issue. The App's schedule, its
 * `/value-pr report` command and HTTP trigger, the Action's scheduled run and the CLI all call
 * this. Idempotent: every step derives from GitHub, so a rerun updates the same issues.
 */
export async function reportRepo(octokit: GitHubClient, ref: RepoRef, options: ReportRepoOptions): Promise<ReportRepoResult> {
  const repo = `${ref.owner}/${ref.repo}`;
  const configResult = options.config ?? (await readRepoConfig(octokit, ref, options.configPath));
  if (!configResult.ok) return { kind: "invalid-config", repo, message: describeConfigErrors(configResult) };
  const config = configResult.config;
  // `report.enabled: false` stops the scheduled report issues, not the outcome questions.
  const reportsOff = options.respectDisabled === true && !config.report.enabled;
  const asks = options.selfLogin !== undefined && followUpRules(config).enabled;
  if (reportsOff && !asks) return { kind: "disabled", repo };
  const made = await makeReports(octokit, ref, config, options.selectors, options.now, options.onProgress, options.linkOrgReport === true);
  const write = <T>(step: () => Promise<T>) => writeStep(options.post !== false, options.dryRun === true, step);
  const reports: Array<MadeReport & { issue: StepOutcome<ReportIssueWrite> }> = [];
  for (const report of made.reports) reports.push({ ...report, issue: reportsOff ? "disabled" : await write(() => postReport(octokit, ref, config, report)) });
  // Only reviews in their due window are asked: enabling follow-up on a repository with a
  // history asks about the last `overdue-days`, never about everything merged in half a year.
  const asked: Array<{ number: number; outcome: StepOutcome<AskWrite> }> = [];
  const toAsk = made.reviews.filter((review) => !review.asked && review.stage === "due");
  if (options.selfLogin !== undefined && toAsk.length > 0) {
    const rules = followUpRules(config);
    const selfLogin = await options.selfLogin();
    for (const item of toAsk) asked.push({ number: item.number, outcome: await write(() => askReview(octokit, ref, item, rules, selfLogin)) });
  }
  return { kind: "reported", repo, reports, reviews: made.reviews, asked, requests: made.requests };
}
