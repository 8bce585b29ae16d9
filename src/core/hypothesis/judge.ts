import { FIELD_KEYS } from "../types.ts";
import type { Category, ExtractedHypothesis, FieldKey, HypothesisRules, HypothesisVerdict, Problem, PullFacts } from "../types.ts";
import { isBotAuthor } from "../bots.ts";
import { assessFieldText, isMeasurable } from "./field-quality.ts";
import type { FieldTextKind } from "./field-quality.ts";
import {
  absentMessage,
  emptyMessage,
  fixLine,
  listFieldNames,
  notApplicableMessage,
  placeholderMessage,
  vagueMessage,
  waivedMessage,
  waiverForbiddenMessage,
} from "./messages.ts";

/** What one field amounts to once judged. */
interface FieldState {
  kind: FieldTextKind | "absent";
  text: string;
  /** A metric that names nothing observable while measurability is required. */
  vague: boolean;
}

interface Findings {
  missing: FieldKey[];
  problems: Problem[];
  vague: FieldKey[];
  forbiddenWaivers: FieldKey[];
  allowedWaivers: FieldKey[];
}

export const DRAFT_REASON = "Neutral: draft pull request; the check runs when it is ready for review.";

/**
 * Judges an extracted hypothesis against the rules (PRODUCT.md §1). Exemptions come first (skip
 * label, then bot author, then exempt category), then drafts are neutral; otherwise each
 * required field must hold a usable value, and the metric must be observable when required.
 * Exempt and neutral verdicts still carry the fields found.
 */
export function judgeHypothesis(extracted: ExtractedHypothesis, pull: PullFacts, rules: HypothesisRules, category: Category): HypothesisVerdict {
  const states = assessFields(extracted, rules);
  const carried = { fields: countedTexts(states), valueType: extracted.valueType, review: extracted.review };
  const exemption = exemptionReason(pull, rules, category);
  if (exemption !== null) return { status: "exempt", reason: exemption, missing: [], problems: [], ...carried };
  if (pull.draft) return { status: "neutral", reason: DRAFT_REASON, missing: [], problems: [], ...carried };
  const findings = findProblems(states, rules);
  const { missing, problems } = findings;
  if (!isFailing(findings)) return { status: "pass", reason: passReason(states, rules, findings), missing, problems, ...carried };
  const failure = failReason(findings);
  if (rules.mode === "advise") return { status: "neutral", reason: adviseReason(failure), missing, problems, ...carried };
  return { status: "fail", reason: failure, missing, problems, ...carried };
}

function assessFields(extracted: ExtractedHypothesis, rules: HypothesisRules): Record<FieldKey, FieldState> {
  const states = {} as Record<FieldKey, FieldState>;
  for (const key of FIELD_KEYS) {
    const field = extracted.fields[key];
    if (field === undefined) {
      states[key] = { kind: "absent", text: "", vague: false };
      continue;
    }
    const { kind } = assessFieldText(field.text);
    const vague = key === "metric" && kind === "value" && rules.requireMeasurable && !isMeasurable(field.text);
    states[key] = { kind, text: field.text.trim(), vague };
  }
  return states;
}

/** The text of every field that counts: values (vague ones too) and waivers. */
function countedTexts(states: Record<FieldKey, FieldState>): Record<FieldKey, string | null> {
  const texts = {} as Record<FieldKey, string | null>;
  for (const key of FIELD_KEYS) texts[key] = counts(states[key]) ? states[key].text : null;
  return texts;
}

function counts(state: FieldState): boolean {
  return state.kind === "value" || state.kind === "waiver";
}

function exemptionReason(pull: PullFacts, rules: HypothesisRules, category: Category): string | null {
  const skipLabel = findSkipLabel(pull.labels, rules.skipLabels);
  if (skipLabel !== null) return `Exempt: the pull request has the skip label "${skipLabel}".`;
  if (isBotAuthor(pull, rules.bots)) return `Exempt: the author ${pull.author} is a bot.`;
  if (rules.exemptCategories.includes(category)) return `Exempt: ${category} pull requests need no hypothesis.`;
  return null;
}

function findSkipLabel(labels: readonly string[], skipLabels: readonly string[]): string | null {
  const skip = new Set(skipLabels.map(foldName));
  return labels.find((label) => skip.has(foldName(label))) ?? null;
}

function foldName(name: string): string {
  return name.trim().toLowerCase();
}

/** Problems of required fields, in the canonical field order. Other fields never fail. */
function findProblems(states: Record<FieldKey, FieldState>, rules: HypothesisRules): Findings {
  const required = new Set<FieldKey>(rules.required);
  const findings: Findings = { missing: [], problems: [], vague: [], forbiddenWaivers: [], allowedWaivers: [] };
  for (const field of FIELD_KEYS) {
    if (required.has(field)) recordProblem(field, states[field], rules, findings);
  }
  return findings;
}

function recordProblem(field: FieldKey, state: FieldState, rules: HypothesisRules, findings: Findings): void {
  // An allowed waiver is a note, not something to fix; every other problem comes with its fix.
  const add = (kind: Problem["kind"], message: string): void => {
    const fix = kind === "waived" && rules.allowWaivers ? null : fixLine(field);
    findings.problems.push({ field, kind, message, fix });
  };
  switch (state.kind) {
    case "absent":
    case "empty":
    case "not-applicable":
      findings.missing.push(field);
      add("missing", missingMessage(field, state.kind, rules.allowWaivers));
      return;
    case "placeholder":
      findings.missing.push(field);
      add("placeholder", placeholderMessage(field));
      return;
    case "waiver":
      (rules.allowWaivers ? findings.allowedWaivers : findings.forbiddenWaivers).push(field);
      add("waived", rules.allowWaivers ? waivedMessage(field) : waiverForbiddenMessage(field));
      return;
    case "value":
      if (!state.vague) return;
      findings.vague.push(field);
      add("vague", vagueMessage(field));
  }
}

function missingMessage(field: FieldKey, kind: "absent" | "empty" | "not-applicable", allowWaivers: boolean): string {
  if (kind === "absent") return absentMessage(field);
  return kind === "empty" ? emptyMessage(field) : notApplicableMessage(field, allowWaivers);
}

function isFailing(findings: Findings): boolean {
  return findings.missing.length > 0 || findings.vague.length > 0 || findings.forbiddenWaivers.length > 0;
}

/** "Missing metric and counter-signal." or "Missing customer; the metric is not observable." */
function failReason(findings: Findings): string {
  const parts: string[] = [];
  if (findings.missing.length > 0) parts.push(`missing ${listFieldNames(findings.missing)}`);
  if (findings.vague.length > 0) parts.push(`the ${listFieldNames(findings.vague)} is not observable`);
  if (findings.forbiddenWaivers.length > 0) {
    const verb = findings.forbiddenWaivers.length === 1 ? "is" : "are";
    parts.push(`the ${listFieldNames(findings.forbiddenWaivers)} ${verb} waived but waivers are disabled`);
  }
  const sentence = parts.join("; ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function adviseReason(failure: string): string {
  return `Advisory only (advise mode), not blocking: ${failure.charAt(0).toLowerCase()}${failure.slice(1)}`;
}

function passReason(states: Record<FieldKey, FieldState>, rules: HypothesisRules, findings: Findings): string {
  let declared = "All required fields are declared";
  if (FIELD_KEYS.every((key) => counts(states[key]))) declared = "All four fields are declared";
  else if (rules.required.length === 0) declared = "No hypothesis fields are required";
  if (findings.allowedWaivers.length === 0) return `${declared}.`;
  return `${declared} (${listFieldNames(findings.allowedWaivers)} waived).`;
}
