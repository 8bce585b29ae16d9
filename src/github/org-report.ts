import { describeConfigErrors } from "../core/config/load.ts";
import type { Config } from "../core/config/schema.ts";
import { periodRules, PullJudge } from "../core/report/budget.ts";
import { buildOrgReport, type OrgRepoPart, orgRepoPart, type OrgReport, orgView } from "../core/report/org.ts";
import { orgReportTitle, parseOrgReportMarker, renderOrgReport } from "../core/report/org-render.ts";
import { periodName, resolvePeriod } from "../core/report/period.ts";
import type { Period } from "../core/report/types.ts";
import { type GitHubClient, httpStatus } from "./client.ts";
import { type ConfigFileCache, readRepoConfig } from "./config.ts";
import { fetchMergedPulls, RepositoryNotFoundError } from "./merged-pulls.ts";
import { type ReportRepoOptions, readWindow } from "./report.ts";
import { type ReportIssueWrite, upsertReportIssue } from "./report-issue.ts";
import { type StepOutcome, writeStep } from "./steps.ts";

// PRODUCT.md §3b: one report across every repository of an organisation. The organisation's
// configuration is its `.github` repository's; each repository is read with its own. Reading
// costs, per repository, its configuration and one GraphQL query per 100 PRs updated in the
// window; a repository nobody pushed to since the window began costs nothing, since no PR can
// have merged into it.

/** The repository the organisation's configuration, and by default its report issues, live in. */
export const ORG_CONFIG_REPO = ".github";

/** Repositories read at once: enough to hide latency, few enough for GitHub's secondary limits. */
const CONCURRENT_REPOSITORIES = 4;

/** A repository as the listings (an installation's, an organisation's) describe it. */
export interface OrgRepository {
  name: string;
  defaultBranch: string;
  /** ISO-8601 instant of the last push to any branch; null when never pushed. */
  pushedAt: string | null;
  /** Archived and disabled repositories take no merges and are not listed. */
  active: boolean;
}

interface ListedRepository {
  name: string;
  owner: { login: string };
  default_branch?: string;
  pushed_at?: string | null;
  archived?: boolean;
  disabled?: boolean;
}

function orgRepository(repo: ListedRepository): OrgRepository {
  return { name: repo.name, defaultBranch: repo.default_branch ?? "", pushedAt: repo.pushed_at ?? null, active: !repo.archived && !repo.disabled };
}

/** The organisation's repositories a token can read (the CLI, the Action). */
export async function organizationRepositories(octokit: GitHubClient, org: string): Promise<OrgRepository[]> {
  const listed = await octokit.paginate("GET /orgs/{org}/repos", { org, type: "all", per_page: 100 });
  return listed.map(orgRepository);
}

/** The repositories an App installation can read, of the organisation `org` (the App). */
export async function installationRepositories(octokit: GitHubClient, org: string): Promise<OrgRepository[]> {
  const listed = await octokit.paginate("GET /installation/repositories", { per_page: 100 });
  return listed.filter((repo) => repo.owner.login.toLowerCase() === org.toLowerCase()).map(orgRepository);
}

/** The repository report's options, `respectDisabled` read from the organisation's configuration. */
export interface ReportOrgOptions extends Pick<ReportRepoOptions, "selectors" | "now" | "post" | "dryRun" | "respectDisabled" | "configPath"> {
  /** How to list the organisation's repositories (default: `GET /orgs/{org}/repos`). */
  repositories?: () => Promise<OrgRepository[]>;
  /** Told after each repository, for a progress line. */
  onRepository?: (progress: { done: number; of: number; repo: string }) => void;
}

export interface MadeOrgReport {
  period: Period;
  report: OrgReport;
  title: string;
  markdown: string;
}

export type ReportOrgResult =
  | { kind: "invalid-config"; org: string; message: string }
  | { kind: "disabled"; org: string }
  | {
      kind: "reported";
      org: string;
      /** Where the issues go: `ORG/<report.org-repo>`. */
      issueRepo: string;
      /** The issue repository is not among those listed (absent, or not readable): nothing was posted. */
      issueRepoMissing: boolean;
      reports: Array<MadeOrgReport & { issue: StepOutcome<ReportIssueWrite> }>;
      /** Repositories listed (active ones), and those whose merged PRs were read. */
      repositories: { listed: number; read: number };
      /** GraphQL requests spent reading merged PRs. */
      requests: number;
    };

/**
 * The organisation's report: reads its configuration, lists its repositories, reads each one's
 * configuration and merged PRs once for every period asked for, pools them and writes each
 * period's issue in `ORG/<report.org-repo>`. The App's daily sweep, the CLI's `--org` and the
 * Action all call this; every step derives from GitHub, so a rerun updates the same issues.
 */
