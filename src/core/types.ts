// The shapes shared by every part of the pure core. They mirror PRODUCT.md §8, the stable
// machine-readable contract, so the CLI's `--json` can print them without translation.

import type { DebtPathMatcher } from "./classify/debt-paths.ts";

export const FIELD_KEYS = ["customer", "outcome", "metric", "counterSignal"] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

export const CATEGORIES = ["customer-value", "tech-debt", "both", "unclassified"] as const;
export type Category = (typeof CATEGORIES)[number];

/** Where in the description a field was found. */
export type FieldShape = "labelled" | "table" | "heading" | "sentence";

export interface ExtractedField {
  /**
   * The field's value as written: the Markdown source of the value with HTML comments removed,
   * white space collapsed to single spaces and trimmed. It keeps Markdown punctuation (`_hint_`,
   * `[…]`, `<…>`) so the judge can recognise template placeholders.
   */
  text: string;
  /** The label as the author wrote it (e.g. "Success metric"), or the sentence-form cue. */
  label: string;
  shape: FieldShape;
}

/** When to ask whether the hypothesis held (PRODUCT.md §5): a day, or a delay after the merge. */
export type Review = { kind: "date"; date: string } | { kind: "after"; days: number } | { kind: "sprints"; sprints: number };

export interface ExtractedHypothesis {
  fields: Partial<Record<FieldKey, ExtractedField>>;
  /** Canonical value type ("time saved", "cost reduced", "new capability", "fewer errors",
   * "revenue") when it matches one, else the author's text; null when absent. */
  valueType: string | null;
  review: Review | null;
}

export type HypothesisStatus = "pass" | "fail" | "exempt" | "neutral";
export type ProblemKind = "missing" | "placeholder" | "vague" | "waived";

export interface Problem {
  field: FieldKey;
  kind: ProblemKind;
  /** An actionable sentence: what is wrong and what to write instead. It never quotes the PR. */
  message: string;
  /** A ready-to-paste Markdown line that fixes it; null for a note that needs no fix (an allowed waiver). */
  fix: string | null;
}

export interface HypothesisVerdict {
  status: HypothesisStatus;
  /** One sentence that explains the status. */
  reason: string;
  /** The text of each field that was found and counts (a waiver counts), else null. */
  fields: Record<FieldKey, string | null>;
  /** Required fields with nothing usable: absent, empty, placeholder or a bare N/A. */
  missing: FieldKey[];
  problems: Problem[];
  valueType: string | null;
  review: Review | null;
}

/** What the core needs to know about a pull request; every face builds this the same way. */
export interface PullFacts {
  title: string;
  body: string;
  author: string;
  /** GitHub says the author's account is a bot (user.type === "Bot"). */
  authorIsBot: boolean;
  draft: boolean;
  /** Label names currently on the PR. */
  labels: string[];
  headBranch: string;
  /** Changed file paths when known (null = not fetched). */
  files: string[] | null;
}

/** The rules the hypothesis judge applies; built from the validated configuration. */
export interface HypothesisRules {
  /** "advise" turns a failing verdict into neutral: the check never blocks. */
  mode: "enforce" | "advise";
  required: FieldKey[];
  requireMeasurable: boolean;
  allowWaivers: boolean;
  /** Heading names of the hypothesis section, matched case-insensitively. Fields inside the
   * section win over fields elsewhere; fields elsewhere still count. */
  sections: string[];
  /** Accepted labels for each field, matched case-insensitively. */
  labels: Record<FieldKey, string[]>;
  skipLabels: string[];
  /** Categories whose PRs need no hypothesis (default: tech-debt only). */
  exemptCategories: Category[];
  /** Logins treated as bots (exempt), in addition to accounts GitHub marks as bots. */
  bots: string[];
}

/** A person's latest action on a category label, read from GitHub's label events. */
export type PersonLabelAction = "added" | "removed";

/**
 * PRODUCT.md §2 signal 1: what people (not value-pr, not other bots) last did to each category
 * label. null = no person touched it. A person's choice always stands: an `added` label decides,
 * a `removed` label is never re-added.
 */
export interface PersonLabelChoices {
  customerValue: PersonLabelAction | null;
  techDebt: PersonLabelAction | null;
}

export interface Classification {
  value: Category;
  /** One short sentence per signal that decided, e.g. "title type `refactor`". */
  reasons: string[];
}

/** The classification rules (PRODUCT.md §2), built from the validated configuration. */
export interface ClassificationRules {
  /** Logins of dependency bots: their PRs are tech debt (signal 3). */
  bots: string[];
  /** Checkbox wording per category, matched case-insensitively (signal 2). */
  checkboxes: { customerValue: string[]; techDebt: string[] };
  /** Conventional-commit types per category (signal 4); other types give no signal. */
  titleTypes: { customerValue: string[]; techDebt: string[] };
  /** Title scopes that make any type tech debt (signal 4): `fix(deps): …` is an upgrade. */
  dependencyScopes: string[];
  /** Head-branch prefixes per category (signal 5). */
  branchPrefixes: { customerValue: string[]; techDebt: string[] };
  /** The globs of debt-only paths, compiled (signal 6): when every changed file matches, the PR is tech debt. */
  debtPaths: DebtPathMatcher;
  /** Above this many changed files, signal 6 is skipped (reading them would cost too much). */
  maxFiles: number;
}
