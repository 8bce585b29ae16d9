import { FIELD_KEYS, type Category, type FieldKey, type HypothesisVerdict, type Review } from "../types.ts";
import { FIELD_GUIDES } from "../hypothesis/messages.ts";
import { code, prose, quote } from "./quote.ts";

/** How each field is titled in tables and lists: the label of its ready-to-paste line. */
export const FIELD_NAMES = Object.fromEntries(FIELD_KEYS.map((key) => [key, FIELD_GUIDES[key].label])) as Record<FieldKey, string>;

export const STATUS_ICON: Record<HypothesisVerdict["status"], string> = {
  pass: "✅",
  fail: "❌",
  exempt: "➖",
  neutral: "⚪",
};

/** A ready-to-paste Markdown snippet with the fix of every problem, in field order. */
export function fixSnippet(verdict: HypothesisVerdict): string | null {
  const fixes = FIELD_KEYS.flatMap((key) => verdict.problems.filter((p) => p.field === key && p.fix !== null).map((p) => p.fix as string));
  if (fixes.length === 0) return null;
  const noFieldFound = FIELD_KEYS.every((key) => verdict.fields[key] === null);
  const lines = noFieldFound ? ["## Outcome hypothesis", "", ...fixes] : fixes;
  // Blank lines between the fields: one paragraph each, whatever Markdown surrounds the paste.
  return ["```markdown", ...lines.flatMap((line, i) => (i > 0 && line.startsWith("**") ? ["", line] : [line])), "```"].join("\n");
}

/** A table of the four fields: what was found (quoted, neutralised) and whether it counts. */
export function fieldsTable(verdict: HypothesisVerdict, required: ReadonlySet<FieldKey>): string {
  const rows = FIELD_KEYS.map((key) => {
    const text = verdict.fields[key];
    // A problem with a fix fails the field; one without (an allowed waiver) is a note.
    const problem = verdict.problems.find((p) => p.field === key && p.fix !== null);
    const waived = verdict.problems.some((p) => p.field === key && p.fix === null);
    const state = problem ? `❌ ${problem.kind}` : text !== null ? (waived ? "✅ waived" : "✅") : required.has(key) ? "❌ missing" : "– optional";
    return `| ${FIELD_NAMES[key]} | ${state} | ${text === null ? "" : quote(text)} |`;
  });
  return ["| Field | | Declared |", "| --- | --- | --- |", ...rows].join("\n");
}

export function describeReview(review: Review | null): string | null {
  if (review === null) return null;
  if (review.kind === "date") return `review on ${review.date}`;
  if (review.kind === "sprints") return `review ${review.sprints} ${review.sprints === 1 ? "sprint" : "sprints"} after merge`;
  return `review ${review.days} days after merge`;
}

/** The problems as a list of actionable sentences (waivers shown as notes). */
export function problemList(verdict: HypothesisVerdict): string {
  return verdict.problems.map((p) => `- ${p.fix === null ? "ℹ️" : "❌"} **${FIELD_NAMES[p.field]}**: ${prose(p.message)}`).join("\n");
}

export function extrasLine(verdict: HypothesisVerdict): string | null {
  const parts = [verdict.valueType === null ? null : `value type: ${quote(verdict.valueType, 40)}`, describeReview(verdict.review)].filter(
    (part): part is string => part !== null,
  );
  return parts.length === 0 ? null : `Also declared: ${parts.join("; ")}.`;
}

export function categoryLine(category: { value: Category; reasons: string[] }): string {
  const why = category.reasons.length > 0 ? ` — ${category.reasons.join("; ")}` : "";
  return `**Category:** ${code(category.value)}${why}`;
}
