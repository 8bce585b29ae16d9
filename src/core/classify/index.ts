// PRODUCT.md §2: the category of a pull request, decided by the first signal that speaks, with
// the reasons kept. Pure: no I/O, clock or environment; the caller supplies every fact.
//
//   1. a person's label choices: an added label decides; a removed label is a veto;
//   2. ticked boxes in the description;
//   3. the author is a configured dependency bot;
//   4. the title's conventional-commit type;
//   5. the head-branch prefix;
//   6. every changed file is a debt path;
//   7. a passing hypothesis.
// When 3–6 say tech debt and the description also declares a passing hypothesis, the PR is both.

import type { Category, Classification, ClassificationRules, PersonLabelChoices, PullFacts } from "../types.ts";
import { findTickedBoxes } from "./checkboxes.ts";
import {
  branchPrefixReason,
  debtPathsReason,
  dependencyBotReason,
  dependencyScopeReason,
  HYPOTHESIS_ALSO_REASON,
  HYPOTHESIS_REASON,
  personAddedReason,
  personRemovedReason,
  tickedBoxReason,
  titleTypeReason,
} from "./reasons.ts";
import type { CategoryPart } from "./reasons.ts";
import { conventionalCommit } from "./title.ts";

export { CATEGORY_LABEL_STYLE } from "./defaults.ts";
export { findTickedBoxes } from "./checkboxes.ts";
export type { TickedBoxes } from "./checkboxes.ts";
export { conventionalCommit, conventionalCommitType } from "./title.ts";

/** The signals of PRODUCT.md §2, in order of precedence. */
export const SIGNALS = ["person-label", "checkbox", "bot-author", "title-type", "branch-prefix", "debt-paths", "hypothesis"] as const;
export type SignalName = (typeof SIGNALS)[number];

/** A classification together with the signals behind its reasons, for benchmarks and debugging. */
export interface ClassificationTrace extends Classification {
  /** The signals that decided, in the order of the reasons, each once; [] when nothing spoke. */
  decidedBy: SignalName[];
}

/** What one signal says: the categories it supports and why. */
interface Evidence {
  signal: SignalName;
  parts: readonly CategoryPart[];
  reason: string;
}

const PARTS: readonly CategoryPart[] = ["customerValue", "techDebt"];

/**
 * The category of a pull request and the reasons for it.
 *
 * `pull.files === null` means the changed files were not read, which skips signal 6.
 * `hypothesisDeclared` says whether the description carries a passing hypothesis, judged on
 * its content alone (no draft, bot or label exemption); the caller computes it.
 */
export function classifyPull(pull: PullFacts, choices: PersonLabelChoices, hypothesisDeclared: boolean, rules: ClassificationRules): Classification {
  const { value, reasons } = traceClassification(pull, choices, hypothesisDeclared, rules);
  return { value, reasons };
}

/** `classifyPull` that also names the deciding signals. */
export function traceClassification(
  pull: PullFacts,
  choices: PersonLabelChoices,
  hypothesisDeclared: boolean,
  rules: ClassificationRules,
): ClassificationTrace {
  // A person's added label beats everything, the `both` rule included.
  const added = personAddedEvidence(choices);
  if (added.length > 0) return settle(added, []);
  const facts = readFacts(pull);
  return applyVetoes(signalEvidence(facts, hypothesisDeclared, rules, true), choices);
}

/**
 * True when signals 1–5 do not decide, so the changed files (signal 6) could change the
 * category. The App reads the files only then. When it is false, `classifyPull` gives the same
 * category whether or not the files are passed.
 */
export function needsChangedFiles(pull: PullFacts, choices: PersonLabelChoices, rules: ClassificationRules): boolean {
  if (choices.customerValue === "added" || choices.techDebt === "added") return false;
  // Signal 6 can only say tech debt; with that vetoed, the category comes out the same without it.
  if (choices.techDebt === "removed") return false;
  if (rules.maxFiles < 1 || rules.debtPaths.isEmpty) return false;
  return signalEvidence(readFacts(pull), false, rules, false).length === 0;
}

