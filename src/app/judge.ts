import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { IN_THREAD, type Judge } from "../core/evaluate.ts";
import type { PullFacts } from "../core/types.ts";
import type { JudgeTask } from "./judge-worker.ts";

/**
 * Pull requests with this much text to read are judged on a worker thread. Reading Markdown and
 * matching paths is linear but not free: a hostile 64 KB description takes up to ~0.5 s, paths
 * at the matching cap ~40 ms, and on the main thread either would hold up every other
 * installation's webhooks and `/ping`. Smaller PRs take well under a millisecond, less than
 * handing them to a thread would.
 */
export const WORKER_BODY_LENGTH = 4_096;
export const WORKER_PATHS_LENGTH = 65_536;

export interface ThreadedJudge extends Judge {
  close(): Promise<void>;
}

/** A judge that sends long descriptions to a small pool of worker threads, started on first use. */
export function threadedJudge(): ThreadedJudge {
  let pool: Piscina | undefined;
  const run = (task: JudgeTask) => {
    pool ??= new Piscina({
      filename: new URL("./judge-worker.ts", import.meta.url).href,
      maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
      idleTimeout: 60_000,
    });
    return pool.run(task);
  };
  const isLong = (facts: PullFacts) =>
    (facts.body?.length ?? 0) >= WORKER_BODY_LENGTH || (facts.files ?? []).reduce((total, file) => total + file.length, 0) >= WORKER_PATHS_LENGTH;
  return {
    needsChangedFiles: (facts, choices, config) =>
      isLong(facts)
        ? (run({ kind: "needsChangedFiles", args: [facts, choices, config] }) as Promise<boolean>)
        : IN_THREAD.needsChangedFiles(facts, choices, config),
    evaluate: (facts, config, choices) =>
      isLong(facts) ? (run({ kind: "evaluate", args: [facts, config, choices] }) as ReturnType<Judge["evaluate"]>) : IN_THREAD.evaluate(facts, config, choices),
    close: async () => {
      await pool?.destroy();
    },
  };
}
