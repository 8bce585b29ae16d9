import { parseArgs, type ParseArgsConfig } from "node:util";
import type { ConfigResult } from "../core/config/load.ts";
import { reportJson } from "../core/report/budget.ts";
import { orgReportJson } from "../core/report/org.ts";
import { isIsoDay } from "../core/report/period.ts";
import type { PeriodSelector } from "../core/report/types.ts";
import { httpStatus, type RepoRef } from "../github/client.ts";
import { RepositoryNotFoundError, type FetchProgress } from "../github/merged-pulls.ts";
import { createOctokit } from "../github/octokit.ts";
import { ORG_CONFIG_REPO, reportOrg } from "../github/org-report.ts";
import { reportRepo } from "../github/report.ts";
import type { ReportIssueWrite } from "../github/report-issue.ts";
import type { StepOutcome } from "../github/steps.ts";
import { EXIT, loadConfigFile, terminalSafe, terminalSafeJson, UsageError, type CliIo } from "./io.ts";

export const REPORT_USAGE = `report options:
  --repo OWNER/NAME  the repository (this or --org is required)
  --org ORG          the organisation's report instead: every repository it can read, pooled
                     under the configuration of ORG/.github (PRODUCT.md §3b)
  --period WHICH     current (default, so far), previous (the last complete one) or a day
                     YYYY-MM-DD (the period containing it)
  --json             print the report as JSON (PRODUCT.md §8; with --org, §3b)
  --markdown         print the report as Markdown (default)
  --post             create or update the period's report issue (with --org, in ORG's
                     report.org-repo, .github by default)
  --config FILE      configuration (default: the repository's own, read through the API)
  --token TOKEN      GitHub token (default: $GITHUB_TOKEN)
  --api-url URL      GitHub API (default: $GITHUB_API_URL, else https://api.github.com)
  Pages of merged PRs are fetched at most one a second, as GitHub asks of GraphQL clients;
  VALUE_PR_THROTTLE=off lifts that (for a GitHub Enterprise server without rate limits).`;

const REPORT_OPTIONS = {
  repo: { type: "string" },
  org: { type: "string" },
  period: { type: "string", default: "current" },
  json: { type: "boolean", default: false },
  markdown: { type: "boolean", default: false },
  post: { type: "boolean", default: false },
  config: { type: "string" },
  token: { type: "string" },
  "api-url": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const satisfies ParseArgsConfig["options"];

/** The client for `--token` / `--api-url` (or their environment variables). */
function clientFor(values: { token?: string | undefined; "api-url"?: string | undefined }, io: CliIo) {
  const token = values.token ?? io.env.GITHUB_TOKEN ?? "";
  if (token === "") throw new UsageError("a GitHub token is needed: set GITHUB_TOKEN or give --token");
  return createOctokit({
    token,
    baseUrl: apiUrl(values["api-url"], io.env.GITHUB_API_URL),
    warn: (message) => io.stderr(`value-pr: ${message}\n`),
    throttle: io.env.VALUE_PR_THROTTLE !== "off",
  });
}

/** Runs a command against GitHub, turning GitHub's refusals into one line and exit code 1. */
async function withGitHub(ref: RepoRef, io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    const message = githubFailure(error, ref);
    if (message === null) throw error;
    io.stderr(`value-pr: ${message}\n`);
    return EXIT.failed;
  }
}

export async function report(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: REPORT_OPTIONS, allowPositionals: false, strict: true });
  if (values.help) {
    io.stdout(`${REPORT_USAGE}\n`);
    return EXIT.ok;
  }
  if (values.org !== undefined) {
    if (values.repo !== undefined) throw new UsageError("give --repo or --org, not both");
    if (values.config !== undefined) throw new UsageError("--config reads one repository's configuration; with --org each repository's own is read");
  }
  const selector = periodSelector(values.period);
  if (values.json && values.markdown) throw new UsageError("give --json or --markdown, not both");
  if (values.org !== undefined) return orgReport(orgLogin(values.org), selector, values, io);
  if (values.repo === undefined) throw new UsageError("give the repository with --repo OWNER/NAME, or the organisation with --org ORG");
  const ref = repoRef(values.repo);
  const octokit = clientFor(values, io);

  return withGitHub(ref, io, async () => {
    const config: ConfigResult | undefined = values.config !== undefined ? await loadConfigFile(values.config, io) : undefined;
    const made = await reportRepo(octokit, ref, {
      selectors: [selector],
      now: io.now(),
      post: values.post,
      config,
      onProgress: progressTo(io),
      linkOrgReport: true,
    });
    return printReport(made, reportJson, `${ref.owner}/${ref.repo}`, values.json, io);
  });
}

