// Rewrites a description before the Markdown parser sees it. Every rewrite keeps the length of
// each line, so node positions still index the author's lines and the extracted values are the
// author's text (less any HTML comment).
//
// Why a rewrite at all: micromark (behind mdast-util-from-markdown) recurses once per nested
// container and overflows the stack beyond a few thousand `>` or `- ` levels, and its setext
// heading resolver revisits the whole event list for every underline (quadratic: 64 KB of
// "a\n=\n" takes ~40 s). Capping both keeps parsing linear. HTML comments are blanked here too,
// because text inside a comment must never count, wherever the comment sits.
//
// Only the line-level syntax those three jobs need is recognised here (container prefixes,
// fences, setext underlines); the parser stays the authority on structure.

import { type Line, linesOf } from "../text.ts";

/** Container markers (`>`, list markers, indentation) beyond this column are turned into text. */
export const MAX_CONTAINER_PREFIX_COLUMNS = 64;

/** Setext underlines beyond this count are turned into paragraph text. */
export const MAX_SETEXT_UNDERLINES = 32;

// Matched with the sticky flag at one index; none of them crosses a line ending, so each match
// costs at most the length of its line.
/** One piece of container syntax: a blank, `>`, or a list marker (`-`, `1.`, `1)`) before a blank. */
const CONTAINER_TOKEN = /[ \t>]|(?:[-+*]|\d{1,9}[.)])(?=[ \t\r\n]|$)/y;
/** The run of backticks or tildes that opens or closes fenced code. */
const FENCE_RUN = /`{3,}|~{3,}/y;
/** A setext underline: `=` or `-` alone on its line after `>` and blanks (group 1). */
const SETEXT_UNDERLINE = /([ \t>]*)(?:=+|-+)[ \t]*(?=[\r\n]|$)/y;
/** What makes `<!--` a complete, empty comment: `<!-->` or `<!--->`. */
const EMPTY_COMMENT_END = /-?>/y;
/** A line with nothing but `>` and blanks, which ends a paragraph. */
const BLANK_QUOTE_LINE = /[ \t>]*(?=[\r\n]|$)/y;

function matchAt(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

/** Returns `markdown` with comments blanked and parser-hostile structures neutralised. */
export function neutraliseForParsing(markdown: string): string {
  const withoutBom = markdown.startsWith("\uFEFF") ? ` ${markdown.slice(1)}` : markdown;
  return capContainersAndSetextUnderlines(blankHtmlComments(withoutBom));
}

/**
 * Reads the container syntax that opens a line (tabs count as four columns): where the content
 * starts, and the first marker beyond the column cap (-1 when none).
 */
function readContainerPrefix(text: string, line: Line): { contentStart: number; overflowAt: number } {
  let index = line.start;
  let columns = 0;
  let overflowAt = -1;
  for (let token = matchAt(CONTAINER_TOKEN, text, index); token !== null; token = matchAt(CONTAINER_TOKEN, text, index)) {
    columns += token[0] === "\t" ? 4 : token[0].length;
    if (columns > MAX_CONTAINER_PREFIX_COLUMNS && overflowAt < 0) overflowAt = index;
    index += token[0].length;
  }
  return { contentStart: index, overflowAt };
}

/**
 * Follows fenced code line by line, so that code samples are neither searched for comments nor
 * cut in two. An approximation of CommonMark's fences; the parser stays the authority.
 */
export class FenceTracker {
  /** The run that opened the fence we are in. */
  private opening: string | null = null;

  get isInsideFence(): boolean {
    return this.opening !== null;
  }

  /** Reads one line; afterwards `isInsideFence` tells whether the next line is inside a fence. */
  update(text: string, line: Line): void {
    const { contentStart } = readContainerPrefix(text, line);
    const run = matchAt(FENCE_RUN, text, contentStart)?.[0];
    if (run === undefined) return;
    if (this.opening === null) {
      this.opening = run;
    } else if (run[0] === this.opening[0] && run.length >= this.opening.length) {
      if (text.slice(contentStart + run.length, line.end).trim() === "") this.opening = null;
    }
  }

  /** Whether `line` opens, closes or sits inside a fence (it is read as a side effect). */
  isFenceLine(text: string, line: Line): boolean {
    const wasInside = this.isInsideFence;
    this.update(text, line);
    return wasInside || this.isInsideFence;
  }
}

/**
 * `text.indexOf(needle, from)` for rising values of `from`. The last answer is remembered, so a
 * search that found nothing, or something further on, is never repeated: many lines or many
 * unclosed comments stay linear.
 */
function forwardSearch(text: string, needle: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found !== -1 && found < from) found = text.indexOf(needle, from);
    return found;
  };
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
  if (!text.includes("<!--")) return text;
  const edits: Edit[] = [];
  /** Width cut out of each line, keyed by the line's end, where it is added back as spaces. */
  const padding = new Map<number, number>();
  const nextOpen = forwardSearch(text, "<!--");
  const nextClose = forwardSearch(text, "-->");
  let blankedUntil = 0;
  const fences = new FenceTracker();
  for (const line of linesOf(text)) {
    if (line.end < blankedUntil) continue;
    const startsInsideComment = line.start < blankedUntil;
    if (!startsInsideComment && fences.isFenceLine(text, line)) continue;
    const contentStart = startsInsideComment ? line.start : readContainerPrefix(text, line).contentStart;
    for (let open = nextOpen(Math.max(line.start, blankedUntil)); open !== -1 && open < line.end; open = nextOpen(blankedUntil)) {
      // CommonMark: `<!-->` and `<!--->` are complete (empty) comments.
      const empty = matchAt(EMPTY_COMMENT_END, text, open + 4);
      const close = empty === null ? nextClose(open + 4) : -1;
      let end = empty !== null ? EMPTY_COMMENT_END.lastIndex : close === -1 ? -1 : close + 3;
      if (end === -1) {
        if (open !== contentStart) break;
        end = text.length;
      }
      blankedUntil = end;
      if (end <= line.end && /\S/.test(text.slice(end, line.end))) {
        edits.push([open, end, ""]);
        padding.set(line.end, (padding.get(line.end) ?? 0) + (end - open));
      } else {
        edits.push([open, end, text.slice(open, end).replace(/[^\r\n]/g, " ")]);
      }
      if (end > line.end) break;
    }
  }
  for (const [lineEnd, width] of padding) edits.push([lineEnd, lineEnd, " ".repeat(width)]);
  return applyEdits(text, edits);
}

/** `[start, end, replacement]`; an insertion has start = end. */
type Edit = readonly [number, number, string];

/** Applies non-overlapping edits, in any order. */
function applyEdits(text: string, edits: Edit[]): string {
  edits.sort((left, right) => left[0] - right[0] || left[1] - right[1]);
  const pieces: string[] = [];
  let cursor = 0;
  for (const [start, end, replacement] of edits) {
    pieces.push(text.slice(cursor, start), replacement);
    cursor = end;
  }
  pieces.push(text.slice(cursor));
  return pieces.join("");
}

/** Turns the first marker past the container cap, and excess setext underlines, into text. */
function capContainersAndSetextUnderlines(text: string): string {
  const edits: Edit[] = [];
  let underlines = 0;
  let previousLineBlank = true;
  for (const line of linesOf(text)) {
    const { overflowAt } = readContainerPrefix(text, line);
    if (overflowAt >= 0) edits.push([overflowAt, overflowAt + 1, "."]);
    const underline = previousLineBlank ? null : matchAt(SETEXT_UNDERLINE, text, line.start);
    const underlineAt = underline === null ? -1 : line.start + (underline[1]?.length ?? 0);
    if (underlineAt >= 0 && ++underlines > MAX_SETEXT_UNDERLINES && underlineAt !== overflowAt) {
      edits.push([underlineAt, underlineAt + 1, "."]);
    }
    previousLineBlank = matchAt(BLANK_QUOTE_LINE, text, line.start) !== null;
  }
  return applyEdits(text, edits);
}
