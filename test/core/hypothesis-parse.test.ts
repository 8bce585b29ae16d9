import { describe, expect, it } from "vitest";
import { DEFAULT_FIELD_LABELS, DEFAULT_SECTIONS } from "../../src/core/hypothesis/defaults.ts";
import { extractHypothesis } from "../../src/core/hypothesis/parse.ts";
import type { ExtractedHypothesis, FieldKey } from "../../src/core/types.ts";

const extract = (markdown: string): ExtractedHypothesis => extractHypothesis(markdown, { labels: DEFAULT_FIELD_LABELS, sections: DEFAULT_SECTIONS });

/** Field texts only, for assertions that do not care about labels and shapes. */
const texts = (markdown: string): Partial<Record<FieldKey, string>> =>
  Object.fromEntries(Object.entries(extract(markdown).fields).map(([key, field]) => [key, field.text]));

describe("labelled paragraph lines", () => {
  it("reads bold labels with the colon inside, one field per soft line break", () => {
    const body = [
      "**Customer:** support agents",
      "**Outcome:** they route tickets without switching tabs",
      "**Metric:** median handling time drops from 6 to 4 minutes",
      "**Counter-signal:** reopened tickets rise above 5 %",
    ].join("\n");
    expect(extract(body)).toEqual({
      fields: {
        customer: { text: "support agents", label: "Customer", shape: "labelled" },
        outcome: { text: "they route tickets without switching tabs", label: "Outcome", shape: "labelled" },
        metric: { text: "median handling time drops from 6 to 4 minutes", label: "Metric", shape: "labelled" },
        counterSignal: { text: "reopened tickets rise above 5 %", label: "Counter-signal", shape: "labelled" },
      },
      valueType: null,
      review: null,
    });
  });

  it("reads plain labels and every emphasis style, with the colon inside or outside", () => {
    const body = ["Customer: plain", "**Outcome**: bold, colon outside", "__Metric:__ 5 % underscores", "*Counter signal*: italic label"].join("\n");
    expect(texts(body)).toEqual({
      customer: "plain",
      outcome: "bold, colon outside",
      metric: "5 % underscores",
      counterSignal: "italic label",
    });
  });

  it("tolerates leading emoji, shortcodes, extra spaces and parenthesised label notes", () => {
    const body = [
      "🎯 **Customer :**   support   agents  ",
      ":chart_with_upwards_trend: **📈 Success metric (required):** 10 % more",
      "  Who  : ignored because Customer came first",
    ].join("\n");
    const result = extract(body);
    expect(result.fields.customer).toEqual({ text: "support agents", label: "Customer", shape: "labelled" });
    expect(result.fields.metric).toEqual({ text: "10 % more", label: "Success metric (required)", shape: "labelled" });
  });

  it("accepts every label of PRODUCT.md §1, case-insensitively, including curly apostrophes", () => {
    const body = [
      "PERSONA: admins",
      "benefit: quicker setup",
      "We’ll know it worked when: setup takes under 5 minutes",
      "Kill criteria: setup time rises",
    ].join("\n\n");
    expect(extract(body).fields).toEqual({
      customer: { text: "admins", label: "PERSONA", shape: "labelled" },
      outcome: { text: "quicker setup", label: "benefit", shape: "labelled" },
      metric: { text: "setup takes under 5 minutes", label: "We’ll know it worked when", shape: "labelled" },
      counterSignal: { text: "setup time rises", label: "Kill criteria", shape: "labelled" },
    });
  });

  it("keeps continuation lines with the label above them", () => {
    expect(texts("**Outcome:** agents see the customer's plan\nwithout opening billing\n**Metric:** 5 % fewer tabs")).toEqual({
      outcome: "agents see the customer's plan without opening billing",
      metric: "5 % fewer tabs",
    });
  });

  it("reads `**Label** — value` with a dash after a bold label", () => {
    expect(texts("**Customer** — support agents")).toEqual({ customer: "support agents" });
  });

  it("does not read a label that is only a prefix of a longer phrase", () => {
    expect(texts("For example: this is prose.\nCustomer support is great: yes\nValue type: time saved")).toEqual({});
  });

  it("keeps Markdown punctuation so that placeholders stay visible", () => {
    expect(texts("**Customer:** _who benefits?_\n**Outcome:** [describe]\n**Metric:** <metric>\n**Counter-signal:** {signal}")).toEqual({
      customer: "_who benefits?_",
      outcome: "[describe]",
      metric: "<metric>",
      counterSignal: "{signal}",
    });
  });
});

