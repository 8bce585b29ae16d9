import { describe, expect, it } from "vitest";
import { MAX_SETEXT_UNDERLINES, neutraliseForParsing } from "../../src/core/markdown/guard.ts";
import { PARSE_WINDOW_SIZE, parseWindows } from "../../src/core/markdown/windows.ts";

describe("neutraliseForParsing", () => {
  it("cuts inline comments out of their line (padding its end) and keeps the line endings of block comments", () => {
    expect(neutraliseForParsing("a <!-- b --> c")).toBe(`a  c${" ".repeat(10)}`);
    expect(neutraliseForParsing("a <!-- b -->\nc")).toBe(`a ${" ".repeat(10)}\nc`);
    expect(neutraliseForParsing("a\n<!--\nb\r\n-->\nc")).toBe("a\n    \n \r\n   \nc");
  });

  it("keeps what follows a comment where it was meant: a list item's label stays a label, not code", () => {
    expect(neutraliseForParsing("- <!-- who? --> Customer: agents\n- x")).toBe(`-  Customer: agents${" ".repeat(13)}\n- x`);
  });

  it("treats `<!-->` and `<!--->` as complete empty comments", () => {
    expect(neutraliseForParsing("x <!--> y <!---> z")).toBe(`x  y  z${" ".repeat(11)}`);
  });

  it("blanks to the end after an unclosed comment that opens a line, and only then", () => {
    expect(neutraliseForParsing("a\n> <!-- b\nc")).toBe("a\n>       \n ");
    expect(neutraliseForParsing("a <!-- b\nc")).toBe("a <!-- b\nc");
  });

  it("leaves comment markers inside fenced code alone", () => {
    const fenced = "```html\n<!-- kept -->\n```\n<!-- gone -->";
    expect(neutraliseForParsing(fenced)).toBe(`\`\`\`html\n<!-- kept -->\n\`\`\`\n${" ".repeat(13)}`);
  });

  it("replaces a byte-order mark with a space", () => {
    expect(neutraliseForParsing("\uFEFFCustomer: a")).toBe(" Customer: a");
  });

  it("turns setext underlines beyond the cap into text", () => {
    const headings = "a\n=\n".repeat(MAX_SETEXT_UNDERLINES + 2);
    const underlines = neutraliseForParsing(headings)
      .split("\n")
      .filter((_, index) => index % 2 === 1);
    expect(underlines.slice(0, MAX_SETEXT_UNDERLINES).every((line) => line === "=")).toBe(true);
    expect(underlines.slice(MAX_SETEXT_UNDERLINES, MAX_SETEXT_UNDERLINES + 2)).toEqual([".", "."]);
  });

  it("leaves ordinary Markdown untouched", () => {
    const ordinary = "## Outcome hypothesis\n\n> - **Customer:** agents\n>   - nested\n\nMetric\n------\n| a | b |\n|---|---|";
    expect(neutraliseForParsing(ordinary)).toBe(ordinary);
  });
});

describe("parseWindows", () => {
  it("keeps a description of ordinary size in one window", () => {
    const body = "Customer: agents\n\n".repeat(100);
    expect(parseWindows(body)).toEqual([[0, body.length]]);
    expect(body.length).toBeLessThan(PARSE_WINDOW_SIZE);
  });

  it("cuts after a blank line, before a line that starts a new block", () => {
    const paragraph = `${"word ".repeat(15)}\n`;
    const body = `${paragraph}\n`.repeat(10);
    const windows = parseWindows(body, 200);
    for (const [start] of windows.slice(1)) {
      expect(body.slice(start - 2, start)).toBe("\n\n");
      expect(body[start]).toBe("w");
    }
    expect(windows.length).toBeGreaterThan(2);
  });

  it("never cuts inside fenced code", () => {
    const fence = `\`\`\`\n${"code line\n\n".repeat(50)}\`\`\`\n`;
    const body = `intro\n\n${fence}\noutro\n`;
    const windows = parseWindows(body, 100);
    const fenceStart = body.indexOf("```");
    const fenceEnd = body.lastIndexOf("```") + 4;
    for (const [start] of windows.slice(1)) expect(start <= fenceStart || start >= fenceEnd).toBe(true);
  });
});
