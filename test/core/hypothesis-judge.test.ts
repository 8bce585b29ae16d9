import { describe, expect, it } from "vitest";
import { DEFAULT_HYPOTHESIS_RULES } from "../../src/core/rules.ts";
import { checkHypothesis } from "../support/hypothesis.ts";
import type { Category, HypothesisRules, HypothesisVerdict, PullFacts } from "../../src/core/types.ts";

const COMPLETE = {
  customer: "**Customer:** support agents",
  outcome: "**Outcome:** they route tickets without switching tabs",
  metric: "**Metric:** median handling time drops from 6 to 4 minutes",
  counterSignal: "**Counter-signal:** reopened tickets rise above 5 %",
};

/** A complete hypothesis with some lines replaced. */
function body(replacements: Partial<Record<keyof typeof COMPLETE, string>> = {}): string {
  return Object.values({ ...COMPLETE, ...replacements }).join("\n");
}

function pull(overrides: Partial<PullFacts> = {}): PullFacts {
  return {
    title: "feat: route tickets",
    body: body(),
    author: "octocat",
    authorIsBot: false,
    draft: false,
    labels: [],
    headBranch: "feat/routing",
    files: null,
    ...overrides,
  };
}

function check(facts: Partial<PullFacts> = {}, rules: Partial<HypothesisRules> = {}, category?: Category): HypothesisVerdict {
  return checkHypothesis(pull(facts), { ...DEFAULT_HYPOTHESIS_RULES, ...rules }, category);
}

const COMPLETE_FIELDS = {
  customer: "support agents",
  outcome: "they route tickets without switching tabs",
  metric: "median handling time drops from 6 to 4 minutes",
  counterSignal: "reopened tickets rise above 5 %",
};

describe("a complete hypothesis", () => {
  it("passes with every field and no problems", () => {
    expect(check()).toEqual({
      status: "pass",
      reason: "All four fields are declared.",
      fields: COMPLETE_FIELDS,
      missing: [],
      problems: [],
      valueType: null,
      review: null,
    });
  });

  it("carries the value type and review", () => {
    const verdict = check({ body: `${body()}\nValue type: fewer errors\nReview: 2026-12-15` });
    expect(verdict.valueType).toBe("fewer errors");
    expect(verdict.review).toEqual({ kind: "date", date: "2026-12-15" });
  });
});

describe("missing fields", () => {
  it("lists missing required fields in canonical order with a ready-to-paste fix each", () => {
    const verdict = check({ body: `${COMPLETE.counterSignal}\n${COMPLETE.outcome}\n${COMPLETE.customer}` });
    expect(verdict).toEqual({
      status: "fail",
      reason: "Missing metric.",
      fields: { ...COMPLETE_FIELDS, metric: null },
      missing: ["metric"],
      problems: [
        {
          field: "metric",
          kind: "missing",
          message: "Add how you will know it worked.",
          fix: "**Metric:** <what you will observe, e.g. median handling time drops from 6 to 4 minutes>",
        },
      ],
      valueType: null,
      review: null,
    });
  });

  it("says exactly which fields are missing", () => {
    expect(check({ body: `${COMPLETE.customer}\n${COMPLETE.outcome}` }).reason).toBe("Missing metric and counter-signal.");
    expect(check({ body: "" }).reason).toBe("Missing customer, outcome, metric and counter-signal.");
  });

  it("gives the customer fix of the product brief", () => {
    const verdict = check({ body: body({ customer: "" }) });
    expect(verdict.problems).toEqual([
      {
        field: "customer",
        kind: "missing",
        message: "Add who benefits.",
        fix: "**Customer:** <who benefits, e.g. support agents triaging tickets>",
      },
    ]);
  });

  it("treats an empty field and a field holding only a comment as missing", () => {
    const verdict = check({ body: body({ customer: "**Customer:**", outcome: "**Outcome:** <!-- what improves? -->" }) });
    expect(verdict.missing).toEqual(["customer", "outcome"]);
    expect(verdict.fields.customer).toBeNull();
    expect(verdict.problems.map((problem) => [problem.field, problem.kind])).toEqual([
      ["customer", "missing"],
      ["outcome", "missing"],
    ]);
    expect(verdict.problems[0]?.message).toBe("The customer is declared but empty; add who benefits.");
  });

  it("fails a commented-out template", () => {
    const commented = `<!--\n${body()}\n-->`;
    expect(check({ body: commented }).missing).toEqual(["customer", "outcome", "metric", "counterSignal"]);
  });
});