describe("list items", () => {
  it("reads bulleted and numbered items, with or without bold", () => {
    const body = "- Customer: support agents\n* **Metric:** 5 % fewer escalations\n\n1. Outcome: faster routing\n2) __Guardrail:__ CSAT drops";
    expect(extract(body).fields).toEqual({
      customer: { text: "support agents", label: "Customer", shape: "labelled" },
      outcome: { text: "faster routing", label: "Outcome", shape: "labelled" },
      metric: { text: "5 % fewer escalations", label: "Metric", shape: "labelled" },
      counterSignal: { text: "CSAT drops", label: "Guardrail", shape: "labelled" },
    });
  });

  it("reads task-list items and items nested in block quotes", () => {
    expect(texts("- [x] Customer: admins\n\n> - Metric: 3 fewer clicks\n>   per setting")).toEqual({
      customer: "admins",
      metric: "3 fewer clicks per setting",
    });
  });
});

describe("tables", () => {
  it("reads rows whose first cell is a label, under a `| Field | Value |` header", () => {
    const body = "| Field | Value |\n| --- | --- |\n| Customer | support agents |\n| **Metric:** | 5 % fewer tickets |\n| Notes | none |";
    expect(extract(body).fields).toEqual({
      customer: { text: "support agents", label: "Customer", shape: "table" },
      metric: { text: "5 % fewer tickets", label: "Metric", shape: "table" },
    });
  });

  it("reads a header row that is itself a label row", () => {
    expect(texts("| Outcome | faster triage |\n|---|---|\n| Counter-signal | CSAT drops |")).toEqual({
      outcome: "faster triage",
      counterSignal: "CSAT drops",
    });
  });

  it("reads header cells as labels over the first body row", () => {
    const body =
      "| Customer | Outcome | Metric | Counter-signal |\n|---|---|---|---|\n| agents | faster | p95 < 2 s | CSAT drops |\n| ignored | ignored | ignored | ignored |";
    expect(extract(body).fields).toEqual({
      customer: { text: "agents", label: "Customer", shape: "table" },
      outcome: { text: "faster", label: "Outcome", shape: "table" },
      metric: { text: "p95 < 2 s", label: "Metric", shape: "table" },
      counterSignal: { text: "CSAT drops", label: "Counter-signal", shape: "table" },
    });
  });

  it("keeps escaped pipes and reads an empty value cell as empty", () => {
    expect(texts("| Metric | errors \\| warnings drop 10 % |\n|---|---|\n| Customer |  |")).toEqual({
      metric: "errors \\| warnings drop 10 %",
      customer: "",
    });
  });
});

describe("label headings", () => {
  it("takes the blocks up to the next heading of the same or a higher level", () => {
    const body = "### Metric\np95 under 2 s\n\n#### Detail\nmeasured weekly\n### Counter-signal\n- errors rise\n- CSAT drops\n## Other\nnot a value";
    expect(extract(body).fields).toEqual({
      metric: { text: "p95 under 2 s #### Detail measured weekly", label: "Metric", shape: "heading" },
      counterSignal: { text: "- errors rise - CSAT drops", label: "Counter-signal", shape: "heading" },
    });
  });

  it("stops at the first labelled line inside the heading's content", () => {
    expect(texts("## Outcome\nAgents triage faster.\n**Customer:** support agents\n\n**Metric:** 5 % fewer")).toEqual({
      outcome: "Agents triage faster.",
      customer: "support agents",
      metric: "5 % fewer",
    });
  });

  it("reads setext headings and `### Label: value` headings", () => {
    expect(texts("Metric\n------\n10 % fewer tickets\n\n### Customer: admins")).toEqual({
      metric: "10 % fewer tickets",
      customer: "admins",
    });
  });

  it("gives an empty value to a label heading with nothing under it", () => {
    expect(extract("### Counter-signal\n### Metric\n5 %").fields.counterSignal).toEqual({
      text: "",
      label: "Counter-signal",
      shape: "heading",
    });
  });
});

describe("a label alone followed by a block", () => {
  it("takes the next list or paragraph as the value", () => {
    const body = "**Metric:**\n- p95 under 2 s\n- errors drop 10 %\n\n**Customer:**\n\nsupport agents on the night shift";
    expect(extract(body).fields).toEqual({
      metric: { text: "- p95 under 2 s - errors drop 10 %", label: "Metric", shape: "labelled" },
      customer: { text: "support agents on the night shift", label: "Customer", shape: "labelled" },
    });
  });

  it("takes a nested list inside a list item", () => {
    expect(texts("- Outcome:\n  - agents stay in one tab\n- Metric: 2 fewer tabs")).toEqual({
      outcome: "- agents stay in one tab",
      metric: "2 fewer tabs",
    });
  });

  it("does not take a next block that starts with another label", () => {
    expect(texts("**Customer:**\n\n**Metric:** 5 % fewer")).toEqual({ customer: "", metric: "5 % fewer" });
  });
});

