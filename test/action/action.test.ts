// End-to-end tests of the GitHub Action (PRODUCT.md §7) as a runner runs it: the bundle the
// current sources build, started as `node index.mjs` in a child process with exactly the
// environment a runner gives a JavaScript action (the event, its payload file, the inputs as
// INPUT_* variables, the output and job-summary files, the API URLs) and nothing else. The child
// talks to the fake GitHub over a real HTTP server in this process; every request is checked
// against GitHub's OpenAPI description and GraphQL schema, and `fake.violations` must stay empty.
// Expectations (verdicts, periods, debt shares) are worked out here from the inputs, not with
// value-pr's code.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildActionBundle } from "../../action/build.ts";
import { createFakeGitHub, secondaryRateLimit, seedMergedPulls, type FakeGitHub, type PullState, type SeedPull } from "../fake-github/index.ts";
import { seedFromPullRequestPayload, webhookExample } from "../fake-github/webhooks.ts";
import { fixedClockImport } from "../support/fixed-clock.ts";
import { ORG, seedOrganisation } from "../support/org-data.ts";

/** A workflow's GITHUB_TOKEN: a `ghs_` token the fake did not issue acts as github-actions[bot]. */
const TOKEN = "ghs_workflowToken123";
const ACTIONS_BOT = "github-actions[bot]";
const CONFIG_PATH = ".github/value-pr.yml";
const OWNER = "Codertocat";
const REPO = "Hello-World";
const PULL_NUMBER = 2; // the number of the pull request in @octokit/webhooks-examples' payloads
const DAY_MS = 86_400_000;
const TEST_TIMEOUT = 30_000;
/**
 * The runner's clock: every run of the Action starts with its clock here (test/support/fixed-clock.ts),
 * and the expectations are worked out from the same instant, so they agree at any wall time. Midday,
 * mid-sprint (the sprint 2026-08-10 – 2026-08-23): a run's seconds cross no day or period.
 */
const NOW = Date.parse("2026-08-12T12:00:00Z");

const GOOD_BODY = `Routes support tickets by the customer's plan.

## Outcome hypothesis
**Customer:** support agents
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %
**Counter-signal:** median handling time rises by more than 10 %
`;

const INVALID_CONFIG = "budget:\n  weight: hours\n";

// ---------------------------------------------------------------------------------------------
// The bundle, built once from the current sources (CI separately checks the committed file).

let workDir = "";
let bundlePath = "";
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "value-pr-action-test-"));
  bundlePath = join(workDir, "index.mjs");
  await writeFile(bundlePath, (await buildActionBundle()).bundle);
}, 60_000);
afterAll(async () => {
  if (workDir !== "") await rm(workDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// A fresh fake GitHub per test, served over HTTP only: the child process is a separate program,
// so msw's in-process interception (`fake.listen()`) would not reach it and is not started.

let fake: FakeGitHub;
let server: { url: string; close: () => Promise<void> };
beforeEach(async () => {
  fake = createFakeGitHub();
  server = await fake.listenHttp();
});
afterEach(async () => {
  await server.close();
  expect(fake.violations).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Running the Action the way a runner does.

interface Inputs {
  token?: string;
  config?: string;
  command?: string;
  comment?: string;
  labels?: string;
  dryRun?: string;
  org?: string;
}

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT, parsed. */
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY's content. */
  summary: string;
}

/** What runAction reads of the event file it writes: the repository, for GITHUB_REPOSITORY. */
interface EventFile {
  repository?: { full_name: string };
}

/**
 * Runs the bundle for one event. Inputs default to action.yml's defaults, which the runner fills
 * in (a runner sets INPUT_* for every declared input). The environment is only what a runner
 * gives: no proxy settings or anything else leak from this process.
 */
async function runAction(
  eventName: string,
  payload: EventFile,
  inputs: Inputs = {},
  repository = payload.repository?.full_name,
  runnerEnv: Record<string, string> = {},
): Promise<ActionRun> {
  if (repository === undefined) throw new Error("runAction: no repository for GITHUB_REPOSITORY");
  const runDir = await mkdtemp(join(workDir, "run-"));
  const eventPath = join(runDir, "event.json");
  const outputPath = join(runDir, "github_output");
  const summaryPath = join(runDir, "step_summary");
  await writeFile(eventPath, JSON.stringify(payload, null, 2));
  // The runner creates both files empty before the step starts.
  await writeFile(outputPath, "");
  await writeFile(summaryPath, "");
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: repository,
    GITHUB_API_URL: server.url,
    // github.com: https://api.github.com/graphql; GitHub Enterprise Server: https://HOST/api/graphql.
    GITHUB_GRAPHQL_URL: `${server.url.replace(/\/api\/v3$/, "/api")}/graphql`,
    INPUT_TOKEN: inputs.token ?? TOKEN,
    INPUT_CONFIG: inputs.config ?? CONFIG_PATH,
    INPUT_COMMAND: inputs.command ?? "auto",
    INPUT_COMMENT: inputs.comment ?? "true",
    INPUT_LABELS: inputs.labels ?? "true",
    // The runner keeps the input's hyphen: @actions/core reads INPUT_DRY-RUN.
    "INPUT_DRY-RUN": inputs.dryRun ?? "false",
    INPUT_ORG: inputs.org ?? "",
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? tmpdir(),
    ...runnerEnv,
  };
  // Asynchronous: the fake GitHub answers from this process's event loop while the child runs.
  const child = spawn(process.execPath, ["--import", fixedClockImport(new Date(NOW)), bundlePath], { env, cwd: runDir, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => resolve(exitCode));
  });
  const run: ActionRun = {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(outputPath, "utf8")),
    summary: await readFile(summaryPath, "utf8"),
  };
  expectTokenHidden(run, env.INPUT_TOKEN ?? TOKEN);
  return run;
}

/** GITHUB_OUTPUT's `name<<delimiter` / value lines / `delimiter` blocks; anything else is an error. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line === "") continue;
    const header = /^([^<]+)<<(\S+)$/.exec(line);
    if (header === null) throw new Error(`GITHUB_OUTPUT: unexpected line ${JSON.stringify(line)}`);
    const [, name = "", delimiter = ""] = header;
    const value: string[] = [];
    for (index++; index < lines.length && lines[index] !== delimiter; index++) value.push(lines[index] ?? "");
    if (index >= lines.length) throw new Error(`GITHUB_OUTPUT: the value of ${name} never ends (no ${delimiter} line)`);
    if (name in outputs) throw new Error(`GITHUB_OUTPUT: ${name} set twice`);
    outputs[name] = value.join("\n");
  }
  return outputs;
}

/**
 * The Action masks the token with `::add-mask::`, which necessarily prints it once; it must
 * appear nowhere else: not in the log, the job summary or the outputs.
 */
function expectTokenHidden(run: ActionRun, token: string): void {
  const maskLine = `::add-mask::${token}`;
  const log = run.stdout
    .split("\n")
    .filter((line) => line !== maskLine)
    .join("\n");
  for (const [where, text] of Object.entries({ stdout: log, stderr: run.stderr, summary: run.summary, outputs: JSON.stringify(run.outputs) })) {
    expect(text.includes(token), `the token appears in ${where}`).toBe(false);
  }
}

/** The workflow commands of one kind the run printed (`error`, `notice`, …), decoded. */
function commands(run: ActionRun, kind: string): string[] {
  const prefix = `::${kind}::`;
  return run.stdout
    .split("\n")
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length).replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%"));
}

