// Every text value-pr writes fits GitHub's limits, whatever the input: a check run's summary
// and text (65,535 characters), its title, and the comment.
import { describe, expect, it } from "vitest";
import { describeConfigErrors } from "../../src/core/config/load.ts";
import { fitGitHubText, GITHUB_TEXT_LIMIT, renderConfigErrorCheck } from "../../src/core/render/pull.ts";

describe("GitHub's text limits", () => {
  it("leaves text within the limit as it is, and cuts longer text with a note, to exactly the limit", () => {
    expect(fitGitHubText("short")).toBe("short");
    const cut = fitGitHubText("a".repeat(200_000));
    expect(cut.length).toBe(GITHUB_TEXT_LIMIT);
    expect(cut.endsWith("…cut here: the rest does not fit on GitHub (65,535 characters).")).toBe(true);
  });

  it("a config error names at most 50 problems, each cut short, and counts the rest", () => {
    const errors = Array.from({ length: 40_000 }, (_, i) => `labels.key-${i}: unknown key${i === 0 ? " ".repeat(10_000) : ""}`);
    const message = describeConfigErrors({ ok: false, source: ".github/value-pr.yml", errors });
    const lines = message.split("\n");
    expect(lines).toHaveLength(1 + 50 + 1);
    expect(lines.at(-1)).toBe("- …and 39950 more errors (fix these first)");
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(302);
    const check = renderConfigErrorCheck(message);
    expect(check.summary.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
  });

  it("a config error check made from any message stays within the limit", () => {
    const check = renderConfigErrorCheck("x".repeat(1_000_000));
    expect(check.summary.length).toBe(GITHUB_TEXT_LIMIT);
  });
});