export const OUTCOMES_USAGE = `outcomes options:
  --repo OWNER/NAME  the repository (required)
  --json             print the reviews as JSON
  --config FILE      configuration (default: the repository's own, read through the API)
  --token TOKEN      GitHub token (default: $GITHUB_TOKEN)
  --api-url URL      GitHub API (default: $GITHUB_API_URL, else https://api.github.com)`;

const OUTCOMES_OPTIONS = {
  repo: REPORT_OPTIONS.repo,
  json: REPORT_OPTIONS.json,
  config: REPORT_OPTIONS.config,
  token: REPORT_OPTIONS.token,
  "api-url": REPORT_OPTIONS["api-url"],
  help: REPORT_OPTIONS.help,
} as const satisfies ParseArgsConfig["options"];

/** PRODUCT.md §5: the outcome reviews of a repository, due, overdue and answered. Writes nothing. */
export async function outcomes(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OUTCOMES_OPTIONS, allowPositionals: false, strict: true });
  if (values.help) {
    io.stdout(`${OUTCOMES_USAGE}\n`);
    return EXIT.ok;
  }
  const ref = repoRef(values.repo);
  const octokit = clientFor(values, io);
  return withGitHub(ref, io, async () => {
    const config: ConfigResult | undefined = values.config !== undefined ? await loadConfigFile(values.config, io) : undefined;
    const made = await reportRepo(octokit, ref, { selectors: ["current"], now: io.now(), post: false, config, onProgress: progressTo(io) });
    if (made.kind === "invalid-config") {
      io.stderr(`value-pr: ${made.message}\n`);
      return EXIT.usage;
    }
    const reviews = made.kind === "reported" ? made.reviews.filter((review) => review.stage !== "waiting" || review.answer !== null) : [];
    if (values.json) {
      const rows = reviews.map(({ number, title, url, author, mergedAt, dueDay, stage, answer }) => ({
        number,
        title,
        url,
        author,
        mergedAt,
        dueDay,
        stage,
        answer,
      }));
      io.stdout(`${terminalSafeJson({ repo: `${ref.owner}/${ref.repo}`, reviews: rows })}\n`);
      return EXIT.ok;
    }
    const line = (review: (typeof reviews)[number]) => `#${review.number} ${review.title} (due ${review.dueDay}, ${review.answer ?? review.stage})`;
    const groups: Array<[string, typeof reviews]> = [
      ["Overdue", reviews.filter((review) => review.answer === null && review.stage === "overdue")],
      ["Due", reviews.filter((review) => review.answer === null && review.stage === "due")],
      ["Answered", reviews.filter((review) => review.answer !== null)],
    ];
    const text = groups.map(([heading, rows]) => `${heading} (${rows.length})${rows.map((review) => `\n  ${line(review)}`).join("")}`).join("\n");
    io.stdout(`${terminalSafe(text)}\n`);
    return EXIT.ok;
  });
}

/** `value-pr report --org ORG`: the organisation's report (PRODUCT.md §3b). */
async function orgReport(
  org: string,
  selector: PeriodSelector,
  values: { json: boolean; post: boolean; token?: string | undefined; "api-url"?: string | undefined },
  io: CliIo,
): Promise<number> {
  const octokit = clientFor(values, io);
  return withGitHub({ owner: org, repo: ORG_CONFIG_REPO }, io, async () => {
    const made = await reportOrg(octokit, org, {
      selectors: [selector],
      now: io.now(),
      post: values.post,
      onRepository: ({ done, of, repo }) => io.stderr(`value-pr: ${done}/${of} ${repo}\n`),
    });
    const issueRepo = made.kind === "reported" ? made.issueRepo : `${org}/${ORG_CONFIG_REPO}`;
    const code = printReport(made, orgReportJson, issueRepo, values.json, io);
    if (code === EXIT.ok && values.post && made.kind === "reported" && made.issueRepoMissing) {
      io.stderr(`value-pr: ${made.issueRepo} does not exist or the token cannot read it: create it (or set report.org-repo) to post the report\n`);
      return EXIT.failed;
    }
    return code;
  });
}

