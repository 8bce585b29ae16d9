// Real traffic overlaps: GitHub sends `opened` and `labeled` for one PR at the same moment,
// redelivers, and several replicas may run. Each case of issue 9's table is a test here, in one
// process (memory) and with two App instances sharing a real Redis.
import { Queue } from "bullmq";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseOrgReportMarker } from "../../src/core/report/org-render.ts";
import { parseReportMarker } from "../../src/core/report/render.ts";
import { seedMergedPulls, secondaryRateLimit, type FakeGitHub, type RecordedRequest } from "../fake-github/index.ts";
import { INSTALLATION_ID, startAppHarness, useAppHarness, type AppHarness, type HarnessOptions } from "../support/app-harness.ts";
import { redisTestsRun, startRedisServer, type RedisServer } from "../support/redis-server.ts";
import { ORG, seedOrganisation } from "../support/org-data.ts";
import { loadRenovatePulls } from "../support/renovate-data.ts";
import { until } from "../support/until.ts";

const GOOD_BODY = `## Outcome hypothesis
**Customer:** support agents
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %
**Counter-signal:** median handling time rises by more than 10 %
`;
const OWNER = "Codertocat";
const REPO = "Hello-World";

/** One Redis for the test file, started before its tests and stopped after them. */
function useRedisServer(): () => RedisServer {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
  }, 20_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error("useRedisServer: Redis runs only inside the file's tests");
    return server;
  };
}

const count = (fake: FakeGitHub, operationId: string) => fake.requestsFor(operationId).length;
/** Requests GitHub carried out (a refused one, e.g. rate-limited, changed nothing). */
const done = (fake: FakeGitHub, operationId: string) => fake.requestsFor(operationId).filter((request) => request.status < 400).length;

/** Every write, with the installation its token was issued for. */
function writesByInstallation(fake: FakeGitHub): Map<number, RecordedRequest[]> {
  const installationOf = new Map(fake.tokens.map(({ token, installationId }) => [`token ${token}`, installationId]));
  const byInstallation = new Map<number, RecordedRequest[]>();
  for (const request of fake.requests) {
    if (!request.write || request.operationId === "apps/create-installation-access-token") continue;
    const installation = installationOf.get(request.authorization ?? "") ?? -1;
    byInstallation.set(installation, [...(byInstallation.get(installation) ?? []), request]);
  }
  return byInstallation;
}

/**
 * An installation's writes start a pace apart (Bottleneck's minTime between planned starts). What
 * the fake sees is when each arrived, which a busy machine delays now and then: a late write
 * shortens the gap after it by as much as it lengthens the one before, so single gaps say little,
 * but the span of n writes is at least n - 1 paces, less however late the first of them was. One
 * pace of slack for that; unpaced, the span would be a few milliseconds.
 */
function expectPaced(writes: RecordedRequest[], pace: number) {
  expect(writes.length).toBeGreaterThan(2);
  const span = (writes.at(-1)?.at ?? 0) - (writes[0]?.at ?? 0);
  expect(span).toBeGreaterThanOrEqual((writes.length - 2) * pace);
}

/** What every overlapping case must end with: one check run, one comment, labels once, nothing deleted. */
function expectConverged(fake: FakeGitHub, number: number) {
  const repo = fake.repo(OWNER, REPO);
  expect([...repo.checkRuns.values()].filter((run) => run.external_id === "value-pr")).toHaveLength(1);
  expect(done(fake, "checks/create")).toBe(1);
  expect(repo.comments.get(number)?.filter((comment) => comment.user.type === "Bot")).toHaveLength(1);
  expect(done(fake, "issues/create-comment")).toBe(1);
  expect(count(fake, "issues/delete-comment")).toBe(0);
  expect(done(fake, "issues/add-labels")).toBe(1);
  expect(repo.pulls.get(number)?.labels.map((label) => label.name)).toContain("customer-value");
}

