import type { StepOutcome, SyncResult } from "../src/github/sync-pull.ts";

// The job summary of a check run, built from what the sync did: a pure function, so its wording
// is tested without running the bundle.

export const READ_ONLY_NOTE =
  "This run's token may only read (GitHub gives workflows for pull requests from forks such a token), so value-pr wrote nothing. " +
  "The verdict above still decides the job. To get labels and the comment on fork PRs, run value-pr on `pull_request_target` (see the README).";

/** What became of one write step, in words. */
export const describeStep = (outcome: StepOutcome<unknown>, done: string): string => {
  if (outcome === "skipped") return "switched off";
  if (outcome === "disabled") return "disabled by the configuration";
  if (outcome === "dry-run") return "not written (dry run)";
  if (outcome === "forbidden") return "skipped: the token may only read";
  return done;
};

/** The job summary of a judged pull request: the check's text, what was written, and notes. */
export function checkSummary(result: Extract<SyncResult, { kind: "judged" }>, dryRun: boolean): string {
  const { checkOutput } = result;
  const labels = result.plannedLabels;
  const changes = [...labels.added.map((name) => `+${name}`), ...labels.removed.map((name) => `−${name}`)].join(", ");
  const labelText = changes === "" ? "no change needed" : `${changes} — ${describeStep(result.labels, "applied")}`;
  const forbidden = result.labels === "forbidden" || result.comment === "forbidden";
  const blocks = [
    checkOutput.summary,
    checkOutput.text,
    `**Labels:** ${labelText}. **Comment:** ${result.commentBody === null ? "none for this pull request" : describeStep(result.comment, String(result.comment))}.`,
    forbidden ? `> [!NOTE]\n> ${READ_ONLY_NOTE}` : null,
    dryRun && result.commentBody !== null
      ? `<details><summary>The comment value-pr would keep on the pull request</summary>\n\n${result.commentBody}\n\n</details>`
      : null,
  ];
  return blocks.filter((block): block is string => block !== null).join("\n\n");
}