/** What the report flows return, as far as printing goes: a repository's or an organisation's. */
type MadeForPrinting<R> =
  | { kind: "invalid-config"; message: string }
  | { kind: "disabled" }
  | { kind: "reported"; reports: ReadonlyArray<{ report: R; markdown: string; issue: StepOutcome<ReportIssueWrite> }> };

/** Prints the report (JSON or Markdown) and what became of its issue in `issueRepo`; returns the exit code. */
function printReport<R>(made: MadeForPrinting<R>, toJson: (report: R) => unknown, issueRepo: string, json: boolean, io: CliIo): number {
  if (made.kind === "invalid-config") {
    io.stderr(`value-pr: ${made.message}\n`);
    return EXIT.usage;
  }
  const [result] = made.kind === "reported" ? made.reports : [];
  if (result === undefined) throw new Error("value-pr: no report was made");
  // PR titles could carry terminal escape sequences: the JSON escapes every control character,
  // and the Markdown is printed as the check's human output is, without them.
  io.stdout(json ? `${terminalSafeJson(toJson(result.report))}\n` : `${terminalSafe(result.markdown)}\n`);
  const posted = result.issue;
  if (posted === "forbidden") {
    io.stderr(`value-pr: GitHub refused to write the report issue in ${issueRepo} (403): the token needs write access to its issues for --post\n`);
    return EXIT.failed;
  }
  if (typeof posted === "object") io.stderr(`value-pr: report issue #${posted.number} ${posted.kind}: ${posted.url}\n`);
  return EXIT.ok;
}

function orgLogin(value: string): string {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(value)) throw new UsageError(`--org expects an organisation's login, got "${value}"`);
  return value;
}

function repoRef(value: string | undefined): RepoRef {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value ?? "");
  if (match === null) throw new UsageError(value === undefined ? "give the repository with --repo OWNER/NAME" : `--repo expects OWNER/NAME, got "${value}"`);
  return { owner: match[1] ?? "", repo: match[2] ?? "" };
}

/** The API's base URL: `--api-url`, else `$GITHUB_API_URL`, else (undefined) github.com. */
function apiUrl(option: string | undefined, env: string | undefined): string | undefined {
  const [value, source] = option !== undefined && option !== "" ? [option, "--api-url"] : [env || undefined, "GITHUB_API_URL"];
  if (value === undefined) return undefined;
  // Octokit would take anything else for a path, fail every request as a "500" and retry each
  // for 14 s before giving up.
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (url === null || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new UsageError(`${source} expects the API's URL, such as https://github.example.com/api/v3, got "${value}"`);
  }
  return value;
}

function periodSelector(value: string): PeriodSelector {
  if (value === "current" || value === "previous") return value;
  if (isIsoDay(value)) return { day: value };
  throw new UsageError(`--period expects current, previous or a day YYYY-MM-DD, got "${value}"`);
}

/** One line per page on stderr: a large repository's window takes a while to fetch. */
function progressTo(io: CliIo): (progress: FetchProgress) => void {
  return (progress) => {
    const reached = progress.reached === null ? "" : `, back to PRs updated ${progress.reached.slice(0, 10)}`;
    io.stderr(`value-pr: page ${progress.pages}: ${progress.kept} merged PRs in the window of ${progress.seen} read${reached}\n`);
  };
}

/** What to tell a person when GitHub refuses; null for anything that is not GitHub's answer. */
function githubFailure(error: unknown, ref: RepoRef): string | null {
  if (error instanceof RepositoryNotFoundError) return error.message;
  const status = httpStatus(error);
  if (status === 401) return "GitHub rejected the token (401): check GITHUB_TOKEN or --token";
  if (status === 403)
    return `GitHub refused access to ${ref.owner}/${ref.repo} (403): the token needs read access to its pull requests (and write access to issues for --post)`;
  if (status === 404) return `${ref.owner}/${ref.repo} not found, or the token cannot read it (404)`;
  // A network failure (DNS, proxy, TLS): Octokit turns fetch's TypeError into a RequestError of
  // status 500 without a response, carrying the cause's message; GitHub never answered.
  if (status !== undefined && (error as { response?: unknown }).response === undefined) return `cannot reach GitHub: ${(error as Error).message}`;
  if (status !== undefined) return `GitHub answered ${status}: ${(error as Error).message}`;
  // Anything else is a bug and keeps its stack.
  return null;
}
