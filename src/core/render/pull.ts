import type { PullVerdict } from "../evaluate.ts";
import type { FieldKey } from "../types.ts";
import { categoryLine, extrasLine, fieldsTable, fixSnippet, problemList, STATUS_ICON } from "./hypothesis.ts";
import { joinBlocks, prose } from "./quote.ts";

/** What a check run shows; `conclusion` uses GitHub's check-run vocabulary. */
export interface CheckOutput {
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
  text: string | null;
}

/**
 * GitHub's limits: a check run's title is short, its summary and text at most 65,535
 * characters; a comment's body at most 65,536. Text over a limit is cut with a pointer, so a
 * check is always written.
 */
export const GITHUB_TEXT_LIMIT = 65_535;
const TITLE_LIMIT = 120;
const CUT_NOTE = "\n\n…cut here: the rest does not fit on GitHub (65,535 characters).";

/** `text` within `limit` characters, cut with a note that says so. */
export function fitGitHubText(text: string, limit: number = GITHUB_TEXT_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit - CUT_NOTE.length)}${CUT_NOTE}`;
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

export function renderCheck(verdict: PullVerdict, required: readonly FieldKey[]): CheckOutput {
  const h = verdict.hypothesis;
  const problems = problemList(h);
  return fitCheck({
    conclusion: CONCLUSION[h.status],
    title: sentence(h.reason),
    summary: joinBlocks([
      `${STATUS_ICON[h.status]} ${prose(h.reason)}`,
      fieldsTable(h, new Set(required)),
      problems,
      extrasLine(h),
      categoryLine(verdict.category),
    ]),
    text: howToFix(verdict),
  });
}

function fitCheck(output: CheckOutput): CheckOutput {
  return {
    ...output,
    title: output.title.slice(0, TITLE_LIMIT),
    summary: fitGitHubText(output.summary),
    text: output.text === null ? null : fitGitHubText(output.text),
  };
}

/** The check an invalid configuration produces: it names every key path and what was expected. */
export function renderConfigErrorCheck(message: string): CheckOutput {
  return fitCheck({
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
  });
}

/** `budget`: the debt budget so far this period (one Markdown line), when a report has counted it. */
export function renderComment(verdict: PullVerdict, required: readonly FieldKey[], checkName: string, budget: string | null = null): string {
  const h = verdict.hypothesis;
  const fix = howToFix(verdict);
  return fitGitHubText(
    joinBlocks([
      COMMENT_MARKER,
      `### ${STATUS_ICON[h.status]} ${prose(checkName)}: ${prose(sentence(h.reason))}`,
      fieldsTable(h, new Set(required)),
      problemList(h),
      fix === null ? null : `<details${h.status === "fail" ? " open" : ""}><summary>How to fix</summary>\n\n${fix}\n\n</details>`,
      extrasLine(h),
      categoryLine(verdict.category),
      budget,
      "<sub>value-pr asks every change to say which customer outcome it serves and how we would know it worked. This comment is updated in place.</sub>",
    ]),
  );
}
