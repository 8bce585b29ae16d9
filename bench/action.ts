// `node bench/action.ts`: what the Action costs a workflow before it does any work.
//   (a) the committed bundle (action/dist/index.mjs): bytes, KiB and gzipped size;
//   (b) its cold start: from spawning `node index.mjs` with a runner's environment for a
//       pull_request event to the first HTTP request the (fake) GitHub API receives;
//   (c) the same two figures for a trivial Action: an esbuild bundle, built here, of a script
//       that calls `core.getInput("token")` and then fetches `$GITHUB_API_URL/repos/x/y`;
// and the Action's time from spawn to exit on that PR event, as a dry run (reads only) and as a
// first run that writes the label and the comment. The Action's handful of writes is not spaced
// a second apart (only the App, with many writes per installation, paces them), so the two
// differ by the writes' round trips.
//
// "First request" is the moment a pass-through HTTP server of this process sees the request (its
// `request` event, headers parsed), stamped before it forwards the request to the fake GitHub
// (served by the fake's listenHttp()). Both run on 127.0.0.1, so the child's start-up is what is
// timed, not a network; the hop adds about a millisecond per request to the times to exit.
// Medians of RUNS runs after one warm-up run.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { ACTION_BUNDLE, BUNDLE_OPTIONS } from "../action/build.ts";
import { createFakeGitHub, type FakeGitHub } from "../test/fake-github/index.ts";
import { seedFromPullRequestPayload, webhookExample } from "../test/fake-github/webhooks.ts";

const RUNS = 10;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TOKEN = "ghs_benchWorkflowToken";

// ---------------------------------------------------------------------------------------------
// A fake GitHub (served over HTTP by its own listenHttp()) behind a pass-through server of ours,
// which stamps each request's arrival before forwarding it.

let fake: FakeGitHub = createFakeGitHub();
let fakeServer = null as { url: string; close: () => Promise<void> } | null;
let firstArrival: number | null = null;

function forward(incoming: IncomingMessage, outgoing: ServerResponse): void {
  firstArrival ??= performance.now();
  if (fakeServer === null) throw new Error("no fake GitHub to forward to");
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (name === "host" || name === "connection") continue;
    for (const item of [value ?? []].flat()) headers.append(name, item);
  }
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  fetch(`${fakeServer.url}${incoming.url ?? "/"}`, {
    method: incoming.method ?? "GET",
    headers,
    ...(hasBody && { body: Readable.toWeb(incoming) as ReadableStream, duplex: "half" }),
  })
    .then(async (response) => {
      const body = Buffer.from(await response.arrayBuffer());
      const responseHeaders = Object.fromEntries(
        [...response.headers].filter(([name]) => name !== "content-encoding" && name !== "transfer-encoding" && name !== "content-length"),
      );
      outgoing.writeHead(response.status, responseHeaders);
      outgoing.end(body);
    })
    .catch((error: Error) => outgoing.destroy(error));
}

const server = createServer(forward);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// ---------------------------------------------------------------------------------------------
// Running a bundle the way a runner does.

const workDir = await mkdtemp(join(tmpdir(), "value-pr-bench-action-"));

const GOOD_BODY = `## Outcome hypothesis
**Customer:** support agents
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %
**Counter-signal:** median handling time rises by more than 10 %
`;

/** A fresh fake with the example pull request; the event file for it. */
async function freshPullRequest(): Promise<string> {
  await fakeServer?.close();
  fake = createFakeGitHub();
  fakeServer = await fake.listenHttp();
  const payload = webhookExample("pull_request", "opened");
  const { pull } = seedFromPullRequestPayload(fake, payload);
  Object.assign(pull, { title: "feat: route tickets by plan", body: GOOD_BODY });
  Object.assign(payload.pull_request, { title: pull.title, body: pull.body });
  const eventPath = join(workDir, "event.json");
  await writeFile(eventPath, JSON.stringify(payload));
  return eventPath;
}

interface Timing {
  /** Spawn to the first request's arrival; null when the process made none. */
  firstRequestMs: number | null;
  exitMs: number;
  code: number | null;
}

async function run(script: string, eventPath: string, dryRun: boolean): Promise<Timing> {
  const outputPath = join(workDir, "github_output");
  const summaryPath = join(workDir, "step_summary");
  await writeFile(outputPath, "");
  await writeFile(summaryPath, "");
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: "pull_request",
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: "Codertocat/Hello-World",
    GITHUB_API_URL: origin,
    GITHUB_GRAPHQL_URL: `${origin}/graphql`,
    INPUT_TOKEN: TOKEN,
    INPUT_CONFIG: ".github/value-pr.yml",
    INPUT_COMMAND: "auto",
    INPUT_COMMENT: "true",
    INPUT_LABELS: "true",
    "INPUT_DRY-RUN": String(dryRun),
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? tmpdir(),
  };
  firstArrival = null;
  let stderr = "";
  const started = performance.now();
  const child = spawn(process.execPath, [script], { env, cwd: workDir, stdio: ["ignore", "ignore", "pipe"] });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const exitMs = performance.now() - started;
  if (stderr !== "") throw new Error(`${script} wrote to stderr: ${stderr}`);
  if (fake.violations.length > 0) throw new Error(`fake GitHub violations: ${fake.violations.join("; ")}`);
  const arrival: number | null = firstArrival;
  return { firstRequestMs: arrival === null ? null : arrival - started, exitMs, code };
}

