// Waiting for a condition instead of sleeping for a guessed time: a test goes on as soon as what
// it waits for holds, however busy the machine, and fails with a message when it never does.

export interface UntilOptions {
  /** Give up after this long (default 20 s). */
  timeoutMs?: number;
  /** How often to look (default 20 ms). */
  everyMs?: number;
  /** More to say when it times out (e.g. a child process's output). */
  detail?: () => string;
}

/** Resolves once `condition` holds, looking every `everyMs`; rejects after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, options: UntilOptions = {}): Promise<void> {
  const { timeoutMs = 20_000, everyMs = 20, detail } = options;
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}${detail === undefined ? "" : `\n${detail()}`}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
