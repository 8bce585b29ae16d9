import { FIELD_KEYS, type Category, type FieldKey, type HypothesisVerdict, type Review } from "../types.ts";
import { code, quote } from "./quote.ts";

export const FIELD_NAMES: Record<FieldKey, string> = {
  customer: "Customer",
  outcome: "Outcome",
  metric: "Metric",
  counterSignal: "Counter-signal",
};

/**
 * A line per field to paste into the description. The hints are themselves `<…>` placeholders,
 * so a template pasted without filling it in still fails the check instead of passing blindly.
 */
const FIX_LINES: Record<FieldKey, string> = {
  customer: "**Customer:** <who benefits, e.g. support agents triaging tickets>",
  outcome: "**Outcome:** <what improves for them, e.g. they find the right ticket without searching>",
  metric: "**Metric:** <how we will know it worked, e.g. median time to first reply drops from 4 h to 1 h>",
  counterSignal: "**Counter-signal:** <how we would know it did not help, e.g. reopened tickets rise above 5 %>",
};

export const STATUS_ICON: Record<HypothesisVerdict["status"], string> = {
  pass: "✅",
  fail: "❌",
  exempt: "➖",
  neutral: "⚪",
};

/** The fields the author still has to write, in canonical order: missing ones and weak ones. */
export function fieldsToFix(verdict: HypothesisVerdict): FieldKey[] {
  const failing = new Set<FieldKey>(verdict.missing);
  for (const problem of verdict.problems) if (problem.kind !== "waived") failing.add(problem.field);
  return FIELD_KEYS.filter((key) => failing.has(key));
}

/** A ready-to-paste Markdown snippet that adds the fields still to write. */
export function fixSnippet(verdict: HypothesisVerdict): string | null {
  const keys = fieldsToFix(verdict);
  if (keys.length === 0) return null;
  const noFieldFound = FIELD_KEYS.every((key) => verdict.fields[key] === null);
  const lines = keys.map((key) => FIX_LINES[key]);
  const body = noFieldFound ? ["## Outcome hypothesis", "", ...lines] : lines;
  return ["```markdown", ...body.flatMap((line, i) => (i > 0 && line.startsWith("**") ? ["", line] : [line])), "```"].join("\n");
}

/** A table of the four fields: what was found (quoted, neutralised) and whether it counts. */
export function fieldsTable(verdict: HypothesisVerdict, required: ReadonlySet<FieldKey>): string {
  const rows = FIELD_KEYS.map((key) => {
    const text = verdict.fields[key];
    const problem = verdict.problems.find((p) => p.field === key && p.kind !== "waived");
    const waived = verdict.problems.some((p) => p.field === key && p.kind === "waived");
    const state = problem
      ? `❌ ${problem.kind}`
      : text !== null
        ? waived
          ? "✅ waived"
          : "✅"
        : required.has(key)
          ? "❌ missing"
          : "– optional";
    return `| ${FIELD_NAMES[key]} | ${state} | ${text === null ? "" : quote(text)} |`;
  });
  return ["| Field | | Declared |", "| --- | --- | --- |", ...rows].join("\n");
}

export function describeReview(review: Review | null): string | null {
  if (review === null) return null;
  return review.kind === "date" ? `review on ${review.date}` : `review ${review.days} days after merge`;
}

/** The problems as a list of actionable sentences (waivers shown as notes). */
export function problemList(verdict: HypothesisVerdict): string {
  return verdict.problems
    .map((p) => `- ${p.kind === "waived" ? "ℹ️" : "❌"} **${FIELD_NAMES[p.field]}**: ${p.message}`)
    .join("\n");
}

export function extrasLine(verdict: HypothesisVerdict): string | null {
  const parts = [
    verdict.valueType === null ? null : `value type: ${quote(verdict.valueType, 40)}`,
    describeReview(verdict.review),
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? null : `Also declared: ${parts.join("; ")}.`;
}

export function categoryLine(category: { value: Category; reasons: string[] }): string {
  const why = category.reasons.length > 0 ? ` — ${category.reasons.join("; ")}` : "";
  return `**Category:** ${code(category.value)}${why}`;
}
