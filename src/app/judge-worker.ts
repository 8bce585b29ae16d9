// The worker thread of src/app/judge.ts: the pure judging functions, called by name.
import { IN_THREAD } from "../core/evaluate.ts";

export type JudgeTask =
  | { kind: "needsChangedFiles"; args: Parameters<typeof IN_THREAD.needsChangedFiles> }
  | { kind: "evaluate"; args: Parameters<typeof IN_THREAD.evaluate> };

export default function judgeInWorker(task: JudgeTask) {
  return task.kind === "evaluate" ? IN_THREAD.evaluate(...task.args) : IN_THREAD.needsChangedFiles(...task.args);
}
