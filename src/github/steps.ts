import { httpStatus } from "./client.ts";

/**
 * How a write step of a flow ended: done (with what it did), switched off (`skipped`, or
 * `disabled` by the repository's config), not attempted (`dry-run`), or refused because the
 * token may only read (`forbidden`: a workflow run for a fork's pull request, or one without
 * `issues: write`).
 */
export type StepOutcome<T> = T | "skipped" | "disabled" | "dry-run" | "forbidden";

/**
 * Runs one write unless it is switched off or a dry run. A 403 on a write means the token may
 * only read: what was read and judged still stands, and the caller says what was skipped.
 */
export async function writeStep<T>(enabled: boolean, dryRun: boolean, write: () => Promise<T>): Promise<StepOutcome<T>> {
  if (!enabled) return "skipped";
  if (dryRun) return "dry-run";
  try {
    return await write();
  } catch (error) {
    if (httpStatus(error) === 403 && !isRateLimit(error)) return "forbidden";
    throw error;
  }
}

/** A 403 that is a rate limit, not a permission: Octokit's throttling deals with those. */
function isRateLimit(error: unknown): boolean {
  const message = error instanceof Error ? error.message.toLowerCase() : "";
  return message.includes("rate limit");
}
