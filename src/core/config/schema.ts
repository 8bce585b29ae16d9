import * as z from "zod";
import { globListProblem } from "../glob.ts";
import { DEFAULT_BOTS, DEFAULT_EXEMPT_CATEGORIES, DEFAULT_FIELD_LABELS, DEFAULT_SECTIONS, DEFAULT_SKIP_LABELS } from "../hypothesis/defaults.ts";
import { CATEGORIES } from "../types.ts";
import { DEFAULT_BRANCH_PREFIXES, DEFAULT_CHECKBOXES, DEFAULT_DEBT_PATHS, DEFAULT_DEPENDENCY_SCOPES, DEFAULT_TITLE_TYPES } from "../classify/defaults.ts";
import { DEFAULT_LINES_IGNORE, REPORT_LABEL } from "../report/defaults.ts";
import { isIsoDay, isMonday, isTimeZone } from "../report/period.ts";
import { PERIOD_KINDS } from "../report/types.ts";

// The one source of truth for `.github/value-pr.yml` (PRODUCT.md §6): the types, the defaults,
// the validation errors, the published JSON Schema and the docs' reference table all come from
// here. Keys are kebab-case; every key has a default, so an empty or absent file is valid.

/** YAML spells the fourth field `counter-signal`; the core and the JSON contract `counterSignal`. */
export const CONFIG_FIELD_NAMES = ["customer", "outcome", "metric", "counter-signal"] as const;

// Every text and list is capped: value-pr applies the configuration to every PR and quotes its
// errors in a check run, so no file may make either expensive.
const MAX_TEXT_LENGTH = 256;
const MAX_LIST_LENGTH = 200;

const text = (what: string) =>
  z
    .string({ error: `expected a ${what} as a string` })
    .trim()
    .min(1, { error: `expected a non-empty ${what}` })
    .max(MAX_TEXT_LENGTH, { error: `expected at most ${MAX_TEXT_LENGTH} characters` });

const listOf = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: `expected a list of ${what}s` }).max(MAX_LIST_LENGTH, { error: `expected at most ${MAX_LIST_LENGTH} ${what}s` });

const labelList = listOf(text("label"), "label").min(1, { error: "expected at least one label" });

const stringList = (what: string) => listOf(text(what), what);

/**
 * Path globs, compiled at load: a glob value-pr cannot use, or cannot match in linear time, is
 * refused by its key path.
 */
const globList = () =>
  listOf(text("glob"), "glob").check((ctx) => {
    // A glob over the length cap is refused for its length already; the others are still checked.
    const problem = globListProblem(ctx.value.map((glob) => (glob.length > MAX_TEXT_LENGTH ? "" : glob)));
    if (problem !== null) ctx.issues.push({ code: "custom", message: problem.message, input: ctx.value, path: [problem.index] });
  });

const percentage = (fallback: number, description: string) =>
  z.number({ error: "expected a number from 0 to 100" }).min(0).max(100).default(fallback).describe(description);

const hypothesisSchema = z
  .strictObject({
    "check-name": z
      .string({ error: "expected the check's name as a string" })
      .trim()
      .min(1, { error: "expected a non-empty check name" })
      .max(100, { error: "expected at most 100 characters" })
      .default("Outcome hypothesis")
      .describe("Name of the status check on every pull request."),
    required: z
      .array(z.enum(CONFIG_FIELD_NAMES, { error: `expected one of ${CONFIG_FIELD_NAMES.join(", ")}` }), {
        error: "expected a list of field names",
      })
      .default([...CONFIG_FIELD_NAMES])
      .describe("Fields the description must declare."),
    "require-measurable": z
      .boolean({ error: "expected true or false" })
      .default(true)
      .describe("The metric must name something observable: a number, a percentage or a direction."),
    "allow-waivers": z
      .boolean({ error: "expected true or false" })
      .default(true)
      .describe("`N/A` with a reason of three words or more counts as a declared field."),
    sections: stringList("heading").default(DEFAULT_SECTIONS).describe("Headings of the hypothesis section; fields under them win over fields elsewhere."),
    labels: z
      .strictObject({
        customer: labelList.default(DEFAULT_FIELD_LABELS.customer).describe("Labels of “who benefits?”."),
        outcome: labelList.default(DEFAULT_FIELD_LABELS.outcome).describe("Labels of “what improves for them?”."),
        metric: labelList.default(DEFAULT_FIELD_LABELS.metric).describe("Labels of “how will we know it worked?”."),
        "counter-signal": labelList.default(DEFAULT_FIELD_LABELS.counterSignal).describe("Labels of “how would we know it did not help?”."),
      })
      .prefault({})
      .describe("Accepted labels for each field (case-insensitive). A list replaces the default list."),
    "skip-labels": stringList("label").default(DEFAULT_SKIP_LABELS).describe("PRs with any of these labels are exempt."),
    "exempt-categories": z
      .array(z.enum(CATEGORIES, { error: `expected one of ${CATEGORIES.join(", ")}` }), {
        error: "expected a list of categories",
      })
      .default(DEFAULT_EXEMPT_CATEGORIES)
      .describe("PRs of these categories need no hypothesis."),
  })
  .prefault({});

