// Path globs from a repository's configuration (`classification.debt-paths`,
// `budget.lines-ignore`), compiled into deterministic automata.
//
// Glob libraries compile to JavaScript regular expressions, which backtrack: picomatch takes
// seconds to test `*a*a*a*a*a*a*a*a*a*a*a*a*b` against a 33-character name. RE2-style engines
// (re2js) are linear, but when their lazy DFA thrashes on adversarial input they fall back to
// simulating the NFA, which costs the size of the glob list per character: 30 globs of 16
// stars took 75 ms per 1,000-character path, minutes for a PR of 3,000 files. A configuration
// is the repository's and the paths are the PR author's, so neither may be able to stall the
// App. Here each glob is compiled once into a DFA whose size is capped (a glob that would exceed
// the cap is refused at load, by its key path), and matching a path costs one table step per
// character and glob, whatever the globs: `automata` lets a caller bound the work up front.

/** The longest glob a configuration may hold (the schema refuses longer ones by key path). */
export const MAX_GLOB_LENGTH = 256;
/** The most states one glob's automaton may have (a glob needing more is refused at load). */
export const MAX_GLOB_STATES = 256;
/** Wildcards (`*`, `**`, `?`, classes) one glob may hold; each costs automaton states to build. */
export const MAX_GLOB_WILDCARDS = 32;
/** Wildcards a whole list may hold: the costliest list accepted compiles in ~12 ms (bench/hostile.ts). */
export const MAX_LIST_WILDCARDS = 512;
/** Brace alternatives a glob may expand to. */
const MAX_ALTERNATIVES = 256;

/** A glob that cannot be used; the message says why, for the config error. */
export class GlobSyntaxError extends Error {
  /** Which glob of the list. */
  index = 0;
}

/** Whether a path matches any glob of a list. */
export interface PathMatcher {
  (path: string): boolean;
  /** Automata in the list: matching a path costs at most its length times this many table steps. */
  readonly automata: number;
}

// ---------------------------------------------------------------------------------------------
// Globs as small regular expressions over code points.

/** Sorted, disjoint, inclusive code point ranges. */
type Ranges = Array<[number, number]>;
type Pattern =
  | { kind: "set"; ranges: Ranges }
  | { kind: "seq"; items: Pattern[] }
  | { kind: "alt"; items: Pattern[] }
  | { kind: "star"; item: Pattern }
  | { kind: "opt"; item: Pattern };

const SLASH = 0x2f;
const MAX_CODE_POINT = 0x10ffff;
const ANY: Ranges = [[0, MAX_CODE_POINT]];
const NOT_SLASH: Ranges = [
  [0, SLASH - 1],
  [SLASH + 1, MAX_CODE_POINT],
];
const set = (ranges: Ranges): Pattern => ({ kind: "set", ranges });
const literal = (char: string): Pattern => set([[char.codePointAt(0) ?? 0, char.codePointAt(0) ?? 0]]);
const seq = (...items: Pattern[]): Pattern => ({ kind: "seq", items });

/** POSIX classes inside brackets (`[[:digit:]]`), ASCII as in most globbers. */
const POSIX_CLASSES: Record<string, Ranges> = {
  alnum: [
    [48, 57],
    [65, 90],
    [97, 122],
  ],
  alpha: [
    [65, 90],
    [97, 122],
  ],
  blank: [
    [9, 9],
    [32, 32],
  ],
  digit: [[48, 57]],
  lower: [[97, 122]],
  punct: [
    [33, 47],
    [58, 64],
    [91, 96],
    [123, 126],
  ],
  space: [
    [9, 13],
    [32, 32],
  ],
  upper: [[65, 90]],
  word: [
    [48, 57],
    [65, 90],
    [95, 95],
    [97, 122],
  ],
  xdigit: [
    [48, 57],
    [65, 70],
    [97, 102],
  ],
};

