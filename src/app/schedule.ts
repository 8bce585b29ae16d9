import type { RepoRef } from "../github/client.ts";
import { reportSlot } from "./reports.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReportSchedule {
  stop(): void;
}

/** The start of the tick `now` falls in: the same instant on every replica. */
export function tickStart(now: Date, intervalMs: number): Date {
  return new Date(now.getTime() - (now.getTime() % intervalMs));
}

/** Whether `repo`'s daily slot is the tick that starts at or contains `at`. */
export function isDueAt(repo: RepoRef, intervalMs: number, at: Date): boolean {
  const slots = Math.max(1, Math.round(DAY_MS / intervalMs));
  const tick = Math.floor(at.getTime() / intervalMs) % slots;
  return reportSlot(repo, slots) === tick;
}

/**
 * Whether the tick at `at` is the last to start on its UTC day (the next one starts on the next
 * day): the organisations' reports come then, after every repository's own slot of the day.
 */
export function isOrgReportTick(intervalMs: number, at: Date): boolean {
  return Math.floor(at.getTime() / DAY_MS) !== Math.floor((at.getTime() + intervalMs) / DAY_MS);
}

/**
 * The App's report schedule. Time is cut into ticks of `intervalMs` (an hour by default),
 * aligned to the wall clock so that every replica names the same tick; each repository has one
 * tick a day, from a hash of its name (`isDueAt`). At each tick `onTick` gets the tick's start,
 * and hands the sweep to the work queue, which runs it once whichever replicas ask.
 */
export function startReportSchedule(intervalMs: number, clock: () => Date, onTick: (at: Date) => Promise<void>): ReportSchedule {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    const now = clock().getTime();
    timer = setTimeout(tick, intervalMs - (now % intervalMs) + 1000);
    // The schedule alone never keeps the process alive (tests, shutdown).
    timer.unref();
  };
  const tick = () => {
    onTick(tickStart(clock(), intervalMs)).finally(arm);
  };
  arm();
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
