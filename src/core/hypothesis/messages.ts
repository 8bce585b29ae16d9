import type { FieldKey } from "../types.ts";

interface FieldGuide {
  /** How the field is named in prose. */
  name: string;
  /** What the author should add, phrased to follow "Add …". */
  question: string;
  /** The label of the ready-to-paste line. */
  label: string;
  /** The hint inside the ready-to-paste line, with an example. */
  hint: string;
}

export const FIELD_GUIDES: Readonly<Record<FieldKey, FieldGuide>> = {
  customer: {
    name: "customer",
    question: "who benefits",
    label: "Customer",
    hint: "who benefits, e.g. support agents triaging tickets",
  },
  outcome: {
    name: "outcome",
    question: "what improves for them",
    label: "Outcome",
    hint: "what improves for them, e.g. they route a ticket without switching tabs",
  },
  metric: {
    name: "metric",
    question: "how you will know it worked",
    label: "Metric",
    hint: "what you will observe, e.g. median handling time drops from 6 to 4 minutes",
  },
  counterSignal: {
    name: "counter-signal",
    question: "how you would know it did not help",
    label: "Counter-signal",
    hint: "what would show it did not help, e.g. reopened tickets rise above 5 %",
  },
};

export const MEASURABLE_SUGGESTION = "Name something you can observe, e.g. 'p95 checkout time under 2 s' or 'support tickets about X drop by 20 %'.";

/**
 * The line an author can paste into the description, e.g. `**Customer:** <who benefits, …>`.
 * Its hint is itself a `<…>` placeholder, so pasting it unfilled still fails the check.
 */
export function fixLine(key: FieldKey): string {
  const guide = FIELD_GUIDES[key];
  return `**${guide.label}:** <${guide.hint}>`;
}

// Messages never repeat the author's text: they end up in Markdown (comments, check runs) where
// quoted text could ping people or break the layout, and the fields table already shows it.

export function absentMessage(key: FieldKey): string {
  return `Add ${FIELD_GUIDES[key].question}.`;
}

export function emptyMessage(key: FieldKey): string {
  const guide = FIELD_GUIDES[key];
  return `The ${guide.name} is declared but empty; add ${guide.question}.`;
}

export function notApplicableMessage(key: FieldKey, allowWaivers: boolean): string {
  const guide = FIELD_GUIDES[key];
  const fill = `A bare "N/A" does not count as the ${guide.name}; add ${guide.question}`;
  return allowWaivers ? `${fill}, or waive it with a reason of three words or more ("N/A — <why it does not apply>").` : `${fill}.`;
}

export function placeholderMessage(key: FieldKey): string {
  const guide = FIELD_GUIDES[key];
  return `The ${guide.name} still holds a template placeholder; replace it with ${guide.question}.`;
}

export function vagueMessage(key: FieldKey): string {
  return `The ${FIELD_GUIDES[key].name} is not observable. ${MEASURABLE_SUGGESTION}`;
}

export function waivedMessage(key: FieldKey): string {
  return `The ${FIELD_GUIDES[key].name} is waived with a reason; if it does apply after all, add ${FIELD_GUIDES[key].question}.`;
}

export function waiverForbiddenMessage(key: FieldKey): string {
  const guide = FIELD_GUIDES[key];
  return `Waivers are disabled in this repository, so "N/A" does not count as the ${guide.name}; add ${guide.question}.`;
}

/** "metric", "metric and counter-signal", "customer, metric and counter-signal". */
export function listFieldNames(keys: readonly FieldKey[]): string {
  const names = keys.map((key) => FIELD_GUIDES[key].name);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
