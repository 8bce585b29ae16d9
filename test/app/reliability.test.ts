// The reliability suite of issue 13: hostile and broken input delivered to the App as it is
// deployed (`npm start` against the fake GitHub over HTTP). Every repository gets a check run —
// a verdict or a config error that says what is wrong — and the process keeps answering /ping
// while it works. (The /ping latency figure is measured by `npm run bench`, bench/hostile.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeGitHub, type FakeGitHub } from "../fake-github/index.ts";
import { HOSTILE_CASES, runHostileCases, type HostileRun } from "../support/hostile.ts";
import { freePorts, replicaEnv, startReplica, type Replica } from "../support/replica-process.ts";

const CHECK_RUN_LIMIT = 65_535;
/** The owner of every case's repository (test/support/hostile.ts). */
const OWNER = "Codertocat";

/** The one pull request of a case's repository. */
const pullOf = (fake: FakeGitHub, name: string) => [...fake.repo(OWNER, name).pulls.values()][0];

describe("hostile and broken input, delivered to a running App at once", () => {
  let fake: FakeGitHub;
  let api: { url: string; close: () => Promise<void> };
  let replica: Replica;
  let run: HostileRun;

  const labelsOf = (name: string) => pullOf(fake, name)?.labels ?? [];
  const commentsOf = (name: string) => fake.repo(OWNER, name).comments.get(pullOf(fake, name)?.number ?? 0) ?? [];

  beforeAll(async () => {
    fake = createFakeGitHub({ baseUrl: "https://ghe.example/api/v3" });
    api = await fake.listenHttp();
    const [port] = await freePorts(1);
    replica = await startReplica(replicaEnv(api.url), port ?? 0);
    // The tests below read two writes that follow a check run: a label and a comment.
    run = await runHostileCases(fake, replica, { settled: () => labelsOf("backtracking-glob").length > 0 && commentsOf("nul-rtl-emoji").length > 0 });
  }, 120_000);

  afterAll(async () => {
    await replica?.stop();
    await api?.close();
  });

  it("accepts every delivery and answers every /ping meanwhile", () => {
    // 200 once the work is done; 202 "still processing" when it takes longer than the webhook
    // middleware's timeout (@octokit/webhooks, 9 s), as the paced writes can on a busy machine.
    // GitHub counts both as delivered.
    expect([...run.statuses.entries()].filter(([, status]) => status !== 200 && status !== 202)).toEqual([]);
    expect(run.pingMs.length).toBeGreaterThan(10);
    // A liveness bound, not a speed figure (bench/hostile.ts measures it, and the worker thread
    // that keeps 64 KB descriptions off the event loop): the glob trap among the cases blocked
    // the process for far longer before globs became automata. Generous, because the other test
    // files load the machine meanwhile.
    expect(run.pingMs.filter((ms) => !(ms < 1_000))).toEqual([]);
  });

  it.each(HOSTILE_CASES.map((testCase) => [testCase.name, testCase] as const))("%s: a check run within GitHub's limits", (name, testCase) => {
    const checkRun = run.checkRuns.get(name);
    expect(checkRun, `${name} got no check run`).toBeDefined();
    const { title, summary, text } = checkRun?.output ?? { title: "", summary: "", text: "" };
    for (const part of [title ?? "", summary ?? "", text ?? ""]) expect(part.length).toBeLessThanOrEqual(CHECK_RUN_LIMIT);
    if (testCase.expect === "config-error") {
      expect(checkRun?.conclusion).toBe("failure");
      expect(title).toBe("Invalid value-pr configuration");
    } else {
      expect(["success", "failure", "neutral"]).toContain(checkRun?.conclusion);
      expect(title).not.toBe("Invalid value-pr configuration");
    }
  });

  it("config errors say what is wrong, by key path", () => {
    const summaryOf = (name: string) => run.checkRuns.get(name)?.output.summary ?? "";
    expect(summaryOf("invalid-yaml")).toContain("not valid YAML");
    expect(summaryOf("yaml-alias-bomb")).toMatch(/not valid YAML: .*alias/i);
    expect(summaryOf("unknown-keys")).toContain("hypotheses: unknown key");
    expect(summaryOf("unknown-keys")).toContain("colour: unknown key");
    expect(summaryOf("config-40000-wrong-entries")).toContain("value-pr reads configuration files of at most 32,768");
    expect(summaryOf("glob-10000-characters")).toContain("classification.debt-paths.0: expected at most 256 characters");
    expect(summaryOf("extended-glob")).toContain("classification.debt-paths.0: extended globs");
  });

  it("a glob that backtracks elsewhere classifies the PR by its files, right", () => {
    // Tech debt needs no hypothesis: the check is neutral (exempt).
    expect(run.checkRuns.get("backtracking-glob")?.conclusion).toBe("neutral");
    const pull = run.pulls.get("backtracking-glob");
    expect(pull?.labels.map((label) => label.name)).toEqual(["tech-debt"]);
  });

  it("NUL bytes and bidirectional overrides never reach the check or the comment; emoji do", () => {
    const pull = run.pulls.get("nul-rtl-emoji");
    const written = [
      run.checkRuns.get("nul-rtl-emoji")?.output.summary ?? "",
      ...(fake.repo(OWNER, "nul-rtl-emoji").comments.get(pull?.number ?? 0) ?? []).map((comment) => comment.body),
    ];
    expect(written[0]).toContain("😀");
    for (const text of written) expect(text).not.toMatch(/[\u0000\u202E\u2066]/);
  });

  it("the fake saw only requests GitHub's API has, and the App logged no crash", () => {
    expect(fake.violations).toEqual([]);
    expect(replica.output()).not.toMatch(/FATAL|uncaught|unhandled/i);
  });
});