describe("one process: events for one PR are coalesced", () => {
  const harness = useAppHarness();
  let h: AppHarness;
  beforeEach(() => {
    h = harness();
  });

  it("5 identical deliveries of `opened` at once: one sync, one more after it, and every write once", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { title: "feat: route tickets by plan", body: GOOD_BODY });
    await Promise.all(Array.from({ length: 5 }, () => h.deliver("pull_request", payload, "same-delivery")));
    await h.idle();
    expectConverged(h.fake, pull.number);
    // The four that arrived during the first sync coalesced into one more.
    expect(count(h.fake, "pulls/get")).toBe(2);
  });

  it("`opened`, `edited` and a person's `labeled` at once converge the same way", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { title: "feat: route tickets by plan", body: GOOD_BODY });
    const labeled = {
      ...payload,
      action: "labeled",
      label: { id: 1, node_id: "L1", url: "", name: "area: support", color: "ededed", default: false, description: null },
    };
    await Promise.all([h.deliver("pull_request", payload), h.deliver("pull_request", { ...payload, action: "edited" }), h.deliver("pull_request", labeled)]);
    await h.idle();
    expectConverged(h.fake, pull.number);
    expect(count(h.fake, "pulls/get")).toBe(2);
  });

  it("value-pr's own label writes come back as events that cost no request", async () => {
    const { payload } = h.pullRequestEvent("opened", { title: "feat: route tickets by plan", body: GOOD_BODY });
    await h.deliver("pull_request", payload);
    const before = h.fake.requests.length;
    const own = {
      ...payload,
      action: "labeled",
      sender: { ...payload.sender, login: "value-pr[bot]", type: "Bot" },
      label: { id: 2, node_id: "L2", url: "", name: "customer-value", color: "0e8a16", default: false, description: null },
    };
    await h.deliver("pull_request", own);
    await h.idle();
    expect(h.fake.requests.length).toBe(before);
  });

  it("different PRs do not wait for each other", async () => {
    const first = h.pullRequestEvent("opened", { number: 1, title: "feat: one", body: GOOD_BODY });
    const second = h.pullRequestEvent("opened", { number: 2, title: "feat: two", body: GOOD_BODY });
    await Promise.all([h.deliver("pull_request", first.payload), h.deliver("pull_request", second.payload)]);
    expect(count(h.fake, "checks/create")).toBe(2);
    expect(count(h.fake, "pulls/get")).toBe(2);
    // Side by side: the second PR was read before the first one's sync had written anything.
    const readOf = (number: number) => h.fake.requestsFor("pulls/get").find((request) => request.params.pull_number === String(number));
    const firstWrite = Math.min(
      ...h.fake.requests.filter((request) => request.write && request.operationId !== "apps/create-installation-access-token").map((request) => request.at),
    );
    expect(readOf(2)?.at).toBeLessThan(firstWrite);
    expect(readOf(1)?.at).toBeLessThan(firstWrite);
  });
});

describe("one process: a failed sync waiting for its retry", () => {
  const harness = useAppHarness({ retry: { attempts: 3, delayMs: 60_000 } });

  it("gives way to a new event, which converges at once", async () => {
    const h = harness();
    const { payload, pull } = h.pullRequestEvent("opened", { title: "feat: route tickets by plan", body: GOOD_BODY });
    h.fake.failNext("pulls/get", { status: 502 });
    await h.deliver("pull_request", payload);
    expect(count(h.fake, "checks/create")).toBe(0);
    // The retry would come in a minute; the edit does its work now, and idle() need not wait.
    await h.deliver("pull_request", { ...payload, action: "edited" });
    await h.idle();
    expectConverged(h.fake, pull.number);
  });
});

describe("one process: rate limits", () => {
  const harness = useAppHarness({ throttle: true });

  it("a secondary rate limit on a write is waited out (retry-after) and the write made once, in the same sync", async () => {
    const h = harness();
    const { payload, pull } = h.pullRequestEvent("opened", { title: "feat: route tickets by plan", body: GOOD_BODY });
    h.fake.failNext("checks/create", secondaryRateLimit);
    await h.deliver("pull_request", payload);
    expect(count(h.fake, "checks/create")).toBe(2);
    expect(h.fake.requestsFor("checks/create").map((request) => request.status)).toEqual([403, 201]);
    // No second sync was needed: the write was retried where it failed.
    expect(count(h.fake, "pulls/get")).toBe(1);
    expectConverged(h.fake, pull.number);
  });
});

