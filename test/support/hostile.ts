// Hostile and broken input for a running App (issue 13): each case is a repository of its own
// on the fake GitHub, with a configuration and a pull request an attacker or a careless admin
// could produce. `runHostileCases` delivers every case to an `npm start` process at once while
// it pings /ping, and waits until each repository has its check run (and what else the caller
// names). Used by the reliability
// test (which asserts the outcomes) and by `bench/hostile.ts` (which reports the figures).
import type { CheckRunState, FakeGitHub, PullState } from "../fake-github/index.ts";
import { webhookExample } from "../fake-github/webhooks.ts";
import type { Replica } from "./replica-process.ts";

const OWNER = "Codertocat";
/** Each case is an installation of its own, so the writes of one never wait for another's pace. */
const FIRST_INSTALLATION_ID = 100;

export const GOOD_BODY = `## Outcome hypothesis
**Customer:** support agents
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %
**Counter-signal:** median handling time rises by more than 10 %
`;

/** A glob that takes picomatch seconds per path: twelve stars in one segment. */
export const BACKTRACKING_GLOB = `${"*a".repeat(12)}*b`;

export interface HostileCase {
  name: string;
  /** `.github/value-pr.yml`, or none. */
  config?: string;
  title?: string;
  body?: string | null;
  files?: string[];
  /** What must hold of the check run (and the repository) once the case has converged. */
  expect: "verdict" | "config-error";
}

