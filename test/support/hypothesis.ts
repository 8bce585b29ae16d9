import { judgeHypothesis } from "../../src/core/hypothesis/judge.ts";
import { extractHypothesis } from "../../src/core/hypothesis/parse.ts";
import type { Category, HypothesisRules, HypothesisVerdict, PullFacts } from "../../src/core/types.ts";

/**
 * The hypothesis check of PRODUCT.md §1 for one pull request, given the rules directly: the two
 * steps `evaluatePull` takes (extract, then judge for the category), without the classifier, so
 * a test can pin the category. `category` defaults to "unclassified", which is not exempt.
 */
export function checkHypothesis(pull: PullFacts, rules: HypothesisRules, category: Category = "unclassified"): HypothesisVerdict {
  const extracted = extractHypothesis(pull.body ?? "", { labels: rules.labels, sections: rules.sections });
  return judgeHypothesis(extracted, pull, rules, category);
}
