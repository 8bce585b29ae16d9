// `node bench/hostile.ts`: what hostile input costs (issue 13), printed as Markdown.
//   1. CPU for one PR's verdict under the most expensive configuration the schema accepts (16
//      globs of 32 wildcards: 512, the most a list may hold): loading it (globs compiled) and
//      judging a PR whose changed paths reach the matching cap;
//   2. /ping round trips of an `npm start` process while it handles every case of the
//      reliability suite (test/support/hostile.ts) at once.
import { performance } from "node:perf_hooks";
import { MAX_PATH_MATCH_STEPS } from "../src/core/classify/index.ts";
import { parseConfig } from "../src/core/config/load.ts";
import { evaluatePull } from "../src/core/evaluate.ts";
import type { PullFacts } from "../src/core/types.ts";
import { createFakeGitHub } from "../test/fake-github/index.ts";
import { HOSTILE_CASES, runHostileCases } from "../test/support/hostile.ts";
import { freePorts, replicaEnv, startReplica } from "../test/support/replica-process.ts";

const RUNS = 5;
const letters = "abcdefghijklmnopqrstuvwxyz";

/** 16 globs of 32 stars each, different per run so that no compiled list is reused. */
function hostileGlobs(run: number): string[] {
  return Array.from({ length: 16 }, (_, i) => `${`*${letters[(i + run) % 26]}`.repeat(31)}*${i.toString(36)}`);
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

const loads: number[] = [];
const verdicts: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const globs = hostileGlobs(run);
  let start = performance.now();
  const result = parseConfig({ classification: { "debt-paths": globs } });
  loads.push(performance.now() - start);
  if (!result.ok) throw new Error(`the hostile configuration was refused: ${result.errors[0]}`);
  // Paths that every automaton reads to the end and only the last glob matches, up to the
  // matching cap (and GitHub's 3,000 files).
  const last = globs.length - 1;
  const pathLength = Math.ceil(MAX_PATH_MATCH_STEPS / globs.length / 3_000);
  const files = Array.from(
    { length: Math.floor(MAX_PATH_MATCH_STEPS / globs.length / pathLength) },
    () => `${letters[(last + run) % 26]?.repeat(pathLength - 1)}${last.toString(36)}`,
  );
  const pull: PullFacts = {
    title: "Update the tables",
    body: "",
    author: "octocat",
    authorIsBot: false,
    draft: false,
    labels: [],
    headBranch: "tables",
    files,
  };
  start = performance.now();
  const verdict = evaluatePull(pull, result.config);
  verdicts.push(performance.now() - start);
  if (verdict.category.value !== "tech-debt") throw new Error("the paths were meant to be debt paths, to be read in full");
}

console.log("## Hostile input\n");
console.log("| measured | median | max |");
console.log("| --- | --- | --- |");
console.log(
  `| load the costliest accepted config (16 globs × 32 wildcards, compiled) | ${median(loads).toFixed(0)} ms | ${Math.max(...loads).toFixed(0)} ms |`,
);
console.log(
  `| one PR's verdict under it, changed paths at the matching cap (${(MAX_PATH_MATCH_STEPS / 1e6).toFixed(0)} M steps) | ${median(verdicts).toFixed(0)} ms | ${Math.max(...verdicts).toFixed(0)} ms |`,
);

const fake = createFakeGitHub({ baseUrl: "https://ghe.example/api/v3" });
const api = await fake.listenHttp();
const [port] = await freePorts(1);
const replica = await startReplica(replicaEnv(api.url), port ?? 0);
try {
  const outcome = await runHostileCases(fake, replica);
  const pings = outcome.pingMs.filter((ms) => Number.isFinite(ms)).sort((a, b) => a - b);
  const failed = outcome.pingMs.length - pings.length;
  const checks = [...outcome.checkRuns.values()].filter((run) => run !== undefined).length;
  const at = (q: number) => pings[Math.min(pings.length - 1, Math.floor(q * pings.length))]?.toFixed(1) ?? "–";
  console.log(
    `| /ping during the ${HOSTILE_CASES.length} reliability cases at once (${pings.length} pings, ${failed} failed; ${checks} check runs) | ${at(0.5)} ms | ${at(1)} ms (p99 ${at(0.99)} ms) |`,
  );
} finally {
  await replica.stop();
  await api.close();
}