describe("one process: writes are paced per installation, check runs first", () => {
  const PACE = 150;
  const harness = useAppHarness({ pacingMs: PACE });

  it("each installation's writes are a pace apart, installations run side by side, and check runs go first", async () => {
    const h = harness();
    const places = [
      { owner: "acme", repo: "widgets", installationId: 101 },
      { owner: "globex", repo: "gadgets", installationId: 202 },
    ];
    const deliveries = places.flatMap((where) =>
      [1, 2, 3].map((number) => h.pullRequestEvent("opened", { number, title: `feat: change ${number}`, body: GOOD_BODY }, where).payload),
    );
    await Promise.all(deliveries.map((payload) => h.deliver("pull_request", payload)));

    const byInstallation = writesByInstallation(h.fake);
    expect([...byInstallation.keys()].sort()).toEqual([101, 202]);
    for (const writes of byInstallation.values()) {
      const kinds = writes.map((request) => request.operationId);
      // 3 check runs, then the labels (created once per repository) and the 3 comments.
      expect(kinds.slice(0, 3)).toEqual(["checks/create", "checks/create", "checks/create"]);
      expect(kinds.filter((kind) => kind === "checks/create")).toHaveLength(3);
      // The repository lacked the label: the three PRs shared one creation.
      expect(kinds.filter((kind) => kind === "issues/create-label")).toHaveLength(1);
      expectPaced(writes, PACE);
    }
    // Side by side: one queue for both would need a pace between every two of all the writes;
    // two queues take little more than one installation's share.
    const all = [...byInstallation.values()].flat().map((request) => request.at);
    const perInstallation = Math.max(...[...byInstallation.values()].map((writes) => writes.length));
    expect(Math.max(...all) - Math.min(...all)).toBeLessThan((perInstallation + 3) * PACE);
    expect(all.length - 1).toBeGreaterThan(perInstallation + 3);
  });
});