describe("sentence forms", () => {
  it("reads the 'We believe … We'll know …' form", () => {
    const body =
      "We believe that adding bulk edit will cut triage time for support agents. We'll know we're right when median triage time drops by 20 %. We'll know we're wrong if reopened tickets rise above 5 %.";
    expect(extract(body).fields).toEqual({
      customer: { text: "support agents", label: "We believe … for", shape: "sentence" },
      outcome: { text: "cut triage time", label: "We believe … will", shape: "sentence" },
      metric: { text: "median triage time drops by 20 %", label: "We'll know we're right when", shape: "sentence" },
      counterSignal: { text: "reopened tickets rise above 5 %", label: "We'll know we're wrong if", shape: "sentence" },
    });
  });

  it("tolerates curly apostrophes, 'we will', a missing 'that' and 'if/when' variations", () => {
    const body =
      "We believe caching the feed will make the page load sooner for mobile users.\n\nWe’ll know we’re right if p95 load is under 1 s. We will know we are wrong when crash rate rises.";
    expect(texts(body)).toEqual({
      customer: "mobile users",
      outcome: "make the page load sooner",
      metric: "p95 load is under 1 s",
      counterSignal: "crash rate rises",
    });
  });

  it("reads the 'If we …, then … will …, measured by …' form with a counter-signal sentence", () => {
    const body =
      "If we cache the feed, then mobile users will see the page sooner, as measured by p95 load under 1 s. We'll know it didn't help if bounce rate rises.";
    expect(extract(body).fields).toEqual({
      customer: { text: "mobile users", label: "If we …, then", shape: "sentence" },
      outcome: { text: "see the page sooner", label: "If we … will", shape: "sentence" },
      metric: { text: "p95 load under 1 s", label: "measured by", shape: "sentence" },
      counterSignal: { text: "bounce rate rises", label: "We'll know it didn't help if", shape: "sentence" },
    });
  });

  it("keeps template placeholders of an unfilled sentence form", () => {
    expect(texts("We believe that _change_ will _outcome_ for _customer_.")).toEqual({
      outcome: "_outcome_",
      customer: "_customer_",
    });
  });

  it("ignores 'we believe' without 'will'", () => {
    expect(texts("We believe this is fine. If we merge it, nothing happens.")).toEqual({});
  });
});

describe("which declaration wins", () => {
  it("prefers the hypothesis section over elsewhere, and the first one otherwise", () => {
    const body = [
      "Metric: 1 % before the section",
      "Customer: first customer",
      "",
      "## 🎯 Outcome hypothesis:",
      "**Metric:** 10 % inside the section",
      "",
      "## Notes",
      "Metric: 20 % after the section",
      "Customer: second customer",
    ].join("\n");
    expect(texts(body)).toEqual({ metric: "10 % inside the section", customer: "first customer" });
  });

  it("lets a section heading nested deeper stay inside the outer section", () => {
    const body = "# Hypothesis\n## Details\nOutcome: inner\n# Changes\nOutcome: outer";
    expect(texts(body)).toEqual({ outcome: "inner" });
  });

  it("uses configured section names", () => {
    const result = extractHypothesis("Customer: outside\n\n## Why\nCustomer: inside", {
      labels: DEFAULT_FIELD_LABELS,
      sections: ["Why"],
    });
    expect(result.fields.customer?.text).toBe("inside");
  });

  it("does not let an unusable value in the section hide a usable one elsewhere", () => {
    const body = "## Outcome hypothesis\n**Metric:** _how will we know?_\n**Customer:** TBD\n\n## Notes\nMetric: 5 % fewer tickets";
    expect(texts(body)).toEqual({ metric: "5 % fewer tickets", customer: "TBD" });
  });

  it("uses configured labels only", () => {
    const result = extractHypothesis("Beneficiary: admins\n\nCustomer: not a label here", {
      labels: { ...DEFAULT_FIELD_LABELS, customer: ["Beneficiary"] },
      sections: DEFAULT_SECTIONS,
    });
    expect(result.fields.customer).toEqual({ text: "admins", label: "Beneficiary", shape: "labelled" });
  });
});

