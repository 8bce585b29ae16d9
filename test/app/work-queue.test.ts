// The work queue's promises, checked against both engines: in memory (one process) and BullMQ on
// a real Redis (replicas). The App relies on exactly these: one run per key at a time, one more
// for whatever came meanwhile with the latest job, retries with backoff, once per id.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bullmqWorkQueue } from "../../src/app/work/bullmq.ts";
import { memoryWorkQueue } from "../../src/app/work/memory.ts";
import type { Job, JobRunner, RetryPolicy, WorkQueue } from "../../src/app/work/types.ts";
import { redisTestsRun, startRedisServer, type RedisServer } from "../support/redis-server.ts";

const quietLog = { warn: () => {}, error: () => {} };
const RETRY: RetryPolicy = { attempts: 3, delayMs: 20 };

/** A promise and the function that resolves it: jobs wait on one until the test lets them go. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** A sync job whose PR number tells the runs apart. */
const job = (number: number): Job => ({ kind: "sync-pull", installationId: 1, owner: "o", repo: "r", number, forceCheck: false, labelChange: null });
const numberOf = (ran: Job) => (ran.kind === "sync-pull" ? ran.number : -1);

type Engine = (run: JobRunner, retry: RetryPolicy) => Promise<WorkQueue>;

let redis: RedisServer | undefined;
let prefixes = 0;
/**
 * Each engine, whether its tests run, and what its `coalesce` promise means: in memory it resolves
 * when the run covering the job ends (the job is in the queue as soon as it is called); on Redis
 * once the job is queued.
 */
const engines: Array<[string, Engine, boolean, "run" | "queued"]> = [
  ["in memory", async (run, retry) => memoryWorkQueue(run, { retry, log: quietLog }), true, "run"],
  [
    "BullMQ on Redis",
    async (run, retry) => {
      if (redis === undefined) throw new Error("no Redis");
      return bullmqWorkQueue(run, { redisUrl: redis.url, prefix: `work-test-${process.pid}-${++prefixes}`, retry, concurrency: 10, log: quietLog });
    },
    redisTestsRun(),
    "queued",
  ],
];

beforeAll(async () => {
  if (engines.some(([name, , runs]) => name.includes("Redis") && runs)) redis = await startRedisServer();
}, 20_000);
afterAll(async () => {
  await redis?.stop();
});

describe.each(engines)("work queue %s", (_name, engine, runs, coalesced) => {
  let queue: WorkQueue | undefined;
  afterEach(async () => {
    await queue?.close();
    queue = undefined;
  });

  it.runIf(runs)("runs one job per key at a time, and the latest of those submitted meanwhile once after it", async () => {
    const ran: number[] = [];
    let running = 0;
    let overlapped = false;
    const started = gate();
    // The first run lasts until the test has submitted the others.
    const submitted = gate();
    queue = await engine(async (j) => {
      started.open();
      running += 1;
      overlapped ||= running > 1;
      await submitted.opened;
      ran.push(numberOf(j));
      running -= 1;
    }, RETRY);
    const first = queue.coalesce("pr", job(1));
    await started.opened;
    const more = [2, 3, 4].map((n) => queue?.coalesce("pr", job(n)));
    if (coalesced === "queued") await Promise.all(more);
    submitted.open();
    await Promise.all([first, ...more]);
    await queue.idle();
    expect(overlapped).toBe(false);
    expect(ran).toEqual([1, 4]);
  });

  it.runIf(runs)("runs jobs of different keys side by side", async () => {
    let running = 0;
    let most = 0;
    // Each run lasts until all three run at once; one at a time, the first would never end, so a
    // second's wait ends it and the test fails on the count.
    const allRunning = gate();
    queue = await engine(async () => {
      running += 1;
      most = Math.max(most, running);
      if (running === 3) allRunning.open();
      await Promise.race([allRunning.opened, new Promise((resolve) => setTimeout(resolve, 1000))]);
      running -= 1;
    }, RETRY);
    await Promise.all(["a", "b", "c"].map((key, i) => queue?.coalesce(key, job(i))));
    await queue.idle();
    expect(most).toBe(3);
  });

  it.runIf(runs)("tries a failing job again with backoff, and gives up after the attempts", async () => {
    const tries: number[] = [];
    queue = await engine(async () => {
      tries.push(performance.now());
      throw new Error("GitHub had a bad minute");
    }, RETRY);
    await queue.coalesce("pr", job(1));
    await queue.idle();
    expect(tries).toHaveLength(RETRY.attempts);
    const [first = 0, second = 0, third = 0] = tries;
    expect(second - first).toBeGreaterThanOrEqual(RETRY.delayMs - 5);
    expect(third - second).toBeGreaterThanOrEqual(2 * RETRY.delayMs - 5);
  });

  it.runIf(runs)("a job that fails once succeeds on its retry", async () => {
    let tries = 0;
    queue = await engine(async () => {
      tries += 1;
      if (tries === 1) throw new Error("once");
    }, RETRY);
    await queue.coalesce("pr", job(1));
    await queue.idle();
    expect(tries).toBe(2);
  });

  it.runIf(runs)("runs a job once per id, however often and however concurrently it is submitted", async () => {
    const ran: number[] = [];
    queue = await engine(async (j) => void ran.push(numberOf(j)), RETRY);
    await Promise.all([queue.once("tick-1", job(1)), queue.once("tick-1", job(1)), queue.once("tick-2", job(2))]);
    await queue.idle();
    await queue.once("tick-1", job(1));
    await queue.idle();
    expect(ran.sort()).toEqual([1, 2]);
  });
});
