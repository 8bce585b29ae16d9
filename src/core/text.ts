// The core's string primitives, one copy each: line endings, trimming sets of characters,
// collapsing and truncating. They avoid regular expressions that anchor a repeated class at
// the end (`[,;]+$`): on a long run of those characters V8 retries the run from every start
// position, which is quadratic.

/** A line ending as CommonMark reads one: `\r\n`, a lone `\r` or `\n`. */
const LINE_ENDING = /\r\n?|\n/;

/** A line of a text by its offsets. */
export interface Line {
  start: number;
  /** Index of the line ending (or the end of the text). */
  end: number;
}

/** The lines of `text`, without their endings: one more than it has line endings. */
export function splitLines(text: string): string[] {
  return text.split(LINE_ENDING);
}

/** The text up to its first line ending. */
export function firstLine(text: string): string {
  return text.split(LINE_ENDING, 1)[0] ?? "";
}

/** The lines of `text` by their offsets, as `splitLines` cuts them. */
export function* linesOf(text: string): Generator<Line> {
  const ending = new RegExp(LINE_ENDING, "g");
  let start = 0;
  for (let match = ending.exec(text); match !== null; match = ending.exec(text)) {
    yield { start, end: match.index };
    start = ending.lastIndex;
  }
  yield { start, end: text.length };
}

/** The offset at which the line holding `offset` starts. */
export function lineStart(text: string, offset: number): number {
  let index = offset;
  while (index > 0 && !"\r\n".includes(text.charAt(index - 1))) index--;
  return index;
}

/** Collapses every run of white space to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Removes leading and trailing characters that belong to `set`. */
export function trimCharacters(text: string, set: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && set.includes(text[start] ?? "")) start++;
  while (end > start && set.includes(text[end - 1] ?? "")) end--;
  return text.slice(start, end);
}

/** Removes trailing characters that belong to `set`. */
export function trimEndCharacters(text: string, set: string): string {
  let end = text.length;
  while (end > 0 && set.includes(text[end - 1] ?? "")) end--;
  return text.slice(0, end);
}

/** Cuts `text` to at most `limit` characters, marking the cut with an ellipsis. */
export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}
