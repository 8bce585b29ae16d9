import type { FieldKey } from "../types.ts";
import { trimCharacters, trimEndCharacters } from "../text.ts";

/** A field read from a hypothesis written as prose. */
export interface SentenceField {
  key: FieldKey;
  text: string;
  /** The cue the value was read after, as written (e.g. "We’ll know we’re right when"). */
  label: string;
  /** Index of the cue in the paragraph text, to order fields by position. */
  index: number;
}

// Each cue is tried at most this many times per paragraph: the first well-formed sentence is
// the one that counts, and the bound keeps a paragraph of "We believe that " repeated linear.
const MAX_ATTEMPTS_PER_CUE = 4;

const BELIEVE_CUE = /\bwe believe(?: that)? /g;
const IF_WE_CUE = /(?<=^|[.!?] |\n)if we /g;
const RIGHT_CUE = /\bwe(?:'ll| will| shall) know (?:(?:we're|we are) right|it (?:worked|works|has worked)) (?:when|if) /g;
const WRONG_CUE = /\bwe(?:'ll| will| shall) know (?:(?:we're|we are) wrong|it (?:didn't|did not|doesn't|does not) (?:help|work)) (?:when|if) /g;

/**
 * Reads the sentence forms of PRODUCT.md §1 from one paragraph's text (its lines joined by `\n`,
 * white space inside each collapsed): "We believe that <change> will <outcome> for <customer>.",
 * "If we <change>, then <customer> will <outcome>, measured by <metric>.", "We'll know we're right
 * when <metric>." and "We'll know we're wrong if <counter-signal>." A clause ends at the end of its
 * sentence or of its line; a form may go on to the next line when that line opens with its next
 * cue word. Values keep their Markdown so placeholders show.
 */
export function readSentenceForms(text: string): SentenceField[] {
  // Cue words are searched with line breaks and ellipses read as spaces (same indices): a
  // template filled in place keeps its "We believe that... will..." cues. Clauses end at breaks.
  const searchable = foldForSearch(text).replace(/\n|…|\.{2,}/g, (match) => " ".repeat(match.length));
  return [
    ...firstWellFormed(searchable, BELIEVE_CUE, (cueEnd, index) => readBelieveSentence(text, searchable, cueEnd, index)),
    ...firstWellFormed(searchable, IF_WE_CUE, (cueEnd, index) => readIfWeSentence(text, searchable, cueEnd, index)),
    ...firstWellFormed(searchable, RIGHT_CUE, (cueEnd, index) => readCuedClause(text, "metric", cueEnd, index)),
    ...firstWellFormed(searchable, WRONG_CUE, (cueEnd, index) => readCuedClause(text, "counterSignal", cueEnd, index)),
  ];
}

/**
 * Lower-cases ASCII letters and straightens curly apostrophes without changing any index, so a
 * match in the folded text slices the author's text at the same place.
 */
function foldForSearch(text: string): string {
  return text.replace(/[A-Z’‘ʼ]/g, (character) => (character >= "A" && character <= "Z" ? character.toLowerCase() : "'"));
}

function firstWellFormed(searchable: string, cue: RegExp, read: (cueEnd: number, index: number) => SentenceField[]): SentenceField[] {
  cue.lastIndex = 0;
  for (let attempt = 0; attempt < MAX_ATTEMPTS_PER_CUE; attempt++) {
    const match = cue.exec(searchable);
    if (match === null) return [];
    const fields = read(cue.lastIndex, match.index);
    if (fields.length > 0) return fields;
  }
  return [];
}

/**
 * Where the sentence that continues at `from` ends: a `.`, `!` or `?` followed by white space
 * or the end (closing emphasis or quotes may sit in between), else the end of the paragraph. An
 * ellipsis (`...`) is a placeholder inside a clause, never a sentence end.
 */
function sentenceEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const character = text[index];
    if (character !== "." && character !== "!" && character !== "?") continue;
    if (character === "." && (text[index + 1] === "." || text[index - 1] === ".")) continue;
    let after = index + 1;
    while (after < text.length && after - index <= 3 && "*_)\"'”’".includes(text[after] ?? "")) after++;
    if (after === text.length || text[after] === " " || text[after] === "\n") return index;
  }
  return text.length;
}

/** Where a clause that starts at `from` ends: its sentence's end or its line's, whichever is first. */
function clauseEnd(text: string, from: number, sentence: number): number {
  const lineBreak = text.indexOf("\n", from);
  return lineBreak >= 0 && lineBreak < sentence ? lineBreak : sentence;
}

