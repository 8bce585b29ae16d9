import { stringify } from "yaml";
import { configJsonSchema } from "../config/schema.ts";
import { CONFIG_PATH } from "../config/load.ts";

// What `value-pr init` writes into a repository (PRODUCT.md §7): the configuration with every
// default spelled out, a pull-request template the check accepts once filled in, and the
// workflow that runs the Action. Pure text; the CLI writes it.

/** Where the published JSON Schema lives, for editors (`yaml-language-server`). */
export const SCHEMA_URL = "https://raw.githubusercontent.com/value-pr/value-pr/main/src/core/config/value-pr.schema.json";

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  default?: unknown;
  description?: string;
}

/** One YAML value on one line: flow style for lists and maps. */
function inlineYaml(value: unknown): string {
  return stringify(value, { collectionStyle: "flow", lineWidth: 0 }).trimEnd();
}

/**
 * `.github/value-pr.yml` with every key at its default, commented out, each under its meaning:
 * a team uncomments what it changes. Generated from the one zod schema, so it cannot drift.
 */
export function configTemplate(): string {
  const lines = [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    "#",
    "# value-pr's configuration. Every key has a default, shown here commented out: uncomment",
    "# and change only what your team needs. `_extends: .github` inherits the organisation's.",
  ];
  const walk = (node: SchemaNode, depth: number) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (key === "_extends") continue;
      const indent = "  ".repeat(depth);
      if (child.type === "object" && child.properties !== undefined && Object.keys(child.properties).length > 0) {
        lines.push("#", `# ${indent}${key}:`);
        walk(child, depth + 1);
        continue;
      }
      if (child.description !== undefined) lines.push(`# ${indent}# ${child.description}`);
      // A key without a default (e.g. the report's branch: the repository's default branch).
      if (child.default === undefined) lines.push(`# ${indent}# ${key}: (unset)`);
      else lines.push(`# ${indent}${key}: ${inlineYaml(child.default)}`);
    }
  };
  walk(configJsonSchema() as SchemaNode, 0);
  return `${lines.join("\n")}\n`;
}

/** `.github/pull_request_template.md`: the hypothesis as labelled fields, and the category boxes. */
export const PULL_REQUEST_TEMPLATE = `## What changes

<!-- A sentence or two on what this pull request does. -->

## Outcome hypothesis

<!-- value-pr checks these four fields. A tech-debt-only change (refactoring, upgrades, tests)
needs none of them: tick "Tech debt" below. "N/A" with a reason of three words or more waives a field. -->

**Customer:** <who benefits?>
**Outcome:** <what improves for them?>
**Metric:** <how will we know it worked? a number, a percentage or a direction>
**Counter-signal:** <how would we know it did not help?>
**Review:** <optional: a date such as 2026-12-15, or "in 30 days">

## Category

- [ ] Customer value
- [ ] Tech debt
`;

/** `.github/workflows/value-pr.yml`: the Action on pull requests, its report (and the outcome questions) on a schedule, and the answers. */
export const WORKFLOW_TEMPLATE = `name: value-pr
on:
  pull_request_target:   # also fork PRs; use \`pull_request\` if you only take PRs from branches
    types: [opened, edited, reopened, synchronize, ready_for_review, converted_to_draft, labeled, unlabeled]
  schedule:
    - cron: "0 6 * * 1"  # the debt-budget report, every Monday
  workflow_dispatch:      # the report, now
  issue_comment:          # answers to the outcome question: /value-pr outcome validated …
    types: [created]
permissions:
  contents: read          # ${CONFIG_PATH}
  pull-requests: write    # the category labels
  issues: write           # the comment, the report issue, the outcome question and its answers
jobs:
  value-pr:
    runs-on: ubuntu-latest
    steps:
      - uses: value-pr/value-pr@v1   # this repository, at a release tag
        id: value-pr
`;

export interface InitFile {
  path: string;
  content: string;
}

export function initFiles(): InitFile[] {
  return [
    { path: CONFIG_PATH, content: configTemplate() },
    { path: ".github/pull_request_template.md", content: PULL_REQUEST_TEMPLATE },
    { path: ".github/workflows/value-pr.yml", content: WORKFLOW_TEMPLATE },
  ];
}
