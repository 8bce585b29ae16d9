// PRODUCT.md §1's reading rules, on descriptions shaped like public pull-request templates that
// ask for a hypothesis, an expected impact or a success metric, filled the way engineers fill
// them: in place, half-way, with the template's hints and comments left in. Each case names the
// template style it stands for. The cases are ours; the shapes are what such templates look like.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config/load.ts";
import { evaluatePull } from "../../src/core/evaluate.ts";
import { DEFAULT_HYPOTHESIS_RULES } from "../../src/core/rules.ts";
import { checkHypothesis } from "../support/hypothesis.ts";
import type { FieldKey, PullFacts } from "../../src/core/types.ts";

function check(body: string) {
  const facts: PullFacts = { title: "feat: x", body, author: "octocat", authorIsBot: false, draft: false, labels: [], headBranch: "", files: null };
  return checkHypothesis(facts, DEFAULT_HYPOTHESIS_RULES, "customer-value");
}

interface Case {
  style: string;
  body: string;
  status: "pass" | "fail";
  fields?: Partial<Record<FieldKey, string | null>>;
  /** Problems expected, as `field:kind`. */
  problems?: string[];
}

const CUSTOMER = "**Customer:** support agents";
const OUTCOME = "**Outcome:** fewer mis-routed tickets";
const METRIC = "**Metric:** mis-routed tickets drop from 12 % to under 5 %";
const COUNTER = "**Counter-signal:** median handling time rises by more than 10 %";

const CASES: Case[] = [
  // --- A labelled field ends where the next line opens with a label, known or not. ---
  {
    style: "impact template: Metric left empty above the ticket line",
    body: [CUSTOMER, OUTCOME, "**Metric:**", "**Ticket:** SUP-1234", COUNTER].join("\n"),
    status: "fail",
    fields: { metric: null },
    problems: ["metric:missing"],
  },
  {
    style: "impact template: Metric with only its HTML-comment hint, above a rollout line with a number",
    body: [CUSTOMER, OUTCOME, "**Metric:** <!-- how will we know it worked? -->", "Rollout: 10% of accounts", COUNTER].join("\n"),
    status: "fail",
    fields: { metric: null },
  },
  {
    style: "impact template: Metric still holding its _hint_, above an owner line",
    body: [CUSTOMER, OUTCOME, "**Metric:** _what will you measure?_", "Owner: @growth", COUNTER].join("\n"),
    status: "fail",
    problems: ["metric:placeholder"],
  },
  {
    style: "impact template: a vague metric does not turn measurable by the next line's number",
    body: [CUSTOMER, OUTCOME, "**Metric:** customers are happier", "**Rollout:** 25 % of workspaces first", COUNTER].join("\n"),
    status: "fail",
    fields: { metric: "customers are happier" },
    problems: ["metric:vague"],
  },
  {
    style: "impact template, list items: the metric stops at the next item's own label",
    body: [
      "- Customer: support agents",
      "- Outcome: fewer mis-routed tickets",
      "- Metric:",
      "  Owner: @growth-team",
      "- Counter-signal: handling time rises by 10 %",
    ].join("\n"),
    status: "fail",
    fields: { metric: null },
  },
  {
    style: "impact template, filled: an unrelated labelled line after it stays out of the value",
    body: [CUSTOMER, OUTCOME, METRIC, "**Ticket:** SUP-1234", COUNTER].join("\n"),
    status: "pass",
    fields: { metric: "mis-routed tickets drop from 12 % to under 5 %" },
  },
  {
    style: "impact template, filled: a value continued on the next unlabelled line keeps it",
    body: [CUSTOMER, OUTCOME, "**Metric:** mis-routed tickets drop", "from 12 % to under 5 % within a sprint", COUNTER].join("\n"),
    status: "pass",
    fields: { metric: "mis-routed tickets drop from 12 % to under 5 % within a sprint" },
  },
  // --- Sentence forms: a clause ends at the end of its sentence or of its line. ---
  {
    style: "hypothesis card, one clause per line without full stops",
    body: [
      "We believe that bulk export",
      "will cut manual copying",
      "for finance admins",
      "We'll know we're right when exports per week rise above 200",
      "We'll know we're wrong if support tickets about exports increase",
    ].join("\n"),
    status: "pass",
    fields: {
      customer: "finance admins",
      outcome: "cut manual copying",
      metric: "exports per week rise above 200",
      counterSignal: "support tickets about exports increase",
    },
  },
  {
    style: "hypothesis card: a vague metric does not borrow the counter-signal line's number",
    body: [
      "We believe that bulk export will cut manual copying for finance admins.",
      "We'll know we're right when admins are happier",
      "We'll know we're wrong if exports fail more than 3 times a week",
    ].join("\n"),
    status: "fail",
    fields: { metric: "admins are happier" },
    problems: ["metric:vague"],
  },
  // --- `...` is a placeholder inside a clause, never a sentence end. ---
  {
    style: "hypothesis card filled in place, the template's ... kept after its cue words",
    body: [
      "## Hypothesis",
      "We believe that... bulk export will... cut manual copying for... finance admins.",
      "We'll know we're right when... exports per week rise above 200.",
      "We'll know we're wrong if... support tickets about exports increase.",
    ].join("\n"),
    status: "pass",
    fields: { customer: "finance admins", outcome: "cut manual copying" },
  },
  {
    style: "hypothesis card left as the template wrote it",
    body: "We believe that ... will ... for ....\nWe'll know we're right when ....\nWe'll know we're wrong if ....\n",
    status: "fail",
    fields: { customer: null, outcome: null, metric: null, counterSignal: null },
  },
  // --- Unfilled scaffolding is a placeholder. ---
  {
    style: "benefit-hypothesis card: a cue with its bracketed hint, then the next prompt",
    body: [CUSTOMER, "**Outcome:** Leads to [expected result]", "as seen by [who notices]", METRIC, COUNTER].join("\n"),
    status: "fail",
    problems: ["outcome:placeholder"],
  },
  {
    style: "audience picker: unticked options under the label are a question not yet answered",
    body: ["**Customer:**", "- [ ] Buyers", "- [ ] Sellers", "", OUTCOME, METRIC, COUNTER].join("\n"),
    status: "fail",
    problems: ["customer:placeholder"],
  },
  {
    style: "audience picker: a ticked option is the value",
    body: ["**Customer:**", "- [x] Sellers", "- [ ] Buyers", "", OUTCOME, METRIC, COUNTER].join("\n"),
    status: "pass",
    fields: { customer: "Sellers" },
  },
  // --- HTML comments are removed without changing what the rest of the line means. ---
  {
    style: "checklist template with a comment before each label",
    body: [
      "- <!-- who? --> Customer: support agents",
      "- <!-- what? --> Outcome: fewer mis-routed tickets",
      "- <!-- how do we know? --> Metric: mis-routed tickets drop below 5 %",
      "- <!-- and if not? --> Counter-signal: handling time rises by 10 %",
    ].join("\n"),
    status: "pass",
    fields: { customer: "support agents", metric: "mis-routed tickets drop below 5 %" },
  },
  {
    style: "impact template: the hint comment between label and value",
    body: [CUSTOMER, OUTCOME, "**Metric:** <!-- e.g. a rate --> mis-routed tickets drop below 5 %", COUNTER].join("\n"),
    status: "pass",
    fields: { metric: "mis-routed tickets drop below 5 %" },
  },
];

