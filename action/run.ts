// The GitHub Action (loaded by main.ts): reads the inputs and the event, calls the same gateway as the App, and
// turns the result into the job's outcome, outputs and summary. No logic of its own.
import * as core from "@actions/core";
import * as github from "@actions/github";
import { getOctokitOptions, GitHub } from "@actions/github/lib/utils";
import { CONFIG_PATH } from "../src/core/config/load.ts";
import { FIELD_NAMES } from "../src/core/render/hypothesis.ts";
import { httpStatus, type GitHubClient, type RepoRef } from "../src/github/client.ts";
import { clientBehaviour, CLIENT_PLUGINS } from "../src/github/octokit.ts";
import { readCommands } from "../src/core/commands.ts";
import { answerOutcome } from "../src/github/follow-up.ts";
import { reportRepo } from "../src/github/report.ts";
import { syncPull, type StepOutcome, type SyncResult } from "../src/github/sync-pull.ts";

type Command = "check" | "report" | "outcome";

const PULL_REQUEST_EVENTS = new Set(["pull_request", "pull_request_target"]);
const REPORT_EVENTS = new Set(["schedule", "workflow_dispatch"]);

/** The login a workflow's GITHUB_TOKEN writes as, assumed when GitHub will not say who the token is. */
const ACTIONS_LOGIN = "github-actions[bot]";

const READ_ONLY_NOTE =
  "This run's token may only read (GitHub gives workflows for pull requests from forks such a token), so value-pr wrote nothing. " +
  "The verdict above still decides the job. To get labels and the comment on fork PRs, run value-pr on `pull_request_target` (see the README).";

/** `auto` picks the command from the event; anything else is taken as given. */
function commandFor(input: string, eventName: string): Command | null {
  if (input === "check" || input === "report" || input === "outcome") return input;
  if (input !== "auto") throw new Error(`command must be auto, check, report or outcome, got "${input}"`);
  if (PULL_REQUEST_EVENTS.has(eventName)) return "check";
  if (REPORT_EVENTS.has(eventName)) return "report";
  if (eventName === "issue_comment") return "outcome";
  return null;
}

/**
 * The runner's client: @actions/github's Octokit (its base URL from GITHUB_API_URL, the runner's
 * proxy settings) with the same plugins as the App's, so rate limits and `_extends` behave alike.
 */
function createClient(token: string): GitHubClient {
  const Octokit = GitHub.plugin(...CLIENT_PLUGINS);
  const octokit = new Octokit({ ...getOctokitOptions(token), ...clientBehaviour((message) => core.warning(message)) });
  // GitHub Enterprise Server names its GraphQL endpoint in GITHUB_GRAPHQL_URL.
  const graphqlUrl = process.env.GITHUB_GRAPHQL_URL;
  if (graphqlUrl) octokit.graphql = octokit.graphql.defaults({ url: graphqlUrl });
  return octokit;
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

const describe = (outcome: StepOutcome<unknown>, done: string): string => {
  if (outcome === "skipped") return "switched off";
  if (outcome === "disabled") return "disabled by the configuration";
  if (outcome === "dry-run") return "not written (dry run)";
  if (outcome === "forbidden") return "skipped: the token may only read";
  return done;
};

async function check(octokit: GitHubClient, ref: RepoRef, dryRun: boolean, configPath: string): Promise<void> {
  const pull = github.context.payload.pull_request;
  if (pull === undefined) throw new Error(`the check needs a pull_request or pull_request_target event, not ${github.context.eventName}`);
  const result: SyncResult = await syncPull(octokit, ref, pull.number, {
    selfLogin: await selfLogin(octokit),
    now: new Date(),
    write: { checkRun: false, labels: core.getBooleanInput("labels"), comment: core.getBooleanInput("comment") },
    dryRun,
    configPath,
  });
  if (result.kind === "invalid-config") {
    await core.summary.addHeading("value-pr: invalid configuration", 3).addCodeBlock(result.message, "text").write();
    core.setFailed(result.message);
    return;
  }
  const { verdict, checkOutput } = result;
  core.setOutput("hypothesis", verdict.hypothesis.status);
  core.setOutput("category", verdict.category.value);

  const labels = result.plannedLabels;
  const changes = [...labels.added.map((name) => `+${name}`), ...labels.removed.map((name) => `−${name}`)].join(", ");
  const labelText = changes === "" ? "no change needed" : `${changes} — ${describe(result.labels, "applied")}`;
  const forbidden = result.labels === "forbidden" || result.comment === "forbidden";
  const summary = [
    checkOutput.summary,
    checkOutput.text,
    `**Labels:** ${labelText}. **Comment:** ${result.commentBody === null ? "none for this pull request" : describe(result.comment, String(result.comment))}.`,
    forbidden ? `> [!NOTE]\n> ${READ_ONLY_NOTE}` : null,
    dryRun && result.commentBody !== null ? `<details><summary>The comment value-pr would keep on the pull request</summary>\n\n${result.commentBody}\n\n</details>` : null,
  ];
  await core.summary.addRaw(summary.filter((block): block is string => block !== null).join("\n\n"), true).write();
  if (forbidden) core.notice(READ_ONLY_NOTE);

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
    onProgress: (progress) => core.info(`page ${progress.pages}: ${progress.kept} merged PRs in the window of ${progress.seen} read`),
  });
  if (result.kind === "invalid-config") {
    await core.summary.addHeading("value-pr: invalid configuration", 3).addCodeBlock(result.message, "text").write();
    core.setFailed(result.message);
    return;
  }
  if (result.kind !== "reported") throw new Error("the report was not made");
  const current = result.reports.at(-1);
  if (current === undefined) throw new Error("no report was made");
  const posted = result.reports.map(({ issue }) => issue);
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
        : `Posted: ${posted.map((p) => (typeof p === "object" ? `[#${p.number}](${p.url}) (${p.kind})` : p)).join(", ")}.`;
  await core.summary.addRaw(`${current.markdown}\n\n${note}`, true).write();
  core.info(`report ${current.report.period.start} – ${current.report.period.end}: ${current.report.budget.debtShare ?? "no"} % tech debt${url ? `, ${url}` : ""}`);
}

/** An answer to the outcome question, `/value-pr outcome …`, in the comment that started the run. */
async function outcome(octokit: GitHubClient, ref: RepoRef, dryRun: boolean, configPath: string): Promise<void> {
  const { comment, issue } = github.context.payload;
  if (comment === undefined || issue === undefined) throw new Error(`the outcome command needs an issue_comment event, not ${github.context.eventName}`);
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
  const token = core.getInput("token", { required: true });
  core.setSecret(token);
  const eventName = github.context.eventName;
  const command = commandFor(core.getInput("command") || "auto", eventName);
  if (command === null) {
    core.notice(`value-pr has nothing to do on "${eventName}" events: it checks pull_request / pull_request_target, reports on schedule / workflow_dispatch and takes answers on issue_comment.`);
    return;
  }
  const dryRun = core.getBooleanInput("dry-run");
  const configPath = core.getInput("config") || CONFIG_PATH;
  const octokit = createClient(token);
  const ref = { owner: github.context.repo.owner, repo: github.context.repo.repo };
  if (command === "check") await check(octokit, ref, dryRun, configPath);
  else if (command === "report") await report(octokit, ref, dryRun, configPath);
  else await outcome(octokit, ref, dryRun, configPath);
}

try {
  await main();
} catch (error) {
  // The message only: a stack or a request dump could carry more than a person needs to see.
  core.setFailed(`value-pr: ${error instanceof Error ? error.message : String(error)}`);
}