const writesSince = (from: number) =>
  fake.requests
    .slice(from)
    .filter((request) => request.write)
    .map((request) => `${request.operationId ?? `${request.method} ${request.path}`} ${request.status}`);

const checkRequests = () => fake.requests.filter((request) => request.operationId?.startsWith("checks/"));

// ---------------------------------------------------------------------------------------------
// Pull request events.

type PullRequestPayload = ReturnType<typeof webhookExample<"pull_request">>;

interface PullChanges {
  title?: string;
  body?: string | null;
  draft?: boolean;
  user?: PullState["user"];
  head?: PullState["head"];
}

/**
 * A real `pull_request` payload (the `opened` example unless another action's is asked for) and
 * the same pull request seeded in the fake; `changes` apply to both, since a runner's event file
 * and the live pull request agree. `fork` makes the head a fork's branch.
 */
function pullRequestEvent(changes: PullChanges = {}, options: { action?: string; fork?: boolean } = {}): { payload: PullRequestPayload; pull: PullState } {
  const payload = webhookExample("pull_request", options.action ?? "opened");
  const pr = payload.pull_request;
  if (options.fork) {
    const forker = { ...pr.head.user, login: "forker", id: 424242, node_id: "U_forker" };
    pr.head = {
      ...pr.head,
      label: "forker:improve-routing",
      ref: "improve-routing",
      user: forker,
      repo: pr.head.repo && { ...pr.head.repo, id: 424243, node_id: "R_fork", full_name: "forker/Hello-World", owner: forker, fork: true },
    };
  }
  const { pull } = seedFromPullRequestPayload(fake, payload);
  Object.assign(pull, changes);
  Object.assign(pr, changes);
  return { payload, pull };
}

const repoState = () => fake.repo(OWNER, REPO);
const labelsOnPull = () => (repoState().pulls.get(PULL_NUMBER)?.labels ?? []).map((label) => label.name);
const commentsOnPull = () => repoState().comments.get(PULL_NUMBER) ?? [];