describe("the §1 reading rules on real template shapes", () => {
  for (const testCase of CASES) {
    it(testCase.style, () => {
      const verdict = check(testCase.body);
      expect(verdict.status).toBe(testCase.status);
      for (const [key, text] of Object.entries(testCase.fields ?? {})) {
        expect(verdict.fields[key as FieldKey], key).toBe(text);
      }
      for (const problem of testCase.problems ?? []) {
        expect(verdict.problems.map((p) => `${p.field}:${p.kind}`)).toContain(problem);
      }
    });
  }
});

describe("property: unrelated text never fills a missing field", () => {
  const FIELD_LINES: Record<FieldKey, string> = { customer: CUSTOMER, outcome: OUTCOME, metric: METRIC, counterSignal: COUNTER };
  const UNKNOWN_LABELS = ["Ticket", "Rollout", "Owner", "Notes", "Risk", "Links", "Release", "Jira"];
  const body = fc
    .record({
      present: fc.subarray(["customer", "outcome", "metric", "counterSignal"] as FieldKey[]),
      emptyLabels: fc.subarray(["customer", "outcome", "metric", "counterSignal"] as FieldKey[]),
      bold: fc.boolean(),
    })
    .map(({ present, emptyLabels, bold }) => ({
      present,
      lines: (["customer", "outcome", "metric", "counterSignal"] as FieldKey[]).flatMap((key) => {
        if (present.includes(key)) return [FIELD_LINES[key]];
        if (!emptyLabels.includes(key)) return [];
        const label = FIELD_LINES[key].split(":")[0] ?? "";
        return [bold ? `${label}:**` : `${label.replaceAll("*", "")}:`];
      }),
    }));
  const intruder = fc.oneof(
    fc
      .record({
        label: fc.constantFrom(...UNKNOWN_LABELS),
        value: fc.constantFrom("SUP-1234", "10% of accounts", "@growth", "drops by 50 %"),
        bold: fc.boolean(),
      })
      .map(({ label, value, bold }) => (bold ? `**${label}:** ${value}` : `${label}: ${value}`)),
    fc.constantFrom("<!-- metric: 20 % fewer errors -->", "<!-- Customer: everyone -->"),
  );

  it("appending an unrelated labelled line or an HTML comment after any line never makes a missing field present", () => {
    fc.assert(
      fc.property(body, intruder, fc.nat(), ({ lines }, extra, at) => {
        const before = check(lines.join("\n"));
        const position = lines.length === 0 ? 0 : (at % lines.length) + 1;
        const after = check([...lines.slice(0, position), extra, ...lines.slice(position)].join("\n"));
        for (const key of before.missing) expect(after.missing, `${key} after inserting ${JSON.stringify(extra)}`).toContain(key);
      }),
      { numRuns: 300 },
    );
  });
});

describe("signal 7 needs a declared customer outcome", () => {
  const config = parseConfig({});
  if (!config.ok) throw new Error("the default configuration must be valid");
  const facts = (body: string): PullFacts => ({
    title: "Route tickets by plan",
    body,
    author: "octocat",
    authorIsBot: false,
    draft: false,
    labels: [],
    headBranch: "",
    files: null,
  });

  it("a hypothesis whose outcome is waived can pass, but is not customer value", () => {
    const waived = evaluatePull(facts([CUSTOMER, "**Outcome:** N/A this is internal plumbing only", METRIC, COUNTER].join("\n")), config.config);
    expect(waived.hypothesis.status).toBe("pass");
    expect(waived.hypothesis.problems.map((p) => `${p.field}:${p.kind}`)).toEqual(["outcome:waived"]);
    expect(waived.category.value).toBe("unclassified");

    const declared = evaluatePull(facts([CUSTOMER, OUTCOME, METRIC, COUNTER].join("\n")), config.config);
    expect(declared.category.value).toBe("customer-value");
  });
});