const commentSchema = z
  .strictObject({
    enabled: z.boolean({ error: "expected true or false" }).default(true).describe("Post one explanatory comment per pull request, edited in place."),
    "bot-prs": z
      .boolean({ error: "expected true or false" })
      .default(false)
      .describe("Also comment on PRs opened by bots (their check says enough by default)."),
  })
  .prefault({});

const perCategory = (what: string, defaults: { customerValue: string[]; techDebt: string[] }, description: string) =>
  z
    .strictObject({
      "customer-value": stringList(what).default(defaults.customerValue),
      "tech-debt": stringList(what).default(defaults.techDebt),
    })
    .prefault({})
    .describe(description);

const labelName = (fallback: string, description: string) =>
  z
    .string({ error: "expected a label name" })
    .trim()
    .min(1, { error: "expected a non-empty label name" })
    .max(50, { error: "expected at most 50 characters (GitHub's label limit)" })
    .default(fallback)
    .describe(description);

const labelsSchema = z
  .strictObject({
    "customer-value": labelName("customer-value", "Label for PRs that serve a customer outcome."),
    "tech-debt": labelName("tech-debt", "Label for tech-debt PRs. A PR that is both gets both labels."),
    enabled: z.boolean({ error: "expected true or false" }).default(true).describe("Add and remove the category labels."),
  })
  .prefault({});

const classificationSchema = z
  .strictObject({
    checkboxes: perCategory("checkbox text", DEFAULT_CHECKBOXES, "Ticked boxes in the description that decide the category (`- [x] Tech debt`)."),
    "title-types": perCategory("commit type", DEFAULT_TITLE_TYPES, "Conventional-commit types of the title (`type(scope)!: …`) per category."),
    "dependency-scopes": stringList("scope")
      .default(DEFAULT_DEPENDENCY_SCOPES)
      .describe("Title scopes that make any commit type tech debt: `fix(deps): update lodash` is an upgrade."),
    "branch-prefixes": perCategory("branch prefix", DEFAULT_BRANCH_PREFIXES, "Head-branch prefixes per category."),
    "debt-paths": globList().default(DEFAULT_DEBT_PATHS).describe("Globs of tests, CI, lockfiles and lint configs: a PR touching only these is tech debt."),
    "max-files": z
      .number({ error: "expected a whole number of files from 0 to 3000" })
      .int({ error: "expected a whole number of files from 0 to 3000" })
      .min(0)
      .max(3000)
      .default(3000)
      .describe("PRs with more changed files skip the debt-paths signal (GitHub lists at most 3,000)."),
  })
  .prefault({});

const budgetSchema = z
  .strictObject({
    target: percentage(15, "Share of merged work meant for tech debt, in percent."),
    tolerance: z
      .number({ error: "expected a number of percentage points from 0 to 50" })
      .min(0)
      .max(50)
      .default(5)
      .describe("Points either side of the target that still count as on budget."),
    weight: z
      .enum(["pulls", "lines"], { error: "expected pulls or lines" })
      .default("pulls")
      .describe("Count each PR once (pulls) or by lines changed (lines)."),
    period: z
      .enum(PERIOD_KINDS, { error: `expected one of ${PERIOD_KINDS.join(", ")}` })
      .default("sprint")
      .describe("Reporting period: sprints, ISO weeks (Monday to Sunday) or calendar months."),
    "sprint-days": z
      .number({ error: "expected a whole number of days from 1 to 90" })
      .int({ error: "expected a whole number of days from 1 to 90" })
      .min(1)
      .max(90)
      .default(14)
      .describe("Length of a sprint in days."),
    "sprint-start": z
      .string({ error: "expected a Monday as YYYY-MM-DD" })
      .refine((day) => isIsoDay(day) && isMonday(day), { error: "expected a Monday as YYYY-MM-DD" })
      .default("2024-01-01")
      .describe("Any Monday on which a sprint starts; sprints repeat from it in both directions."),
    "time-zone": z
      .string({ error: "expected an IANA time zone such as UTC or Europe/Berlin" })
      .refine(isTimeZone, { error: "expected an IANA time zone such as UTC or Europe/Berlin" })
      .default("UTC")
      .describe("Time zone in which days, and so periods, start and end."),
    branch: text("branch name").optional().describe("Count PRs merged into this branch (default: the repository's default branch)."),
    "exclude-authors": stringList("login").default([]).describe("Leave PRs by these authors out of the report."),
    "exclude-labels": stringList("label").default([]).describe("Leave PRs with any of these labels out of the report."),
    "lines-ignore": globList()
      .default(DEFAULT_LINES_IGNORE)
      .describe("With weight `lines`, changes to these paths (lockfiles, snapshots, generated and vendored files) do not count."),
  })
  .prefault({});