describe("on pull_request", () => {
  it(
    "a good hypothesis passes: outputs, the customer-value label and one comment by github-actions[bot], no check run; a rerun writes nothing",
    async () => {
      const { payload } = pullRequestEvent({ title: "feat: route tickets by plan", body: GOOD_BODY });
      const run = await runAction("pull_request", payload);

      expect(run.code).toBe(0);
      expect(run.outputs).toEqual({ hypothesis: "pass", category: "customer-value" });
      expect(commands(run, "error")).toEqual([]);
      expect(commands(run, "notice")).toEqual(["pass: All four fields are declared."]);
      expect(run.stderr).toBe("");
      // The job summary carries the verdict, the field table and what was written.
      expect(run.summary).toContain("✅ All four fields are declared.");
      expect(run.summary).toContain("| Metric | ✅ | mis\\-routed tickets drop from 12 % to under 5 % |");
      expect(run.summary).toContain("**Category:** `customer-value`");
      expect(run.summary).toContain("**Labels:** +customer-value — applied. **Comment:** created.");

      expect(labelsOnPull()).toEqual(["customer-value"]);
      const comments = commentsOnPull();
      expect(comments).toHaveLength(1);
      expect(comments[0]?.user.login).toBe(ACTIONS_BOT);
      expect(comments[0]?.body).toContain("Outcome hypothesis: All four fields are declared");
      // The job is the check: the Action never writes a check run.
      expect(checkRequests()).toEqual([]);
      expect(repoState().checkRuns.size).toBe(0);
      expect(writesSince(0)).toEqual(["issues/create-label 201", "issues/add-labels 200", "issues/create-comment 201"]);
      // GraphQL's viewer says who the token is: the workflow's token is github-actions[bot].
      expect(fake.requestsFor("graphql").map((request) => (request.body as { query: string }).query)).toEqual(["query ValuePrViewer { viewer { login } }"]);
      // Every request carried the token, and went to the API URL the runner named.
      expect(fake.requests.every((request) => request.authorization === `token ${TOKEN}`)).toBe(true);

      const writes = fake.countWrites();
      const again = await runAction("pull_request", payload);
      expect(again.code).toBe(0);
      expect(again.outputs).toEqual({ hypothesis: "pass", category: "customer-value" });
      expect(again.summary).toContain("**Labels:** no change needed. **Comment:** unchanged.");
      expect(fake.countWrites()).toBe(writes);
      expect(commentsOnPull()).toHaveLength(1);
      expect(labelsOnPull()).toEqual(["customer-value"]);
    },
    TEST_TIMEOUT,
  );

  it(
    "writes without waiting a second between them, and waits out a secondary rate limit (retry-after) to write once",
    async () => {
      const { payload } = pullRequestEvent({ title: "feat: route tickets by plan", body: GOOD_BODY });
      // GitHub says whole seconds; a fraction is waited out the same way (retry-after × 1,000 ms)
      // and keeps the test short.
      fake.failNext("issues/add-labels", { ...secondaryRateLimit, headers: { ...secondaryRateLimit.headers, "retry-after": "0.3" } });
      const run = await runAction("pull_request", payload);

      expect(run.code).toBe(0);
      expect(commands(run, "warning")).toEqual([expect.stringMatching(/^secondary rate limit hit on POST .*\/labels; retrying in 0.3 s$/)]);
      expect(writesSince(0)).toEqual(["issues/create-label 201", "issues/add-labels 403", "issues/add-labels 200", "issues/create-comment 201"]);
      expect(labelsOnPull()).toEqual(["customer-value"]);
      expect(commentsOnPull()).toHaveLength(1);
      const at = (operationId: string, status: number) => fake.requestsFor(operationId).find((request) => request.status === status)?.at ?? NaN;
      // GitHub asked for a wait, and got it …
      expect(at("issues/add-labels", 200) - at("issues/add-labels", 403)).toBeGreaterThanOrEqual(285);
      // … but writes are not otherwise spaced a second apart: a handful need no pacing.
      expect(at("issues/add-labels", 403) - at("issues/create-label", 201)).toBeLessThan(900);
    },
    TEST_TIMEOUT,
  );

  it(
    "with another GitHub App's installation token, it knows itself as that app: one comment, edited; its own labels follow the PR",
    async () => {
      const appToken = "ghs_triageBotInstallation789";
      fake.otherAppTokens.set(appToken, "triage-bot");
      const { payload, pull } = pullRequestEvent({ title: "feat: route tickets by plan", body: GOOD_BODY });
      const first = await runAction("pull_request", payload, { token: appToken });
      expect(first.code).toBe(0);
      expect(commentsOnPull().map((comment) => comment.user.login)).toEqual(["triage-bot[bot]"]);
      expect(labelsOnPull()).toEqual(["customer-value"]);

      // The PR turns out to be a refactoring with no customer outcome: the label value-pr added
      // itself is value-pr's to take off (a person's would stay).
      pull.title = "refactor: split the router";
      pull.body = "Splits the router in two.";
      Object.assign(payload.pull_request, { title: pull.title, body: pull.body });
      const second = await runAction("pull_request", { ...payload, action: "edited" } as PullRequestPayload, { token: appToken });
      expect(second.code).toBe(0);
      expect(second.outputs.category).toBe("tech-debt");
      expect(labelsOnPull()).toEqual(["tech-debt"]);
      expect(commentsOnPull()).toHaveLength(1);
      expect(commentsOnPull()[0]?.body).toContain("`tech-debt`");
    },
    TEST_TIMEOUT,
  );

  it(
    "a GITHUB_API_URL that is not a URL fails the job with one ::error:: line, not a stack trace",
    async () => {
      const { payload } = pullRequestEvent({ title: "feat: x", body: GOOD_BODY });
      const run = await runAction("pull_request", payload, {}, undefined, { GITHUB_API_URL: "not-a-url" });
      expect(run.code).toBe(1);
      expect(commands(run, "error")).toEqual(['value-pr: GITHUB_API_URL is not a URL: "not-a-url"']);
      expect(run.stderr).toBe("");
      expect(fake.requests).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    "no hypothesis fails the job with an ::error:: naming every missing field",
    async () => {
      const { payload } = pullRequestEvent({ title: "feat: x", body: "" });
      const run = await runAction("pull_request", payload);

      expect(run.code).toBe(1);
      expect(run.outputs).toEqual({ hypothesis: "fail", category: "customer-value" });
      const [error, ...more] = commands(run, "error");
      expect(more).toEqual([]);
      for (const field of ["Customer", "Outcome", "Metric", "Counter-signal"]) expect(error).toMatch(new RegExp(`^- ${field}: `, "m"));
      expect(run.summary).toContain("| Counter-signal | ❌ missing |  |");
      // The comment explains the fix on the PR as well.
      expect(commentsOnPull()).toHaveLength(1);
      expect(labelsOnPull()).toEqual(["customer-value"]);
      expect(checkRequests()).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    "a dependabot PR is exempt tech debt: the tech-debt label and no comment",
    async () => {
      const { payload } = pullRequestEvent({
        title: "Bump lodash from 4.17.20 to 4.17.21",
        body: "Bumps [lodash](https://github.com/lodash/lodash) from 4.17.20 to 4.17.21.",
        user: fake.user("dependabot[bot]", "Bot"),
      });
      const run = await runAction("pull_request", payload);

      expect(run.code).toBe(0);
      expect(run.outputs).toEqual({ hypothesis: "exempt", category: "tech-debt" });
      expect(commands(run, "error")).toEqual([]);
      expect(commands(run, "notice")).toEqual(["Exempt: the author dependabot[bot] is a bot."]);
      expect(labelsOnPull()).toEqual(["tech-debt"]);
      expect(commentsOnPull()).toEqual([]);
      expect(fake.requestsFor("issues/create-comment")).toEqual([]);
      expect(run.summary).toContain("**Comment:** none for this pull request.");
      expect(writesSince(0)).toEqual(["issues/create-label 201", "issues/add-labels 200"]);
    },
    TEST_TIMEOUT,
  );

  it(
    "a draft PR is neutral and passes the job",
    async () => {
      const { payload } = pullRequestEvent({ title: "feat: x", body: "" }, { action: "converted_to_draft" });
      expect(payload.pull_request.draft).toBe(true);
      const run = await runAction("pull_request", payload);

      expect(run.code).toBe(0);
      expect(run.outputs.hypothesis).toBe("neutral");
      expect(commands(run, "error")).toEqual([]);
      // The reason already names the verdict: no "neutral: Neutral: …".
      expect(commands(run, "notice")).toEqual(["Neutral: draft pull request; the check runs when it is ready for review."]);
      expect(checkRequests()).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});

describe("the inputs", () => {
  it(
    "labels: false and comment: false write nothing; config names another file in the repository",
    async () => {
      const { payload } = pullRequestEvent({ title: "feat: x", body: "" });
      repoState().files.set(".github/value-pr-custom.yml", 'labels:\n  customer-value: "value: customer"\n');
      const run = await runAction("pull_request", payload, { labels: "false", comment: "false", config: ".github/value-pr-custom.yml" });

      expect(run.code).toBe(1);
      expect(run.outputs).toEqual({ hypothesis: "fail", category: "customer-value" });
      expect(run.summary).toContain("**Labels:** +value: customer — switched off. **Comment:** switched off.");
      expect(fake.countWrites()).toBe(0);
      expect(fake.requestsFor("repos/get-content").map((request) => request.params.path)).toContain(".github/value-pr-custom.yml");
      expect(labelsOnPull()).toEqual([]);
      expect(commentsOnPull()).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});

describe("on a fork's pull request (a read-only token)", () => {
  for (const { name, body, code, hypothesis } of [
    { name: "a failing hypothesis still fails the job", body: "", code: 1, hypothesis: "fail" },
    { name: "a passing hypothesis passes the job", body: GOOD_BODY, code: 0, hypothesis: "pass" },
  ]) {
    it(
      `${name}; nothing is written and the summary says why`,
      async () => {
        fake.readOnlyTokens.add(TOKEN);
        const { payload } = pullRequestEvent({ title: "feat: route tickets by plan", body }, { fork: true });
        expect(payload.pull_request.head.repo?.full_name).not.toBe(payload.repository.full_name);
        const labelsBefore = repoState().labels.size;
        const run = await runAction("pull_request", payload);

        expect(run.code).toBe(code);
        expect(run.outputs).toEqual({ hypothesis, category: "customer-value" });
        expect(commands(run, "error")).toHaveLength(code);
        expect(run.summary).toContain("may only read");
        expect(run.summary).toContain("+customer-value — skipped: the token may only read");
        expect(commands(run, "notice").some((notice) => notice.includes("may only read"))).toBe(true);
        // Whatever writes were attempted were refused; none changed the repository.
        expect(fake.requests.filter((request) => request.write).every((request) => request.status === 403)).toBe(true);
        expect(labelsOnPull()).toEqual([]);
        expect(commentsOnPull()).toEqual([]);
        expect(repoState().labels.size).toBe(labelsBefore);
        expect(checkRequests()).toEqual([]);
      },
      TEST_TIMEOUT,
    );
  }

  it(
    "on pull_request_target (the base repository's token) the fork's PR gets its label and comment",
    async () => {
      const { payload } = pullRequestEvent({ title: "feat: route tickets by plan", body: GOOD_BODY }, { fork: true });
      const run = await runAction("pull_request_target", payload);

      expect(run.code).toBe(0);
      expect(run.outputs).toEqual({ hypothesis: "pass", category: "customer-value" });
      expect(run.summary).not.toContain("may only read");
      expect(labelsOnPull()).toEqual(["customer-value"]);
      expect(commentsOnPull().map((comment) => comment.user.login)).toEqual([ACTIONS_BOT]);
      expect(checkRequests()).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------
// The report on schedule and workflow_dispatch.

const REPORT_OWNER = "octo-org";
const REPORT_REPO = "octo-repo";
const REPORT_LABEL = "value-pr-report";

function scheduleEvent() {
  // GitHub has no webhook for schedule; the runner's event file names the cron and the workflow.
  const { repository, sender } = webhookExample("workflow_dispatch");
  return { schedule: "0 6 * * 1", repository, sender, workflow: ".github/workflows/value-pr.yml" };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The default period: 14-day sprints from Monday 2024-01-01 in UTC. The sprint running at `now`
 * and the one before it, worked out here.
 */
function sprintsAt(now: number) {
  const anchor = Date.UTC(2024, 0, 1);
  const start = anchor + Math.floor((now - anchor) / (14 * DAY_MS)) * 14 * DAY_MS;
  const period = (from: number) => ({ from, start: isoDay(from), end: isoDay(from + 13 * DAY_MS) });
  return { current: period(start), previous: period(start - 14 * DAY_MS) };
}

let nextPullNumber = 100;

/** A merged PR into the default branch at `mergedAt`: customer value (feat + hypothesis) or a renovate bump (tech debt). */
function mergedPull(kind: "value" | "debt", mergedAt: number, defaultBranch: string): SeedPull {
  const number = nextPullNumber++;
  const value = kind === "value";
  return {
    number,
    title: value ? `feat: customer feature ${number}` : `chore(deps): update dependency vitest to v4.${number}.0`,
    body: value ? GOOD_BODY : "This PR contains the following updates: vitest",
    draft: false,
    user: value ? { login: "alice", type: "User" } : { login: "renovate[bot]", type: "Bot" },
    head: { ref: value ? `feature/${number}` : "renovate/vitest-4.x" },
    base: { ref: defaultBranch },
    merged_at: new Date(mergedAt).toISOString(),
    additions: 10,
    deletions: 2,
    changed_files: 1,
    files: [{ filename: value ? "src/feature.ts" : "package.json", additions: 10, deletions: 2 }],
  };
}

const reportIssues = () =>
  [...fake.repo(REPORT_OWNER, REPORT_REPO).issues.values()].filter((issue) => issue.labels.some((label) => label.name === REPORT_LABEL));
const issueOfPeriod = (period: { start: string; end: string }) => {
  const found = reportIssues().filter((issue) => (issue.body ?? "").startsWith(`<!-- value-pr:report start=${period.start} end=${period.end} `));
  expect(found).toHaveLength(1);
  return found[0];
};

describe("the report", () => {
  it(
    "on schedule posts the previous and the current sprint's issues; workflow_dispatch later updates them in place, never duplicates",
    async () => {
      const payload = scheduleEvent();
      const defaultBranch = payload.repository.default_branch;
      const { current, previous } = sprintsAt(NOW);
      // Merged inside the running sprint, between its start and now: 3 customer value, 1 tech debt.
      const at = (fraction: number) => Math.round(current.from + (NOW - current.from) * fraction);
      seedMergedPulls(fake, REPORT_OWNER, REPORT_REPO, [
        mergedPull("value", at(0.2), defaultBranch),
        mergedPull("value", at(0.4), defaultBranch),
        mergedPull("debt", at(0.5), defaultBranch),
        mergedPull("value", at(0.6), defaultBranch),
      ]);

      const run = await runAction("schedule", payload);
      expect(run.code).toBe(0);
      expect(commands(run, "error")).toEqual([]);
      // 1 of 4 is tech debt: 25 %, above the default 15 % ± 5.
      const issues = reportIssues();
      expect(issues).toHaveLength(2);
      const currentIssue = issueOfPeriod(current);
      const previousIssue = issueOfPeriod(previous);
      expect(currentIssue?.body).toMatch(/^<!-- value-pr:report start=\S+ end=\S+ share=25 status=over merged=4 /);
      expect(previousIssue?.body).toMatch(/ merged=0 /);
      expect(run.outputs).toEqual({ "debt-share": "25", "budget-status": "over", "report-url": currentIssue?.html_url });
      expect(currentIssue?.html_url).toBe(`https://github.com/${REPORT_OWNER}/${REPORT_REPO}/issues/${currentIssue?.number}`);
      // The summary is the current sprint's report: its Markdown, the trend chart included.
      expect(run.summary).toContain(`<!-- value-pr:report start=${current.start} end=${current.end} `);
      expect(run.summary).toContain("```mermaid\nxychart-beta");
      expect(run.summary).toContain(`[#${currentIssue?.number}](${currentIssue?.html_url}) (created)`);
      expect(writesSince(0).filter((write) => write.startsWith("issues/create "))).toEqual(["issues/create 201", "issues/create 201"]);
      expect(checkRequests()).toEqual([]);

      // One more customer PR merges; the maintainer runs the workflow by hand.
      seedMergedPulls(fake, REPORT_OWNER, REPORT_REPO, [mergedPull("value", at(0.8), defaultBranch)]);
      const previousBody = previousIssue?.body;
      const currentBody = currentIssue?.body;
      const before = fake.requests.length;
      const dispatch = webhookExample("workflow_dispatch");
      const again = await runAction("workflow_dispatch", dispatch);
      expect(again.code).toBe(0);
      expect(reportIssues()).toHaveLength(2);
      const updated = issueOfPeriod(current);
      expect(updated?.number).toBe(currentIssue?.number);
      expect(updated?.body).not.toBe(currentBody);
      // 1 of 5: 20 %, the top of the band, on budget.
      expect(updated?.body).toMatch(/ share=20 status=on-budget merged=5 /);
      expect(issueOfPeriod(previous)?.body).toBe(previousBody);
      expect(again.outputs).toEqual({ "debt-share": "20", "budget-status": "on-budget", "report-url": currentIssue?.html_url });
      expect(writesSince(before)).toEqual(["issues/update 200"]);
      expect(again.summary).toContain("(unchanged)");
      expect(again.summary).toContain("(updated)");
    },
    TEST_TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------
// Configuration errors, dry runs, other events and commands.

describe("the organisation report", () => {
  it(
    "from a workflow in ORG/.github with the org input: pools the organisation's repositories and posts the period's issue there",
    async () => {
      // test/support/org-data.ts: pooled by PRs, (3 + ½·1) ÷ 8 = 43.75 % against the target 20 %.
      seedOrganisation(fake, "budget:\n  target: 20\n");
      const dispatch = webhookExample("workflow_dispatch");
      const payload = {
        ...dispatch,
        repository: {
          ...dispatch.repository,
          name: ".github",
          full_name: `${ORG}/.github`,
          owner: { ...dispatch.repository.owner, login: ORG, type: "Organization" },
        },
      };
      const run = await runAction("workflow_dispatch", payload, { org: ORG });
      expect(commands(run, "error")).toEqual([]);
      expect(run.code).toBe(0);
      const issues = [...fake.repo(ORG, ".github").issues.values()].sort((a, b) => a.number - b.number);
      // The sprint that ended and the one running, both in ORG/.github; no repository got one.
      expect(issues.map((issue) => issue.title)).toEqual([
        "Debt budget of acme: sprint 2026-07-27 – 2026-08-09",
        "Debt budget of acme: sprint 2026-08-10 – 2026-08-23",
      ]);
      for (const repo of ["api", "web", "docs"]) expect(fake.repo(ORG, repo).issues.size).toBe(0);
      expect(run.outputs).toEqual({ "debt-share": "43.8", "budget-status": "over", "report-url": issues[1]?.html_url });
      expect(run.summary).toContain("<!-- value-pr:org-report start=2026-08-10 end=2026-08-23 share=43.8 status=over repos=2 ");
      expect(run.summary).toContain("| `acme/api` | 4 | 50 % | ⚠️ over |");
    },
    TEST_TIMEOUT,
  );
});

describe("an invalid configuration", () => {
  it(
    "fails the check with an ::error:: naming the key, and writes nothing",
    async () => {
      const { payload } = pullRequestEvent({ title: "feat: route tickets by plan", body: GOOD_BODY });
      repoState().files.set(CONFIG_PATH, INVALID_CONFIG);
      const run = await runAction("pull_request", payload);

      expect(run.code).toBe(1);
      const errors = commands(run, "error");
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain("budget.weight");
      expect(run.summary).toContain("value-pr: invalid configuration");
      expect(run.summary).toContain("budget.weight");
      expect(run.outputs).toEqual({});
      expect(fake.countWrites()).toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    "fails the report the same way, and writes nothing",
    async () => {
      const payload = scheduleEvent();
      fake.addRepo({ owner: REPORT_OWNER, repo: REPORT_REPO }).files.set(CONFIG_PATH, INVALID_CONFIG);
      const run = await runAction("schedule", payload);

      expect(run.code).toBe(1);
      const errors = commands(run, "error");
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain("budget.weight");
      expect(run.summary).toContain("budget.weight");
      expect(run.outputs).toEqual({});
      expect(fake.countWrites()).toBe(0);
      expect(fake.requestsFor("graphql")).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});

describe("dry-run", () => {
  it(
    "on a failing PR computes and prints everything, writes nothing, and still fails the job",
    async () => {
      const { payload } = pullRequestEvent({ title: "feat: x", body: "" });
      const run = await runAction("pull_request", payload, { dryRun: "true" });

      expect(run.code).toBe(1);
      expect(run.outputs).toEqual({ hypothesis: "fail", category: "customer-value" });
      expect(commands(run, "error")).toHaveLength(1);
      expect(fake.countWrites()).toBe(0);
      expect(labelsOnPull()).toEqual([]);
      expect(commentsOnPull()).toEqual([]);
      // The summary shows what a real run would write.
      expect(run.summary).toContain("**Labels:** +customer-value — not written (dry run). **Comment:** not written (dry run).");
      expect(run.summary).toContain("The comment value-pr would keep on the pull request");
      expect(run.summary).toContain("<!-- value-pr:pull-request-comment -->");
    },
    TEST_TIMEOUT,
  );

  it(
    "on a report computes and prints it, posts nothing",
    async () => {
      const payload = scheduleEvent();
      const defaultBranch = payload.repository.default_branch;
      const { current } = sprintsAt(NOW);
      const at = (fraction: number) => Math.round(current.from + (NOW - current.from) * fraction);
      seedMergedPulls(fake, REPORT_OWNER, REPORT_REPO, [mergedPull("value", at(0.3), defaultBranch), mergedPull("debt", at(0.6), defaultBranch)]);
      const run = await runAction("schedule", payload, { dryRun: "true" });

      expect(run.code).toBe(0);
      // 1 of 2 is tech debt.
      expect(run.outputs).toEqual({ "debt-share": "50", "budget-status": "over", "report-url": "" });
      expect(run.summary).toContain(`<!-- value-pr:report start=${current.start} end=${current.end} share=50 status=over merged=2 `);
      expect(run.summary).toContain("```mermaid");
      expect(run.summary).toContain("Dry run: the report issue was not posted.");
      expect(fake.countWrites()).toBe(0);
      expect(reportIssues()).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});

describe("events and commands", () => {
  it(
    "an event value-pr does not handle ends the job green with a notice and no request at all",
    async () => {
      const payload = webhookExample("issues", "opened");
      const run = await runAction("issues", payload);

      expect(run.code).toBe(0);
      const notices = commands(run, "notice");
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain('nothing to do on "issues" events');
      expect(commands(run, "error")).toEqual([]);
      expect(run.outputs).toEqual({});
      expect(fake.requests).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    "command: check on a schedule event fails with a clear error",
    async () => {
      const run = await runAction("schedule", scheduleEvent(), { command: "check" });

      expect(run.code).toBe(1);
      const errors = commands(run, "error");
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/check needs a pull_request or pull_request_target event, not schedule/);
      expect(run.outputs).toEqual({});
      expect(fake.countWrites()).toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    "an unknown command fails with an error naming the choices",
    async () => {
      const { payload } = pullRequestEvent({ title: "feat: x", body: "" });
      const run = await runAction("pull_request", payload, { command: "publish" });

      expect(run.code).toBe(1);
      expect(commands(run, "error")).toEqual(['value-pr: command must be auto, check, report or outcome, got "publish"']);
      expect(fake.requests).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});

describe("the token", () => {
  it(
    "is masked once and appears nowhere else, even when an API error ends the run",
    async () => {
      const { payload } = pullRequestEvent({ title: "feat: route tickets by plan", body: GOOD_BODY });
      fake.failNext("pulls/get", { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } });
      // runAction asserts the token is absent from everything but the ::add-mask:: line.
      const run = await runAction("pull_request", payload);

      expect(run.stdout.split("\n").filter((line) => line.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`]);
      expect(run.code).toBe(1);
      expect(commands(run, "error")).toHaveLength(1);
      expect(commands(run, "error")[0]).toMatch(/^value-pr: Not Found/);
      expect(fake.countWrites()).toBe(0);
      // The token did reach the API, so there was something to leak.
      expect(fake.requests.some((request) => request.authorization === `token ${TOKEN}`)).toBe(true);
    },
    TEST_TIMEOUT,
  );
});

describe("GitHub Enterprise Server", () => {
  it(
    "uses the API and GraphQL URLs the runner names",
    async () => {
      await server.close();
      fake = createFakeGitHub({ baseUrl: "https://ghe.example/api/v3" });
      server = await fake.listenHttp();
      expect(server.url).toMatch(/\/api\/v3$/);
      const payload = scheduleEvent();
      const defaultBranch = payload.repository.default_branch;
      const { current } = sprintsAt(NOW);
      seedMergedPulls(fake, REPORT_OWNER, REPORT_REPO, [mergedPull("value", Math.round((current.from + NOW) / 2), defaultBranch)]);
      const run = await runAction("workflow_dispatch", payload, { dryRun: "true" });

      expect(run.code).toBe(0);
      expect(run.outputs).toEqual({ "debt-share": "0", "budget-status": "under", "report-url": "" });
      expect(fake.requestsFor("graphql").length).toBeGreaterThan(0);
      expect(fake.requests.every((request) => request.status < 500 && request.operationId !== undefined)).toBe(true);
    },
    TEST_TIMEOUT,
  );
});

describe("outcome follow-up", () => {
  const REVIEWED_BODY = `${GOOD_BODY}**Review in:** 30 days\n`;

  function seedDueReview(): { number: number; payload: ReturnType<typeof scheduleEvent> } {
    const payload = scheduleEvent();
    // Merged 35 days ago with a review 30 days after: it fell due 5 days ago.
    const pull = { ...mergedPull("value", NOW - 35 * DAY_MS, payload.repository.default_branch), body: REVIEWED_BODY };
    seedMergedPulls(fake, REPORT_OWNER, REPORT_REPO, [pull]);
    return { number: pull.number, payload };
  }
  const questions = (number: number) =>
    (fake.repo(REPORT_OWNER, REPORT_REPO).comments.get(number) ?? []).filter((comment) => comment.body.includes("<!-- value-pr:outcome-question -->"));
  const labels = (number: number) => (fake.repo(REPORT_OWNER, REPORT_REPO).pulls.get(number)?.labels ?? []).map((label) => label.name);

  /** The issue_comment.created event a runner gets for `body` on PR `number`. */
  function answerEvent(number: number, body: string, login: string, association: string) {
    const example = webhookExample("issue_comment", "created");
    const pull = fake.repo(REPORT_OWNER, REPORT_REPO).pulls.get(number);
    const comment = fake.addComment(REPORT_OWNER, REPORT_REPO, number, { body, user: fake.user(login, "User") });
    return {
      ...example,
      repository: scheduleEvent().repository,
      comment: { ...example.comment, id: comment.id, body, author_association: association, user: { ...example.comment.user, login, type: "User" } },
      issue: {
        ...example.issue,
        number,
        user: { ...example.issue.user, login: pull?.user.login ?? "" },
        labels: (pull?.labels ?? []).map((label) => ({ ...label, id: 1, node_id: "L", url: "", default: false, description: null })),
        pull_request: { url: "", html_url: "", diff_url: "", patch_url: "", merged_at: null },
      },
    };
  }

  it(
    "the scheduled run asks a review that fell due, once; an answer on issue_comment moves the label",
    async () => {
      const { number, payload } = seedDueReview();
      expect((await runAction("schedule", payload)).code).toBe(0);
      expect(questions(number).map((comment) => comment.user.login)).toEqual([ACTIONS_BOT]);
      expect(questions(number)[0]?.body).toContain("@alice: this pull request was merged with an outcome hypothesis");
      expect(labels(number)).toEqual(["outcome: due"]);
      expect((await runAction("schedule", payload)).code).toBe(0);
      expect(questions(number)).toHaveLength(1);

      const stranger = await runAction("issue_comment", answerEvent(number, "/value-pr outcome refuted nope", "stranger", "NONE"));
      expect(stranger.code).toBe(0);
      expect(labels(number)).toEqual(["outcome: due"]);

      const answered = await runAction("issue_comment", answerEvent(number, "/value-pr outcome validated 4 % mis-routed", "alice", "CONTRIBUTOR"));
      expect(answered.code).toBe(0);
      expect(labels(number)).toEqual(["outcome: validated"]);
      expect(fake.repo(REPORT_OWNER, REPORT_REPO).reactions.map((reaction) => reaction.content)).toEqual(["-1", "+1"]);
      const replies = (fake.repo(REPORT_OWNER, REPORT_REPO).comments.get(number) ?? []).filter((comment) => comment.body.startsWith("Recorded the outcome"));
      expect(replies.map((reply) => reply.user.login)).toEqual([ACTIONS_BOT]);

      // A comment without the command costs no request.
      const before = fake.requests.length;
      expect((await runAction("issue_comment", answerEvent(number, "Nice work!", "bob", "MEMBER"))).code).toBe(0);
      expect(fake.requests.length).toBe(before);
    },
    TEST_TIMEOUT,
  );
});
