import type { FieldKey } from "../types.ts";
import { truncate } from "./text.ts";

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

export const MEASURABLE_SUGGESTION =
  "Name something you can observe, e.g. 'p95 checkout time under 2 s' or 'support tickets about X drop by 20 %'.";

const QUOTED_TEXT_LIMIT = 80;

/** The line an author can paste into the description, e.g. `**Customer:** <who benefits, …>`. */
export function pasteLine(key: FieldKey): string {
  const guide = FIELD_GUIDES[key];
  return `\`**${guide.label}:** <${guide.hint}>\``;
}

function waiverLine(key: FieldKey): string {
  return `\`**${FIELD_GUIDES[key].label}:** N/A — <why it does not apply, in three words or more>\``;
}

/** The author's text, shortened and quoted so that it cannot break the surrounding Markdown. */
export function quoted(text: string): string {
  return `"${truncate(text.replace(/`/g, "'"), QUOTED_TEXT_LIMIT)}"`;
}

export function absentMessage(key: FieldKey): string {
  return `Add ${FIELD_GUIDES[key].question}: ${pasteLine(key)}`;
}

export function emptyMessage(key: FieldKey): string {
  const guide = FIELD_GUIDES[key];
  return `The ${guide.name} is declared but empty; add ${guide.question}: ${pasteLine(key)}`;
}

export function notApplicableMessage(key: FieldKey, allowWaivers: boolean): string {
  const guide = FIELD_GUIDES[key];
  const fill = `A bare "N/A" does not count as the ${guide.name}; add ${guide.question}: ${pasteLine(key)}`;
  return allowWaivers ? `${fill}, or waive it with a reason: ${waiverLine(key)}` : fill;
}

export function placeholderMessage(key: FieldKey, text: string): string {
  const guide = FIELD_GUIDES[key];
  return `The ${guide.name} still holds the template placeholder ${quoted(text)}; replace it with ${guide.question}: ${pasteLine(key)}`;
}

export function vagueMessage(key: FieldKey, text: string): string {
  return `The ${FIELD_GUIDES[key].name} ${quoted(text)} is not observable. ${MEASURABLE_SUGGESTION} For example: ${pasteLine(key)}`;
}

export function waivedMessage(key: FieldKey, reason: string): string {
  return `The ${FIELD_GUIDES[key].name} is waived: ${quoted(reason)}. If it does apply after all, add ${FIELD_GUIDES[key].question}: ${pasteLine(key)}`;
}

export function waiverForbiddenMessage(key: FieldKey): string {
  const guide = FIELD_GUIDES[key];
  return `Waivers are disabled in this repository, so "N/A" does not count as the ${guide.name}; add ${guide.question}: ${pasteLine(key)}`;
}

/** "metric", "metric and counter-signal", "customer, metric and counter-signal". */
export function listFieldNames(keys: readonly FieldKey[]): string {
  const names = keys.map((key) => FIELD_GUIDES[key].name);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
