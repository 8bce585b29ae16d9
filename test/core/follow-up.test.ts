import { describe, expect, it } from "vitest";
import { readCommands } from "../../src/core/commands.ts";
import { parseConfig } from "../../src/core/config/load.ts";
import { followUpRules, parseOutcomeAnswer, QUESTION_MARKER, renderOutcomeQuestion, reviewDay, reviewStage } from "../../src/core/follow-up.ts";
import { extractHypothesis } from "../../src/core/hypothesis/index.ts";
import { DEFAULT_HYPOTHESIS_RULES } from "../../src/core/rules.ts";

function rulesFor(raw: unknown) {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(result.errors.join("; "));
  return followUpRules(result.config);
}

const reviewOf = (line: string) => extractHypothesis(line, { labels: DEFAULT_HYPOTHESIS_RULES.labels, sections: DEFAULT_HYPOTHESIS_RULES.sections }).review;

describe("review days (PRODUCT.md §5)", () => {
  const rules = rulesFor({ budget: { "sprint-days": 14, "time-zone": "Europe/Berlin" }, "follow-up": { "after-days": 30 } });
  // 23:30 UTC on 14 November is already the 15th in Berlin.
  const mergedAt = "2026-11-14T23:30:00Z";

  it.each([
    ["Review: 2026-12-15", "2026-12-15"],
    ["Review in: 30 days", "2026-12-15"],
    ["Review in: 2 weeks", "2026-11-29"],
    ["Review after: 2 sprints", "2026-12-13"],
    ["Review after: one sprint", "2026-11-29"],
    ["No review line at all", "2026-12-15"],
  ])("%s → due %s", (line, day) => {
    expect(reviewDay(reviewOf(line), mergedAt, rules)).toBe(day);
  });

  it("counts sprints in the configured sprint length, and the default delay from after-days", () => {
    const weekly = rulesFor({ budget: { "sprint-days": 7 }, "follow-up": { "after-days": 10 } });
    expect(reviewDay({ kind: "sprints", sprints: 3 }, "2026-11-02T10:00:00Z", weekly)).toBe("2026-11-23");
    expect(reviewDay(null, "2026-11-02T10:00:00Z", weekly)).toBe("2026-11-12");
  });

  it("is waiting before the day, due on it, overdue after overdue-days without an answer", () => {
    const utc = rulesFor({ "follow-up": { "overdue-days": 14 } });
    expect(reviewStage("2026-12-15", new Date("2026-12-14T23:59:59Z"), utc)).toBe("waiting");
    expect(reviewStage("2026-12-15", new Date("2026-12-15T00:00:00Z"), utc)).toBe("due");
    expect(reviewStage("2026-12-15", new Date("2026-12-28T23:59:59Z"), utc)).toBe("due");
    expect(reviewStage("2026-12-15", new Date("2026-12-29T00:00:00Z"), utc)).toBe("overdue");
  });
});

describe("the question", () => {
  it("asks the author and also-ask by mention, quotes metric and counter-signal as inert text, and gives the reply syntax", () => {
    const body = renderOutcomeQuestion({
      author: "octocat",
      alsoAsk: ["pm-anna", "renovate[bot]", "octocat"],
      metric: "tickets drop 12 % → 5 % @everyone [x](https://evil.example)",
      counterSignal: "handling time <b>rises</b>",
      dueDay: "2026-12-15",
    });
    expect(body.startsWith(QUESTION_MARKER)).toBe(true);
    expect(body).toContain("@octocat @pm-anna: this pull request was merged");
    expect(body).not.toContain("renovate[bot]");
    expect(body).toContain("@&#8203;everyone");
    expect(body).toContain("\\[x\\]\\(https");
    expect(body).toContain("&lt;b&gt;rises&lt;/b&gt;");
    expect(body).toContain("/value-pr outcome validated <what you saw>");
    // The reply syntax is in a code block: quoting value-pr's own comment runs nothing.
    expect(readCommands(body)).toEqual([]);
  });
});

describe("answers", () => {
  it.each([
    ["validated mis-routed tickets down to 4 %", { result: "validated", note: "mis-routed tickets down to 4 %" }],
    ["Refuted", { result: "refuted", note: "" }],
    ["inconclusive  too little traffic", { result: "inconclusive", note: "too little traffic" }],
  ])("%s", (args, answer) => {
    expect(parseOutcomeAnswer(args)).toEqual(answer);
  });

  it("anything else gets the syntax", () => {
    expect(parseOutcomeAnswer("great")).toEqual({ invalid: expect.stringContaining("validated, refuted, inconclusive") });
  });
});

describe("commands in comments", () => {
  it("reads commands from paragraphs and list items, never from code or quotes", () => {
    const body = [
      "Thanks!",
      "/value-pr outcome validated tickets down",
      "",
      "```",
      "/value-pr report previous",
      "```",
      "",
      "> /value-pr outcome refuted quoted",
      "",
      "    /value-pr report indented-code",
      "",
      "- /value-pr report 2026-11-02",
    ].join("\n");
    expect(readCommands(body)).toEqual([
      { name: "outcome", args: "validated tickets down" },
      { name: "report", args: "2026-11-02" },
    ]);
    expect(readCommands("no command here")).toEqual([]);
    expect(readCommands("/value-pr unknown thing")).toEqual([]);
  });
});
