import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { buildActionBundle } from "../../action/build.ts";
import { createFakeGitHub, type FakeGitHub } from "../fake-github/index.ts";
import { seedFromPullRequestPayload, webhookExample } from "../fake-github/webhooks.ts";

const TOKEN = "ghs_workflowToken123";
let dir = "";
let bundle = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "value-pr-action-"));
  bundle = join(dir, "index.mjs");
  await writeFile(bundle, await buildActionBundle());
}, 60_000);
afterAll(async () => {
  if (dir !== "") await rm(dir, { recursive: true, force: true });
});

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

const GOOD_BODY = `Routes tickets by plan.

## Outcome hypothesis
**Customer:** support agents
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %
**Counter-signal:** median handling time rises by more than 10 %
`;

async function runAction(event: string, payload: { repository?: { full_name: string } }) {
  const runDir = await mkdtemp(join(dir, "run-"));
  const eventPath = join(runDir, "event.json");
  const outputPath = join(runDir, "output");
  const summaryPath = join(runDir, "summary");
  await writeFile(eventPath, JSON.stringify(payload));
  await writeFile(outputPath, "");
  await writeFile(summaryPath, "");
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: payload.repository?.full_name ?? "",
    GITHUB_API_URL: server.url,
    GITHUB_GRAPHQL_URL: `${server.url}/graphql`,
    INPUT_TOKEN: TOKEN,
    INPUT_COMMAND: "auto",
    INPUT_COMMENT: "true",
    INPUT_LABELS: "true",
    "INPUT_DRY-RUN": "false",
    INPUT_CONFIG: ".github/value-pr.yml",
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? tmpdir(),
  };
  const started = performance.now();
  const child = spawn(process.execPath, [bundle], { env, cwd: runDir, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => resolve(exitCode));
  });
  const ms = performance.now() - started;
  return { code, stdout, stderr, ms, output: await readFile(outputPath, "utf8"), summary: await readFile(summaryPath, "utf8") };
}

it("explore", async () => {
  const payload = webhookExample("pull_request", "opened");
  const { pull } = seedFromPullRequestPayload(fake, payload);
  Object.assign(pull, { title: "feat: route tickets by plan", body: GOOD_BODY });
  const run = await runAction("pull_request", payload);
  console.log(run);
  console.log(fake.requests.map((r) => `${r.method} ${r.path} ${r.operationId} ${r.status}`));
  const run2 = await runAction("pull_request", payload);
  console.log(run2.ms, run2.code);
  console.log(fake.repo("Codertocat", "Hello-World").comments.get(2));
});
