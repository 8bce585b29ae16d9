import { classifyPull, needsChangedFiles } from "./classify/index.ts";
import type { Config } from "./config/schema.ts";
import { extractHypothesis, judgeHypothesis } from "./hypothesis/index.ts";
import { compileRules } from "./rules.ts";
import type { Classification, HypothesisRules, HypothesisVerdict, PersonLabelChoices, PullFacts } from "./types.ts";

/** PRODUCT.md §8: what `value-pr check --json` prints, and what the App and Action act on. */
export interface PullVerdict {
  hypothesis: HypothesisVerdict;
  category: Classification;
}

export const NO_PERSON_CHOICES: PersonLabelChoices = { customerValue: null, techDebt: null };

/**
 * The one verdict for a pull request. App, Action and CLI all call this with the same facts and
 * configuration, which is what keeps the three faces in agreement.
 *
 * The category depends on whether the description declares a passing hypothesis (signal 7 and
 * the `both` rule), and the hypothesis requirement depends on the category (tech-debt PRs are
 * exempt). So the description is parsed once and judged twice: first on its content alone,
 * with no exemption, to learn whether it declares a hypothesis; then for real, with the category.
 */
export function evaluatePull(pull: PullFacts, config: Config, choices: PersonLabelChoices = NO_PERSON_CHOICES): PullVerdict {
  const { hypothesis: rules, classification } = compileRules(config);
  const extracted = extractHypothesis(pull.body ?? "", { labels: rules.labels, sections: rules.sections });
  const declared = declaresCustomerOutcome(judgeHypothesis(extracted, contentOnly(pull), contentRules(rules), "unclassified"));
  const category = classifyPull(pull, choices, declared, classification);
  const h = judgeHypothesis(extracted, pull, rules, category.value);
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

/**
 * Where a pull request is judged. Both questions are pure functions of their arguments; the App
 * asks them of a worker thread for long descriptions (src/app/judge.ts), so that reading 64 KB
 * of hostile Markdown never holds up its event loop. The Action and the CLI judge in-thread.
 */
export interface Judge {
  /** Whether the changed files could change the category (signal 6), so they are worth reading. */
  needsChangedFiles(facts: PullFacts, choices: PersonLabelChoices, config: Config): boolean | Promise<boolean>;
  evaluate(facts: PullFacts, config: Config, choices: PersonLabelChoices): PullVerdict | Promise<PullVerdict>;
}

export const IN_THREAD: Judge = {
  needsChangedFiles: (facts, choices, config) => needsChangedFiles(facts, choices, compileRules(config).classification),
  evaluate: evaluatePull,
};

/**
 * Signal 7 (PRODUCT.md §2): a passing hypothesis that declares a customer outcome. One whose
 * outcome is waived (`N/A …`) may pass, but says no customer outcome is served.
 */
function declaresCustomerOutcome(verdict: HypothesisVerdict): boolean {
  return verdict.status === "pass" && !verdict.problems.some((problem) => problem.field === "outcome" && problem.kind === "waived");
}

/** The PR as far as "does the text declare a hypothesis?" goes: no draft, label or bot exemption. */
function contentOnly(pull: PullFacts): PullFacts {
  return { ...pull, draft: false, labels: [], authorIsBot: false };
}

function contentRules(rules: HypothesisRules): HypothesisRules {
  return { ...rules, mode: "enforce", skipLabels: [], bots: [], exemptCategories: [] };
}

/**
 * Category labels already on a PR, read as a person's choice (signal 1). The CLI and a report on
 * unlabelled history have no label events to consult, so a label present is a label chosen.
 */
export function labelsAsPersonChoices(labels: readonly string[], config: Config): PersonLabelChoices {
  const has = (name: string) => labels.some((label) => label.toLowerCase() === name.toLowerCase());
  return {
    customerValue: has(config.labels["customer-value"]) ? "added" : null,
    techDebt: has(config.labels["tech-debt"]) ? "added" : null,
  };
}