function normalise(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((left, right) => left[0] - right[0]);
  const out: Ranges = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** Every code point outside `ranges`, and never `/`. */
function complement(ranges: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (const [lo, hi] of normalise([...ranges, [SLASH, SLASH]])) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/**
 * Parses one glob (without its leading `!`). `*` any run within a path segment, `?` one
 * character other than `/`, `**` as a whole segment any number of segments, `[…]` a class,
 * `{a,b}` alternatives, `\x` the character x.
 */
function parseGlob(glob: string): { pattern: Pattern; wildcards: number } {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobSyntaxError(`a glob may have at most ${MAX_GLOB_LENGTH} characters`);
  if (/[@!+*?]\(/.test(glob)) throw new GlobSyntaxError(`extended globs such as \`+(…)\` are not supported: ${glob}`);
  const chars = Array.from(glob);
  const paired = pairedBraces(chars);
  let index = 0;
  let alternatives = 1;
  let wildcards = 0;
  const wildcard = () => {
    if (++wildcards > MAX_GLOB_WILDCARDS) throw new GlobSyntaxError(`a glob may hold at most ${MAX_GLOB_WILDCARDS} wildcards: ${glob}`);
  };

  /** A sequence up to the end, or to the `,` / `}` that ends the current alternative. */
  const sequence = (inGroup: boolean): Pattern[] => {
    const items: Pattern[] = [];
    while (index < chars.length) {
      const char = chars[index] as string;
      if (inGroup && (char === "," || (char === "}" && paired.has(index)))) break;
      if (char === "\\") {
        if (index + 1 === chars.length) throw new GlobSyntaxError(`a glob cannot end with a lone backslash: ${glob}`);
        items.push(literal(chars[index + 1] as string));
        index += 2;
      } else if (char === "*" && chars[index + 1] === "*" && isWholeSegment(chars, index, inGroup)) {
        wildcard();
        items.push(...globstar(chars, index, items));
        index += chars[index + 2] === "/" ? 3 : 2;
      } else if (char === "*") {
        wildcard();
        while (chars[index] === "*") index++;
        items.push({ kind: "star", item: set(NOT_SLASH) });
      } else if (char === "?") {
        wildcard();
        items.push(set(NOT_SLASH));
        index++;
      } else if (char === "[" && classEnd(chars, index) !== -1) {
        const end = classEnd(chars, index);
        wildcard();
        items.push(set(characterClass(chars.slice(index + 1, end))));
        index = end + 1;
      } else if (char === "{" && paired.has(index)) {
        index++;
        const options: Pattern[] = [];
        for (;;) {
          options.push(seq(...sequence(true)));
          if (chars[index] === "}") break;
          index++; // the `,`
        }
        index++; // the `}`
        alternatives *= options.length;
        if (alternatives > MAX_ALTERNATIVES) throw new GlobSyntaxError(`a glob may expand to at most ${MAX_ALTERNATIVES} alternatives: ${glob}`);
        items.push({ kind: "alt", items: options });
      } else {
        items.push(literal(char));
        index++;
      }
    }
    return items;
  };
  const pattern = seq(...sequence(false));
  return { pattern, wildcards };
}

/** Whether the `**` at `index` is a whole path segment (in `{…}`, `,` and braces bound one too). */
function isWholeSegment(chars: string[], index: number, inGroup: boolean): boolean {
  const before = chars[index - 1];
  const after = chars[index + 2];
  const starts = before === undefined || before === "/" || (inGroup && (before === "{" || before === ","));
  const ends = after === undefined || after === "/" || (inGroup && (after === "," || after === "}"));
  return starts && ends;
}

/** A globstar segment: with its slash, zero or more whole segments. */
function globstar(chars: string[], index: number, before: Pattern[]): Pattern[] {
  const anything: Pattern = { kind: "star", item: set(ANY) };
  // `**/`: nothing, or anything ending in a slash.
  if (chars[index + 2] === "/") return [{ kind: "opt", item: seq(anything, literal("/")) }];
  // A closing `/**`: the directory itself, or anything inside it (the slash joins the option).
  if (chars[index - 1] === "/" && before.length > 0) {
    before.pop();
    return [{ kind: "opt", item: seq(literal("/"), anything) }];
  }
  return [anything];
}

/** The braces that pair up (both ends); an unpaired brace is a literal character. */
function pairedBraces(chars: string[]): Set<number> {
  const paired = new Set<number>();
  const open: number[] = [];
  for (let index = 0; index < chars.length; index++) {
    if (chars[index] === "\\") index++;
    else if (chars[index] === "{") open.push(index);
    else if (chars[index] === "}" && open.length > 0) paired.add(open.pop() as number).add(index);
  }
  return paired;
}

/** Index of the `]` closing the class opened at `start` (a `]` first in the class is literal), or -1. */
function classEnd(chars: string[], start: number): number {
  let index = start + 1;
  if (chars[index] === "!" || chars[index] === "^") index++;
  if (chars[index] === "]") index++;
  for (; index < chars.length; index++) {
    if (chars[index] === "\\") index++;
    else if (chars[index] === "[" && chars[index + 1] === ":") {
      const close = chars.indexOf(":", index + 2);
      if (close !== -1 && chars[close + 1] === "]") index = close + 1;
    } else if (chars[index] === "]") return index;
  }
  return -1;
}

/** A class body (between the brackets) as code point ranges; a negated class never matches `/`. */
function characterClass(body: string[]): Ranges {
  const negated = body[0] === "!" || body[0] === "^";
  const ranges: Ranges = [];
  for (let index = negated ? 1 : 0; index < body.length; index++) {
    if (body[index] === "[" && body[index + 1] === ":") {
      const close = body.indexOf(":", index + 2);
      const name = body.slice(index + 2, close).join("");
      const posix = POSIX_CLASSES[name];
      if (posix === undefined) throw new GlobSyntaxError(`unknown character class [:${name}:]`);
      ranges.push(...posix.map(([lo, hi]): [number, number] => [lo, hi]));
      index = close + 1;
      continue;
    }
    if (body[index] === "\\" && index + 1 < body.length) index++;
    const lo = (body[index] as string).codePointAt(0) ?? 0;
    if (body[index + 1] === "-" && index + 2 < body.length) {
      const hi = (body[index + 2] as string).codePointAt(0) ?? 0;
      if (hi < lo) throw new GlobSyntaxError(`the range ${body[index]}-${body[index + 2]} runs backwards`);
      ranges.push([lo, hi]);
      index += 2;
    } else {
      ranges.push([lo, lo]);
    }
  }
  return negated ? complement(ranges) : normalise(ranges);
}

// ---------------------------------------------------------------------------------------------
// Thompson NFA, then subset construction into a DFA over classes of equivalent characters.

interface Nfa {
  /** Per state: the character ranges it consumes and where it goes, or empty moves. */
  sets: Array<Ranges | null>;
  next: number[];
  empty: number[][];
  /** Heads of loops over any character (`**`), which may make a state accept everything. */
  anyLoops: number[];
}

/** Adds `pattern` to `nfa` between `from` and a new state, which it returns. */
function build(nfa: Nfa, pattern: Pattern, from: number): number {
  const state = () => {
    nfa.sets.push(null);
    nfa.next.push(-1);
    nfa.empty.push([]);
    return nfa.sets.length - 1;
  };
  const to = state();
  if (pattern.kind === "set") {
    // `from` is always a state of its own that consumes nothing yet.
    nfa.sets[from] = pattern.ranges;
    nfa.next[from] = to;
  } else if (pattern.kind === "seq") {
    let at = from;
    for (const item of pattern.items) at = build(nfa, item, at);
    nfa.empty[at]?.push(to);
  } else if (pattern.kind === "alt") {
    for (const item of pattern.items) {
      const start = state();
      nfa.empty[from]?.push(start);
      nfa.empty[build(nfa, item, start)]?.push(to);
    }
  } else {
    const start = state();
    nfa.empty[from]?.push(start, to);
    const end = build(nfa, pattern.item, start);
    nfa.empty[end]?.push(to);
    if (pattern.kind === "star") nfa.empty[end]?.push(start);
    if (pattern.kind === "star" && pattern.item.kind === "set" && pattern.item.ranges === ANY) nfa.anyLoops.push(start);
  }
  return to;
}

/** A compiled list: transitions per state and character class, and which states accept. */
interface Dfa {
  cuts: number[];
  ascii: Int32Array;
  table: Int32Array;
  classes: number;
  accepting: boolean[];
}

const DEAD = -1;

/** Thrown by `compile` when the automaton would need more than its cap of states. */
class TooManyStates extends Error {}

function compile(patterns: Pattern[], maxStates: number): Dfa {
  const nfa: Nfa = { sets: [], next: [], empty: [], anyLoops: [] };
  const start = 0;
  nfa.sets.push(null);
  nfa.next.push(-1);
  nfa.empty.push([]);
  const accepts = new Set<number>();
  for (const pattern of patterns) {
    const entry = nfa.sets.length;
    nfa.sets.push(null);
    nfa.next.push(-1);
    nfa.empty.push([]);
    nfa.empty[start]?.push(entry);
    accepts.add(build(nfa, pattern, entry));
  }

  // Characters that no set tells apart share a class: cut the code points at every range edge.
  const edges = new Set<number>([0]);
  for (const ranges of nfa.sets) for (const [lo, hi] of ranges ?? []) edges.add(lo).add(hi + 1);
  const cuts = [...edges].filter((edge) => edge <= MAX_CODE_POINT).sort((left, right) => left - right);
  const classes = cuts.length;
  const classOf = (code: number) => upperBound(cuts, code) - 1;

  // DFA states are sets of the NFA states that consume a character (the "kernel"), and whether
  // acceptance is reachable. What each NFA state reaches by empty moves is worked out once.
  const size = nfa.sets.length;
  const visited = new Int32Array(size);
  let visit = 0;
  const reaches: Array<{ consuming: number[]; accepts: boolean } | undefined> = [];
  const reach = (from: number): { consuming: number[]; accepts: boolean } => {
    let known = reaches[from];
    if (known === undefined) {
      visit++;
      const consuming: number[] = [];
      let accepting = false;
      const pending = [from];
      for (let state = pending.pop(); state !== undefined; state = pending.pop()) {
        if (visited[state] === visit) continue;
        visited[state] = visit;
        if (accepts.has(state)) accepting = true;
        if (nfa.sets[state] !== null) consuming.push(state);
        for (const next of nfa.empty[state] ?? []) pending.push(next);
      }
      known = { consuming, accepts: accepting };
      reaches[from] = known;
    }
    return known;
  };

  // A loop over any character that can reach acceptance by empty moves (the `/**` that closes
  // `test/**`) accepts every continuation: any set holding one is the same state, "accept all".
  // Without this, each combination of such loops with unrelated partial matches would be a
  // state of its own.
  const universal = new Set(nfa.anyLoops.filter((loop) => reach(nfa.next[loop] ?? loop).accepts));

  const inKernel = new Int32Array(size);
  let stamp = 0;
  const ids = new Map<string, number>();
  const members: number[][] = [];
  const table: number[] = [];
  const accepting: boolean[] = [];
  const intern = (targets: number[]): number => {
    stamp++;
    let kernel: number[] = [];
    let accepts = false;
    for (const target of targets) {
      const reached = reach(target);
      accepts ||= reached.accepts;
      for (const state of reached.consuming) {
        if (inKernel[state] === stamp) continue;
        inKernel[state] = stamp;
        kernel.push(state);
      }
    }
    if (kernel.length === 0 && !accepts) return DEAD;
    const loop = kernel.find((state) => universal.has(state));
    if (loop !== undefined) {
      kernel = [loop];
      accepts = true;
    }
    kernel.sort((left, right) => left - right);
    const key = `${accepts ? "+" : "-"}${kernel.join(",")}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = members.length;
      if (id >= maxStates) throw new TooManyStates();
      ids.set(key, id);
      members.push(kernel);
      accepting.push(accepts);
    }
    return id;
  };
  intern([start]);
  for (let id = 0; id < members.length; id++) {
    const moves: number[][] = Array.from({ length: classes }, () => []);
    for (const state of members[id] ?? []) {
      for (const [lo, hi] of nfa.sets[state] ?? []) {
        for (let cls = classOf(lo); cls < classes && (cuts[cls] ?? 0) <= hi; cls++) moves[cls]?.push(nfa.next[state] ?? -1);
      }
    }
    for (let cls = 0; cls < classes; cls++) table[id * classes + cls] = intern(moves[cls] ?? []);
  }
  const ascii = new Int32Array(128).map((_, code) => classOf(code));
  return { cuts, ascii, table: Int32Array.from(table), classes, accepting };
}

/** The number of cut points at or below `code`. */
function upperBound(cuts: number[], code: number): number {
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cuts[middle] ?? 0) <= code) low = middle + 1;
    else high = middle;
  }
  return low;
}

function run(dfa: Dfa, path: string): boolean {
  let state = 0;
  for (let index = 0; index < path.length && state !== DEAD; index++) {
    let code = path.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < path.length) code = path.codePointAt(index++) ?? code;
    const cls = code < 128 ? (dfa.ascii[code] ?? 0) : upperBound(dfa.cuts, code) - 1;
    state = dfa.table[state * dfa.classes + cls] ?? DEAD;
  }
  return state !== DEAD && dfa.accepting[state] === true;
}

// ---------------------------------------------------------------------------------------------
// The lists of a configuration.

/** Lists compiled lately: every event loads its configuration afresh, the globs rarely change. */
const recent = new Map<string, PathMatcher>();
const RECENT_LISTS = 32;

/**
 * Compiles a list of globs into one matcher (blank entries mean nothing; a leading `!` negates a
 * glob, which then matches every path it does not). Throws `GlobSyntaxError`.
 */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  const key = JSON.stringify(globs);
  let matcher = recent.get(key);
  if (matcher === undefined) {
    matcher = compileList(globs);
    if (recent.size >= RECENT_LISTS) recent.delete(recent.keys().next().value as string);
    recent.set(key, matcher);
  }
  return matcher;
}

/**
 * One automaton per glob. (One automaton for a whole list would cost a single step per
 * character, but unions of globs like `**\/test/**` and `**\/*.test.*` need thousands of
 * states, each built while the configuration loads.)
 */
function compileList(globs: readonly string[]): PathMatcher {
  const positive: Dfa[] = [];
  const negated: Dfa[] = [];
  let wildcards = 0;
  for (const [index, glob] of globs.entries()) {
    if (glob.trim() === "") continue;
    try {
      const bangs = /^!*/.exec(glob)?.[0].length ?? 0;
      const parsed = parseGlob(glob.slice(bangs));
      wildcards += parsed.wildcards;
      if (wildcards > MAX_LIST_WILDCARDS) throw new GlobSyntaxError(`a list of globs may hold at most ${MAX_LIST_WILDCARDS} wildcards in all`);
      (bangs % 2 === 1 ? negated : positive).push(compile([parsed.pattern], MAX_GLOB_STATES));
    } catch (error) {
      const refusal =
        error instanceof TooManyStates
          ? new GlobSyntaxError(`too intricate to match in linear time (over ${MAX_GLOB_STATES} automaton states); use fewer wildcards: ${glob}`)
          : error;
      if (refusal instanceof GlobSyntaxError) refusal.index = index;
      throw refusal;
    }
  }
  const matches = (path: string) => positive.some((dfa) => run(dfa, path)) || negated.some((dfa) => !run(dfa, path));
  return Object.assign(matches, { automata: positive.length + negated.length });
}

/** Why a list of globs cannot be used (and which glob), or null. */
export function globListProblem(globs: readonly string[]): { index: number; message: string } | null {
  try {
    compileGlobs(globs);
    return null;
  } catch (error) {
    if (error instanceof GlobSyntaxError) return { index: error.index, message: error.message };
    throw error;
  }
}