function fill(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

export const HOSTILE_CASES: HostileCase[] = [
  { name: "empty-body", body: "", expect: "verdict" },
  { name: "null-body", body: null, expect: "verdict" },
  { name: "body-65536-nested-lists", body: fill(`${"- ".repeat(40)}Customer: x\n`, 65_536), expect: "verdict" },
  { name: "body-65536-tiny-paragraphs", body: fill("a\n\n", 65_536), expect: "verdict" },
  { name: "body-65536-comments", body: fill("<!-- Metric: 1 ", 65_536), expect: "verdict" },
  {
    name: "nul-rtl-emoji",
    body: GOOD_BODY.replace("support agents", "support\u0000 agents \u202Eslaer 😀").replace("fewer mis-routed", "fewer\u2066 mis-routed"),
    expect: "verdict",
  },
  { name: "checkboxes-1000", body: `${"- [x] Customer value\n- [ ] Tech debt\n".repeat(500)}${GOOD_BODY}`, expect: "verdict" },
  { name: "title-256", title: `feat: ${fill("long title ", 250)}`, body: GOOD_BODY, expect: "verdict" },
  { name: "invalid-yaml", config: "hypothesis: [unclosed\n  mode: :\n", body: GOOD_BODY, expect: "config-error" },
  {
    name: "yaml-alias-bomb",
    config: [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
      "bots: *f",
      "",
    ].join("\n"),
    body: GOOD_BODY,
    expect: "config-error",
  },
  { name: "unknown-keys", config: "mode: enforce\nhypotheses:\n  required: [metric]\ncolour: blue\n", body: GOOD_BODY, expect: "config-error" },
  {
    name: "config-40000-wrong-entries",
    config: `labels:\n${Array.from({ length: 40_000 }, (_, i) => `  wrong-${i}: ${i}`).join("\n")}\n`,
    body: GOOD_BODY,
    expect: "config-error",
  },
  { name: "glob-10000-characters", config: `classification:\n  debt-paths: ["${"a".repeat(10_000)}"]\n`, body: GOOD_BODY, expect: "config-error" },
  { name: "extended-glob", config: 'classification:\n  debt-paths: ["+(a|b)/**"]\n', body: GOOD_BODY, expect: "config-error" },
  {
    // The title names no type, so the changed files decide; every path matches the glob only at
    // its very end, which is what makes a backtracking matcher try every split.
    name: "backtracking-glob",
    config: `classification:\n  debt-paths: ["${BACKTRACKING_GLOB}"]\n`,
    title: "Update the routing tables",
    body: "No customer-facing change.",
    files: [`${"a".repeat(32)}b`, `${"a".repeat(1_000)}b`, ...Array.from({ length: 50 }, (_, i) => `${"a".repeat(200 + i)}b`)],
    expect: "verdict",
  },
];

export interface HostileRun {
  /** Each case's check run once converged (undefined when none was written in time). */
  checkRuns: Map<string, CheckRunState | undefined>;
  pulls: Map<string, PullState>;
  /** HTTP status of each delivery. */
  statuses: Map<string, number>;
  /** Round-trip times of the pings sent while the cases ran, in milliseconds; NaN for a failed ping. */
  pingMs: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface HostileOptions {
  cases?: HostileCase[];
  /** How long to wait for the check runs (and `settled`). */
  timeoutMs?: number;
  /**
   * What else must have been written before the run ends, beside every case's check run: the
   * labels and comments that follow a check run, where a test asserts them.
   */
  settled?: (fake: FakeGitHub) => boolean;
}

/**
 * Seeds every case into `fake`, delivers them all at once to `replica`, and waits for the check
 * runs and whatever `settled` asks for.
 */
export async function runHostileCases(fake: FakeGitHub, replica: Replica, options: HostileOptions = {}): Promise<HostileRun> {
  const { cases = HOSTILE_CASES, timeoutMs = 60_000, settled = () => true } = options;
  const pulls = new Map<string, PullState>();
  const payloads = new Map<string, object>();
  for (const [index, testCase] of cases.entries()) {
    const installationId = FIRST_INSTALLATION_ID + index;
    const repo = fake.addRepo({ owner: OWNER, repo: testCase.name, installationId });
    if (testCase.config !== undefined) repo.files.set(".github/value-pr.yml", testCase.config);
    const pull = fake.addPull(OWNER, testCase.name, {
      title: testCase.title ?? "feat: route tickets by plan",
      body: testCase.body === undefined ? GOOD_BODY : testCase.body,
      ...(testCase.files && { files: testCase.files.map((filename) => ({ filename })) }),
    });
    pulls.set(testCase.name, pull);
    const example = webhookExample("pull_request", "opened");
    payloads.set(testCase.name, {
      ...example,
      installation: { id: installationId, node_id: `I${installationId}` },
      repository: { ...example.repository, name: testCase.name, full_name: `${OWNER}/${testCase.name}` },
      pull_request: {
        ...example.pull_request,
        number: pull.number,
        title: pull.title,
        body: pull.body,
        head: { ...example.pull_request.head, sha: pull.head.sha, ref: pull.head.ref },
      },
    });
  }

  const pingMs: number[] = [];
  let pinging = true;
  const pinger = (async () => {
    while (pinging) {
      const start = performance.now();
      const ok = await fetch(`http://127.0.0.1:${replica.port}/ping`, { signal: AbortSignal.timeout(5_000) }).then(
        async (response) => {
          await response.text();
          return response.ok;
        },
        () => false,
      );
      pingMs.push(ok ? performance.now() - start : Number.NaN);
      await sleep(10);
    }
  })();

  const statuses = new Map<string, number>();
  await Promise.all(
    cases.map(async (testCase, index) =>
      statuses.set(testCase.name, await replica.deliver("pull_request", `hostile-${index}`, payloads.get(testCase.name) as object)),
    ),
  );

  const checkRunOf = (name: string) => [...fake.repo(OWNER, name).checkRuns.values()].find((run) => run.head_sha === pulls.get(name)?.head.sha);
  const converged = () => cases.every((testCase) => checkRunOf(testCase.name) !== undefined) && settled(fake);
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline && !converged()) await sleep(20);
  pinging = false;
  await pinger;
  return { checkRuns: new Map(cases.map((testCase) => [testCase.name, checkRunOf(testCase.name)])), pulls, statuses, pingMs };
}
