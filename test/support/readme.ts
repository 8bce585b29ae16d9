// The generated parts of README.md: the configuration reference (from the zod schema) and the
// examples of the check and the comment (from the real renderer), so the docs never drift.
// `npm run docs` rewrites them; test/readme.test.ts fails when they are stale.
import { configReferenceMarkdown } from "../../src/core/config/reference.ts";
import { configJsonSchema } from "../../src/core/config/schema.ts";
import { WORKFLOW_TEMPLATE } from "../../src/core/init/templates.ts";
import { parseConfig } from "../../src/core/config/load.ts";
import { compileRules } from "../../src/core/rules.ts";
import { evaluatePull } from "../../src/core/evaluate.ts";
import { renderCheck, renderComment } from "../../src/core/render/pull.ts";
import { buildReport, periodRules } from "../../src/core/report/budget.ts";
import { resolvePeriod } from "../../src/core/report/period.ts";
import { budgetLine, renderReport, reportSummary, reportTitle } from "../../src/core/report/render.ts";
import type { BudgetReport, ReportPull } from "../../src/core/report/types.ts";
import type { PullFacts } from "../../src/core/types.ts";

export const EXAMPLE_BODY = `## Outcome hypothesis
**Customer:** support agents triaging the inbound queue, cc @support-leads
**Outcome:** they see the customer's plan next to each ticket, so fewer tickets are mis-routed
**Metric:** customers are happier
`;

function blockquote(markdown: string): string {
  return markdown
    .split("\n")
    .map((line) => (line === "" ? ">" : `> ${line}`))
    .join("\n");
}

export function examplesMarkdown(): string {
  const config = parseConfig({});
  if (!config.ok) throw new Error("the default configuration must be valid");
  const facts: PullFacts = {
    title: "feat: show the customer's plan on tickets",
    body: EXAMPLE_BODY,
    author: "octocat",
    authorIsBot: false,
    draft: false,
    labels: [],
    headBranch: "feat/plan-on-tickets",
    files: null,
  };
  const verdict = evaluatePull(facts, config.config);
  const required = compileRules(config.config).hypothesis.required;
  const check = renderCheck(verdict, required);
  return [
    "For a description whose metric is vague and whose counter-signal is missing:",
    "",
    "```markdown",
    EXAMPLE_BODY.trimEnd(),
    "```",
    "",
    `**The check** — “Outcome hypothesis”, conclusion \`${check.conclusion}\`, titled *${check.title}*:`,
    "",
    blockquote([check.summary, check.text ?? ""].join("\n\n").trimEnd()),
    "",
    "**The comment** (one per pull request, edited in place; note the neutralised @-mention):",
    "",
    blockquote(renderComment(verdict, required, config.config.hypothesis["check-name"], exampleBudgetLine())),
  ].join("\n");
}

/** The instant the README's report example is made: a Thursday in the middle of a sprint. */
const REPORT_NOW = new Date("2026-08-20T09:00:00Z");

/** A small team's six sprints of merged work: the README's report example. */
function exampleReport(): BudgetReport {
  const config = parseConfig({});
  if (!config.ok) throw new Error("the default configuration must be valid");
  const titles: Array<[string, string, string[]]> = [
    ["feat: show the customer's plan on tickets", "octocat", []],
    ["fix: keep filters when paging the inbox", "hubot", []],
    ["chore(deps): update dependency vitest to v5", "renovate[bot]", []],
    ["feat(billing): yearly plans with a discount", "octocat", []],
    ["feat: export tickets as CSV", "monalisa", []],
    ["Speed up the nightly export", "monalisa", ["tech-debt", "customer-value"]],
    ["fix: time zones in the weekly digest", "hubot", []],
    ["Update the onboarding copy", "hubot", []],
    ["perf: cache plan lookups", "octocat", []],
    ["feat: bulk-assign tickets", "monalisa", []],
  ];
  // Five to ten PRs a sprint, merged a day apart, going back six sprints from REPORT_NOW.
  const pulls: ReportPull[] = [];
  let number = 4200;
  for (let sprint = 0; sprint < 6; sprint += 1) {
    const count = [6, 9, 5, 10, 7, 8][sprint] ?? 6;
    for (let i = 0; i < count; i += 1) {
      const [title, author, labels] = titles[(sprint * 3 + i) % titles.length] ?? titles[0]!;
      const mergedAt = new Date(REPORT_NOW.getTime() - (sprint * 14 + i + 0.5) * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
      pulls.push({
        number: number--,
        title,
        body: "",
        author,
        authorIsBot: author.endsWith("[bot]"),
        mergedAt,
        url: `https://github.com/acme/app/pull/${number + 1}`,
        labels,
        headBranch: "",
        additions: 40,
        deletions: 10,
        changedFiles: 2,
        files: [],
      });
    }
  }
  const period = resolvePeriod("current", REPORT_NOW, periodRules(config.config));
  return buildReport({ repo: "acme/app", period, pulls, now: REPORT_NOW }, config.config);
}

function exampleBudgetLine(): string {
  const report = exampleReport();
  return budgetLine(reportSummary(report), report.budget.target, report.budget.tolerance, "sprint", "https://github.com/acme/app/issues/57");
}

/** The report issue for the example: its title and body as value-pr posts them. */
export function reportExampleMarkdown(): string {
  const report = exampleReport();
  return [
    `**The report issue** — *${reportTitle(report, "sprint")}*, labelled \`value-pr-report\`, for a small team mid-sprint:`,
    "",
    blockquote(renderReport(report, { periodName: "sprint" })),
  ].join("\n");
}

/** Real `value-pr check --json` output (the CLI prints `evaluatePull` as is). */
export function jsonExampleMarkdown(): string {
  const config = parseConfig({});
  if (!config.ok) throw new Error("the default configuration must be valid");
  const body = EXAMPLE_BODY.replace("customers are happier", "mis-routed tickets drop from 12 % to under 5 %");
  const facts: PullFacts = { title: "", body, author: "octocat", authorIsBot: false, draft: false, labels: [], headBranch: "", files: null };
  return ["```json", JSON.stringify(evaluatePull(facts, config.config), null, 2), "```"].join("\n");
}

const SECTIONS = {
  examples: examplesMarkdown,
  workflow: () => ["```yaml", WORKFLOW_TEMPLATE.trimEnd(), "```"].join("\n"),
  "json-example": jsonExampleMarkdown,
  "report-example": reportExampleMarkdown,
  "config-reference": configReferenceMarkdown,
} as const;

/** README text with every generated section replaced by its current content. */
export function regenerateReadme(readme: string): string {
  let out = readme;
  for (const [name, generate] of Object.entries(SECTIONS)) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} … ${end}`);
    out = `${out.slice(0, from + start.length)}\n${generate()}\n${out.slice(to)}`;
  }
  return out;
}

/** The JSON Schema editors load for `.github/value-pr.yml` (`# yaml-language-server: $schema=…`). */
export const SCHEMA_FILE = new URL("../../src/core/config/value-pr.schema.json", import.meta.url);

export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
