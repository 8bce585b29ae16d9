import { ONCE_MEMORY_MS, retryDelay, type Job, type JobRunner, type RetryPolicy, type WorkLog, type WorkQueue } from "./types.ts";

// One process, no Redis: the same promises as the BullMQ queue, kept in memory.

interface Slot {
  running: boolean;
  /** The latest job submitted since the current run started, and who waits for it. */
  pending: Job | null;
  waiters: Array<() => void>;
  /** Failed tries in a row, and the timer of the next. */
  failures: number;
  retry: NodeJS.Timeout | undefined;
}

export interface MemoryWorkOptions {
  retry: RetryPolicy;
  log: WorkLog;
  /** The process's clock, for how long `once` remembers an id. */
  now?: () => number;
}

export function memoryWorkQueue(run: JobRunner, options: MemoryWorkOptions): WorkQueue {
  const slots = new Map<string, Slot>();
  const onceTaken = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let onceRunning = 0;
  let idleWaiters: Array<() => void> = [];
  let closed = false;
  const now = options.now ?? Date.now;

  const busy = () => slots.size > 0 || onceRunning > 0 || timers.size > 0;
  const settle = () => {
    if (busy()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    return timer;
  };

  async function drain(key: string, slot: Slot): Promise<void> {
    slot.running = true;
    while (slot.pending !== null && !closed) {
      const job = slot.pending;
      const waiters = slot.waiters;
      slot.pending = null;
      slot.waiters = [];
      try {
        await run(job);
        slot.failures = 0;
      } catch (error) {
        slot.failures += 1;
        // A job submitted meanwhile runs next anyway, and does the same work from fresh data.
        if (slot.pending === null) scheduleRetry(key, slot, job, error);
      } finally {
        for (const resolve of waiters) resolve();
      }
    }
    slot.running = false;
    if (slot.retry === undefined) slots.delete(key);
    settle();
  }

  function scheduleRetry(key: string, slot: Slot, job: Job, error: unknown) {
    if (slot.failures >= options.retry.attempts) {
      options.log.error({ err: error, key, tries: slot.failures }, "value-pr: job failed for good; the next event for it starts afresh");
      slot.failures = 0;
      return;
    }
    const delay = retryDelay(options.retry, slot.failures);
    options.log.warn({ err: error, key, tries: slot.failures, retryInMs: delay }, "value-pr: job failed; trying again later");
    slot.retry = later(delay, () => {
      slot.retry = undefined;
      slot.pending ??= job;
      if (!slot.running) void drain(key, slot);
    });
  }

  async function runOnce(id: string, job: Job, tries: number): Promise<void> {
    onceRunning += 1;
    try {
      await run(job);
    } catch (error) {
      if (tries + 1 >= options.retry.attempts || closed) {
        options.log.error({ err: error, id, tries: tries + 1 }, "value-pr: job failed for good");
      } else {
        const delay = retryDelay(options.retry, tries + 1);
        options.log.warn({ err: error, id, tries: tries + 1, retryInMs: delay }, "value-pr: job failed; trying again later");
        later(delay, () => void runOnce(id, job, tries + 1));
      }
    } finally {
      onceRunning -= 1;
      settle();
    }
  }

  return {
    coalesce(key, job) {
      if (closed) return Promise.resolve();
      let slot = slots.get(key);
      if (slot === undefined) {
        slot = { running: false, pending: null, waiters: [], failures: 0, retry: undefined };
        slots.set(key, slot);
      }
      const target = slot;
      return new Promise<void>((resolve) => {
        target.pending = job;
        target.waiters.push(resolve);
        // A new event does now what the retry would have done later.
        if (target.retry !== undefined) {
          clearTimeout(target.retry);
          timers.delete(target.retry);
          target.retry = undefined;
        }
        if (!target.running) void drain(key, target);
      });
    },
    once(id, job) {
      if (closed) return Promise.resolve();
      const at = now();
      for (const [taken, until] of onceTaken) if (until <= at) onceTaken.delete(taken);
      if (onceTaken.has(id)) return Promise.resolve();
      onceTaken.set(id, at + ONCE_MEMORY_MS);
      return runOnce(id, job, 0);
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settle();
      });
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // Nothing more starts: whoever waits is let go, and a slot with no run in flight is gone.
      for (const [key, slot] of slots) {
        slot.retry = undefined;
        slot.pending = null;
        for (const resolve of slot.waiters) resolve();
        slot.waiters = [];
        if (!slot.running) slots.delete(key);
      }
      settle();
    },
  };
}
