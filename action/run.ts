// The GitHub Action (loaded by main.ts): reads the inputs and the event, calls the same gateway as the App, and
// turns the result into the job's outcome, outputs and summary. No logic of its own.
import * as core from "@actions/core";
import { FIELD_NAMES } from "../src/core/render/hypothesis.ts";
import { httpStatus, type GitHubClient, type RepoRef } from "../src/github/client.ts";
import { createActionOctokit } from "../src/github/action-octokit.ts";
import { readCommands } from "../src/core/commands.ts";
import { answerOutcome } from "../src/github/follow-up.ts";
import { reportOrg } from "../src/github/org-report.ts";
import { reportRepo } from "../src/github/report.ts";
import type { ReportIssueWrite } from "../src/github/report-issue.ts";
import type { StepOutcome } from "../src/github/steps.ts";
import { readRunContext } from "./context.ts";
import { type ActionInputs, readInputs } from "./inputs.ts";
import { checkSummary, READ_ONLY_NOTE } from "./summary.ts";
import { syncPull, type SyncResult } from "../src/github/sync-pull.ts";

type Command = "check" | "report" | "outcome";

const PULL_REQUEST_EVENTS = new Set(["pull_request", "pull_request_target"]);
const REPORT_EVENTS = new Set(["schedule", "workflow_dispatch"]);

/** The login a workflow's GITHUB_TOKEN writes as, assumed when GitHub will not say who the token is. */
const ACTIONS_LOGIN = "github-actions[bot]";

/** The run's event and repository, read when the Action loads. */
const context = readRunContext();

/** `auto` picks the command from the event; anything else is taken as given. */
function commandFor(input: ActionInputs["command"], eventName: string | undefined): Command | null {
  if (input !== "auto") return input;
  if (eventName === undefined) return null;
  if (PULL_REQUEST_EVENTS.has(eventName)) return "check";
  if (REPORT_EVENTS.has(eventName)) return "report";
  if (eventName === "issue_comment") return "outcome";
  return null;
}

/**
 * The runner's client: its base URL from GITHUB_API_URL (GraphQL's from GITHUB_GRAPHQL_URL), the
 * runner's proxy settings, and the same plugins as the App's, so rate limits and `_extends` behave alike.
 */
function createClient(token: string): GitHubClient {
  return createActionOctokit({
    token,
    apiUrl: process.env.GITHUB_API_URL,
    graphqlUrl: process.env.GITHUB_GRAPHQL_URL,
    warn: (message) => core.warning(message),
  });
}

/**
 * Who the token writes as, so the Action finds its own comment and tells its own label changes
 * from a person's. GraphQL's `viewer` answers for every kind of token: a person for a personal
 * token, `<slug>[bot]` for an App's installation token, `github-actions[bot]` for GITHUB_TOKEN
 * (REST's `GET /user` refuses installation tokens, so it cannot tell two apps apart).
 */
async function selfLogin(octokit: GitHubClient): Promise<string> {
  try {
    const { viewer } = await octokit.graphql<{ viewer: { login: string } }>("query ValuePrViewer { viewer { login } }");
    return viewer.login;
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 401 && status !== 403) throw error;
    core.warning(`GitHub would not say who the token is (${status}); value-pr takes it for ${ACTIONS_LOGIN}.`);
    return ACTIONS_LOGIN;
  }
}

async function check(octokit: GitHubClient, ref: RepoRef, inputs: ActionInputs): Promise<void> {
  const { "dry-run": dryRun, config: configPath } = inputs;
  const pull = context.payload.pull_request;
  if (pull === undefined) throw new Error(`the check needs a pull_request or pull_request_target event, not ${context.eventName}`);
  const result: SyncResult = await syncPull(octokit, ref, pull.number, {
    selfLogin: await selfLogin(octokit),
    now: new Date(),
    write: { checkRun: false, labels: inputs.labels, comment: inputs.comment },
    dryRun,
    configPath,
  });
  if (result.kind === "invalid-config") {
    await failOnInvalidConfig(result.message);
    return;
  }
  const { verdict } = result;
  core.setOutput("hypothesis", verdict.hypothesis.status);
  core.setOutput("category", verdict.category.value);

  await core.summary.addRaw(checkSummary(result, dryRun), true).write();
  if (result.labels === "forbidden" || result.comment === "forbidden") core.notice(READ_ONLY_NOTE);

  const reason = verdict.hypothesis.reason;
  if (verdict.hypothesis.status === "fail") {
    const fixes = verdict.hypothesis.problems.map((problem) => `- ${FIELD_NAMES[problem.field]}: ${problem.message}`).join("\n");
    core.setFailed(`${reason}\n${fixes}`);
  } else {
    // Exempt and neutral reasons already open with their verdict ("Exempt: …", "Neutral: …").
    const status = verdict.hypothesis.status;
    core.notice(reason.toLowerCase().startsWith(`${status}:`) ? reason : `${status}: ${reason}`);
  }
}

async function report(octokit: GitHubClient, ref: RepoRef, dryRun: boolean, configPath: string): Promise<void> {
  // Like the App: finish the period that just ended, refresh the one running now.
  const result = await reportRepo(octokit, ref, {
    selectors: ["previous", "current"],
    now: new Date(),
    dryRun,
    configPath,
    selfLogin: () => selfLogin(octokit),
    // A personal account has no organisation report to link to.
    linkOrgReport: (context.payload.repository?.owner as { type?: string } | undefined)?.type === "Organization",
    onProgress: (progress) => core.info(`page ${progress.pages}: ${progress.kept} merged PRs in the window of ${progress.seen} read`),
  });
  if (result.kind === "invalid-config") {
    await failOnInvalidConfig(result.message);
    return;
  }
  if (result.kind !== "reported") throw new Error("the report was not made");
  await publishReport(result.reports);
}

