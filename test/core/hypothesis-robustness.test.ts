import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_FIELD_LABELS, DEFAULT_SECTIONS } from "../../src/core/hypothesis/defaults.ts";
import { DEFAULT_HYPOTHESIS_RULES } from "../../src/core/rules.ts";
import { checkHypothesis } from "../support/hypothesis.ts";
import { extractHypothesis } from "../../src/core/hypothesis/parse.ts";
import { MAX_CONTAINER_PREFIX_COLUMNS, neutraliseForParsing } from "../../src/core/markdown/guard.ts";
import { parseWindows } from "../../src/core/markdown/windows.ts";
import { FIELD_KEYS } from "../../src/core/types.ts";
import type { HypothesisVerdict, PullFacts } from "../../src/core/types.ts";

const GITHUB_BODY_LIMIT = 65_536;
const STATUSES = ["pass", "fail", "exempt", "neutral"];
const PROBLEM_KINDS = ["missing", "placeholder", "vague", "waived"];

function pull(body: string): PullFacts {
  return { title: "t", body, author: "octocat", authorIsBot: false, draft: false, labels: [], headBranch: "b", files: null };
}

function fill(unit: string, length = GITHUB_BODY_LIMIT): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** The §8 contract, plus the invariants that tie its parts together. */
function expectWellFormedVerdict(verdict: HypothesisVerdict): void {
  expect(Object.keys(verdict).sort()).toEqual(["fields", "missing", "problems", "reason", "review", "status", "valueType"]);
  expect(STATUSES).toContain(verdict.status);
  expect(verdict.reason).toMatch(/^\S.*\.$/);
  expect(Object.keys(verdict.fields)).toEqual([...FIELD_KEYS]);
  for (const text of Object.values(verdict.fields)) {
    if (text === null) continue;
    expect(text).toBe(text.trim());
    expect(text).not.toMatch(/\s\s|[\r\n\t]/);
    expect(text).not.toBe("");
  }
  expect(verdict.missing).toEqual(FIELD_KEYS.filter((key) => verdict.missing.includes(key)));
  for (const key of verdict.missing) expect(verdict.fields[key]).toBeNull();
  for (const problem of verdict.problems) {
    expect(FIELD_KEYS).toContain(problem.field);
    expect(PROBLEM_KINDS).toContain(problem.kind);
    expect(problem.message).toMatch(/^[A-Z"].{9,}\.$/);
    if (problem.fix !== null) expect(problem.fix).toMatch(/^\*\*[^*]+:\*\* <.+>$/);
  }
  if (verdict.status === "fail") expect(verdict.problems.length).toBeGreaterThan(0);
  expect(verdict.valueType === null || typeof verdict.valueType === "string").toBe(true);
  if (verdict.review !== null) {
    if (verdict.review.kind === "date") expect(verdict.review.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    else if (verdict.review.kind === "sprints") expect(verdict.review.sprints).toBeGreaterThan(0);
    else expect(verdict.review.days).toBeGreaterThan(0);
  }
}

const MARKDOWN_TOKENS = [
  "**",
  "__",
  "*",
  "_",
  "`",
  "```",
  "~~~",
  "[",
  "]",
  "(",
  ")",
  "<",
  ">",
  "{",
  "}",
  "|",
  "|---|",
  "- ",
  "* ",
  "1. ",
  "> ",
  "# ",
  "### ",
  "\n",
  "\n\n",
  "\r\n",
  "   ",
  "\t",
  "<!--",
  "-->",
  "\\",
  "&amp;",
  "N/A",
  "TBD",
  "—",
  "…",
  "Customer:",
  "**Outcome:**",
  "Metric: ",
  "| Counter-signal |",
  "### Metric",
  "## Outcome hypothesis",
  "We believe that ",
  " will ",
  " for ",
  "If we ",
  ", then ",
  " measured by ",
  "We’ll know we’re right when ",
  "Value type: ",
  "Review: 2026-12-15",
  "Review in: 3 weeks",
  "🎯",
  ":dart:",
  "a",
  "support agents",
  "5 %",
];

const markdownSoup = fc.array(fc.constantFrom(...MARKDOWN_TOKENS), { maxLength: 300 }).map((tokens) => tokens.join(""));

const utf16Units = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) });

