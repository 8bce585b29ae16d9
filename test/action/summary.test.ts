import { describe, expect, it } from "vitest";
import { checkSummary, READ_ONLY_NOTE } from "../../action/summary.ts";
import { parseConfig } from "../../src/core/config/load.ts";
import { evaluatePull } from "../../src/core/evaluate.ts";
import type { PullFacts } from "../../src/core/types.ts";
import type { SyncResult } from "../../src/github/sync-pull.ts";

const loaded = parseConfig({});
if (!loaded.ok) throw new Error("default config invalid");
const facts: PullFacts = { title: "feat: x", body: "", author: "octocat", authorIsBot: false, draft: false, labels: [], headBranch: "x", files: null };

function judged(changes: Partial<Extract<SyncResult, { kind: "judged" }>>): Extract<SyncResult, { kind: "judged" }> {
  return {
    kind: "judged",
    facts,
    verdict: evaluatePull(facts, loaded.ok ? loaded.config : ({} as never)),
    plannedLabels: { added: ["customer-value"], removed: [] },
    labels: { added: ["customer-value"], removed: [] },
    checkOutput: { conclusion: "failure", title: "Outcome hypothesis: 4 fields missing", summary: "The summary.", text: "The fields." },
    check: "skipped",
    commentBody: "The comment.",
    comment: "created",
    ...changes,
  };
}

describe("the Action's job summary", () => {
  it("gives the check's text and what was written", () => {
    expect(checkSummary(judged({}), false)).toBe("The summary.\n\nThe fields.\n\n**Labels:** +customer-value — applied. **Comment:** created.");
  });

  it("says what a read-only token kept from being written, and shows the comment on a dry run", () => {
    const forbidden = checkSummary(judged({ labels: "forbidden", comment: "forbidden" }), false);
    expect(forbidden).toContain("**Labels:** +customer-value — skipped: the token may only read. **Comment:** skipped: the token may only read.");
    expect(forbidden).toContain(`> [!NOTE]\n> ${READ_ONLY_NOTE}`);
    const dry = checkSummary(judged({ labels: "dry-run", comment: "dry-run", plannedLabels: { added: [], removed: ["tech-debt"] } }), true);
    expect(dry).toContain("**Labels:** −tech-debt — not written (dry run).");
    expect(dry).toContain("<details><summary>The comment value-pr would keep on the pull request</summary>\n\nThe comment.\n\n</details>");
    expect(checkSummary(judged({ commentBody: null, comment: "skipped", plannedLabels: { added: [], removed: [] } }), false)).toContain(
      "**Labels:** no change needed. **Comment:** none for this pull request.",
    );
  });
});
