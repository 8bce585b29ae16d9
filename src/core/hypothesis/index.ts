import type { Category, HypothesisRules, HypothesisVerdict, PullFacts } from "../types.ts";
import { judgeHypothesis } from "./judge.ts";
import { extractHypothesis } from "./parse.ts";

export { DRAFT_REASON, judgeHypothesis } from "./judge.ts";
export { extractHypothesis } from "./parse.ts";
export type { ExtractOptions } from "./parse.ts";
export { assessFieldText, isMeasurable, isPlaceholder, DIRECTION_WORDS, MIN_WAIVER_REASON_WORDS } from "./field-quality.ts";
export type { FieldAssessment, FieldTextKind } from "./field-quality.ts";
export { FIELD_GUIDES, MEASURABLE_SUGGESTION, fixLine } from "./messages.ts";

/**
 * The hypothesis check of PRODUCT.md §1 for one pull request: extracts the hypothesis from its
 * description and judges it. Pure; `category` defaults to "unclassified", which is not exempt.
 */
export function checkHypothesis(
  pull: PullFacts,
  rules: HypothesisRules,
  category: Category = "unclassified",
): HypothesisVerdict {
  // GitHub sends `body: null` for an empty description; the faces may pass it through as is.
  const body = typeof pull.body === "string" ? pull.body : "";
  const extracted = extractHypothesis(body, { labels: rules.labels, sections: rules.sections });
  return judgeHypothesis(extracted, pull, rules, category);
}
