import type { FieldKey, HypothesisRules } from "../types.ts";

/** PRODUCT.md §1: the labels accepted for each field, case-insensitive. */
export const DEFAULT_FIELD_LABELS: Record<FieldKey, string[]> = {
  customer: ["Customer", "Who", "For", "Persona", "User", "Users", "Audience"],
  outcome: ["Outcome", "Expected outcome", "Value", "Benefit", "Change"],
  metric: [
    "Metric",
    "Success metric",
    "Signal",
    "Measure",
    "We'll know it worked when",
    "Success looks like",
  ],
  counterSignal: [
    "Counter-signal",
    "Counter signal",
    "Falsified if",
    "We'll know it didn't help if",
    "Failure signal",
    "Kill criteria",
    "Guardrail",
  ],
};

export const DEFAULT_SECTIONS = ["Outcome hypothesis", "Hypothesis"];

export const DEFAULT_BOTS = ["dependabot[bot]", "renovate[bot]", "pre-commit-ci[bot]"];

/** The rules with every default of PRODUCT.md §1; the config schema produces the same. */
export const DEFAULT_HYPOTHESIS_RULES: HypothesisRules = {
  mode: "enforce",
  required: ["customer", "outcome", "metric", "counterSignal"],
  requireMeasurable: true,
  allowWaivers: true,
  sections: DEFAULT_SECTIONS,
  labels: DEFAULT_FIELD_LABELS,
  skipLabels: ["no-hypothesis"],
  exemptCategories: ["tech-debt"],
  bots: DEFAULT_BOTS,
};