/** The pull request's facts as the signals read them, tolerating what GitHub sends as null. */
interface Facts {
  title: string;
  body: string;
  author: string;
  headBranch: string;
  files: readonly string[] | null;
}

function readFacts(pull: PullFacts): Facts {
  return {
    title: textOf(pull.title),
    body: textOf(pull.body),
    author: textOf(pull.author),
    headBranch: textOf(pull.headBranch),
    files: Array.isArray(pull.files) ? pull.files.filter((file) => typeof file === "string") : null,
  };
}

// GitHub sends `body: null` for an empty description, and the faces may pass it through.
function textOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function personAddedEvidence(choices: PersonLabelChoices): Evidence[] {
  return PARTS.filter((part) => choiceOf(choices, part) === "added").map((part) => ({
    signal: "person-label",
    parts: [part],
    reason: personAddedReason(part),
  }));
}

function choiceOf(choices: PersonLabelChoices, part: CategoryPart): PersonLabelChoices[CategoryPart] {
  return part === "customerValue" ? choices.customerValue : choices.techDebt;
}

/**
 * Signals 2–7 and the `both` rule: the evidence of the first signal that speaks, plus the
 * hypothesis when the `both` rule applies. `withFiles: false` stops after signal 5.
 */
function signalEvidence(facts: Facts, hypothesisDeclared: boolean, rules: ClassificationRules, withFiles: boolean): Evidence[] {
  const ticked = tickedBoxEvidence(facts.body, rules);
  if (ticked.length > 0) return ticked;
  const fact =
    dependencyBotEvidence(facts.author, rules) ??
    titleTypeEvidence(facts.title, rules) ??
    branchPrefixEvidence(facts.headBranch, rules) ??
    (withFiles ? debtPathEvidence(facts.files, rules) : null);
  if (fact !== null) {
    if (!hypothesisDeclared || !fact.parts.includes("techDebt")) return [fact];
    return [fact, { signal: "hypothesis", parts: ["customerValue"], reason: HYPOTHESIS_ALSO_REASON }];
  }
  if (!withFiles || !hypothesisDeclared) return [];
  return [{ signal: "hypothesis", parts: ["customerValue"], reason: HYPOTHESIS_REASON }];
}

/** Signal 2. A ticked box is a person's word too, so the `both` rule does not extend it. */
function tickedBoxEvidence(body: string, rules: ClassificationRules): Evidence[] {
  const ticked = findTickedBoxes(body, rules.checkboxes);
  const evidence: Evidence[] = [];
  for (const part of PARTS) {
    const wording = ticked[part];
    if (wording !== null) evidence.push({ signal: "checkbox", parts: [part], reason: tickedBoxReason(wording) });
  }
  return evidence;
}

/** Signal 3. Only configured logins count: GitHub marks release and CI bots as bots too, and
 * their PRs are not dependency upgrades. */
function dependencyBotEvidence(author: string, rules: ClassificationRules): Evidence | null {
  const login = author.trim().toLowerCase();
  if (login === "" || !rules.bots.some((bot) => bot.trim().toLowerCase() === login)) return null;
  return { signal: "bot-author", parts: ["techDebt"], reason: dependencyBotReason(author.trim()) };
}

/**
 * Signal 4. A dependency scope makes any type tech debt: `fix(deps): update lodash` is an
 * upgrade, not a customer fix (Renovate and Dependabot write such titles, also under a person's
 * account). A type configured for both categories (a misconfiguration, but valid) says both.
 */
function titleTypeEvidence(title: string, rules: ClassificationRules): Evidence | null {
  const commit = conventionalCommit(title);
  if (commit === null) return null;
  const { type, scope } = commit;
  if (scope !== null && rules.dependencyScopes.some((configured) => configured.trim().toLowerCase() === scope)) {
    return { signal: "title-type", parts: ["techDebt"], reason: dependencyScopeReason(type, scope) };
  }
  const parts = PARTS.filter((part) => rules.titleTypes[part].some((configured) => configured.trim().toLowerCase() === type));
  if (parts.length === 0) return null;
  return { signal: "title-type", parts, reason: titleTypeReason(type) };
}