describe("placeholders", () => {
  it.each([
    "[describe]",
    "[TBD]",
    "<metric>",
    "<what you will observe>",
    "{metric}",
    "{{ metric }}",
    "_how will we know it worked?_",
    "*hint in asterisks*",
    "***bold italic hint***",
    "_[metric]_",
    "TBD",
    "TBD.",
    "tbd",
    "TODO",
    "todo!",
    "…",
    "...",
    "-",
    "—",
    "?",
    "??",
    "TODO: add the metric later",
    "TBD after the design review",
  ])("%j is a placeholder", (placeholder) => {
    const verdict = check({ body: body({ metric: `**Metric:** ${placeholder}` }) });
    expect(verdict.status).toBe("fail");
    expect(verdict.missing).toEqual(["metric"]);
    expect(verdict.fields.metric).toBeNull();
    expect(verdict.problems).toEqual([
      {
        field: "metric",
        kind: "placeholder",
        message: "The metric still holds a template placeholder; replace it with how you will know it worked.",
        fix: "**Metric:** <what you will observe, e.g. median handling time drops from 6 to 4 minutes>",
      },
    ]);
  });

  it.each([
    ["bold text an author chose", "**support agents**"],
    ["a link", "[support agents](https://example.com/personas#agents)"],
    ["text with a bracket inside", "agents [night shift] and admins"],
    ["a hint followed by an answer", "_who benefits?_ support agents"],
    ["two separate hints", "_agents_ and _admins_"],
    ["a word that merely starts like a placeholder", "Todo list users"],
  ])("%s is a value", (_, value) => {
    const verdict = check({ body: body({ customer: `**Customer:** ${value}` }) });
    expect(verdict.status).toBe("pass");
    expect(verdict.fields.customer).toBe(value);
  });
});

describe("N/A and waivers", () => {
  it.each(["N/A", "n/a", "NA", "n.a.", "None", "none.", "nil", "*N/A*", "Not applicable", "N/A (refactor)", "N/A: internal only"])(
    "a bare %j is missing",
    (value) => {
      const verdict = check({ body: body({ counterSignal: `**Counter-signal:** ${value}` }) });
      expect(verdict.status).toBe("fail");
      expect(verdict.missing).toEqual(["counterSignal"]);
      expect(verdict.fields.counterSignal).toBeNull();
      expect(verdict.problems).toEqual([
        {
          field: "counterSignal",
          kind: "missing",
          message:
            'A bare "N/A" does not count as the counter-signal; add how you would know it did not help, or waive it with a reason of three words or more ("N/A — <why it does not apply>").',
          fix: "**Counter-signal:** <what would show it did not help, e.g. reopened tickets rise above 5 %>",
        },
      ]);
    },
  );

  it("counts N/A with a reason of three or more words as a waiver that passes", () => {
    const waiver = "N/A — internal tooling, no customer-facing change";
    const verdict = check({ body: body({ customer: `**Customer:** ${waiver}` }) });
    expect(verdict).toEqual({
      status: "pass",
      reason: "All four fields are declared (customer waived).",
      fields: { ...COMPLETE_FIELDS, customer: waiver },
      missing: [],
      problems: [
        {
          field: "customer",
          kind: "waived",
          message: "The customer is waived with a reason; if it does apply after all, add who benefits.",
          fix: null,
        },
      ],
      valueType: null,
      review: null,
    });
  });

  it.each([
    "n/a internal tooling only",
    "N/A: no user-facing change here",
    "None — this only touches CI",
    "**N/A** (pure refactor, behaviour unchanged)",
    "Not applicable: nobody outside the team",
  ])("%j is a waiver", (waiver) => {
    const verdict = check({ body: body({ counterSignal: `**Counter-signal:** ${waiver}` }) });
    expect(verdict.status).toBe("pass");
    expect(verdict.problems.map((problem) => problem.kind)).toEqual(["waived"]);
  });

  it.each(["None of the admins complain within a week", "NA customers see checkout sooner"])("%j is an ordinary value, not a waiver", (value) => {
    const verdict = check({ body: body({ counterSignal: `**Counter-signal:** ${value}` }) });
    expect(verdict.problems).toEqual([]);
    expect(verdict.fields.counterSignal).toBe(value);
  });

  it("fails a waiver when waivers are disabled, without calling the field missing", () => {
    const waiver = "N/A — internal tooling, no customer-facing change";
    const verdict = check({ body: body({ outcome: `**Outcome:** ${waiver}` }) }, { allowWaivers: false });
    expect(verdict).toEqual({
      status: "fail",
      reason: "The outcome is waived but waivers are disabled.",
      fields: { ...COMPLETE_FIELDS, outcome: waiver },
      missing: [],
      problems: [
        {
          field: "outcome",
          kind: "waived",
          message: 'Waivers are disabled in this repository, so "N/A" does not count as the outcome; add what improves for them.',
          fix: "**Outcome:** <what improves for them, e.g. they route a ticket without switching tabs>",
        },
      ],
      valueType: null,
      review: null,
    });
  });

  it("does not offer a waiver for a bare N/A when waivers are disabled", () => {
    const verdict = check({ body: body({ metric: "**Metric:** N/A" }) }, { allowWaivers: false });
    expect(verdict.problems[0]?.message).toBe('A bare "N/A" does not count as the metric; add how you will know it worked.');
  });
});