describe("any input", () => {
  it("never throws on random strings and always returns a well-formed verdict", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), utf16Units), (body) => {
        expectWellFormedVerdict(checkHypothesis(pull(body), DEFAULT_HYPOTHESIS_RULES));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on Markdown-ish token soups", () => {
    fc.assert(
      fc.property(markdownSoup, (body) => {
        expectWellFormedVerdict(checkHypothesis(pull(body), DEFAULT_HYPOTHESIS_RULES));
      }),
      { numRuns: 500 },
    );
  });

  it("never throws whatever the rules say", () => {
    const rules = fc.record({
      mode: fc.constantFrom("enforce" as const, "advise" as const),
      required: fc.subarray([...FIELD_KEYS]),
      requireMeasurable: fc.boolean(),
      allowWaivers: fc.boolean(),
      sections: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
      labels: fc.constant(DEFAULT_FIELD_LABELS),
      skipLabels: fc.array(fc.string({ maxLength: 10 }), { maxLength: 2 }),
      exemptCategories: fc.subarray(["customer-value" as const, "tech-debt" as const, "both" as const, "unclassified" as const]),
      bots: fc.array(fc.string({ maxLength: 10 }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(markdownSoup, rules, fc.boolean(), (body, generated, draft) => {
        expectWellFormedVerdict(checkHypothesis({ ...pull(body), draft }, generated));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the length of the text it parses, so offsets index the author's text", () => {
    fc.assert(
      fc.property(fc.oneof(markdownSoup, utf16Units), (body) => {
        expect(neutraliseForParsing(body).length).toBe(body.length);
      }),
      { numRuns: 500 },
    );
  });

  it("parses windows that tile the whole text", () => {
    fc.assert(
      fc.property(markdownSoup, fc.integer({ min: 1, max: 200 }), (body, size) => {
        const windows = parseWindows(body, size);
        expect(windows[0]?.[0]).toBe(0);
        expect(windows.at(-1)?.[1]).toBe(body.length);
        for (const [index, [start]] of windows.slice(1).entries()) expect(start).toBe(windows[index]?.[1]);
      }),
      { numRuns: 300 },
    );
  });

  it("finds the same fields however the description is cut into parse windows", () => {
    const options = { labels: DEFAULT_FIELD_LABELS, sections: DEFAULT_SECTIONS };
    const field = fc.constantFrom(
      "Customer: support agents\n",
      "**Metric:** 5 % fewer tickets\n",
      "\n\n### Counter-signal\n\nCSAT drops\n\n",
      "- Outcome: faster triage\n",
      "**Outcome:**\n\n- agents stay in one tab\n",
    );
    const filler = fc.constantFrom(
      "Some prose about the change.\n",
      "\n",
      "- a list item\n",
      "> quoted\n",
      "| a | b |\n|---|---|\n| c | d |\n\n",
      "## Notes\n",
    );
    // Prose before the description moves every window cut to a different place inside it.
    const padding = fc.integer({ min: 200, max: 500 }).map((paragraphs) => "Padding prose.\n\n".repeat(paragraphs));
    fc.assert(
      fc.property(fc.array(fc.oneof(field, filler, filler), { maxLength: 250 }), padding, (parts, prefix) => {
        const body = parts.join("");
        expect(extractHypothesis(`${prefix}${body}`, options)).toEqual(extractHypothesis(body, options));
      }),
      { numRuns: 100 },
    );
  });
});

describe("body sizes", () => {
  it("handles an empty body", () => {
    expectWellFormedVerdict(checkHypothesis(pull(""), DEFAULT_HYPOTHESIS_RULES));
  });

  it("reads a hypothesis at the end of a body of exactly 65,536 characters", () => {
    const hypothesis =
      "## Outcome hypothesis\n**Customer:** admins\n**Outcome:** faster setup\n**Metric:** setup under 5 minutes\n**Counter-signal:** setup tickets rise\n";
    const body = `${fill("Background prose about the change.\n\n", GITHUB_BODY_LIMIT - hypothesis.length)}${hypothesis}`;
    expect(body.length).toBe(GITHUB_BODY_LIMIT);
    const verdict = checkHypothesis(pull(body), DEFAULT_HYPOTHESIS_RULES);
    expect(verdict.status).toBe("pass");
    expect(verdict.fields).toEqual({
      customer: "admins",
      outcome: "faster setup",
      metric: "setup under 5 minutes",
      counterSignal: "setup tickets rise",
    });
  });

  it("reads a hypothesis written after deeply nested quotes and lists", () => {
    const nested = `${">".repeat(20_000)} deep\n\n${Array.from({ length: 300 }, (_, depth) => `${"  ".repeat(depth)}- item`).join("\n")}\n\n`;
    const verdict = checkHypothesis(pull(`${nested}Customer: admins`), DEFAULT_HYPOTHESIS_RULES);
    expect(verdict.fields.customer).toBe("admins");
  });

  it("caps container nesting so the parser cannot overflow its stack", () => {
    const neutralised = neutraliseForParsing(`${"> ".repeat(100)}x`);
    expect(neutralised.slice(0, MAX_CONTAINER_PREFIX_COLUMNS)).toBe("> ".repeat(MAX_CONTAINER_PREFIX_COLUMNS / 2));
    expect(neutralised[MAX_CONTAINER_PREFIX_COLUMNS]).toBe(".");
  });
});

// Each body is GitHub's maximum size and aims at a known weak spot of Markdown parsers:
// emphasis and bracket resolution, container nesting, setext headings, comments, tables and
// the sentence-form search. The timeout is a backstop against a hang, not a speed assertion.
const ADVERSARIAL_UNITS: Record<string, string> = {
  "emphasis runs": "**",
  "alternating emphasis": "*_",
  "underscore lines": "__\n",
  pipes: "|",
  "table rows": "| a | b |\n|---|---|\n",
  "list markers": "- ",
  "numbered markers": "1. ",
  "comment openers": "<!--",
  "comment openers on lines": "<!--\n",
  brackets: "[",
  "closing brackets": "]",
  "shortcut references": "[a]c",
  "link openers": "[a](",
  "sentence cues": "We believe that ",
  "sentence cues with will": "We believe that x will ",
  "block quotes": ">",
  "quoted lists": "> - ",
  "footnote definitions": "[^a]: ",
  "setext headings": "a\n=\n",
  "label headings": "# Metric\n## Metric\n### Metric\n",
  "labels alone": "**Metric:**\n",
  "one huge line": "a",
  "blank paragraphs": "a\n\n",
  fences: "```\n",
  "indented list ladder": "  - a\n",
};

describe("adversarial bodies of 65,536 characters", () => {
  it("are all parsed into well-formed verdicts", () => {
    for (const unit of Object.values(ADVERSARIAL_UNITS)) {
      expectWellFormedVerdict(checkHypothesis(pull(fill(unit)), DEFAULT_HYPOTHESIS_RULES));
    }
    const ladder = Array.from({ length: 400 }, (_, depth) => `${" ".repeat(depth * 2)}- a`).join("\n");
    const quoteLadder = Array.from({ length: 400 }, (_, depth) => `${">".repeat(depth)} a`).join("\n");
    for (const body of [ladder, quoteLadder]) {
      expectWellFormedVerdict(checkHypothesis(pull(fill(`${body}\n`)), DEFAULT_HYPOTHESIS_RULES));
    }
  }, 240_000);
});
