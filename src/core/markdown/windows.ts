import { linesOf } from "../text.ts";
import { FenceTracker } from "./guard.ts";

/**
 * Descriptions up to this size are parsed as one document. Longer ones are parsed window by
 * window: micromark merges a paragraph's inline tokens with `Array.splice` in a loop, which is
 * quadratic in the paragraph's length (64 KB of "__\n" takes 5.5 s in one piece, 0.3 s in
 * windows), and no option turns that off.
 */
export const PARSE_WINDOW_SIZE = 4096;

/**
 * Cuts `source` into consecutive `[start, end)` windows of about `size` characters. A cut is
 * made at a line start and never inside fenced code; it prefers, in order, a line that opens a
 * top-level block after a blank line (the trees of the windows then join up exactly), a line
 * that starts at column 0, any line. Windows only grow past `size` for a fence or a single line.
 */
export function parseWindows(source: string, size: number = PARSE_WINDOW_SIZE): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  const fences = new FenceTracker();
  let windowStart = 0;
  let blockBoundary = -1;
  let columnZeroLine = -1;
  let previousLine = -1;
  let previousBlank = false;
  for (const line of linesOf(source)) {
    if (!fences.isInsideFence) {
      if (line.start - windowStart >= size) {
        const preferred = [blockBoundary, columnZeroLine, previousLine].find((cut) => cut > windowStart + size / 2);
        const cut = preferred ?? line.start;
        windows.push([windowStart, cut]);
        windowStart = cut;
      }
      previousLine = line.start;
      if (startsWithContent(source, line.start, line.end)) {
        columnZeroLine = line.start;
        if (previousBlank) blockBoundary = line.start;
      }
    }
    fences.update(source, line);
    previousBlank = source.slice(line.start, line.end).trim() === "";
  }
  windows.push([windowStart, source.length]);
  return windows;
}

function startsWithContent(source: string, start: number, end: number): boolean {
  if (start >= end) return false;
  const first = source[start];
  return first !== " " && first !== "\t";
}
