import type { Probot } from "probot";
import { reportSlot, sweepReports, type SweepSummary } from "./reports.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReportSchedule {
  stop(): void;
}

/**
 * The App's own report schedule. Time is cut into ticks of `intervalMs` (an hour by default);
 * each repository has one tick per day, from a hash of its name, at which the period that just
 * ended is finished and the current one refreshed. Ticks are aligned to the wall clock, so all
 * replicas agree on which repositories are due, and a restart loses nothing: the work is
 * derived from the clock and GitHub's data, never from memory.
 */
export function startReportSchedule(probot: Probot, intervalMs: number, clock: () => Date = () => new Date()): ReportSchedule {
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
    runDueReports(probot, intervalMs, clock())
      .catch((error: unknown) => probot.log.warn({ err: error }, "value-pr: report sweep failed; the next tick tries again"))
      .finally(arm);
  };
  arm();
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

/** The reports due at `now`: repositories whose daily slot is the tick `now` falls in. */
export function runDueReports(probot: Probot, intervalMs: number, now: Date): Promise<SweepSummary> {
  const slots = Math.max(1, Math.round(DAY_MS / intervalMs));
  const tick = Math.floor(now.getTime() / intervalMs) % slots;
  return sweepReports(probot, { now, due: ({ ref }) => reportSlot(ref, slots) === tick });
}
