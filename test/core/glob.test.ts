import picomatch from "picomatch/posix.js";
import { describe, expect, it } from "vitest";
import { compileGlobs, globListProblem, MAX_GLOB_LENGTH } from "../../src/core/glob.ts";

const globProblem = (glob: string) => globListProblem([glob])?.message ?? null;

const matches = (glob: string, path: string) => compileGlobs([glob])(path);

describe("compileGlobs", () => {
  it.each([
    ["**/*.test.ts", "src/a/b.test.ts", true],
    ["**/*.test.ts", "b.test.ts", true],
    ["**/*.test.ts", "src/b.test.tsx", false],
    ["*.md", "docs/a.md", false],
    [".github/workflows/**", ".github/workflows/ci.yml", true],
    [".github/workflows/**", ".github/workflows", true],
    [".github/workflows/**", ".github/workflowsX", false],
    ["a/**/b", "a/b", true],
    ["a/**/b", "a/x/y/b", true],
    ["a/**/b", "a/xb", false],
    ["**", "a/b/c", true],
    ["**/.eslintrc*", "pkg/.eslintrc.json", true],
    ["src/{a,b}/**/[0-9]?.md", "src/b/x/1z.md", true],
    ["src/{a,b}/**/[0-9]?.md", "src/c/x/1z.md", false],
    ["x/{a,**/b}/y", "x/p/q/b/y", true],
    ["?", "/", false],
    ["[!a]b", "cb", true],
    ["[!a]b", "ab", false],
    ["[!a]b", "/b", false],
    ["[[:digit:]]x", "7x", true],
    ["[]a]", "]", true],
    ["a\\*", "a*", true],
    ["a\\*", "ab", false],
    ["a{b", "a{b", true],
    ["a.b", "axb", false],
    ["(a|b)", "(a|b)", true],
    ["!**/*.md", "README.md", false],
    ["!**/*.md", "src/a.ts", true],
    ["!!a", "a", true],
  ])("%s against %s: %s", (glob, path, expected) => {
    expect(matches(glob, path)).toBe(expected);
  });

  it("matches when any glob of the list does; blank entries mean nothing", () => {
    const list = compileGlobs(["**/*.lock", " ", "docs/**"]);
    expect(["Cargo.lock", "docs/a/b.md"].map(list)).toEqual([true, true]);
    expect(list("src/a.ts")).toBe(false);
    expect(compileGlobs(["", "  "])("anything")).toBe(false);
  });

  it("refuses what it cannot match in linear time or at all, with the reason", () => {
    expect(globProblem("+(a|b)")).toMatch(/extended globs/);
    expect(globProblem("[z-a]")).toBe("the range z-a runs backwards");
    expect(globProblem("a\\")).toMatch(/lone backslash/);
    expect(globProblem("a".repeat(MAX_GLOB_LENGTH + 1))).toMatch(/at most 256 characters/);
    expect(globProblem("**/*.{ts,tsx}")).toBeNull();
  });

  it("refuses a glob whose automaton would be too large, by its place in the list", () => {
    // "an `a` twelve characters before the `b`": a DFA must remember 2^13 combinations of `a`s.
    const intricate = `*a${"?".repeat(12)}b`;
    expect(intricate.length).toBeLessThan(20);
    expect(globListProblem(["**/*.md", intricate])).toEqual({ index: 1, message: expect.stringMatching(/too intricate to match in linear time/) });
    expect(globListProblem(["**/*.md", "+(a)"])).toEqual({ index: 1, message: expect.stringMatching(/extended globs/) });
    // Stars alone keep an automaton small, but each costs time to build: 32 at most.
    expect(globListProblem([`${"*a".repeat(31)}*b`])).toBeNull();
    expect(globListProblem([`${"*a".repeat(32)}*b`])?.message).toMatch(/at most 32 wildcards/);
    // And a list at most 512 in all: the seventeenth glob of 32 is one too many.
    const thirtyTwo = `${"*a".repeat(31)}*b`;
    expect(globListProblem(Array(16).fill(thirtyTwo))).toBeNull();
    expect(globListProblem(Array(17).fill(thirtyTwo))).toEqual({ index: 16, message: "a list of globs may hold at most 512 wildcards in all" });
  });

  it("answers a backtracking trap with the right verdict (picomatch's regular expression takes seconds here)", () => {
    const trap = compileGlobs(["*a*a*a*a*a*a*a*a*a*a*a*a*b"]);
    expect(trap("a".repeat(1_000))).toBe(false);
    expect(trap(`${"a".repeat(1_000)}b`)).toBe(true);
    expect(compileGlobs(["**/a/**/a/**/a/**/b"])(`${"a/".repeat(500)}c`)).toBe(false);
  });
});

describe("property: the globs of real configurations mean what picomatch (dot: true) says", () => {
  // Globs and paths built from the pieces real configurations use. Left out on purpose, where
  // value-pr's syntax is documented to differ: `**` glued to other characters (picomatch lets a
  // leading `**.md` cross directories), `[!…]` (picomatch's POSIX build reads `!` as a member),
  // `{1..3}` ranges, `.` segments (picomatch drops a leading `./`) and a closing `/**` after a
  // segment with `*` (picomatch then no longer matches the directory itself, as it does for
  // `a/**`; value-pr always does).
  const letters = ["a", "b", ".", "-", "_"];
  function random<T>(items: readonly T[], next: () => number): T {
    return items[Math.floor(next() * items.length)] as T;
  }
  /** mulberry32: a small seeded generator, so a failure can be replayed. */
  function seeded(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    };
  }
  function segmentGlob(next: () => number): string {
    const pieces = ["a", "b", ".", "*", "?", "[ab]", "[a-c]", "{a,b}", "{a,.b}", "\\*"];
    let glob = "";
    for (let i = 0; i < 1 + Math.floor(next() * 3); i++) glob += random(pieces, next);
    return glob.replace(/\*\*+/g, "*");
  }
  function glob(next: () => number): string {
    const segments: string[] = [];
    for (let i = 0; i < 1 + Math.floor(next() * 4); i++) segments.push(next() < 0.25 ? "**" : segmentGlob(next));
    return segments.join("/").replace(/(^|\/)\*\*(\/\*\*)+(?=\/|$)/g, "$1**");
  }
  function comparable(glob: string): boolean {
    const segments = glob.split("/");
    const beforeClosingGlobstar = segments.length > 1 && segments.at(-1) === "**" ? (segments.at(-2) ?? "") : "";
    return !segments.includes(".") && !beforeClosingGlobstar.includes("*");
  }
  function path(next: () => number): string {
    const segments: string[] = [];
    for (let i = 0; i < 1 + Math.floor(next() * 4); i++) {
      let segment = "";
      for (let j = 0; j < 1 + Math.floor(next() * 3); j++) segment += random(letters, next);
      segments.push(segment === "." || segment === ".." ? "a" : segment);
    }
    return segments.join("/");
  }

  it("agrees on 20,000 random glob and path pairs", () => {
    const next = seeded(20_261_129);
    const disagreements: string[] = [];
    let compared = 0;
    let matched = 0;
    for (let run = 0; run < 20_000; run++) {
      const g = glob(next);
      const p = path(next);
      if (!comparable(g)) continue;
      const expected = picomatch(g, { dot: true, windows: false })(p);
      compared++;
      if (expected) matched++;
      if (matches(g, p) !== expected) disagreements.push(`${g} ${p} (picomatch: ${expected})`);
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
    // Not a vacuous agreement: most pairs are compared, and a good share of them match.
    expect(compared).toBeGreaterThan(15_000);
    expect(matched).toBeGreaterThan(compared / 20);
  });
});
