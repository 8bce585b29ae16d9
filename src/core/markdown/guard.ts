// Rewrites a description before the Markdown parser sees it. Every rewrite keeps the length of
// each line, so node positions still index the author's lines and the extracted values are the
// author's text (less any HTML comment).
//
// Why a rewrite at all: micromark (behind mdast-util-from-markdown) recurses once per nested
// container and overflows the stack beyond a few thousand `>` or `- ` levels, and its setext
// heading resolver revisits the whole event list for every underline (quadratic: 64 KB of
// "a\n=\n" takes ~40 s). Capping both keeps parsing linear. HTML comments are blanked here too,
// because text inside a comment must never count, wherever the comment sits.

/** Container markers (`>`, list markers, indentation) beyond this column are turned into text. */
export const MAX_CONTAINER_PREFIX_COLUMNS = 64;

/** Setext underlines beyond this count are turned into paragraph text. */
export const MAX_SETEXT_UNDERLINES = 32;

const COMMENT_OPEN = "<!--";
const COMMENT_CLOSE = "-->";
const BYTE_ORDER_MARK = 0xfeff;
const NEUTRAL_CHARACTER = ".";

const charCode = {
  tab: 9,
  lineFeed: 10,
  carriageReturn: 13,
  space: 32,
  plus: 43,
  dash: 45,
  dot: 46,
  closeParen: 41,
  asterisk: 42,
  equals: 61,
  greaterThan: 62,
  backtick: 96,
  tilde: 126,
  digitZero: 48,
  digitNine: 57,
} as const;

export interface Line {
  start: number;
  /** Index of the line ending (or the end of the text). */
  end: number;
}

interface ContainerPrefix {
  /** Where the line's content starts after `>`, list markers and indentation. */
  contentStart: number;
  /** Index of the first prefix character beyond the column cap, or -1. */
  overflowAt: number;
}

/** Returns `markdown` with comments blanked and parser-hostile structures neutralised. */
export function neutraliseForParsing(markdown: string): string {
  const withoutBom = markdown.charCodeAt(0) === BYTE_ORDER_MARK ? ` ${markdown.slice(1)}` : markdown;
  const withoutComments = blankHtmlComments(withoutBom);
  return capContainersAndSetextUnderlines(withoutComments);
}

/** Splits text into lines at `\n`, `\r\n` and lone `\r`, as CommonMark does. */
export function* linesOf(text: string): Generator<Line> {
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== charCode.lineFeed && code !== charCode.carriageReturn) continue;
    yield { start, end: index };
    if (code === charCode.carriageReturn && text.charCodeAt(index + 1) === charCode.lineFeed) index++;
    start = index + 1;
  }
  yield { start, end: text.length };
}

function isSpaceOrTab(code: number): boolean {
  return code === charCode.space || code === charCode.tab;
}

/** CommonMark allows at most nine digits in an ordered-list number. */
const MAX_LIST_NUMBER_DIGITS = 9;

function isDigit(code: number): boolean {
  return code >= charCode.digitZero && code <= charCode.digitNine;
}

/**
 * Length of a list marker (`-`, `+`, `*`, `1.`, `1)`) at `index`, followed by white space or the
 * end of the line, or 0 when there is none.
 */
function listMarkerLength(text: string, index: number, end: number): number {
  const code = text.charCodeAt(index);
  let markerEnd = index;
  if (code === charCode.dash || code === charCode.plus || code === charCode.asterisk) {
    markerEnd = index + 1;
  } else if (isDigit(code)) {
    while (markerEnd < end && markerEnd - index < MAX_LIST_NUMBER_DIGITS && isDigit(text.charCodeAt(markerEnd))) markerEnd++;
    const delimiter = text.charCodeAt(markerEnd);
    if (delimiter !== charCode.dot && delimiter !== charCode.closeParen) return 0;
    markerEnd++;
  } else {
    return 0;
  }
  const follower = markerEnd < end ? text.charCodeAt(markerEnd) : charCode.space;
  return isSpaceOrTab(follower) ? markerEnd - index : 0;
}

