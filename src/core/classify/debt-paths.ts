// Signal 6 of PRODUCT.md §2: a PR whose every changed file is a debt path (tests, CI
// workflows, lockfiles, lint and format configs) is tech debt.
//
// The report classifies thousands of PRs with one configuration, and compiling ~50 globs costs
// far more than matching a path, so the list is compiled once, with the rest of the
// configuration (src/core/rules.ts).

import { compileGlobs, globListProblem } from "../glob.ts";
import { DEFAULT_DEBT_PATHS } from "./defaults.ts";

/** A compiled list of debt-path globs. */
export interface DebtPathMatcher {
  /** Whether `path` matches at least one glob. */
  matches(path: string): boolean;
  /** No usable glob: nothing can match, so the changed files never matter. */
  readonly isEmpty: boolean;
  /** The list is the default one, whose groups the reason can name. */
  readonly isDefaultList: boolean;
  /** Table steps per character of a path, at most (one per glob). */
  readonly automata: number;
}

/** Compiles a list of debt-path globs. */
export function compileDebtPaths(globs: readonly string[]): DebtPathMatcher {
  // A blank entry means nothing; globs the schema would refuse (rules built by hand, not loaded
  // from a configuration) are left out.
  const usable = globs.filter((glob) => glob.trim() !== "");
  for (let problem = globListProblem(usable); problem !== null; problem = globListProblem(usable)) usable.splice(problem.index, 1);
  const isDefaultList = sameList(globs, DEFAULT_DEBT_PATHS);
  if (usable.length === 0) return { matches: () => false, isEmpty: true, isDefaultList, automata: 0 };
  const matches = compileGlobs(usable);
  return { matches, isEmpty: false, isDefaultList, automata: matches.automata };
}

function sameList(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((glob, index) => glob === right[index]);
}
