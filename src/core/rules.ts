// The configuration compiled into the rules the judge and the classifier apply: camelCase
// names, and the debt-path globs compiled into one matcher. Compiled once per configuration
// object, so the report's thousands of PRs and a webhook's two questions share one compile.
//
// Functions do not cross a thread boundary: the App's worker thread receives a structured clone
// of the configuration (src/app/judge.ts) and compiles its own rules from it.

import { compileDebtPaths } from "./classify/debt-paths.ts";
import { type Config, configSchema } from "./config/schema.ts";
import type { ClassificationRules, FieldKey, HypothesisRules } from "./types.ts";

export interface Rules {
  hypothesis: HypothesisRules;
  classification: ClassificationRules;
}

const FIELD_KEY_OF = {
  customer: "customer",
  outcome: "outcome",
  metric: "metric",
  "counter-signal": "counterSignal",
} as const satisfies Record<string, FieldKey>;

const compiled = new WeakMap<Config, Rules>();

/** The rules of a validated configuration, compiled on first use. */
export function compileRules(config: Config): Rules {
  let rules = compiled.get(config);
  if (rules === undefined) {
    rules = { hypothesis: hypothesisRules(config), classification: classificationRules(config) };
    compiled.set(config, rules);
  }
  return rules;
}

function hypothesisRules(config: Config): HypothesisRules {
  const h = config.hypothesis;
  return {
    mode: config.mode,
    required: h.required.map((name) => FIELD_KEY_OF[name]),
    requireMeasurable: h["require-measurable"],
    allowWaivers: h["allow-waivers"],
    sections: h.sections,
    labels: {
      customer: h.labels.customer,
      outcome: h.labels.outcome,
      metric: h.labels.metric,
      counterSignal: h.labels["counter-signal"],
    },
    skipLabels: h["skip-labels"],
    exemptCategories: h["exempt-categories"],
    bots: config.bots,
  };
}

const byCategory = (lists: { "customer-value": string[]; "tech-debt": string[] }) => ({
  customerValue: lists["customer-value"],
  techDebt: lists["tech-debt"],
});

function classificationRules(config: Config): ClassificationRules {
  const c = config.classification;
  return {
    bots: config.bots,
    checkboxes: byCategory(c.checkboxes),
    titleTypes: byCategory(c["title-types"]),
    dependencyScopes: c["dependency-scopes"],
    branchPrefixes: byCategory(c["branch-prefixes"]),
    debtPaths: compileDebtPaths(c["debt-paths"]),
    maxFiles: c["max-files"],
  };
}

/** The rules of an empty configuration: every default of PRODUCT.md §1 and §2. */
const DEFAULT_RULES = compileRules(configSchema.parse({}));
export const DEFAULT_HYPOTHESIS_RULES: HypothesisRules = DEFAULT_RULES.hypothesis;
export const DEFAULT_CLASSIFICATION_RULES: ClassificationRules = DEFAULT_RULES.classification;