/** Reads the run of container syntax that opens a line; tabs count as four columns. */
function readContainerPrefix(text: string, line: Line): ContainerPrefix {
  let index = line.start;
  let columns = 0;
  let overflowAt = -1;
  while (index < line.end) {
    const code = text.charCodeAt(index);
    let width: number;
    let columnsTaken: number;
    if (code === charCode.space || code === charCode.greaterThan) {
      width = 1;
      columnsTaken = 1;
    } else if (code === charCode.tab) {
      width = 1;
      columnsTaken = 4;
    } else {
      width = listMarkerLength(text, index, line.end);
      columnsTaken = width;
      if (width === 0) break;
    }
    columns += columnsTaken;
    if (columns > MAX_CONTAINER_PREFIX_COLUMNS && overflowAt < 0) overflowAt = index;
    index += width;
  }
  return { contentStart: index, overflowAt };
}

interface Fence {
  marker: number;
  length: number;
}

/** Length of a run of `code` starting at `index`. */
function runLength(text: string, index: number, end: number, code: number): number {
  let cursor = index;
  while (cursor < end && text.charCodeAt(cursor) === code) cursor++;
  return cursor - index;
}

/**
 * Follows fenced code line by line, so that code samples are neither searched for comments nor
 * cut in two. An approximation of CommonMark's fences; the parser stays the authority.
 */
export class FenceTracker {
  private open: Fence | null = null;

  get isInsideFence(): boolean {
    return this.open !== null;
  }

  /** Reads one line; afterwards `isInsideFence` tells whether the next line is inside a fence. */
  update(text: string, line: Line): void {
    const contentStart = readContainerPrefix(text, line).contentStart;
    const marker = text.charCodeAt(contentStart);
    if (marker !== charCode.backtick && marker !== charCode.tilde) return;
    const length = runLength(text, contentStart, line.end, marker);
    if (length < 3) return;
    if (this.open === null) {
      this.open = { marker, length };
    } else if (marker === this.open.marker && length >= this.open.length) {
      if (text.slice(contentStart + length, line.end).trim() === "") this.open = null;
    }
  }

  /** Whether `line` opens, closes or sits inside a fence (it is read as a side effect). */
  isFenceLine(text: string, line: Line): boolean {
    const wasInside = this.isInsideFence;
    this.update(text, line);
    return wasInside || this.isInsideFence;
  }
}

/** Finds comment boundaries with memoised searches, so repeated misses stay linear. */
class CommentFinder {
  private nextOpen = -2;
  private nextClose = -2;

  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  openAtOrAfter(from: number): number {
    if (this.nextOpen === -1 || this.nextOpen >= from) return this.nextOpen;
    this.nextOpen = this.text.indexOf(COMMENT_OPEN, from);
    return this.nextOpen;
  }

  /** The index just past the comment that opens at `open`, or -1 when it never closes. */
  endOf(open: number): number {
    const afterOpen = open + COMMENT_OPEN.length;
    // CommonMark: `<!-->` and `<!--->` are complete (empty) comments.
    if (this.text.startsWith(">", afterOpen)) return afterOpen + 1;
    if (this.text.startsWith("->", afterOpen)) return afterOpen + 2;
    if (this.nextClose !== -1 && this.nextClose < afterOpen) {
      this.nextClose = this.text.indexOf(COMMENT_CLOSE, afterOpen);
    }
    return this.nextClose === -1 ? -1 : this.nextClose + COMMENT_CLOSE.length;
  }
}

/**
 * Removes every `<!-- … -->` (line endings kept, so line numbers and structure survive). A comment
 * that never closes hides the rest of the description when it opens a line, as GitHub renders an
 * HTML block; in the middle of a line it is literal text, as CommonMark says.
 *
 * A comment with text after it on its line is cut out and the line padded at its end, so the
 * text keeps its meaning: `- <!-- who? --> Customer: …` stays a list item with a label, where
 * blanking in place would indent it into a code block. Other comments are blanked in place.
 */