/**
 * Where a form that opens at `from` ends: its sentence's end, or the end of the first line whose
 * next line does not open with one of the form's cue words (`will`, `for`, `then`, `measured by`).
 */
function formEnd(searchable: string, text: string, from: number, cues: readonly string[]): number {
  const sentence = sentenceEnd(text, from);
  let lineBreak = text.indexOf("\n", from);
  while (lineBreak >= 0 && lineBreak < sentence) {
    const next = searchable.slice(lineBreak + 1, lineBreak + 1 + 16);
    if (!cues.some((cue) => next.startsWith(cue))) return lineBreak;
    lineBreak = text.indexOf("\n", lineBreak + 1);
  }
  return sentence;
}

const CLAUSE_EDGES = " ,;:\n";

/** A clause without its edges, and without the template's ellipsis it was written after. */
function clean(value: string): string {
  return trimCharacters(value, `${CLAUSE_EDGES}.…`);
}

/** "… will <outcome>, as measured by …": the "as" belongs to the cue, not the outcome. */
function withoutTrailingAs(outcome: string): string {
  return /[\s,]as$/i.test(outcome.slice(-4)) ? trimEndCharacters(outcome.slice(0, -2), CLAUSE_EDGES) : outcome;
}

/** "We believe that <change> will <outcome> for <customer>." */
function readBelieveSentence(text: string, searchable: string, cueEnd: number, index: number): SentenceField[] {
  const end = formEnd(searchable, text, cueEnd, ["will ", "for "]);
  const will = searchable.indexOf(" will ", cueEnd - 1);
  if (will < 0 || will >= end) return [];
  const outcomeStart = will + " will ".length;
  const forAt = searchable.lastIndexOf(" for ", end - 1);
  const customerStart = forAt >= outcomeStart ? forAt + " for ".length : -1;
  const outcomeEnd = clauseEnd(text, outcomeStart, customerStart >= 0 ? forAt : end);
  const fields: SentenceField[] = [];
  const outcome = clean(text.slice(outcomeStart, outcomeEnd));
  if (outcome !== "") fields.push({ key: "outcome", text: outcome, label: "We believe … will", index });
  const customer = customerStart >= 0 ? clean(text.slice(customerStart, clauseEnd(text, customerStart, end))) : "";
  if (customer !== "") fields.push({ key: "customer", text: customer, label: "We believe … for", index });
  return fields;
}

/** "If we <change>, then <customer> will <outcome>, measured by <metric>." */
function readIfWeSentence(text: string, searchable: string, cueEnd: number, index: number): SentenceField[] {
  const end = formEnd(searchable, text, cueEnd, ["then ", "will ", "measured by ", "as measured by "]);
  const then = searchable.indexOf(" then ", cueEnd - 1);
  if (then < 0 || then >= end) return [];
  const customerStart = then + " then ".length;
  const will = searchable.indexOf(" will ", customerStart - 1);
  if (will < 0 || will >= end) return [];
  const outcomeStart = will + " will ".length;
  const measuredBy = searchable.indexOf(" measured by ", outcomeStart - 1);
  const hasMetric = measuredBy >= 0 && measuredBy < end;
  const outcomeEnd = hasMetric ? measuredBy : end;
  const metricStart = measuredBy + " measured by ".length;
  const candidates: Array<[FieldKey, string, string]> = [
    ["customer", clean(text.slice(customerStart, clauseEnd(text, customerStart, will))), "If we …, then"],
    ["outcome", withoutTrailingAs(clean(text.slice(outcomeStart, clauseEnd(text, outcomeStart, outcomeEnd)))), "If we … will"],
    ["metric", hasMetric ? clean(text.slice(metricStart, clauseEnd(text, metricStart, end))) : "", "measured by"],
  ];
  return candidates.filter(([, value]) => value !== "").map(([key, value, label]) => ({ key, text: value, label, index }));
}

/** "We'll know we're right when <metric>." and its counter-signal twin. */
function readCuedClause(text: string, key: FieldKey, cueEnd: number, index: number): SentenceField[] {
  const value = clean(text.slice(cueEnd, clauseEnd(text, cueEnd, sentenceEnd(text, cueEnd))));
  const label = text.slice(index, cueEnd).trim();
  return value === "" ? [] : [{ key, text: value, label, index }];
}
