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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A sync job whose PR number tells the runs apart. */
const job = (number: number): Job => ({ kind: "sync-pull", installationId: 1, owner: "o", repo: "r", number, forceCheck: false, labelChange: null });
const numberOf = (ran: Job) => (ran.kind === "sync-pull" ? ran.number : -1);

type Engine = (run: JobRunner, retry: RetryPolicy) => Promise<WorkQueue>;

let redis: RedisServer | undefined;
let prefixes = 0;
const engines: Array<[string, Engine, boolean]> = [
  ["in memory", async (run, retry) => memoryWorkQueue(run, { retry, log: quietLog }), true],
  [
    "BullMQ on Redis",
    async (run, retry) => {
      if (redis === undefined) throw new Error("no Redis");
      return bullmqWorkQueue(run, { redisUrl: redis.url, prefix: `work-test-${process.pid}-${++prefixes}`, retry, concurrency: 10, log: quietLog });
    },
    redisTestsRun(),
  ],
];

beforeAll(async () => {
  if (engines.some(([name, , runs]) => name.includes("Redis") && runs)) redis = await startRedisServer();
}, 20_000);
afterAll(async () => {
  await redis?.stop();
});

describe.each(engines)("work queue %s", (_name, engine, runs) => {
  let queue: WorkQueue | undefined;
  afterEach(async () => {
    await queue?.close();
    queue = undefined;
  });

  it.runIf(runs)("runs one job per key at a time, and the latest of those submitted meanwhile once after it", async () => {
    const ran: number[] = [];
    let running = 0;
    let overlapped = false;
    let firstStarted = () => {};
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    queue = await engine(async (j) => {
      firstStarted();
      running += 1;
      overlapped ||= running > 1;
      await sleep(80);
      ran.push(numberOf(j));
      running -= 1;
    }, RETRY);
    // In memory `coalesce` resolves when the run covering it ends; on Redis once it is queued.
    const first = queue.coalesce("pr", job(1));
    await started;
    await Promise.all([first, ...[2, 3, 4].map((n) => queue?.coalesce("pr", job(n)))]);
    await queue.idle();
    expect(overlapped).toBe(false);
    expect(ran).toEqual([1, 4]);
  });

  it.runIf(runs)("runs jobs of different keys side by side", async () => {
    let running = 0;
    let most = 0;
    queue = await engine(async () => {
      running += 1;
      most = Math.max(most, running);
      await sleep(60);
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