describe.runIf(redisTestsRun())("two replicas sharing Redis", () => {
  const redis = useRedisServer();
  let a: AppHarness;
  let b: AppHarness;
  let run = 0;

  /** Two replicas on one fake GitHub and one Redis; returns their key prefix there. */
  async function startReplicas(options: HarnessOptions = {}): Promise<string> {
    const prefix = `test-${process.pid}-${++run}`;
    const shared = { redis: { url: redis().url, prefix }, ...options };
    a = await startAppHarness(shared);
    b = await startAppHarness({ ...shared, fake: a.fake });
    return prefix;
  }

  afterEach(async () => {
    await b?.close();
    await a?.close();
    expect(a?.fake.violations).toEqual([]);
  });

  it("the same delivery to both replicas at once: one check run, one comment, nothing deleted", async () => {
    await startReplicas();
    const { payload, pull } = a.pullRequestEvent("opened", { title: "feat: route tickets by plan", body: GOOD_BODY });
    await Promise.all([a.deliver("pull_request", payload, "same-delivery"), b.deliver("pull_request", payload, "same-delivery")]);
    await a.idle();
    expectConverged(a.fake, pull.number);
  });

  it("`opened`, `edited` and `labeled` spread over both replicas, three times over, converge once", async () => {
    await startReplicas();
    const { payload, pull } = a.pullRequestEvent("opened", { title: "feat: route tickets by plan", body: GOOD_BODY });
    const labeled = {
      ...payload,
      action: "labeled",
      label: { id: 1, node_id: "L1", url: "", name: "area: support", color: "ededed", default: false, description: null },
    };
    const events = [payload, { ...payload, action: "edited" }, labeled];
    await Promise.all([...events, ...events, ...events].map((event, i) => (i % 2 === 0 ? a : b).deliver("pull_request", event)));
    await a.idle();
    expectConverged(a.fake, pull.number);
    // At most one sync ran at a time: one, plus one for everything that came meanwhile, per burst.
    expect(count(a.fake, "pulls/get")).toBeLessThanOrEqual(3);
  });

  it("a failed sync is tried again by whichever replica takes it, and writes once", async () => {
    await startReplicas();
    const { payload, pull } = a.pullRequestEvent("opened", { title: "feat: route tickets by plan", body: GOOD_BODY });
    a.fake.failNext("checks/create", { status: 500 });
    await a.deliver("pull_request", payload);
    await a.idle();
    expect(a.fake.requestsFor("checks/create").map((request) => request.status)).toEqual([500, 201]);
    expect([...a.fake.repo(OWNER, REPO).checkRuns.values()]).toHaveLength(1);
    expect(a.fake.repo(OWNER, REPO).comments.get(pull.number)).toHaveLength(1);
  });

  it("a failed sync waiting for its retry gives way to a new event, on either replica", async () => {
    const prefix = await startReplicas({ retry: { attempts: 3, delayMs: 60_000 } });
    const { payload, pull } = a.pullRequestEvent("opened", { title: "feat: route tickets by plan", body: GOOD_BODY });
    a.fake.failNext("pulls/get", { status: 502 });
    await a.deliver("pull_request", payload);
    // Wait until the failed job is parked for its retry, a minute away: BullMQ's delayed set of
    // the App's queue (src/app/work/bullmq.ts names it value-pr).
    const queue = new Queue("value-pr", { connection: { url: redis().url }, prefix });
    try {
      await until(async () => (await queue.getDelayedCount()) === 1, "the failed sync waits for its retry", { everyMs: 10 });
    } finally {
      await queue.close();
    }
    expect(a.fake.requestsFor("pulls/get").map((request) => request.status)).toEqual([502]);
    await b.deliver("pull_request", { ...payload, action: "edited" });
    await a.idle();
    expectConverged(a.fake, pull.number);
  });

  it("both replicas' schedules tick at the same instant: one sweep, one report issue per period, none closed", async () => {
    await startReplicas();
    a.fake.addRepo({ owner: OWNER, repo: REPO, installationId: INSTALLATION_ID });
    seedMergedPulls(a.fake, OWNER, REPO, loadRenovatePulls());
    const at = new Date("2026-08-12T09:00:00Z");
    a.fake.advanceClock(at.getTime() - Date.parse(a.fake.now()));
    // Every repository is due at some hour; tick at this one's.
    const { reportSlot } = await import("../../src/app/reports.ts");
    const hour = reportSlot({ owner: OWNER, repo: REPO }, 24);
    const tick = new Date(Date.UTC(2026, 7, 12, hour));
    await Promise.all([a.tick(tick), b.tick(tick), a.tick(tick), b.tick(tick)]);
    await a.idle();

    expect(count(a.fake, "apps/list-installations")).toBe(1);
    expect(count(a.fake, "issues/create")).toBe(2);
    const issues = [...a.fake.repo(OWNER, REPO).issues.values()];
    expect(issues.map((issue) => issue.state)).toEqual(["open", "open"]);
    expect(issues.map((issue) => parseReportMarker(issue.body ?? "")?.start).sort()).toEqual(["2026-07-27", "2026-08-10"]);
  });

  it("both replicas tick at the day's last instant: one organisation report per period in ORG/.github", async () => {
    await startReplicas();
    seedOrganisation(a.fake, "budget:\n  target: 20\n", INSTALLATION_ID);
    const tick = new Date("2026-08-22T23:00:00Z");
    await Promise.all([a.tick(tick), b.tick(tick), a.tick(tick), b.tick(tick)]);
    await a.idle();
    const orgIssues = [...a.fake.repo(ORG, ".github").issues.values()].filter((issue) => parseOrgReportMarker(issue.body ?? "") !== null);
    expect(orgIssues.map((issue) => [parseOrgReportMarker(issue.body ?? "")?.start, issue.state]).sort()).toEqual([
      ["2026-07-27", "open"],
      ["2026-08-10", "open"],
    ]);
    // One sweep listed the installation's repositories, and one organisation report did again:
    // neither ran twice, whichever replicas asked.
    expect(count(a.fake, "apps/list-installations")).toBe(2);
    expect(count(a.fake, "apps/list-repos-accessible-to-installation")).toBe(2);
  });

  it("replicas share each installation's write pace (Probot's Bottleneck cluster)", async () => {
    const PACE = 100;
    await startReplicas({ pacingMs: PACE });
    const payloads = [1, 2, 3, 4].map((number) => a.pullRequestEvent("opened", { number, title: `feat: change ${number}`, body: GOOD_BODY }).payload);
    await Promise.all(payloads.map((payload, i) => (i % 2 === 0 ? a : b).deliver("pull_request", payload)));
    await a.idle();
    const writes = writesByInstallation(a.fake).get(INSTALLATION_ID) ?? [];
    expect(writes.filter((request) => request.operationId === "checks/create")).toHaveLength(4);
    expectPaced(writes, PACE);
  });
});
