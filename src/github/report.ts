import type { Config } from "../core/config/schema.ts";
import { buildReport, periodRules, PullJudge, reportPeriods } from "../core/report/budget.ts";
import { periodName, resolvePeriod } from "../core/report/period.ts";
import { renderReport, reportTitle } from "../core/report/render.ts";
import type { BudgetReport, Period, PeriodSelector } from "../core/report/types.ts";
import type { GitHubClient, RepoRef } from "./client.ts";
import { fetchMergedPulls, type FetchProgress } from "./merged-pulls.ts";
import { upsertReportIssue, type ReportIssueWrite } from "./report-issue.ts";

/** A report ready to print or post. */
export interface MadeReport {
  period: Period;
  report: BudgetReport;
  title: string;
  markdown: string;
}

export interface MakeReportsResult {
  reports: MadeReport[];
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
): Promise<MakeReportsResult> {
  const rules = periodRules(config);
  const periods = selectors.map((selector) => resolvePeriod(selector, now, rules));
  const windows = periods.flatMap((period) => reportPeriods(period, config));
  const from = windows.map((period) => period.from).reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
  const until = windows.map((period) => period.until).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
  const fetched = await fetchMergedPulls(octokit, ref, { branch: config.budget.branch ?? null, from, until }, onProgress);
  const judge = new PullJudge(config);
  const repo = `${ref.owner}/${ref.repo}`;
  const name = periodName(rules.kind);
  const reports = periods.map((period) => {
    const report = buildReport({ repo, period, pulls: fetched.pulls, now }, config, judge);
    return { period, report, title: reportTitle(report, name), markdown: renderReport(report, { periodName: name }) };
  });
  return { reports, requests: fetched.requests };
}

/** Creates or updates the period's report issue. */
export function postReport(octokit: GitHubClient, ref: RepoRef, config: Config, made: MadeReport): Promise<ReportIssueWrite> {
  return upsertReportIssue(octokit, ref, { label: config.report.label, title: made.title, body: made.markdown, period: made.period });
}
