import type { Probot } from "probot";
import type { PeriodSelector } from "../core/report/types.ts";
import type { GitHubClient, RepoRef } from "../github/client.ts";
import { type InstalledOrganization, installedOrganizations, installedRepositories as listInstalledRepositories, type InstalledRepo } from "../github/app.ts";
import { installationRepositories, reportOrg } from "../github/org-report.ts";
import { reportRepo } from "../github/report.ts";
import type { ReportIssueWrite } from "../github/report-issue.ts";

// The App's report runs: on its schedule, on `/value-pr report` and on the HTTP trigger. All of
// them derive everything from GitHub (the config, the merged PRs, the existing report issues),
// so a restarted or duplicated replica simply does the same idempotent work again.

/** What the App says of one repository's report (the HTTP trigger answers with these). */
export type RepoReportResult =
  | { kind: "invalid-config"; repo: string; message: string }
  | { kind: "disabled"; repo: string }
  | { kind: "posted"; repo: string; issues: Array<ReportIssueWrite & { start: string; end: string }>; requests: number };

export interface RepoReportOptions {
  selectors: readonly PeriodSelector[];
  now: Date;
  /** Scheduled runs respect `report.enabled: false`; a person's command does not. */
  respectDisabled: boolean;
  /** Who the App is: with it, the reviews that fell due are asked too. */
  selfLogin: () => Promise<string>;
}

/** Reports on one repository through the one report flow, and sums up what was written. */
export async function reportRepository(octokit: GitHubClient, ref: RepoRef, options: RepoReportOptions): Promise<RepoReportResult> {
  const result = await reportRepo(octokit, ref, { ...options, linkOrgReport: true });
  if (result.kind !== "reported") return result;
  if (result.reports.every(({ issue }) => issue === "disabled")) return { kind: "disabled", repo: result.repo };
  const issues = result.reports.flatMap(({ issue, period }) => (typeof issue === "object" ? [{ ...issue, start: period.start, end: period.end }] : []));
  return { kind: "posted", repo: result.repo, issues, requests: result.requests };
}

/** What the App says of an organisation's report. */
export type OrgReportSummary =
  | { kind: "invalid-config"; org: string; message: string }
  | { kind: "disabled"; org: string }
  | { kind: "no-issue-repo"; org: string; issueRepo: string }
  | { kind: "posted"; org: string; issues: Array<ReportIssueWrite & { start: string; end: string }>; repositories: number; requests: number };

/**
 * The organisation's report through the one organisation flow, over the repositories the
 * installation can read: the period that ended and the one running.
 */
export async function reportOrganization(octokit: GitHubClient, org: string, now: Date): Promise<OrgReportSummary> {
  const result = await reportOrg(octokit, org, {
    selectors: ["previous", "current"],
    now,
    respectDisabled: true,
    repositories: () => installationRepositories(octokit, org),
  });
  if (result.kind !== "reported") return result;
  if (result.issueRepoMissing) return { kind: "no-issue-repo", org, issueRepo: result.issueRepo };
  const issues = result.reports.flatMap(({ issue, period }) => (typeof issue === "object" ? [{ ...issue, start: period.start, end: period.end }] : []));
  return { kind: "posted", org, issues, repositories: result.repositories.read, requests: result.requests };
}

/** The organisations the App is installed on. */
export async function organizations(probot: Probot): Promise<InstalledOrganization[]> {
  return installedOrganizations(await probot.auth());
}

export type { InstalledRepo } from "../github/app.ts";

/** Every repository of every installation of the App. */
export async function installedRepositories(probot: Probot): Promise<InstalledRepo[]> {
  return listInstalledRepositories(await probot.auth(), (id) => probot.auth(id));
}

export interface SweepOptions {
  now: Date;
  selfLogin: () => Promise<string>;
  /** Which repositories to report on this time; the rest wait for their turn. */
  due: (repo: InstalledRepo) => boolean;
  /** Report on the organisations too, after the repositories (default: no). */
  organizations?: boolean;
}

export interface SweepSummary {
  repositories: number;
  reported: RepoReportResult[];
  /** The organisations' reports, after the repositories' (a sweep of every repository only). */
  organizations: OrgReportSummary[];
  failed: Array<{ repo: string; error: string }>;
}

/**
 * Reports on the due repositories one after the other (a burst across hundreds of repositories
 * would trip GitHub's secondary rate limits). One repository's failure never stops the others;
 * the next sweep tries it again.
 */
export async function sweepReports(probot: Probot, options: SweepOptions): Promise<SweepSummary> {
  const all = await installedRepositories(probot);
  const due = all.filter(options.due);
  const summary: SweepSummary = { repositories: due.length, reported: [], organizations: [], failed: [] };
  for (const { installationId, ref } of due) {
    const repo = `${ref.owner}/${ref.repo}`;
    try {
      const octokit = await probot.auth(installationId);
      const result = await reportRepository(octokit, ref, {
        selectors: ["previous", "current"],
        now: options.now,
        respectDisabled: true,
        selfLogin: options.selfLogin,
      });
      summary.reported.push(result);
      probot.log.info({ repo, result: result.kind }, "value-pr: scheduled report");
    } catch (error) {
      summary.failed.push({ repo, error: (error as Error).message });
      probot.log.warn({ repo, err: error }, "value-pr: scheduled report failed; the next sweep tries again");
    }
  }
  for (const { installationId, org } of options.organizations === true ? await organizations(probot) : []) {
    try {
      const result = await reportOrganization(await probot.auth(installationId), org, options.now);
      summary.organizations.push(result);
      probot.log.info({ org, result: result.kind }, "value-pr: organisation report");
    } catch (error) {
      summary.failed.push({ repo: org, error: (error as Error).message });
      probot.log.warn({ org, err: error }, "value-pr: organisation report failed; the next sweep tries again");
    }
  }
  return summary;
}

/**
 * Each repository's hour of the day, from a hash of its name: the App's repositories are spread
 * over the day rather than all reported at once, and every replica agrees on the hour.
 */
export function reportSlot(repo: RepoRef, slots: number): number {
  const name = `${repo.owner}/${repo.repo}`.toLowerCase();
  // FNV-1a: tiny, stable across processes and platforms, and well spread for short strings.
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % slots;
}
