import { describe, expect, it } from "vitest";
import { DEFAULT_HYPOTHESIS_RULES } from "../../src/core/rules.ts";
import { checkHypothesis } from "../support/hypothesis.ts";
import type { PullFacts } from "../../src/core/types.ts";

// A pull request template as a team would keep it in .github/pull_request_template.md.
const UNFILLED_TEMPLATE = `## What changed
<!-- Describe the change and link the issue. -->

## Outcome hypothesis
<!--
Who benefits, what improves for them, and how will we know?
Example:
**Customer:** support agents
**Metric:** median handling time drops from 6 to 4 minutes
-->

**Customer:** _who benefits?_
**Outcome:** _what improves for them?_
**Metric:** <how will we know it worked? e.g. p95 checkout under 2 s>
**Counter-signal:** [how would we know it did not help?]

**Value type:** <!-- time saved | cost reduced | new capability | fewer errors | revenue -->
**Review in:** 30 days

## Type of change
- [ ] Customer value
- [ ] Tech debt

## Checklist
- [ ] Tests cover the change
- [ ] Docs updated
`;

const FILLED_TEMPLATE = UNFILLED_TEMPLATE.replace("_who benefits?_", "support agents triaging billing tickets")
  .replace("_what improves for them?_", "they see the customer's plan without opening the billing tool")
  .replace("<how will we know it worked? e.g. p95 checkout under 2 s>", "median handling time of billing tickets drops from 6 to 4 minutes")
  .replace("[how would we know it did not help?]", "reopened billing tickets rise above 5 %")
  .replace("<!-- time saved | cost reduced | new capability | fewer errors | revenue -->", "time saved")
  .replace("- [ ] Customer value", "- [x] Customer value");

function pull(body: string): PullFacts {
  return {
    title: "feat(billing): show plan in ticket sidebar",
    body,
    author: "octocat",
    authorIsBot: false,
    draft: false,
    labels: [],
    headBranch: "feat/plan-sidebar",
    files: null,
  };
}

describe("a realistic pull request template", () => {
  it("passes once filled in", () => {
    expect(checkHypothesis(pull(FILLED_TEMPLATE), DEFAULT_HYPOTHESIS_RULES)).toEqual({
      status: "pass",
      reason: "All four fields are declared.",
      fields: {
        customer: "support agents triaging billing tickets",
        outcome: "they see the customer's plan without opening the billing tool",
        metric: "median handling time of billing tickets drops from 6 to 4 minutes",
        counterSignal: "reopened billing tickets rise above 5 %",
      },
      missing: [],
      problems: [],
      valueType: "time saved",
      review: { kind: "after", days: 30 },
    });
  });

  it("fails with four placeholder problems when left unfilled", () => {
    const verdict = checkHypothesis(pull(UNFILLED_TEMPLATE), DEFAULT_HYPOTHESIS_RULES);
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toBe("Missing customer, outcome, metric and counter-signal.");
    expect(verdict.fields).toEqual({ customer: null, outcome: null, metric: null, counterSignal: null });
    expect(verdict.missing).toEqual(["customer", "outcome", "metric", "counterSignal"]);
    expect(verdict.problems.map((problem) => [problem.field, problem.kind])).toEqual([
      ["customer", "placeholder"],
      ["outcome", "placeholder"],
      ["metric", "placeholder"],
      ["counterSignal", "placeholder"],
    ]);
    expect(verdict.problems[0]?.message).toBe("The customer still holds a template placeholder; replace it with who benefits.");
    expect(verdict.valueType).toBeNull();
    expect(verdict.review).toEqual({ kind: "after", days: 30 });
  });

  it("passes when the author answers in the sentence form instead of the fields", () => {
    const body = `${UNFILLED_TEMPLATE}\nWe believe that showing the plan in the sidebar will cut lookups for support agents. We'll know we're right when lookups drop by 30 %. We'll know we're wrong if handling time rises.`;
    const verdict = checkHypothesis(pull(body), DEFAULT_HYPOTHESIS_RULES);
    expect(verdict.status).toBe("pass");
    expect(verdict.fields).toEqual({
      customer: "support agents",
      outcome: "cut lookups",
      metric: "lookups drop by 30 %",
      counterSignal: "handling time rises",
    });
  });
});
