import type { Config } from "./config/schema.ts";
import { hypothesisRules } from "./config/load.ts";
import { checkHypothesis } from "./hypothesis/index.ts";
import type { Category, HypothesisVerdict, PullFacts } from "./types.ts";

/** PRODUCT.md §8: what `value-pr check --json` prints, and what the App and Action act on. */
export interface PullVerdict {
  hypothesis: HypothesisVerdict;
  category: { value: Category; reasons: string[] };
}

/**
 * The one verdict for a pull request. App, Action and CLI all call this with the same facts and
 * configuration, which is what keeps the three faces in agreement.
 */
export function evaluatePull(pull: PullFacts, config: Config): PullVerdict {
  // Classification (PRODUCT.md §2) is not built yet: every PR is unclassified for now, which
  // means no PR is exempted for being tech debt.
  const category = { value: "unclassified" as Category, reasons: [] as string[] };
  const h = checkHypothesis(pull, hypothesisRules(config), category.value);
  // Keys in the order PRODUCT.md §8 documents them, so printed JSON reads like the contract.
  const hypothesis: HypothesisVerdict = {
    status: h.status,
    reason: h.reason,
    fields: h.fields,
    missing: h.missing,
    problems: h.problems,
    valueType: h.valueType,
    review: h.review,
  };
  return { hypothesis, category };
}