/**
 * PRODUCT.md §3b from a workflow in the organisation's `.github` repository: every repository
 * the token can read, pooled; the issue in the organisation's `report.org-repo`.
 */
async function orgReport(octokit: GitHubClient, org: string, dryRun: boolean, configPath: string): Promise<void> {
  const result = await reportOrg(octokit, org, {
    selectors: ["previous", "current"],
    now: new Date(),
    dryRun,
    configPath,
    onRepository: ({ done, of, repo }) => core.info(`${done}/${of} ${repo}`),
  });
  if (result.kind === "invalid-config") {
    await failOnInvalidConfig(result.message);
    return;
  }
  if (result.kind !== "reported") throw new Error("the report was not made");
  if (result.issueRepoMissing)
    core.warning(`${result.issueRepo} does not exist or the token cannot read it: the report was not posted (create it, or set report.org-repo).`);
  core.info(`${result.repositories.read} of ${result.repositories.listed} repositories read, ${result.requests} GraphQL requests`);
  await publishReport(result.reports);
}

/** The report's outputs, job summary and log line: the latest period's, with what became of each issue. */
async function publishReport(
  reports: ReadonlyArray<{
    markdown: string;
    report: { period: { start: string; end: string }; budget: { debtShare: number | null; status: string | null } };
    issue: StepOutcome<ReportIssueWrite>;
  }>,
): Promise<void> {
  const current = reports.at(-1);
  if (current === undefined) throw new Error("no report was made");
  const posted = reports.map(({ issue }) => issue);
  const last = current.issue;
  const url = typeof last === "object" ? last.url : "";
  core.setOutput("debt-share", current.report.budget.debtShare === null ? "" : String(current.report.budget.debtShare));
  core.setOutput("budget-status", current.report.budget.status ?? "");
  core.setOutput("report-url", url);
  const note =
    last === "forbidden"
      ? `> [!NOTE]\n> The token may not write issues, so the report issue was not posted; give the workflow \`issues: write\`.`
      : last === "dry-run"
        ? "> [!NOTE]\n> Dry run: the report issue was not posted."
        : last === "skipped"
          ? "> [!NOTE]\n> The report issue was not posted."
          : `Posted: ${posted.map((p) => (typeof p === "object" ? `[#${p.number}](${p.url}) (${p.kind})` : p)).join(", ")}.`;
  await core.summary.addRaw(`${current.markdown}\n\n${note}`, true).write();
  core.info(
    `report ${current.report.period.start} – ${current.report.period.end}: ${current.report.budget.debtShare ?? "no"} % tech debt${url ? `, ${url}` : ""}`,
  );
}

/** An invalid configuration fails the job, with the errors (key path, what was expected) in its summary. */
async function failOnInvalidConfig(message: string): Promise<void> {
  await core.summary.addHeading("value-pr: invalid configuration", 3).addCodeBlock(message, "text").write();
  core.setFailed(message);
}

/** An answer to the outcome question, `/value-pr outcome …`, in the comment that started the run. */
async function outcome(octokit: GitHubClient, ref: RepoRef, dryRun: boolean, configPath: string): Promise<void> {
  const { comment, issue } = context.payload;
  if (comment === undefined || issue === undefined) throw new Error(`the outcome command needs an issue_comment event, not ${context.eventName}`);
  const author = (comment.user ?? null) as { login: string; type: string } | null;
  // Bots' comments and comments without the command (quoted or in code, it is none) cost no request.
  const [command] = author === null || author.type === "Bot" ? [] : readCommands(String(comment.body ?? "")).filter(({ name }) => name === "outcome");
  if (command === undefined || author === null) {
    core.info("no /value-pr outcome command in this comment: nothing to do");
    return;
  }
  if (dryRun) {
    core.notice("Dry run: the answer was not recorded.");
    return;
  }
  const result = await answerOutcome(
    octokit,
    ref,
    {
      issueNumber: Number(issue.number),
      isPull: issue.pull_request !== undefined,
      pullAuthor: String((issue.user as { login?: string } | undefined)?.login ?? ""),
      labels: ((issue.labels ?? []) as Array<{ name: string }>).map((label) => label.name),
      commentId: Number(comment.id),
      commenter: author.login,
      args: command.args,
      association: typeof comment.author_association === "string" ? comment.author_association : undefined,
    },
    configPath,
  );
  core.info(`value-pr outcome: ${result}`);
}

async function main(): Promise<void> {
  // The token is masked before anything else is read or logged.
  const token = core.getInput("token");
  if (token !== "") core.setSecret(token);
  const inputs = readInputs((name) => core.getInput(name));
  const eventName = context.eventName;
  const command = commandFor(inputs.command, eventName);
  if (command === null) {
    core.notice(
      `value-pr has nothing to do on "${eventName}" events: it checks pull_request / pull_request_target, reports on schedule / workflow_dispatch and takes answers on issue_comment.`,
    );
    return;
  }
  const octokit = createClient(inputs.token);
  const ref = context.repo();
  if (command === "check") await check(octokit, ref, inputs);
  else if (command === "report" && inputs.org !== null) await orgReport(octokit, inputs.org, inputs["dry-run"], inputs.config);
  else if (command === "report") await report(octokit, ref, inputs["dry-run"], inputs.config);
  else await outcome(octokit, ref, inputs["dry-run"], inputs.config);
}

try {
  await main();
} catch (error) {
  // The message only: a stack or a request dump could carry more than a person needs to see.
  core.setFailed(`value-pr: ${error instanceof Error ? error.message : String(error)}`);
}