export async function reportOrg(octokit: GitHubClient, org: string, options: ReportOrgOptions): Promise<ReportOrgResult> {
  const configFiles: ConfigFileCache = new Map();
  const orgResult = await readRepoConfig(octokit, { owner: org, repo: ORG_CONFIG_REPO }, options.configPath, configFiles);
  if (!orgResult.ok) return { kind: "invalid-config", org, message: describeConfigErrors(orgResult) };
  const orgConfig = orgResult.config;
  if (options.respectDisabled === true && !orgConfig.report.enabled) return { kind: "disabled", org };

  const rules = periodRules(orgConfig);
  const periods = options.selectors.map((selector) => resolvePeriod(selector, options.now, rules));
  const listed = await (options.repositories ?? (() => organizationRepositories(octokit, org)))();
  const repositories = listed.filter((repo) => repo.active).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let requests = 0;
  let read = 0;
  // The organisation's own periods bound what any repository must read; each repository may
  // reach further back for its outcome reviews (its follow-up settings are its own).
  const earliest = readWindow(periods, { ...orgConfig, "follow-up": { ...orgConfig["follow-up"], enabled: false } });

  const parts: OrgRepoPart[][] = periods.map(() => []);
  const quiet: string[] = [];
  const skipped: Array<{ repo: string; reason: string }> = [];
  let done = 0;
  const readOne = async (repository: OrgRepository) => {
    const repo = `${org}/${repository.name}`;
    const pushed = repository.pushedAt === null ? Number.NaN : Date.parse(repository.pushedAt);
    // Nothing can have merged into a repository nobody pushed to since the window began.
    if (!(pushed >= Date.parse(earliest.from)) || repository.defaultBranch === "") {
      quiet.push(repo);
    } else {
      try {
        const ref = { owner: org, repo: repository.name };
        const configResult = await readRepoConfig(octokit, ref, options.configPath, configFiles);
        if (!configResult.ok) {
          skipped.push({ repo, reason: describeConfigErrors(configResult) });
        } else {
          const config = orgView(configResult.config, orgConfig);
          const window = { branch: configResult.config.budget.branch ?? repository.defaultBranch, ...readWindow(periods, config) };
          const fetched = await fetchMergedPulls(octokit, ref, window);
          requests += fetched.requests;
          read += 1;
          // Judged now, once for all the periods, so only the numbers are kept while the other
          // repositories are read.
          const judge = new PullJudge(config);
          for (const [i, period] of periods.entries()) {
            parts[i]?.push(orgRepoPart({ repo, config: configResult.config, pulls: fetched.pulls }, period, orgConfig, options.now, judge));
          }
        }
      } catch (error) {
        // A repository the token may list but not read (or one deleted meanwhile) is left out and
        // named; any other fault fails the report, to be tried again whole.
        const status = httpStatus(error);
        if (!(error instanceof RepositoryNotFoundError) && status !== 403 && status !== 404) throw error;
        skipped.push({ repo, reason: "the token cannot read its pull requests" });
      }
    }
    options.onRepository?.({ done: ++done, of: repositories.length, repo });
  };
  await inBatches(repositories, CONCURRENT_REPOSITORIES, readOne);

  const name = periodName(rules.kind);
  const issueRepo = { owner: org, repo: orgConfig.report["org-repo"] };
  // Posting where no listed repository is would only fail (404): the organisation has no such
  // repository, or the App is not installed on it.
  const issueRepoMissing = !listed.some((repo) => repo.name.toLowerCase() === issueRepo.repo.toLowerCase());
  const write = <T>(step: () => Promise<T>) => writeStep(options.post !== false && !issueRepoMissing, options.dryRun === true, step);
  const reports: Array<MadeOrgReport & { issue: StepOutcome<ReportIssueWrite> }> = [];
  for (const [i, period] of periods.entries()) {
    const report = buildOrgReport({ org, period, now: options.now, parts: parts[i] ?? [], quiet, skipped }, orgConfig);
    const made = { period, report, title: orgReportTitle(report, name), markdown: renderOrgReport(report, { periodName: name }) };
    const issue = await write(() => postOrgReport(octokit, issueRepo, orgConfig, made));
    reports.push({ ...made, issue });
  }
  return {
    kind: "reported",
    org,
    issueRepo: `${issueRepo.owner}/${issueRepo.repo}`,
    issueRepoMissing,
    reports,
    repositories: { listed: repositories.length, read },
    requests,
  };
}

function postOrgReport(octokit: GitHubClient, ref: { owner: string; repo: string }, config: Config, made: MadeOrgReport): Promise<ReportIssueWrite> {
  return upsertReportIssue(octokit, ref, {
    label: config.report.label,
    title: made.title,
    body: made.markdown,
    period: made.period,
    readMarker: parseOrgReportMarker,
  });
}

/** Runs `work` on every item, at most `size` at a time. */
async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
