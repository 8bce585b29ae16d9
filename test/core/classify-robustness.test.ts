import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyPull, needsChangedFiles, traceClassification } from "../../src/core/classify/index.ts";
import { compileDebtPaths } from "../../src/core/classify/debt-paths.ts";
import { DEFAULT_CLASSIFICATION_RULES } from "../../src/core/rules.ts";
import { CATEGORIES } from "../../src/core/types.ts";
import type { ClassificationRules, PersonLabelChoices, PullFacts } from "../../src/core/types.ts";

const RULES = DEFAULT_CLASSIFICATION_RULES;
/** A word no generator below produces, planted in the title and body to catch echoes. */
const MARKER = "ZQXJMARKER";

const anyText = fc.string({ unit: "binary", maxLength: 200 });
const oneOf = <T>(values: readonly T[]) => fc.constantFrom(...values);

// Generators that reach every signal, not only the paths random text hits by chance.
const titleTypes = [...RULES.titleTypes.customerValue, ...RULES.titleTypes.techDebt, "docs", "Feat", "WIP"];
const title = fc.oneof(
  anyText,
  fc
    .tuple(oneOf(titleTypes), oneOf(["", "(api)", "(", "()", "(a b)"]), oneOf(["", "!"]), oneOf([": ", ":", " : ", ": \t"]), anyText)
    .map((parts) => parts.join("")),
);
const boxLine = fc
  .tuple(
    oneOf(["- ", "* ", "1. ", "> - ", "  + ", ""]),
    oneOf(["[x] ", "[X] ", "[ ] ", "[x]"]),
    oneOf(["", "**", "_"]),
    oneOf(["Customer value", "Tech debt", "tech  DEBT", "Tech debts"]),
    anyText,
  )
  .map((parts) => parts.join(""));
const bodyLine = fc.oneof(anyText, boxLine, oneOf(["```", "~~~", "<!--", "-->", ""]));
const body = fc.tuple(fc.array(bodyLine, { maxLength: 12 }), oneOf(["\n", "\r\n", "\r"])).map(([lines, lineEnding]) => lines.join(lineEnding));
const branchPrefixes = [...RULES.branchPrefixes.customerValue, ...RULES.branchPrefixes.techDebt, ""];
const branch = fc.oneof(
  anyText,
  fc.tuple(oneOf(branchPrefixes), anyText).map(([prefix, rest]) => prefix + rest),
);
const author = fc.oneof(anyText, oneOf([...RULES.bots, "Renovate[Bot]", "github-actions[bot]", "octocat"]));
const path = fc.oneof(anyText, oneOf(["test/a.ts", "src/a.spec.ts", ".github/workflows/ci.yml", "yarn.lock", "src/index.ts", "README.md"]));
const files = fc.oneof(fc.constant(null), fc.array(path, { maxLength: 6 }));
// Mostly no choice, so that the signals below the person's labels get their share of runs.
const action = fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: oneOf(["added", "removed"] as const), weight: 1 });
const choices: fc.Arbitrary<PersonLabelChoices> = fc.record({ customerValue: action, techDebt: action });

const pull: fc.Arbitrary<PullFacts> = fc.record({
  title: title.map((text) => `${text} ${MARKER}`),
  body: body.map((text) => `${MARKER}\n${text}\n${MARKER}`),
  author,
  authorIsBot: fc.boolean(),
  draft: fc.boolean(),
  labels: fc.array(anyText, { maxLength: 3 }),
  headBranch: branch,
  files,
});

/** Rules with every list replaced by arbitrary strings, blanks and globs included. */
const anyRules: fc.Arbitrary<ClassificationRules> = fc.record({
  bots: fc.array(anyText, { maxLength: 3 }),
  checkboxes: fc.record({ customerValue: fc.array(anyText, { maxLength: 3 }), techDebt: fc.array(anyText, { maxLength: 3 }) }),
  titleTypes: fc.record({ customerValue: fc.array(anyText, { maxLength: 3 }), techDebt: fc.array(anyText, { maxLength: 3 }) }),
  dependencyScopes: fc.array(anyText, { maxLength: 3 }),
  branchPrefixes: fc.record({ customerValue: fc.array(anyText, { maxLength: 3 }), techDebt: fc.array(anyText, { maxLength: 3 }) }),
  debtPaths: fc.array(fc.oneof(anyText, oneOf(["**/*", "{a,b}/**", "!(x)", "[", "**/[a-", "\\"])), { maxLength: 4 }).map(compileDebtPaths),
  maxFiles: fc.integer({ min: 0, max: 10 }),
});

describe("classifyPull on arbitrary input", () => {
  it("never throws, and returns a category with one-line reasons", () => {
    fc.assert(
      fc.property(pull, choices, fc.boolean(), (facts, chosen, declared) => {
        const result = classifyPull(facts, chosen, declared, RULES);
        expect(CATEGORIES).toContain(result.value);
        for (const reason of result.reasons) {
          expect(reason).not.toBe("");
          expect(reason).not.toMatch(/[\r\n]/);
        }
        // Without a veto, a category always has a reason and unclassified has none.
        if (chosen.customerValue !== "removed" && chosen.techDebt !== "removed") {
          expect(result.value === "unclassified").toBe(result.reasons.length === 0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws with arbitrary rules either", () => {
    fc.assert(
      fc.property(pull, choices, fc.boolean(), anyRules, (facts, chosen, declared, rules) => {
        expect(CATEGORIES).toContain(classifyPull(facts, chosen, declared, rules).value);
        expect(typeof needsChangedFiles(facts, chosen, rules)).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });

  it("never echoes the title or the description into the reasons", () => {
    fc.assert(
      fc.property(pull, choices, fc.boolean(), (facts, chosen, declared) => {
        const { reasons } = classifyPull(facts, chosen, declared, RULES);
        for (const reason of reasons) expect(reason).not.toContain(MARKER);
      }),
      { numRuns: 1000 },
    );
  });

  it("gives the same category with or without the files when needsChangedFiles is false", () => {
    fc.assert(
      fc.property(pull, choices, fc.boolean(), (facts, chosen, declared) => {
        if (needsChangedFiles(facts, chosen, RULES)) return;
        const withFiles = classifyPull(facts, chosen, declared, RULES).value;
        const withoutFiles = classifyPull({ ...facts, files: null }, chosen, declared, RULES).value;
        expect(withFiles).toBe(withoutFiles);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps a removed label out of the category, whatever else speaks", () => {
    fc.assert(
      fc.property(pull, choices, fc.boolean(), (facts, chosen, declared) => {
        const { value } = classifyPull(facts, chosen, declared, RULES);
        if (chosen.techDebt === "removed") expect(["tech-debt", "both"]).not.toContain(value);
        if (chosen.customerValue === "removed") expect(["customer-value", "both"]).not.toContain(value);
      }),
      { numRuns: 2000 },
    );
  });

  it("says both only for a person's two labels, two ticked boxes, or a debt signal with a hypothesis", () => {
    fc.assert(
      fc.property(pull, choices, fc.boolean(), (facts, chosen, declared) => {
        const trace = traceClassification(facts, chosen, declared, RULES);
        if (trace.value !== "both") return;
        const byPerson = chosen.customerValue === "added" && chosen.techDebt === "added";
        const byBoxes = trace.decidedBy.length === 1 && trace.decidedBy[0] === "checkbox" && trace.reasons.length === 2;
        const byRule = declared && trace.decidedBy.includes("hypothesis") && trace.decidedBy.length === 2;
        expect(byPerson || byBoxes || byRule).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
