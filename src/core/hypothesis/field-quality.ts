import { trimCharacters, trimEndCharacters } from "../text.ts";

/**
 * What a field's text amounts to. `empty`, `placeholder` and `not-applicable` (a bare N/A) are
 * unusable; `waiver` (N/A with a reason of three words or more) and `value` count.
 */
export type FieldTextKind = "empty" | "placeholder" | "not-applicable" | "waiver" | "value";

export interface FieldAssessment {
  kind: FieldTextKind;
}

/** A reason needs this many words to turn an N/A into a waiver (PRODUCT.md §1). */
export const MIN_WAIVER_REASON_WORDS = 3;

// "N/A", "n.a." and "not applicable" are unambiguous, so a reason may follow after a space.
// "NA", "none" and "nil" are ordinary words too ("NA customers", "none of the admins …"), so a
// reason counts only after punctuation ("None — internal tooling only").
const UNAMBIGUOUS_NOT_APPLICABLE = /^(?:n\/a|n\.a\.?|not applicable)(?![\p{L}\p{N}])/iu;
const AMBIGUOUS_NOT_APPLICABLE = /^(?:na|none|nil)(?![\p{L}\p{N}])/iu;
const REASON_SEPARATORS = "—–-:;,.(";
const EDGE_DECORATION = " \t*_~\"'`";

/** Words that only stand for "fill me in", whatever punctuation or brackets surround them. */
const PLACEHOLDER_WORDS = new Set(["", "tbd", "tbc", "tba", "todo", "fixme", "xxx", "placeholder"]);
/** "TODO: add the metric", "TBD after the design review": an explicit "not written yet". Only
 * the shouted form counts when text follows, so "Todo list users" stays a value. */
const LEADING_PLACEHOLDER_WORD = /^(?:TBD|TBC|TBA|TODO|FIXME|XXX)(?![\p{L}\p{N}])/u;
const BRACKET_PAIRS: Readonly<Record<string, string>> = { "[": "]", "<": ">", "{": "}" };
const TRAILING_PUNCTUATION = ".,;:!? ";

/** Classifies a field's text (already free of comments and collapsed). */
export function assessFieldText(text: string): FieldAssessment {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "empty" };
  const notApplicable = readNotApplicable(trimmed);
  if (notApplicable !== null) return notApplicable;
  return isPlaceholder(trimmed) ? { kind: "placeholder" } : { kind: "value" };
}

export function isUsable(kind: FieldTextKind): boolean {
  return kind === "value" || kind === "waiver";
}

function readNotApplicable(text: string): FieldAssessment | null {
  const core = trimCharacters(text, EDGE_DECORATION);
  const unambiguous = UNAMBIGUOUS_NOT_APPLICABLE.exec(core);
  const match = unambiguous ?? AMBIGUOUS_NOT_APPLICABLE.exec(core);
  if (match === null) return null;
  const afterToken = trimCharacters(core.slice(match[0].length), EDGE_DECORATION);
  if (unambiguous === null && afterToken !== "" && !REASON_SEPARATORS.includes(afterToken[0] ?? "")) return null;
  const reason = trimCharacters(afterToken, `${EDGE_DECORATION}${REASON_SEPARATORS})`);
  if (countWords(reason, MIN_WAIVER_REASON_WORDS) < MIN_WAIVER_REASON_WORDS) return { kind: "not-applicable" };
  return { kind: "waiver" };
}

/** Counts words (tokens with a letter or digit), stopping at `enough`. */
function countWords(text: string, enough: number): number {
  let count = 0;
  for (const token of text.split(/\s+/)) {
    if (/[\p{L}\p{N}]/u.test(token) && ++count >= enough) break;
  }
  return count;
}

/**
 * An unfilled template placeholder: wholly `[…]`, `<…>`, `{…}` or a `_…_`/`*…*` hint; nothing
 * but TBD/TODO-like words and punctuation (`TBD.`, `…`, `-`, `?`, `[TBD]`); or text that opens
 * with a shouted TBD/TODO (`TODO: add the metric`).
 */
export function isPlaceholder(text: string): boolean {
  const core = trimEndCharacters(text, TRAILING_PUNCTUATION) || text;
  if (isWhollyBracketed(core) || isWhollyItalicHint(core) || holdsTemplateHint(core)) return true;
  if (LEADING_PLACEHOLDER_WORD.test(trimCharacters(core, EDGE_DECORATION))) return true;
  return PLACEHOLDER_WORDS.has(core.replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase());
}