/**
 * Signal 5. The longest matching prefix wins, so a specific prefix (`fix/deps/`) can override a
 * general one of the other category (`fix/`); a prefix configured for both categories says both.
 */
function branchPrefixEvidence(branch: string, rules: ClassificationRules): Evidence | null {
  const folded = branch.toLowerCase();
  let best: { prefix: string; parts: CategoryPart[] } | null = null;
  for (const part of PARTS) {
    for (const prefix of rules.branchPrefixes[part]) {
      // An empty prefix would match every branch; the config should never hold one.
      if (prefix === "" || !folded.startsWith(prefix.toLowerCase())) continue;
      if (best === null || prefix.length > best.prefix.length) best = { prefix, parts: [part] };
      else if (prefix.length === best.prefix.length && !best.parts.includes(part)) best.parts.push(part);
    }
  }
  if (best === null) return null;
  return { signal: "branch-prefix", parts: best.parts, reason: branchPrefixReason(branch, best.prefix) };
}

/**
 * The most automaton steps signal 6 may take for one PR (~10 ms on one core): the paths' total
 * length times the number of globs. A PR over it is treated like one over `max-files`, so that
 * no PR, whatever its paths and the repository's globs, holds the process up. With the default
 * globs it allows ~2,800 files of 60 characters.
 */
export const MAX_PATH_MATCH_STEPS = 8_000_000;

/** Signal 6: at least one file, no more than `maxFiles`, and every one a debt path. */
function debtPathEvidence(files: readonly string[] | null, rules: ClassificationRules): Evidence | null {
  if (files === null || files.length === 0 || files.length > rules.maxFiles) return null;
  const matcher = rules.debtPaths;
  if (matcher.isEmpty) return null;
  const steps = files.reduce((total, file) => total + file.length, 0) * matcher.automata;
  if (steps > MAX_PATH_MATCH_STEPS || !files.every((file) => matcher.matches(file))) return null;
  return { signal: "debt-paths", parts: ["techDebt"], reason: debtPathsReason(files.length, matcher.isDefaultList) };
}

/**
 * A removed label is a veto that nothing overrides: the category comes from the other signals,
 * then the vetoed part is taken out of it (both − tech debt = customer value; tech debt − tech
 * debt = unclassified). The veto is named among the reasons only when it took something out.
 */
function applyVetoes(evidence: readonly Evidence[], choices: PersonLabelChoices): ClassificationTrace {
  const vetoed = new Set(PARTS.filter((part) => choiceOf(choices, part) === "removed"));
  const overruled = new Set<CategoryPart>();
  const kept: Evidence[] = [];
  for (const item of evidence) {
    for (const part of item.parts) if (vetoed.has(part)) overruled.add(part);
    const parts = item.parts.filter((part) => !vetoed.has(part));
    if (parts.length > 0) kept.push({ ...item, parts });
  }
  const vetoes: Evidence[] = PARTS.filter((part) => overruled.has(part)).map((part) => ({
    signal: "person-label",
    parts: [],
    reason: personRemovedReason(part),
  }));
  return settle(kept, vetoes);
}

/** The category that the evidence supports, with the vetoes first among the reasons. */
function settle(kept: readonly Evidence[], vetoes: readonly Evidence[]): ClassificationTrace {
  const supported = new Set(kept.flatMap((item) => item.parts));
  // After a veto took the debt signal out, the hypothesis stands alone: no "also".
  const keptReasons = kept.map((item, index) => (item.signal === "hypothesis" && index === 0 ? HYPOTHESIS_REASON : item.reason));
  const decidedBy: SignalName[] = [];
  for (const item of [...vetoes, ...kept]) if (!decidedBy.includes(item.signal)) decidedBy.push(item.signal);
  return {
    value: categoryOf(supported.has("customerValue"), supported.has("techDebt")),
    reasons: [...vetoes.map((item) => item.reason), ...keptReasons],
    decidedBy,
  };
}

function categoryOf(customerValue: boolean, techDebt: boolean): Category {
  if (customerValue && techDebt) return "both";
  if (customerValue) return "customer-value";
  return techDebt ? "tech-debt" : "unclassified";
}
