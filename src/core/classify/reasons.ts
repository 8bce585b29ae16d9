// The reason sentences of a classification. They are shown in Markdown (the PR comment, the
// check run, the report), so every name goes into a code span, and nothing the author wrote
// (title, description) is echoed: only the matched type or prefix, the login and the branch,
// which GitHub restricts and which are cut short here.

import { truncate } from "../text.ts";
import { code, quote } from "../render/quote.ts";

export type CategoryPart = "customerValue" | "techDebt";

/** A branch name is the one author-chosen name a reason shows in full; keep it to a line. */
const MAX_BRANCH_LENGTH = 80;
/** Checkbox wording comes from the configuration; it is still quoted, to keep Markdown inert. */
const MAX_WORDING_LENGTH = 60;

const PART_WORDS: Record<CategoryPart, string> = { customerValue: "customer value", techDebt: "tech debt" };
const PART_LABELS: Record<CategoryPart, string> = { customerValue: "customer-value", techDebt: "tech-debt" };

export function personAddedReason(part: CategoryPart): string {
  return `a person labelled it ${PART_WORDS[part]}`;
}

/** The caller knows label events, not our label names, so the default names stand for them. */
export function personRemovedReason(part: CategoryPart): string {
  return `a person removed the ${PART_LABELS[part]} label`;
}

export function tickedBoxReason(wording: string): string {
  return `“${quote(wording, MAX_WORDING_LENGTH)}” is ticked in the description`;
}

export function dependencyBotReason(login: string): string {
  return `author ${code(login)} is a dependency bot`;
}

export function titleTypeReason(type: string): string {
  return `title type ${code(type)}`;
}

export function dependencyScopeReason(type: string, scope: string): string {
  return `title ${code(`${type}(${scope})`)}: a dependency upgrade`;
}

export function branchPrefixReason(branch: string, prefix: string): string {
  return `branch ${code(truncate(branch, MAX_BRANCH_LENGTH))} starts with ${code(prefix)}`;
}

export function debtPathsReason(fileCount: number, isDefaultList: boolean): string {
  const files = fileCount === 1 ? "1 file" : `${fileCount} files`;
  // Custom globs may cover anything, so only the default list is described by its groups.
  const what = isDefaultList ? "is a test, CI, lockfile or lint path" : "matches a configured debt path";
  return `every changed file ${what} (${files})`;
}

export const HYPOTHESIS_REASON = "the description declares a passing hypothesis";
/** The `both` rule: a debt signal spoke first, and the hypothesis adds customer value. */
export const HYPOTHESIS_ALSO_REASON = "the description also declares a passing hypothesis";