describe("measurable metrics", () => {
  it.each(["Users are happier", "Better UX", "It is faster", "Improved performance", "More", "Customers love it", "The feature works well"])(
    "%j is vague",
    (metric) => {
      const verdict = check({ body: body({ metric: `**Metric:** ${metric}` }) });
      expect(verdict).toEqual({
        status: "fail",
        reason: "The metric is not observable.",
        fields: { ...COMPLETE_FIELDS, metric },
        missing: [],
        problems: [
          {
            field: "metric",
            kind: "vague",
            message:
              "The metric is not observable. Name something you can observe, e.g. 'p95 checkout time under 2 s' or 'support tickets about X drop by 20 %'.",
            fix: "**Metric:** <what you will observe, e.g. median handling time drops from 6 to 4 minutes>",
          },
        ],
        valueType: null,
        review: null,
      });
    },
  );

  it.each([
    "p95 checkout time under 2 s",
    "support tickets about billing drop by 20 %",
    "Onboarding gets faster for new admins",
    "Time to first response goes from hours to minutes",
    "Churn decreases",
    "Fewer escalations to the second tier",
    "Half as many clicks per ticket",
    "Sign-ups grow week over week",
  ])("%j is measurable", (metric) => {
    const verdict = check({ body: body({ metric: `**Metric:** ${metric}` }) });
    expect(verdict.status).toBe("pass");
    expect(verdict.fields.metric).toBe(metric);
  });

  it("accepts a vague metric when measurability is not required", () => {
    const verdict = check({ body: body({ metric: "**Metric:** Users are happier" }) }, { requireMeasurable: false });
    expect(verdict.status).toBe("pass");
    expect(verdict.problems).toEqual([]);
  });

  it("does not judge a waived metric for measurability", () => {
    const verdict = check({ body: body({ metric: "**Metric:** N/A — nothing to measure for a docs fix" }) });
    expect(verdict.status).toBe("pass");
    expect(verdict.problems.map((problem) => problem.kind)).toEqual(["waived"]);
  });

  it("joins several failures into one sentence", () => {
    const verdict = check({ body: body({ customer: "", metric: "**Metric:** Users are happier" }) });
    expect(verdict.reason).toBe("Missing customer; the metric is not observable.");
  });
});

describe("required fields", () => {
  it("only fails required fields, and never reports the others", () => {
    const verdict = check({ body: `${COMPLETE.customer}\n${COMPLETE.metric}\n**Outcome:** TBD` }, { required: ["metric", "customer"] });
    expect(verdict).toEqual({
      status: "pass",
      reason: "All required fields are declared.",
      fields: { customer: "support agents", outcome: null, metric: COMPLETE_FIELDS.metric, counterSignal: null },
      missing: [],
      problems: [],
      valueType: null,
      review: null,
    });
  });

  it("does not require a measurable metric when the metric is not required", () => {
    const verdict = check({ body: "**Metric:** Users are happier" }, { required: [] });
    expect(verdict.status).toBe("pass");
    expect(verdict.reason).toBe("No hypothesis fields are required.");
    expect(verdict.fields.metric).toBe("Users are happier");
  });

  it("fails only the required fields that are missing", () => {
    const verdict = check({ body: "" }, { required: ["counterSignal"] });
    expect(verdict.missing).toEqual(["counterSignal"]);
    expect(verdict.reason).toBe("Missing counter-signal.");
  });
});