// A template's prompt left in the text: `[expected result]` (not a link `[text](url)`, nor a
// task box `[ ]`), `<who benefits?>` (not an HTML tag or `<https://…>`), `{target users}`.
const TEMPLATE_HINT = /\[\p{L}[^\]\n]*\s[^\]\n]*\](?![([])|<\p{L}[^<>\n]*\s[^<>\n]*>|\{\p{L}[^{}\n]*\s[^{}\n]*\}/gu;
/** Cue words a template puts before its prompt: "Leads to [expected result]". */
const MAX_CUE_WORDS = 2;

/**
 * Scaffolding not yet filled in: a template's prompts left in the text, two or more of them
 * ("Leads to [expected result] as seen by [who notices]"), or one beside no more than its cue
 * words ("Leads to [expected result]"). One aside in an answer ("agents [night shift] and
 * admins") is the author's.
 */
function holdsTemplateHint(text: string): boolean {
  const hints = text.match(TEMPLATE_HINT);
  if (hints === null) return false;
  if (hints.length >= 2) return true;
  return countWords(text.replace(TEMPLATE_HINT, " "), MAX_CUE_WORDS + 1) <= MAX_CUE_WORDS;
}

/** Whether the bracket that opens `text` is the one that closes it, as in `[a [b] c]`. */
function isWhollyBracketed(text: string): boolean {
  const open = text[0] ?? "";
  const close = BRACKET_PAIRS[open];
  if (close === undefined || !text.endsWith(close) || text.length < 2) return false;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === open) depth++;
    else if (text[index] === close && --depth === 0) return index === text.length - 1;
  }
  return false;
}

/** `_hint_`, `*hint*` or `***hint***`; bold (`**text**`) is emphasis an author chose, not a hint. */
function isWhollyItalicHint(text: string): boolean {
  const marker = text[0];
  if (marker !== "_" && marker !== "*") return false;
  let opening = 0;
  while (text[opening] === marker) opening++;
  let closing = 0;
  while (closing < text.length - opening && text[text.length - 1 - closing] === marker) closing++;
  if (opening !== closing || opening % 2 === 0) return false;
  const inner = text.slice(opening, text.length - closing);
  return inner.trim() !== "" && !inner.includes(marker);
}

// --- Measurability -------------------------------------------------------------------------

/** A set of words written as one space-separated text, which keeps long word lists compact. */
const wordSet = (words: string): ReadonlySet<string> => new Set(words.split(" "));

/** Words that state a quantity without digits. */
const QUANTITY_WORDS = wordSet(
  "zero two three four five six seven eight nine ten dozen hundred hundreds thousand thousands million half twice quarter percent",
);

/** Words that state a direction of change; a metric also needs the thing that changes. */
export const DIRECTION_WORDS = wordSet(
  "increase increases increased increasing decrease decreases decreased decreasing reduce reduces reduced reducing reduction " +
    "fewer more less lower lowers lowered higher under below above over within faster slower quicker shorter longer " +
    "drop drops dropped dropping rise rises rising rose risen grow grows grew grown growing growth cut cuts cutting " +
    "halve halves halved double doubles doubled triple triples tripled shrink shrinks shrank exceed exceeds exceeded",
);

/** Words that name nothing measurable on their own. */
const FILLER_WORDS = wordSet(
  "a an the is are was were be been being will would should shall can could may might must we i you it its it's they " +
    "them their our us this that these those there here to of in on at by for with and or but so as if when then " +
    "than get gets got go goes going feel feels become becomes much very really lot lots thing things stuff do does did " +
    "have has had all any some just also now from way ways",
);

/**
 * Whether a metric names something observable: a number or percentage, or a direction word
 * (or "from … to …") together with at least one other content word.
 */
export function isMeasurable(text: string): boolean {
  if (/\d/.test(text)) return true;
  const words: string[] = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  if (words.some((word) => QUANTITY_WORDS.has(word))) return true;
  const from = words.indexOf("from");
  const hasDirection = words.some((word) => DIRECTION_WORDS.has(word)) || (from >= 0 && words.lastIndexOf("to") > from);
  const namesAThing = words.some((word) => word.length > 1 && !FILLER_WORDS.has(word) && !DIRECTION_WORDS.has(word));
  return hasDirection && namesAThing;
}
