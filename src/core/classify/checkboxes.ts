// Signal 2 of PRODUCT.md §2: ticked task-list boxes in the description (`- [x] Tech debt`).
//
// A hand-written line scanner rather than a regular expression: descriptions reach 65,536
// characters and more, and any pattern with a repeated prefix (`^\s*[-*+]\s+\[x\]\s+…`) that
// fails late is retried from every start position. The scanner reads each character a bounded
// number of times. It reuses the hypothesis parser's source guard, so HTML comments and fenced
// code are recognised exactly as they are there: a box inside either never counts.

import { FenceTracker, isSpaceOrTab, linesOf, listMarkerLength, neutraliseForParsing } from "../hypothesis/source-guard.ts";
import type { Line } from "../hypothesis/source-guard.ts";
import { trimCharacters } from "../hypothesis/text.ts";
import type { ClassificationRules } from "../types.ts";

/** The configured wording of each ticked box, or null when no box of that category is ticked. */
export interface TickedBoxes {
  customerValue: string | null;
  techDebt: string | null;
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
/** Characters that may wrap the wording as emphasis: `**Tech debt**`, `_Customer value_`. */
const EMPHASIS_MARKERS = "*_";

/** One configured wording, prepared once per scan. */
interface Wording {
  /** As configured, for the reason. */
  text: string;
  /** Lower-cased, trimmed, inner white space collapsed to one space. */
  folded: string;
  /** Whether the match must end at a word boundary (the wording ends in a letter or digit). */
  needsBoundary: boolean;
}

/** Finds the ticked boxes of each category in `body`. Linear in the length of `body`. */
export function findTickedBoxes(body: string, checkboxes: ClassificationRules["checkboxes"]): TickedBoxes {
  const ticked: TickedBoxes = { customerValue: null, techDebt: null };
  const customerValue = prepareWordings(checkboxes.customerValue);
  const techDebt = prepareWordings(checkboxes.techDebt);
  if ((customerValue.length === 0 && techDebt.length === 0) || !body.includes("[")) return ticked;

  // Comments are blanked keeping every offset, so the lines below are the author's lines.
  const text = neutraliseForParsing(body);
  const fences = new FenceTracker();
  for (const line of linesOf(text)) {
    if (fences.isFenceLine(text, line)) continue;
    const wordingStart = tickedBoxContentStart(text, line);
    if (wordingStart < 0) continue;
    ticked.customerValue ??= matchingWording(text, wordingStart, line.end, customerValue);
    ticked.techDebt ??= matchingWording(text, wordingStart, line.end, techDebt);
    if (ticked.customerValue !== null && ticked.techDebt !== null) break;
  }
  return ticked;
}

function prepareWordings(wordings: readonly string[]): Wording[] {
  const prepared: Wording[] = [];
  for (const configured of wordings) {
    // The scanner steps over emphasis before the wording, so emphasis in the config
    // ("**Tech debt**") is stepped over too: both sides compare the bare words.
    const text = trimCharacters(configured.trim(), EMPHASIS_MARKERS).trim();
    const folded = text.replace(/\s+/g, " ").toLowerCase();
    // An empty wording would match every ticked box; the config should never hold one.
    if (folded === "") continue;
    prepared.push({ text, folded, needsBoundary: WORD_CHARACTER.test(folded.charAt(folded.length - 1)) });
  }
  return prepared;
}

const code = {
  greaterThan: 62,
  openBracket: 91,
  closeBracket: 93,
  upperX: 88,
  lowerX: 120,
} as const;

function skipSpaces(text: string, index: number, end: number): number {
  let cursor = index;
  while (cursor < end && isSpaceOrTab(text.charCodeAt(cursor))) cursor++;
  return cursor;
}

/**
 * Where the text after a ticked box starts on `line`, or -1 when the line is not a ticked task
 * item. A task item is any run of indentation, `>` quote markers and list markers (at least one
 * list marker, as GFM requires), then `[x]` or `[X]`, then white space.
 */
function tickedBoxContentStart(text: string, line: Line): number {
  let index = line.start;
  let sawListMarker = false;
  while (index < line.end) {
    const charCode = text.charCodeAt(index);
    if (isSpaceOrTab(charCode) || charCode === code.greaterThan) {
      index++;
      continue;
    }
    const markerLength = listMarkerLength(text, index, line.end);
    if (markerLength === 0) break;
    sawListMarker = true;
    index += markerLength;
  }
  if (!sawListMarker || index + 3 >= line.end) return -1;
  const mark = text.charCodeAt(index + 1);
  if (text.charCodeAt(index) !== code.openBracket || text.charCodeAt(index + 2) !== code.closeBracket) return -1;
  if (mark !== code.lowerX && mark !== code.upperX) return -1;
  if (!isSpaceOrTab(text.charCodeAt(index + 3))) return -1;
  let contentStart = skipSpaces(text, index + 3, line.end);
  while (contentStart < line.end && EMPHASIS_MARKERS.includes(text.charAt(contentStart))) contentStart++;
  return contentStart;
}

/** The first wording that the text at `start` begins with, ending at a word boundary. */
function matchingWording(text: string, start: number, end: number, wordings: readonly Wording[]): string | null {
  for (const wording of wordings) {
    const matchEnd = matchFoldedAt(text, start, end, wording.folded);
    if (matchEnd < 0) continue;
    if (wording.needsBoundary && matchEnd < end && WORD_CHARACTER.test(text.charAt(matchEnd))) continue;
    return wording.text;
  }
  return null;
}

/**
 * Compares case-insensitively, a space in the wording standing for any run of spaces and tabs.
 * Returns the index just past the match, or -1.
 */
function matchFoldedAt(text: string, start: number, end: number, folded: string): number {
  let cursor = start;
  for (let index = 0; index < folded.length; index++) {
    const expected = folded.charAt(index);
    if (expected === " ") {
      if (cursor >= end || !isSpaceOrTab(text.charCodeAt(cursor))) return -1;
      cursor = skipSpaces(text, cursor, end);
      continue;
    }
    if (cursor >= end || text.charAt(cursor).toLowerCase() !== expected) return -1;
    cursor++;
  }
  return cursor;
}