describe("exemptions and drafts", () => {
  const incomplete = { body: "**Customer:** admins" };
  const carriedFields = { customer: "admins", outcome: null, metric: null, counterSignal: null };

  it("exempts a PR with a skip label, case-insensitively, and still carries the fields", () => {
    expect(check({ ...incomplete, labels: ["bug", "No-Hypothesis"] })).toEqual({
      status: "exempt",
      reason: 'Exempt: the pull request has the skip label "No-Hypothesis".',
      fields: carriedFields,
      missing: [],
      problems: [],
      valueType: null,
      review: null,
    });
  });

  it("exempts bots listed in the rules, case-insensitively", () => {
    expect(check({ ...incomplete, author: "Dependabot[bot]" }).reason).toBe("Exempt: the author Dependabot[bot] is a bot.");
    expect(check({ ...incomplete, author: "release-robot" }, { bots: ["release-robot"] }).status).toBe("exempt");
  });

  it("exempts accounts GitHub marks as bots", () => {
    expect(check({ ...incomplete, author: "my-app[bot]", authorIsBot: true }).reason).toBe("Exempt: the author my-app[bot] is a bot.");
  });

  it("exempts tech-debt PRs but not PRs that are both", () => {
    expect(check(incomplete, {}, "tech-debt")).toMatchObject({
      status: "exempt",
      reason: "Exempt: tech-debt pull requests need no hypothesis.",
    });
    expect(check(incomplete, {}, "both").status).toBe("fail");
    expect(check(incomplete, {}, "customer-value").status).toBe("fail");
    expect(check(incomplete).status).toBe("fail");
  });

  it("uses the configured exempt categories", () => {
    expect(check(incomplete, { exemptCategories: [] }, "tech-debt").status).toBe("fail");
    expect(check(incomplete, { exemptCategories: ["unclassified"] }).status).toBe("exempt");
  });

  it("applies exemptions in order: skip label, bot, category, then draft", () => {
    const everything = { ...incomplete, labels: ["no-hypothesis"], author: "renovate[bot]", draft: true };
    expect(check(everything, {}, "tech-debt").reason).toBe('Exempt: the pull request has the skip label "no-hypothesis".');
    expect(check({ ...everything, labels: [] }, {}, "tech-debt").reason).toBe("Exempt: the author renovate[bot] is a bot.");
    expect(check({ ...incomplete, draft: true }, {}, "tech-debt").reason).toBe("Exempt: tech-debt pull requests need no hypothesis.");
  });

  it("keeps a draft neutral, with the fields found", () => {
    expect(check({ ...incomplete, draft: true })).toEqual({
      status: "neutral",
      reason: "Neutral: draft pull request; the check runs when it is ready for review.",
      fields: carriedFields,
      missing: [],
      problems: [],
      valueType: null,
      review: null,
    });
  });
});

describe("advise mode", () => {
  it("turns a failure into neutral and keeps the problems", () => {
    const verdict = check({ body: `${COMPLETE.customer}\n${COMPLETE.outcome}` }, { mode: "advise" });
    expect(verdict.status).toBe("neutral");
    expect(verdict.reason).toBe("Advisory only (advise mode), not blocking: missing metric and counter-signal.");
    expect(verdict.missing).toEqual(["metric", "counterSignal"]);
    expect(verdict.problems.map((problem) => [problem.field, problem.kind])).toEqual([
      ["metric", "missing"],
      ["counterSignal", "missing"],
    ]);
  });

  it("leaves a pass a pass", () => {
    expect(check({}, { mode: "advise" }).status).toBe("pass");
  });
});

describe("checkHypothesis", () => {
  it("treats a null body from the GitHub API as empty", () => {
    const verdict = check({ body: null as unknown as string });
    expect(verdict.status).toBe("fail");
    expect(verdict.missing).toEqual(["customer", "outcome", "metric", "counterSignal"]);
  });

  it("never repeats the author's text in messages, which end up in Markdown", () => {
    const hostile = "@octocat see ![x](https://evil.example/x.png) <script>";
    const verdict = check({ body: body({ metric: `**Metric:** ${hostile}`, customer: `**Customer:** [${hostile}]` }) });
    expect(verdict.problems.map((problem) => problem.kind)).toEqual(["placeholder", "vague"]);
    for (const problem of verdict.problems) expect(problem.message).not.toMatch(/octocat|evil|script/);
  });
});