const reportSchema = z
  .strictObject({
    enabled: z
      .boolean({ error: "expected true or false" })
      .default(true)
      .describe("The App posts the report on its own schedule (the `/value-pr report` command works either way)."),
    label: labelName(REPORT_LABEL, "Label of the report issues; value-pr finds its issues by it."),
    trend: z
      .number({ error: "expected a whole number of periods from 1 to 24" })
      .int({ error: "expected a whole number of periods from 1 to 24" })
      .min(1)
      .max(24)
      .default(6)
      .describe("Periods in the trend chart, the reported one included."),
    "org-repo": z
      .string({ error: "expected a repository name" })
      .trim()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, { error: "expected a repository name such as `.github` (letters, digits, `.`, `-`, `_`)" })
      .default(".github")
      .describe(
        "In the organisation's `.github` configuration: the repository of the organisation's report issues. Its periods, target and weight are the organisation's.",
      ),
  })
  .prefault({});

const days = (fallback: number, description: string) =>
  z
    .number({ error: "expected a whole number of days from 1 to 3650" })
    .int({ error: "expected a whole number of days from 1 to 3650" })
    .min(1)
    .max(3650)
    .default(fallback)
    .describe(description);

const followUpSchema = z
  .strictObject({
    enabled: z
      .boolean({ error: "expected true or false" })
      .default(true)
      .describe("After merge, ask on the PR whether its hypothesis held, and count the answers in the report."),
    "after-days": days(
      30,
      "Days after the merge to ask, when the hypothesis names no review date (`Review: 2026-12-15`, `Review in: 30 days`, `Review after: 2 sprints`).",
    ),
    "overdue-days": days(14, "Days a review may stay unanswered after it fell due before the report lists it as overdue."),
    "also-ask": stringList("login").default([]).describe("Logins asked besides the PR's author (a product manager, say)."),
    labels: z
      .strictObject({
        due: labelName("outcome: due", "Label of a merged PR whose review is due."),
        validated: labelName("outcome: validated", "Label of a PR whose hypothesis held."),
        refuted: labelName("outcome: refuted", "Label of a PR whose hypothesis did not hold."),
        inconclusive: labelName("outcome: inconclusive", "Label of a PR whose review could not tell."),
      })
      .prefault({})
      .describe("The outcome labels."),
  })
  .prefault({});

export const configSchema = z
  .strictObject({
    _extends: z
      .string({ error: "expected a repository name such as `.github` or `org/repo:path.yml`" })
      .max(MAX_TEXT_LENGTH, { error: `expected at most ${MAX_TEXT_LENGTH} characters` })
      .optional()
      .describe("Inherit from another repository's config (Probot `_extends`)."),
    mode: z
      .enum(["enforce", "advise"], { error: "expected enforce or advise" })
      .default("enforce")
      .describe("`advise` reports failing hypotheses as neutral: the check never blocks a merge."),
    bots: stringList("login").default(DEFAULT_BOTS).describe("Dependency-bot logins: their PRs are tech debt, exempt from the hypothesis, and get no comment."),
    hypothesis: hypothesisSchema,
    labels: labelsSchema,
    classification: classificationSchema,
    comment: commentSchema,
    budget: budgetSchema,
    report: reportSchema,
    "follow-up": followUpSchema,
  })
  .describe("value-pr configuration (.github/value-pr.yml)");

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** The JSON Schema editors use for `.github/value-pr.yml` (input side: every key optional). */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: "input" }) as Record<string, unknown>;
}
