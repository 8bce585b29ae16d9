import { describe, expect, it } from "vitest";
import { findTickedBoxes } from "../../src/core/classify/index.ts";
import { DEFAULT_CLASSIFICATION_RULES } from "../../src/core/rules.ts";

const BOXES = DEFAULT_CLASSIFICATION_RULES.checkboxes;
const GITHUB_BODY_LIMIT = 65_536;

function ticked(body: string) {
  return findTickedBoxes(body, BOXES);
}

const DEBT_ONLY = { customerValue: null, techDebt: "Tech debt" };
const NOTHING = { customerValue: null, techDebt: null };

describe("a ticked box counts", () => {
  it.each([
    "- [x] Tech debt",
    "* [X] Tech debt",
    "+ [x] Tech debt",
    "1. [x] Tech debt",
    "12) [x] Tech debt",
    "  - [x] Tech debt",
    "> - [x] Tech debt",
    "- - [x] Tech debt",
    "- [x] tech DEBT",
    "- [x] **Tech debt**",
    "- [x] _Tech debt_",
    "- [x] ***Tech debt***",
    "- [x] Tech debt (refactoring, upgrades)",
    "- [x] Tech debt: upgrades",
    "- [x] Tech debt — upgrades",
    "- [x] Tech debt.",
    "- [x] Tech  debt",
    "- [x]\tTech\tdebt",
    "- [x]   Tech debt   ",
    "Intro text\n\n- [ ] Customer value\n- [x] Tech debt\n",
    "Windows line endings\r\n\r\n- [ ] Customer value\r\n- [x] Tech debt\r\n",
    "Old Mac line endings\r- [x] Tech debt\r",
    "```\ncode\n```\n- [x] Tech debt",
    "<!-- a comment -->\n- [x] Tech debt",
    "<!-- a comment --> - [x] Tech debt",
  ])("%j", (body) => {
    expect(ticked(body)).toEqual(DEBT_ONLY);
  });

  it("both ticked gives both wordings", () => {
    expect(ticked("## Category\n- [x] Customer value\n- [x] Tech debt")).toEqual({ customerValue: "Customer value", techDebt: "Tech debt" });
  });
});

describe("a box does not count", () => {
  it.each([
    "- [ ] Tech debt",
    // A tab (four columns) before the marker makes an indented code block, as GitHub renders it.
    "\t- [x] Tech debt",
    "- [] Tech debt",
    "- [y] Tech debt",
    "- [xx] Tech debt",
    "- [x]Tech debt",
    "-[x] Tech debt",
    "[x] Tech debt",
    "> [x] Tech debt",
    "Tech debt [x]",
    "- Tech debt [x]",
    "- [x] Tech debts",
    "- [x] Tech debtor",
    "- [x] Tech",
    "- [x] Not tech debt",
    "- [x] Tech-debt",
    "- [x] ~~Tech debt~~",
    "See `- [x] Tech debt` in the template",
    "- [x]",
    "- [x] ",
    "<!-- - [x] Tech debt -->",
    "<!--\n- [ ] Customer value\n- [x] Tech debt\n-->",
    "<!-- never closed\n- [x] Tech debt",
    "```\n- [x] Tech debt\n```",
    "~~~md\n- [x] Tech debt\n~~~",
    "````\n```\n- [x] Tech debt\n```\n````",
    "```\nnever closed\n- [x] Tech debt",
  ])("%j", (body) => {
    expect(ticked(body)).toEqual(NOTHING);
  });
});

describe("wording", () => {
  it("ends at a word boundary unless the wording itself ends in punctuation", () => {
    const rules = { customerValue: ["Value:"], techDebt: ["Debt"] };
    expect(findTickedBoxes("- [x] Value:able", rules)).toEqual({ customerValue: "Value:", techDebt: null });
    expect(findTickedBoxes("- [x] Debt2", rules)).toEqual(NOTHING);
    expect(findTickedBoxes("- [x] Debté", rules)).toEqual(NOTHING);
    expect(findTickedBoxes("- [x] Debt_", rules)).toEqual({ customerValue: null, techDebt: "Debt" });
  });

  it("tries every configured wording and reports the one that matched", () => {
    const rules = { customerValue: ["Feature", "Customer value"], techDebt: ["Maintenance"] };
    expect(findTickedBoxes("- [x] Customer value", rules)).toEqual({ customerValue: "Customer value", techDebt: null });
  });

  it("ignores blank wordings, which would match every ticked box", () => {
    expect(findTickedBoxes("- [x] anything", { customerValue: ["", "  "], techDebt: ["**"] })).toEqual(NOTHING);
  });
});

describe("linear time", () => {
  // Inputs that make a backtracking pattern retry a long prefix from every position. Four times
  // GitHub's body limit: a quadratic scan of 262,144 characters takes minutes, a linear one
  // milliseconds.
  const size = 4 * GITHUB_BODY_LIMIT;
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const adversarial: Record<string, string> = {
    "near-miss boxes": fill("- [x] Tech deb\n"),
    "one long line of list markers": fill("- "),
    "one long line of digits": fill("1"),
    "spaces after a box": `- [x] ${fill(" ")}`,
    "emphasis after a box": `- [x] ${fill("*")}`,
    "white space inside the wording": `- [x] Tech${fill(" ")}`,
    "unclosed comments": fill("<!-- - [x] Tech debt\n"),
    "fence lines": fill("```\n- [x] Tech debt\n"),
    "quote markers": fill(">"),
    brackets: fill("[x] "),
    "many ticked boxes, none matching": fill("- [x] Customer values\n"),
  };

  // A trailing box defeats the shortcut for bodies without a `[`, so every body is scanned to
  // the end. Speed is measured in bench/, not here; vitest's timeout is only a backstop.
  it.each(Object.entries(adversarial))("%s", (name, body) => {
    const found = findTickedBoxes(`${body}\n\n- [x] Customer value`, BOXES).customerValue;
    // An unclosed comment that starts a line hides everything after it, the trailing box too.
    if (name === "unclosed comments") expect(found).toBeNull();
    else expect(found).not.toBeNull();
  });

  it("finds a box after 64 KB of other text", () => {
    const lines = "Some text.\n".repeat(Math.ceil(GITHUB_BODY_LIMIT / 11));
    expect(ticked(`${lines}- [x] Tech debt`)).toEqual(DEBT_ONLY);
  });
});
