import { FIELD_KEYS } from "../types.ts";
import type { FieldKey } from "../types.ts";
import { DEFAULT_EXTRA_LABELS } from "./defaults.ts";
import { trimEndCharacters } from "../text.ts";

/** What a label names: one of the four fields or one of the optional extras. */
export type Slot = FieldKey | "valueType" | "review";

export interface LabelledLine {
  slot: Slot;
  /** The label as the author wrote it, without emphasis, emoji or the trailing colon. */
  label: string;
  /** Index in the line where the value starts. */
  valueStart: number;
}

// Labels are short; bounding every look at a line keeps a 64 KB single-line body cheap.
const MAX_LABEL_SOURCE_LENGTH = 120;
const MAX_LABEL_WINDOW = 80;
const MAX_LINE_HEAD = 200;

const PICTOGRAPHS = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\uFE0F|\u200D|\u20E3/gu;
const SHORTCODES = /:[a-z0-9_+-]{1,40}:/g;
const LEADING_DECORATION = /(?:\s|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\uFE0F|\u200D|\u20E3|[•·►▶→]|:[a-z0-9_+-]{1,40}:)*/uy;
const EMPHASIS_OPENER = /[*_]{0,3}/y;
const EMPHASIS_CLOSER_AND_SPACE = /[*_]{0,3}\s*/y;
const DASH_SEPARATOR = /\s*[-–—]\s+/y;
const EMPHASIS_CLOSER = /[*_]{0,3}/y;
/** A label of any name: words of letters (a digit or two inside), as `Rollout`, `Open risks`. */
const ANY_LABEL = /^\p{L}[\p{L}\p{N}'’\- /&]{0,40}$/u;
const MAX_ANY_LABEL_WORDS = 5;

/**
 * The comparable form of a label or heading: case-folded, apostrophes straightened, emphasis,
 * emoji, `:shortcodes:`, parentheticals ("User(s)", "(optional)"), dashes, punctuation and list
 * numbering removed. "**📈 Success-metric (required):**" and "success metric" compare equal.
 */
export function normaliseLabel(raw: string): string {
  if (raw.length > MAX_LABEL_SOURCE_LENGTH) return "";
  return raw
    .toLowerCase()
    .replace(SHORTCODES, " ")
    .replace(PICTOGRAPHS, " ")
    .replace(/[’‘ʼ]/g, "'")
    .replace(/\([^()]*\)/g, " ")
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .trim()
    .replace(/^\d{1,3} /, "");
}

/** The label as shown back to the author: their casing, without decoration. */
export function displayLabel(raw: string): string {
  return raw
    .replace(SHORTCODES, " ")
    .replace(PICTOGRAPHS, " ")
    .replace(/[*_]/g, "")
    .replace(/\s+/g, " ")
    .replace(/[\s:：]+$/, "")
    .trim();
}

/** Recognises field labels and hypothesis section headings, case-insensitively. */
export class LabelMatcher {
  private readonly slotsByLabel = new Map<string, Slot>();
  private readonly sectionNames: ReadonlySet<string>;

  constructor(fieldLabels: Partial<Record<FieldKey, readonly string[]>>, sections: readonly string[]) {
    for (const key of FIELD_KEYS) this.addLabels(key, fieldLabels[key] ?? []);
    this.addLabels("valueType", DEFAULT_EXTRA_LABELS.valueType);
    this.addLabels("review", DEFAULT_EXTRA_LABELS.review);
    this.sectionNames = new Set(sections.map(normaliseLabel).filter((name) => name !== ""));
  }

  /** The slot that `raw` (a whole label, heading or table cell) names, if any. */
  slotOf(raw: string): Slot | null {
    return this.slotsByLabel.get(normaliseLabel(raw)) ?? null;
  }

  isSection(headingText: string): boolean {
    return this.sectionNames.has(normaliseLabel(headingText));
  }

  /**
   * Reads `Label: value` at the start of a line, tolerating leading emoji, `**Label:**`,
   * `**Label**:`, `__Label:__`, `*Label*:`, extra spaces, and `**Label** — value`.
   */
  readLabelledLine(line: string): LabelledLine | null {
    const head = line.slice(0, MAX_LINE_HEAD);
    const openerAt = stickyMatchEnd(LEADING_DECORATION, head, 0);
    const labelStart = stickyMatchEnd(EMPHASIS_OPENER, head, openerAt);
    const opener = head.slice(openerAt, labelStart);
    const window = head.slice(labelStart, labelStart + MAX_LABEL_WINDOW);
    return this.readColonLabel(head, window, labelStart) ?? this.readDashLabel(head, window, labelStart, opener);
  }

  /**
   * Whether the line opens with a label of its own, `Word(s):` or `**Word(s):**`, known to
   * value-pr or not (`**Ticket:** SUP-1234`, `Owner: @growth`): such a line starts something
   * else, so it never continues the field above it (PRODUCT.md §1 reading rules).
   */
  opensWithLabel(line: string): boolean {
    const head = line.slice(0, MAX_LINE_HEAD);
    const labelStart = stickyMatchEnd(EMPHASIS_OPENER, head, stickyMatchEnd(LEADING_DECORATION, head, 0));
    const window = head.slice(labelStart, labelStart + MAX_LABEL_WINDOW);
    const colon = firstColon(window);
    if (colon <= 0) return false;
    const rawLabel = trimEndCharacters(window.slice(0, colon), "*_ ");
    if (!ANY_LABEL.test(rawLabel) || rawLabel.split(" ").length > MAX_ANY_LABEL_WORDS) return false;
    const afterColon = stickyMatchEnd(EMPHASIS_CLOSER, head, labelStart + colon + 1);
    return afterColon >= head.length || /\s/.test(head[afterColon] ?? "");
  }

  private readColonLabel(head: string, window: string, labelStart: number): LabelledLine | null {
    const colon = firstColon(window);
    if (colon <= 0) return null;
    const rawLabel = window.slice(0, colon);
    const slot = this.slotOf(rawLabel);
    if (slot === null) return null;
    const valueStart = stickyMatchEnd(EMPHASIS_CLOSER_AND_SPACE, head, labelStart + colon + 1);
    return { slot, label: displayLabel(rawLabel), valueStart };
  }

  private readDashLabel(head: string, window: string, labelStart: number, opener: string): LabelledLine | null {
    if (opener === "") return null;
    const closer = window.indexOf(opener);
    if (closer <= 0) return null;
    const rawLabel = window.slice(0, closer);
    const slot = this.slotOf(rawLabel);
    if (slot === null) return null;
    const afterCloser = labelStart + closer + opener.length;
    const valueStart = stickyMatchEnd(DASH_SEPARATOR, head, afterCloser);
    if (valueStart === afterCloser) return null;
    return { slot, label: displayLabel(rawLabel), valueStart };
  }

  private addLabels(slot: Slot, labels: readonly string[]): void {
    for (const label of labels) {
      const normalised = normaliseLabel(label);
      if (normalised !== "" && !this.slotsByLabel.has(normalised)) this.slotsByLabel.set(normalised, slot);
    }
  }
}

function firstColon(text: string): number {
  const ascii = text.indexOf(":");
  const fullWidth = text.indexOf("：");
  if (ascii < 0) return fullWidth;
  return fullWidth < 0 ? ascii : Math.min(ascii, fullWidth);
}

/** Where a sticky pattern that may match the empty string stops matching from `from`. */
function stickyMatchEnd(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.exec(text) === null ? from : pattern.lastIndex;
}
