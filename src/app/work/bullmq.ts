import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { ONCE_MEMORY_MS, type Job, type JobRunner, type RetryPolicy, type WorkLog, type WorkQueue } from "./types.ts";

// Many replicas: the work lives in Redis, in a BullMQ queue every replica feeds and works.
//   - coalesce: BullMQ's deduplication with `keepLastIfActive` holds at most one job per key
//     waiting and one running, across replicas, and keeps the latest data submitted meanwhile;
//     with `replace`, a new job takes the place of one waiting out a retry's backoff;
//   - once: a job id BullMQ refuses to add twice while the finished job is kept;
//   - retries: BullMQ's attempts with exponential backoff; a replica that dies mid-job leaves a
//     stalled job that another replica takes over.

export interface BullmqWorkOptions {
  redisUrl: string;
  /** Key prefix in Redis; replicas of one App share it (tests give each run its own). */
  prefix?: string;
  retry: RetryPolicy;
  /** Jobs one replica runs at once (different pull requests; one key never runs twice at once). */
  concurrency: number;
  log: WorkLog;
}

const QUEUE_NAME = "value-pr";

export async function bullmqWorkQueue(run: JobRunner, options: BullmqWorkOptions): Promise<WorkQueue> {
  // BullMQ's blocking reads need `maxRetriesPerRequest: null`.
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const prefix = options.prefix ?? "value-pr";
  const queue = new Queue<Job>(QUEUE_NAME, { connection, prefix });
  const worker = new Worker<Job>(QUEUE_NAME, (job) => run(job.data), {
    connection,
    prefix,
    concurrency: options.concurrency,
  });
  worker.on("failed", (job, error) => {
    const tries = job?.attemptsMade ?? 0;
    const final = tries >= options.retry.attempts;
    const details = { err: error, job: job?.name, id: job?.id, tries };
    if (final) options.log.error(details, "value-pr: job failed for good");
    else options.log.warn(details, "value-pr: job failed; trying again later");
  });
  worker.on("error", (error) => options.log.error({ err: error }, "value-pr: the work queue's worker failed"));
  await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);

  const retries = {
    attempts: options.retry.attempts,
    backoff: { type: "exponential" as const, delay: options.retry.delayMs },
  };
  return {
    async coalesce(key, job) {
      await queue.add(job.kind, job, {
        ...retries,
        // `replace`: a job waiting out a retry's backoff gives way to this one, which runs now.
        deduplication: { id: key, keepLastIfActive: true, replace: true },
        removeOnComplete: true,
        removeOnFail: { count: 1000 },
      });
    },
    async once(id, job) {
      await queue.add(job.kind, job, {
        ...retries,
        // BullMQ keeps a custom id taken while the finished job is kept.
        jobId: id.replaceAll(":", "_"),
        removeOnComplete: { age: ONCE_MEMORY_MS / 1000 },
        removeOnFail: { age: ONCE_MEMORY_MS / 1000 },
      });
    },
    async idle() {
      // Twice in a row, since a finishing job may hand its successor over between two reads.
      let quiet = 0;
      while (quiet < 2) {
        const counts = await queue.getJobCounts("active", "waiting", "delayed", "prioritized", "waiting-children");
        quiet = Object.values(counts).every((count) => count === 0) ? quiet + 1 : 0;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