describe("HTML comments and code", () => {
  it("never reads text inside comments, inline or block", () => {
    const body = [
      "**Customer:** <!-- who benefits? --> support agents",
      "<!--",
      "**Metric:** 5 % hidden in a comment",
      "",
      "**Outcome:** also hidden",
      "-->",
      "**Counter-signal:** <!-- TODO -->",
    ].join("\n");
    expect(texts(body)).toEqual({ customer: "support agents", counterSignal: "" });
  });

  it("hides everything after an unclosed comment that opens a line", () => {
    expect(texts("Customer: admins\n\n<!-- Metric: 5 %\nOutcome: faster")).toEqual({ customer: "admins" });
  });

  it("keeps an unclosed `<!--` in the middle of a line as text", () => {
    expect(texts("Customer: admins <!-- not closed")).toEqual({ customer: "admins <!-- not closed" });
  });

  it("does not scan fenced or indented code for labels", () => {
    expect(texts("```\nCustomer: in a fence\n<!--\n```\n\n    Metric: indented code\n\nOutcome: real")).toEqual({
      outcome: "real",
    });
  });
});

describe("value type and review", () => {
  it.each([
    ["Value type: time saved", "time saved"],
    ["Value type: **Time savings** (2 h a week)", "time saved"],
    ["Value type: cost reduction", "cost reduced"],
    ["Value type: New feature", "new capability"],
    ["Value type: fewer bugs", "fewer errors"],
    ["Value type: Revenue", "revenue"],
    ["Value type: happier partners", "happier partners"],
    ["Value type: time saved / cost reduced", "time saved / cost reduced"],
    ["Value type: _time saved | cost reduced | revenue_", null],
    ["Value type: TBD", null],
  ])("%s → %s", (body, valueType) => {
    expect(extract(body).valueType).toBe(valueType);
  });

  it("does not take `Value type:` for the outcome label `Value`", () => {
    expect(extract("Value type: revenue\nValue: more paid upgrades")).toEqual({
      fields: { outcome: { text: "more paid upgrades", label: "Value", shape: "labelled" } },
      valueType: "revenue",
      review: null,
    });
  });

  it.each([
    ["Review: 2026-12-15", { kind: "date", date: "2026-12-15" }],
    ["**Review date:** 2028-02-29", { kind: "date", date: "2028-02-29" }],
    ["Review in: 30 days", { kind: "after", days: 30 }],
    ["Review after: 4 weeks", { kind: "after", days: 28 }],
    ["Review: in two months", { kind: "after", days: 60 }],
    ["Review after: 2 sprints", { kind: "sprints", sprints: 2 }],
    ["**Follow-up:** one sprint after release", { kind: "sprints", sprints: 1 }],
    ["Review after: 41 sprints", null],
    ["| Review | 1 week |\n|---|---|", { kind: "after", days: 7 }],
    ["Review: 2026-02-30", null],
    ["Review: someday", null],
    ["Review in: 0 days", null],
  ])("%s → %j", (body, review) => {
    expect(extract(body).review).toEqual(review);
  });
});

describe("bodies of any size", () => {
  it("extracts nothing from an empty body", () => {
    expect(extract("")).toEqual({ fields: {}, valueType: null, review: null });
  });

  it("keeps offsets right after a byte-order mark and with CR or CRLF line endings", () => {
    expect(texts("\uFEFFCustomer: admins\r\nMetric: 5 %\rOutcome: faster")).toEqual({
      customer: "admins",
      metric: "5 %",
      outcome: "faster",
    });
  });

  it("reads fields across parse windows in a long description", () => {
    const filler = Array.from({ length: 400 }, (_, index) => `Paragraph ${index} of background prose.`).join("\n\n");
    const body = `### Metric\n\n${filler}\n\n## Outcome hypothesis\n\n**Customer:**\n\n- night-shift agents\n\n${filler}\n\nCounter-signal: CSAT drops`;
    expect(body.length).toBeGreaterThan(20_000);
    const result = extract(body);
    expect(result.fields.customer).toEqual({ text: "- night-shift agents", label: "Customer", shape: "labelled" });
    expect(result.fields.counterSignal?.text).toBe("CSAT drops");
    expect(result.fields.metric?.text.startsWith("Paragraph 0 of background prose. Paragraph 1 of")).toBe(true);
    expect(result.fields.metric?.text.endsWith("Paragraph 399 of background prose.")).toBe(true);
  });
});