function blankHtmlComments(text: string): string {
  if (!text.includes(COMMENT_OPEN)) return text;
  const finder = new CommentFinder(text);
  const blanked: Array<[number, number]> = [];
  /** Comments cut out of their line, with the end of that line, where the padding goes. */
  const cut = new Map<number, number>();
  let blankedUntil = 0;
  const fences = new FenceTracker();
  for (const line of linesOf(text)) {
    if (line.end < blankedUntil) continue;
    const startsInsideComment = line.start < blankedUntil;
    let contentStart = line.start;
    if (!startsInsideComment) {
      if (fences.isFenceLine(text, line)) continue;
      contentStart = readContainerPrefix(text, line).contentStart;
    }
    let from = Math.max(line.start, blankedUntil);
    for (;;) {
      const open = finder.openAtOrAfter(from);
      if (open === -1 || open >= line.end) break;
      let end = finder.endOf(open);
      if (end === -1) {
        if (open !== contentStart) break;
        end = text.length;
      }
      blanked.push([open, end]);
      if (end <= line.end && /\S/.test(text.slice(end, line.end))) cut.set(open, line.end);
      blankedUntil = end;
      if (end > line.end) break;
      from = end;
    }
  }
  // Comments are blanked in place, or cut out, their width added as spaces at their line's end.
  const edits: Array<readonly [number, number, string]> = [];
  const padding = new Map<number, number>();
  for (const [start, end] of blanked) {
    const lineEnd = cut.get(start);
    if (lineEnd === undefined) {
      edits.push([start, end, text.slice(start, end).replace(/[^\r\n]/g, " ")]);
      continue;
    }
    edits.push([start, end, ""]);
    padding.set(lineEnd, (padding.get(lineEnd) ?? 0) + (end - start));
  }
  for (const [lineEnd, width] of padding) edits.push([lineEnd, lineEnd, " ".repeat(width)]);
  edits.sort((left, right) => left[0] - right[0] || left[1] - right[1]);
  return applyEdits(text, edits);
}

/** Applies ordered, non-overlapping edits (`[start, end, replacement]`; insertions have start = end). */
function applyEdits(text: string, edits: ReadonlyArray<readonly [number, number, string]>): string {
  const pieces: string[] = [];
  let cursor = 0;
  for (const [start, end, replacement] of edits) {
    pieces.push(text.slice(cursor, start), replacement);
    cursor = end;
  }
  pieces.push(text.slice(cursor));
  return pieces.join("");
}

/** Where the run of `=` or `-` starts when that run (after `>` and indentation) is the whole
 * line, as in a setext underline; -1 otherwise. */
function setextUnderlineStart(text: string, line: Line): number {
  let index = line.start;
  while (index < line.end) {
    const code = text.charCodeAt(index);
    if (!isSpaceOrTab(code) && code !== charCode.greaterThan) break;
    index++;
  }
  const marker = text.charCodeAt(index);
  if (marker !== charCode.equals && marker !== charCode.dash) return -1;
  let cursor = index + runLength(text, index, line.end, marker);
  while (cursor < line.end && isSpaceOrTab(text.charCodeAt(cursor))) cursor++;
  return cursor === line.end ? index : -1;
}

/** A line with nothing but `>` markers and white space ends a paragraph. */
function isBlankQuoteLine(text: string, line: Line): boolean {
  for (let index = line.start; index < line.end; index++) {
    const code = text.charCodeAt(index);
    if (!isSpaceOrTab(code) && code !== charCode.greaterThan) return false;
  }
  return true;
}

/** Turns the first character past the container cap, and excess setext underlines, into text. */
function capContainersAndSetextUnderlines(text: string): string {
  const neutralised: Array<[number, number]> = [];
  let underlines = 0;
  let previousLineBlank = true;
  for (const line of linesOf(text)) {
    const { overflowAt } = readContainerPrefix(text, line);
    if (overflowAt >= 0) neutralised.push([overflowAt, overflowAt + 1]);
    const underlineAt = previousLineBlank ? -1 : setextUnderlineStart(text, line);
    if (underlineAt >= 0 && ++underlines > MAX_SETEXT_UNDERLINES && underlineAt !== overflowAt) {
      neutralised.push([underlineAt, underlineAt + 1]);
    }
    previousLineBlank = isBlankQuoteLine(text, line);
  }
  neutralised.sort((left, right) => left[0] - right[0]);
  return applyEdits(text, neutralised.map(([start, end]) => [start, end, NEUTRAL_CHARACTER] as const));
}