async function measure(script: string, options: { dryRun: boolean; freshEachRun: boolean; expectCode: number }): Promise<Timing[]> {
  let eventPath = await freshPullRequest();
  const timings: Timing[] = [];
  for (let i = 0; i <= RUNS; i++) {
    if (options.freshEachRun && i > 0) eventPath = await freshPullRequest();
    const timing = await run(script, eventPath, options.dryRun);
    if (timing.code !== options.expectCode) throw new Error(`${script} exited ${timing.code}, expected ${options.expectCode}`);
    if (i > 0) timings.push(timing); // run 0 warms the file cache
  }
  return timings;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

const ms = (values: number[]) => `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
const firstRequests = (timings: Timing[]) =>
  timings.map((timing) => {
    if (timing.firstRequestMs === null) throw new Error("a run made no request");
    return timing.firstRequestMs;
  });

// ---------------------------------------------------------------------------------------------
// The bundles.

const actionBytes = await readFile(ACTION_BUNDLE);

const TRIVIAL_SOURCE = `import * as core from "@actions/core";
const token = core.getInput("token");
const response = await fetch(process.env.GITHUB_API_URL + "/repos/x/y", { headers: { authorization: "token " + token } });
await response.arrayBuffer();
`;
const trivialBuild = await esbuild.build({
  ...BUNDLE_OPTIONS,
  stdin: { contents: TRIVIAL_SOURCE, resolveDir: ROOT, sourcefile: "trivial-action.ts", loader: "ts" },
});
const trivialBytes = Buffer.from(trivialBuild.outputFiles[0]?.contents ?? new Uint8Array());
if (trivialBytes.length === 0) throw new Error("esbuild produced no trivial bundle");
const trivialPath = join(workDir, "trivial.mjs");
await writeFile(trivialPath, trivialBytes);
const emptyPath = join(workDir, "empty.mjs");
await writeFile(emptyPath, "");

try {
  // The Action exits 0 on a passing hypothesis; the trivial script's 404 from the fake is no error to it.
  const actionDry = await measure(ACTION_BUNDLE, { dryRun: true, freshEachRun: false, expectCode: 0 });
  const actionWrites = await measure(ACTION_BUNDLE, { dryRun: false, freshEachRun: true, expectCode: 0 });
  // Each of those runs had a fake of its own: the last one holds exactly one first run.
  const firstRun = { requests: fake.requests.length, writes: fake.countWrites() };
  const trivial = await measure(trivialPath, { dryRun: true, freshEachRun: false, expectCode: 0 });
  const empty = await measure(emptyPath, { dryRun: true, freshEachRun: false, expectCode: 0 });

  const size = (bytes: Buffer) => `${bytes.length.toLocaleString("en-US")} B = ${(bytes.length / 1024).toFixed(1)} KiB`;
  const gzip = (bytes: Buffer) => `${(gzipSync(bytes).length / 1024).toFixed(1)} KiB`;

  console.log(
    `## value-pr Action: bundle size and cold start (node ${process.version}, ${process.platform}/${process.arch}, median of ${RUNS} runs, min–max)\n`,
  );
  console.log("| Bundle | Size | Gzipped | Spawn → first API request | Spawn → exit |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  console.log(
    `| value-pr Action (action/dist/index.mjs), PR event, dry run | ${size(actionBytes)} | ${gzip(actionBytes)} | ${ms(firstRequests(actionDry))} | ${ms(actionDry.map((t) => t.exitMs))} |`,
  );
  console.log(
    `| value-pr Action, PR event, first run (writes label + comment) | 〃 | 〃 | ${ms(firstRequests(actionWrites))} | ${ms(actionWrites.map((t) => t.exitMs))} |`,
  );
  console.log(
    `| trivial @actions/core bundle (getInput + one fetch) | ${size(trivialBytes)} | ${gzip(trivialBytes)} | ${ms(firstRequests(trivial))} | ${ms(trivial.map((t) => t.exitMs))} |`,
  );
  console.log(`| empty .mjs (node's own start-up) | 0 B | – | – | ${ms(empty.map((t) => t.exitMs))} |`);
  const overhead = median(firstRequests(actionDry)) - median(firstRequests(trivial));
  console.log(
    `\nThe Action's bundle costs ${overhead.toFixed(0)} ms more than the trivial one before its first request (loading and evaluating ${(actionBytes.length / 1024).toFixed(0)} KiB of JavaScript).`,
  );
  const writeCost = median(actionWrites.map((t) => t.exitMs)) - median(actionDry.map((t) => t.exitMs));
  console.log(
    `A first run makes ${firstRun.requests} API requests, ${firstRun.writes} of them writes, and takes ${writeCost.toFixed(0)} ms more than the dry run.`,
  );
} finally {
  await fakeServer?.close();
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  await rm(workDir, { recursive: true, force: true });
}
