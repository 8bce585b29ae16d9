import type { Category, FieldKey } from "../types.ts";

// PRODUCT.md §1 defaults: the lists the config schema falls back to (src/core/config/schema.ts).
// The judge's rules are compiled from the configuration (src/core/rules.ts).

/** PRODUCT.md §1: the labels accepted for each field, case-insensitive. */
export const DEFAULT_FIELD_LABELS: Record<FieldKey, string[]> = {
  customer: ["Customer", "Who", "For", "Persona", "User", "Users", "Audience"],
  outcome: ["Outcome", "Expected outcome", "Value", "Benefit", "Change"],
  metric: ["Metric", "Success metric", "Signal", "Measure", "We'll know it worked when", "Success looks like"],
  counterSignal: ["Counter-signal", "Counter signal", "Falsified if", "We'll know it didn't help if", "Failure signal", "Kill criteria", "Guardrail"],
};

export const DEFAULT_SECTIONS = ["Outcome hypothesis", "Hypothesis"];

export const DEFAULT_BOTS = ["dependabot[bot]", "renovate[bot]", "pre-commit-ci[bot]"];

export const DEFAULT_SKIP_LABELS = ["no-hypothesis"];

export const DEFAULT_EXEMPT_CATEGORIES: Category[] = ["tech-debt"];

/**
 * Labels of the optional extra fields (PRODUCT.md §1). "Value type" must stay distinct from the
 * outcome label "Value": labels are matched on the whole label text, never on a prefix.
 */
export const DEFAULT_EXTRA_LABELS = {
  valueType: ["Value type", "Type of value", "Value category", "Kind of value"],
  review: ["Review", "Review date", "Review on", "Review by", "Review in", "Review after", "Outcome review", "Follow-up", "Follow up", "Check back"],
} as const satisfies Record<"valueType" | "review", readonly string[]>;

/** The canonical value types of PRODUCT.md §1, each with the phrasings that clearly mean it. */
export const VALUE_TYPE_SYNONYMS: Record<string, readonly string[]> = {
  "time saved": ["time saved", "time saving", "time savings", "saves time", "save time", "saved time", "time"],
  "cost reduced": [
    "cost reduced",
    "costs reduced",
    "cost reduction",
    "reduced cost",
    "reduced costs",
    "lower cost",
    "lower costs",
    "cost saving",
    "cost savings",
    "cost",
  ],
  "new capability": ["new capability", "new capabilities", "capability", "new feature", "feature"],
  "fewer errors": ["fewer errors", "less errors", "reduced errors", "error reduction", "fewer bugs", "fewer failures", "fewer incidents"],
  revenue: ["revenue", "more revenue", "increased revenue", "revenue increase", "revenue growth"],
};
