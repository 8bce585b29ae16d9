// Path globs from a repository's configuration (`classification.debt-paths`,
// `budget.lines-ignore`), matched in time linear in the path's length.
//
// Glob libraries compile to JavaScript regular expressions, which backtrack: picomatch takes
// seconds to test `*a*a*a*a*a*a*a*a*a*a*a*a*b` against a 33-character name. A configuration is
// the repository's and a path the PR author's, so neither may be able to stall the App. Globs
// are therefore translated to RE2 syntax and run on re2js, whose automaton never backtracks.

import { RE2JS } from "re2js";

/** The longest glob a configuration may hold (the schema refuses longer ones by key path). */
export const MAX_GLOB_LENGTH = 256;

/** A glob that cannot be translated; the message says why, for the config error. */
export class GlobSyntaxError extends Error {}

/** Whether a path matches any glob of a list. */
export type PathMatcher = (path: string) => boolean;

/**
 * Compiles a list of globs into one matcher (blank entries mean nothing). The syntax:
 * `*` any run of characters within a path segment, `?` one character other than `/`, `**` as a
 * whole segment any number of segments (`**\/x`, `a/**`, `a/**\/b`; elsewhere it acts as `*`),
 * `[…]` one character of a class (`[a-z]`, `[[:digit:]]`, `[^…]` or `[!…]` to negate), `{a,b}`
 * alternatives, `\` before a character to take it literally, and a leading `!` to negate the
 * glob. Dots are ordinary characters, so `*` matches dot-files. Throws `GlobSyntaxError`.
 */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  const positive: string[] = [];
  const negated: RE2JS[] = [];
  for (const glob of globs) {
    if (glob.trim() === "") continue;
    const bangs = /^!*/.exec(glob)?.[0].length ?? 0;
    const source = globToRe2(glob.slice(bangs));
    if (bangs % 2 === 1) negated.push(compileRe2(source, glob));
    else positive.push(source);
  }
  // One alternation: every positive glob is tried in the same single pass over the path.
  const any = positive.length === 0 ? null : compileRe2(positive.map((source) => `(?:${source})`).join("|"), globs.join(", "));
  return (path) => (any !== null && any.matches(path)) || negated.some((glob) => !glob.matches(path));
}

/** Checks one glob, returning why it cannot be used, or null. */
export function globProblem(glob: string): string | null {
  try {
    compileGlobs([glob]);
    return null;
  } catch (error) {
    if (error instanceof GlobSyntaxError) return error.message;
    throw error;
  }
}

function compileRe2(source: string, glob: string): RE2JS {
  try {
    return RE2JS.compile(source);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new GlobSyntaxError(`not a usable glob (${detail}): ${glob}`);
  }
}

/** Translates one glob (without its leading `!`) to an RE2 pattern matched against the whole path. */
function globToRe2(glob: string): string {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobSyntaxError(`a glob may have at most ${MAX_GLOB_LENGTH} characters`);
  if (/[@!+*?]\(/.test(glob)) throw new GlobSyntaxError(`extended globs such as \`+(…)\` are not supported: ${glob}`);
  const groups = matchingBraces(glob);
  const closers = new Set(groups.values());
  let out = "";
  let depth = 0;
  for (let index = 0; index < glob.length; index++) {
    const char = glob.charAt(index);
    if (char === "\\") {
      if (index + 1 === glob.length) throw new GlobSyntaxError(`a glob cannot end with a lone backslash: ${glob}`);
      out += literal(glob.charAt(++index));
    } else if (char === "*" && isGlobstar(glob, index, depth > 0)) {
      if (glob[index + 2] === "/") {
        out += "(?:.*/)?"; // `**/`: zero or more whole segments, each with its slash
        index += 2;
      } else if (glob[index - 1] === "/") {
        out = `${out.slice(0, -1)}(?:/.*)?`; // a closing `/**`: the directory itself or anything in it
        index += 1;
      } else {
        out += ".*";
        index += 1;
      }
    } else if (char === "*") {
      while (glob[index + 1] === "*") index++;
      out += "[^/]*";
    } else if (char === "?") {
      out += "[^/]";
    } else if (char === "[" && classEnd(glob, index) !== -1) {
      const end = classEnd(glob, index);
      out += characterClass(glob.slice(index + 1, end));
      index = end;
    } else if (char === "{" && groups.has(index)) {
      depth++;
      out += "(?:";
    } else if (char === "," && depth > 0) {
      out += "|";
    } else if (char === "}" && closers.has(index)) {
      depth--;
      out += ")";
    } else {
      out += literal(char);
    }
  }
  return out;
}

/** Whether the `**` at `index` is a whole path segment (inside `{…}`, `,` and braces bound one too). */
function isGlobstar(glob: string, index: number, inGroup: boolean): boolean {
  if (glob[index + 1] !== "*") return false;
  const before = glob[index - 1];
  const after = glob[index + 2];
  const startsSegment = before === undefined || before === "/" || (inGroup && (before === "{" || before === ","));
  const endsSegment = after === undefined || after === "/" || (inGroup && (after === "," || after === "}"));
  return startsSegment && endsSegment;
}

/** Braces that open a group with a matching close, mapped to it; others are literal characters. */
function matchingBraces(glob: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index];
    if (char === "\\") index++;
    else if (char === "{") open.push(index);
    else if (char === "}" && open.length > 0) pairs.set(open.pop() as number, index);
  }
  return pairs;
}

/** Index of the `]` closing the class opened at `start` (a `]` first in the class is literal), or -1. */
function classEnd(glob: string, start: number): number {
  let index = start + 1;
  if (glob[index] === "!" || glob[index] === "^") index++;
  if (glob[index] === "]") index++;
  for (; index < glob.length; index++) {
    if (glob[index] === "\\") index++;
    else if (glob.startsWith("[:", index)) {
      const close = glob.indexOf(":]", index + 2);
      if (close !== -1) index = close + 1;
    } else if (glob[index] === "]") return index;
  }
  return -1;
}

/** A glob class body (between the brackets) as an RE2 class; a negated class never matches `/`. */
function characterClass(body: string): string {
  const negated = body.startsWith("!") || body.startsWith("^");
  let members = "";
  for (let index = negated ? 1 : 0; index < body.length; index++) {
    const char = body.charAt(index);
    const posixClose = body.startsWith("[:", index) ? body.indexOf(":]", index + 2) : -1;
    if (posixClose !== -1) {
      members += body.slice(index, posixClose + 2); // `[:digit:]` means the same to RE2
      index = posixClose + 1;
    } else if (char === "\\" && index + 1 < body.length) {
      members += literal(body.charAt(++index));
    } else {
      members += char === "[" || char === "]" || char === "\\" ? `\\${char}` : char;
    }
  }
  return negated ? `[^/${members}]` : `[${members}]`;
}

/** One character, escaped when RE2 gives it a meaning. */
function literal(char: string): string {
  return /[\\^$.|?*+()[\]{}]/.test(char) ? `\\${char}` : char;
}
