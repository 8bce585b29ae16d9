import type { PullVerdict } from "../evaluate.ts";
import type { FieldKey } from "../types.ts";
import { categoryLine, extrasLine, fieldsTable, fixSnippet, markdownText, problemList, STATUS_ICON } from "./hypothesis.ts";

/** What a check run shows; `conclusion` uses GitHub's check-run vocabulary. */
export interface CheckOutput {
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
  text: string | null;
}

/** Hidden marker that finds value-pr's one comment on a pull request again. */
export const COMMENT_MARKER = "<!-- value-pr:pull-request-comment -->";

const CONCLUSION = { pass: "success", fail: "failure", exempt: "neutral", neutral: "neutral" } as const;

function sentence(text: string): string {
  return text.replace(/\.\s*$/, "");
}

function howToFix(verdict: PullVerdict): string | null {
  const snippet = fixSnippet(verdict.hypothesis);
  if (snippet === null) return null;
  return ["Add this to the pull request description; the check runs again when you save it:", "", snippet].join("\n");
}

function joinBlocks(blocks: Array<string | null>): string {
  return blocks.filter((block): block is string => block !== null && block !== "").join("\n\n");
}

export function renderCheck(verdict: PullVerdict, required: readonly FieldKey[]): CheckOutput {
  const h = verdict.hypothesis;
  const problems = problemList(h);
  return {
    conclusion: CONCLUSION[h.status],
    title: sentence(h.reason).slice(0, 120),
    summary: joinBlocks([
      `${STATUS_ICON[h.status]} ${markdownText(h.reason)}`,
      fieldsTable(h, new Set(required)),
      problems,
      extrasLine(h),
      categoryLine(verdict.category),
    ]),
    text: howToFix(verdict),
  };
}

/** The check an invalid configuration produces: it names every key path and what was expected. */
export function renderConfigErrorCheck(message: string): CheckOutput {
  return {
    conclusion: "failure",
    title: "Invalid value-pr configuration",
    summary: [
      "value-pr could not read its configuration, so it did not judge this pull request.",
      "",
      "```text",
      message.replaceAll("```", "'''"),
      "```",
      "",
      "Fix the file on the default branch; the check runs again on the next pull request event or when you re-run it.",
    ].join("\n"),
    text: null,
  };
}

/** `budget`: the debt budget so far this period (one Markdown line), when a report has counted it. */
export function renderComment(verdict: PullVerdict, required: readonly FieldKey[], checkName: string, budget: string | null = null): string {
  const h = verdict.hypothesis;
  const fix = howToFix(verdict);
  return joinBlocks([
    COMMENT_MARKER,
    `### ${STATUS_ICON[h.status]} ${markdownText(checkName)}: ${markdownText(sentence(h.reason))}`,
    fieldsTable(h, new Set(required)),
    problemList(h),
    fix === null ? null : `<details${h.status === "fail" ? " open" : ""}><summary>How to fix</summary>\n\n${fix}\n\n</details>`,
    extrasLine(h),
    categoryLine(verdict.category),
    budget,
    "<sub>value-pr asks every change to say which customer outcome it serves and how we would know it worked. This comment is updated in place.</sub>",
  ]);
}
