import { parseOrgReportMarker } from "../core/report/org-render.ts";
import { parseReportMarker, type ReportSummary } from "../core/report/render.ts";
import { type GitHubClient, httpStatus, type RepoRef } from "./client.ts";
import { ensureRepositoryLabel } from "./labels.ts";

// One issue per period, found again by its label and the hidden marker that opens its body (the
// marker names the period's first and last day). Only people with triage access can label an
// issue, so a stranger cannot plant an issue that value-pr would mistake for its own.

export const REPORT_LABEL_STYLE = { color: "5319e7", description: "Debt-budget report (value-pr)" } as const;

export interface ReportIssueContent {
  label: string;
  title: string;
  /** Markdown that starts with the report marker of `period`. */
  body: string;
  period: { start: string; end: string };
  /** Reads the period from an issue body's marker (default: the repository report's marker). */
  readMarker?: (body: string) => { start: string; end: string } | null;
}

export interface ReportIssueWrite {
  kind: "created" | "updated" | "unchanged";
  number: number;
  url: string;
  /** Extra issues for the same period (racing replicas) that were closed. */
  closedDuplicates: number[];
}

interface ListedIssue {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  state: string;
  pull_request?: unknown;
}

export async function upsertReportIssue(octokit: GitHubClient, ref: RepoRef, content: ReportIssueContent): Promise<ReportIssueWrite> {
  const existing = await reportIssuesOf(octokit, ref, content);
  if (existing.length > 0) return settle(octokit, ref, content, existing, "updated");

  await ensureRepositoryLabel(octokit, ref, content.label, REPORT_LABEL_STYLE);
  const { data: created } = await octokit.request("POST /repos/{owner}/{repo}/issues", {
    ...ref,
    title: content.title,
    body: content.body,
    labels: [content.label],
  });
  // Another replica may have created the period's issue at the same moment: list again, and
  // every racer keeps the oldest and closes the others, so they all end with the same one.
  // (A list that lags behind the create still has ours.)
  const after = await reportIssuesOf(octokit, ref, content);
  if (!after.some((issue) => issue.number === created.number)) after.push(created);
  return settle(octokit, ref, content, after, "created");
}

/** Keeps the oldest issue of the period, brings it up to date and closes any younger ones. */
async function settle(
  octokit: GitHubClient,
  ref: RepoRef,
  content: ReportIssueContent,
  issues: ListedIssue[],
  kindIfWritten: "created" | "updated",
): Promise<ReportIssueWrite> {
  const [kept, ...duplicates] = [...issues].sort((a, b) => a.number - b.number);
  if (kept === undefined) throw new Error("value-pr: settle needs at least one report issue");
  const closedDuplicates: number[] = [];
  for (const duplicate of duplicates) {
    if (duplicate.state !== "open") continue;
    await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...ref,
      issue_number: duplicate.number,
      state: "closed",
      state_reason: "not_planned",
    });
    closedDuplicates.push(duplicate.number);
  }
  const fresh = kept.title === content.title && (kept.body ?? "") === content.body;
  if (fresh) {
    const created = kindIfWritten === "created" && duplicates.length === 0;
    return { kind: created ? "created" : "unchanged", number: kept.number, url: kept.html_url, closedDuplicates };
  }
  await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
    ...ref,
    issue_number: kept.number,
    title: content.title,
    body: content.body,
  });
  return { kind: kindIfWritten, number: kept.number, url: kept.html_url, closedDuplicates };
}

/** The period's report issues, open or closed, oldest first. */
async function reportIssuesOf(octokit: GitHubClient, ref: RepoRef, content: ReportIssueContent): Promise<ListedIssue[]> {
  const issues = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
    ...ref,
    labels: content.label,
    state: "all",
    sort: "created",
    direction: "asc",
    per_page: 100,
  });
  return issues.filter((issue) => {
    if (issue.pull_request !== undefined) return false;
    const marker = (content.readMarker ?? parseReportMarker)(issue.body ?? "");
    return marker !== null && marker.start === content.period.start && marker.end === content.period.end;
  });
}

export interface PostedSummary {
  summary: ReportSummary;
  url: string;
}

/**
 * The newest issue with `label` whose marker (read by `readMarker`) names `period`: one request
 * over the newest report issues, which holds the period's issue unless a great many periods were
 * reported since.
 */
async function newestReportIssue<T extends { start: string; end: string }>(
  octokit: GitHubClient,
  ref: RepoRef,
  label: string,
  period: { start: string; end: string },
  readMarker: (body: string) => T | null,
): Promise<{ marker: T; url: string } | null> {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/issues", {
    ...ref,
    labels: label,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 20,
  });
  for (const issue of data) {
    const marker = issue.pull_request === undefined ? readMarker(issue.body ?? "") : null;
    if (marker !== null && marker.start === period.start && marker.end === period.end) return { marker, url: issue.html_url };
  }
  return null;
}

/**
 * The summary a posted report carries for `period`, for the PR comment's budget line: one
 * request (the newest report issues) instead of recounting the period on every PR event.
 */
export async function readPostedSummary(
  octokit: GitHubClient,
  ref: RepoRef,
  label: string,
  period: { start: string; end: string },
): Promise<PostedSummary | null> {
  const found = await newestReportIssue(octokit, ref, label, period, parseReportMarker);
  return found === null ? null : { summary: found.marker, url: found.url };
}

/**
 * The URL of the organisation's report issue for `period` in `ref` (the organisation's
 * `report.org-repo`), for the repository report's link; null when there is none, or no such
 * repository (a personal account's).
 */
export async function findOrgReportUrl(octokit: GitHubClient, ref: RepoRef, label: string, period: { start: string; end: string }): Promise<string | null> {
  try {
    return (await newestReportIssue(octokit, ref, label, period, parseOrgReportMarker))?.url ?? null;
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 403) return null;
    throw error;
  }
}
