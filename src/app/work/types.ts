import type { LabelChangeHint } from "../../github/labels.ts";

// The App's work, as plain data: what a webhook or the clock asks for, handed to a queue that
// runs it in this process (no REDIS_URL) or on whichever replica takes it (BullMQ on Redis).

export interface PullRef {
  installationId: number;
  owner: string;
  repo: string;
  number: number;
}

export type Job =
  /** Bring one pull request's check run, labels and comment in line with GitHub's data. */
  | ({ kind: "sync-pull"; forceCheck: boolean; labelChange: LabelChangeHint | null } & PullRef)
  /** One tick of the report schedule: find the repositories whose slot it is. */
  | { kind: "report-sweep"; at: string }
  /** Finish the previous period's report of one repository and refresh the current one. */
  | { kind: "report-repo"; installationId: number; owner: string; repo: string; at: string }
  /** The same for an organisation's pooled report (PRODUCT.md §3b), after its repositories. */
  | { kind: "report-org"; installationId: number; org: string; at: string };

export type JobRunner = (job: Job) => Promise<void>;

/** A failed job is tried again after `delayMs`, then twice that, …, `attempts` tries in all. */
export interface RetryPolicy {
  attempts: number;
  delayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, delayMs: 60_000 };

/** The wait before try number `attempt + 1`, after `attempt` failed tries (BullMQ's exponential backoff). */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return policy.delayMs * 2 ** (attempt - 1);
}

export interface WorkQueue {
  /**
   * Runs the jobs of one key one at a time. A job submitted while its key runs makes exactly
   * one more run after it, with the latest job submitted; any number of submissions meanwhile
   * coalesce into that one. Resolves once the job is handed over: in memory, when the run that
   * covers it has ended (so a webhook is answered after its work); on Redis, once it is queued.
   */
  coalesce(key: string, job: Job): Promise<void>;
  /**
   * Runs the job once for `id`, on one replica, tried again on failure; the same `id` submitted
   * again (by another replica's clock, or a restart) is ignored for a few days.
   */
  once(id: string, job: Job): Promise<void>;
  /** Resolves when nothing is queued, running or waiting for a retry. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface WorkLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** How long an id given to `once` stays taken. */
export const ONCE_MEMORY_MS = 3 * 24 * 60 * 60 * 1000;

/** A job's key: one per pull request, whatever the installation or the case of the name. */
export function pullKey(pull: Pick<PullRef, "owner" | "repo" | "number">): string {
  return `pull/${pull.owner}/${pull.repo}#${pull.number}`.toLowerCase();
}
