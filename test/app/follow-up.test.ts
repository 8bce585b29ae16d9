// PRODUCT.md §5 on the App: the report sweep asks, once, whether a merged PR's hypothesis held.
import { describe, expect, it } from "vitest";
import { sweepReports } from "../../src/app/reports.ts";
import { QUESTION_MARKER } from "../../src/core/follow-up.ts";
import { seedMergedPulls, type FakeGitHub, type SeedPull } from "../fake-github/index.ts";
import { INSTALLATION_ID, startAppHarness, useAppHarness } from "../support/app-harness.ts";

const h = useAppHarness();
const SELF = "value-pr[bot]";
const OWNER = "Codertocat";
const REPO = "Hello-World";

const hypothesis = (review: string) => `Routes tickets by plan.

## Outcome hypothesis
**Customer:** support agents
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %, cc @support-leads
**Counter-signal:** median handling time rises by more than 10 %
${review}
`;

function merged(number: number, mergedAt: string, body: string, labels: string[] = []): SeedPull {
  return {
    number,
    title: `feat: change ${number}`,
    body,
    draft: false,
    user: { login: "octo-dev", type: "User" },
    head: { ref: `feat/change-${number}` },
    base: { ref: "main" },
    merged_at: mergedAt,
    additions: 10,
    deletions: 2,
    changed_files: 1,
    files: [{ filename: "src/router.ts", additions: 10, deletions: 2 }],
    labels,
  };
}

function seed(fake: FakeGitHub, pulls: SeedPull[], now = "2026-12-16T09:00:00Z") {
  fake.addRepo({ owner: OWNER, repo: REPO, installationId: INSTALLATION_ID, defaultBranch: "main" });
  seedMergedPulls(fake, OWNER, REPO, pulls);
  fake.advanceClock(Date.parse(now) - Date.parse(fake.now()));
}

const questionsOn = (fake: FakeGitHub, number: number) => (fake.repo(OWNER, REPO).comments.get(number) ?? []).filter((comment) => comment.body.includes(QUESTION_MARKER));
const labelsOn = (fake: FakeGitHub, number: number) => (fake.repo(OWNER, REPO).pulls.get(number)?.labels ?? []).map((label) => label.name);
const sweep = (harness = h()) => sweepReports(harness.probot, { now: harness.clock(), due: () => true, selfLogin: async () => SELF });

describe("the outcome question", () => {
  it("is asked once on a merged PR whose review fell due: a new comment to the author, and the due label", async () => {
    seed(h().fake, [
      merged(11, "2026-11-02T10:00:00Z", hypothesis("**Review:** 2026-12-15")),
      merged(12, "2026-11-02T10:00:00Z", hypothesis("**Review in:** 60 days")), // due 2027-01-01: not yet
      merged(13, "2026-11-02T10:00:00Z", "No hypothesis here."), // nothing to follow up
      merged(14, "2026-11-02T10:00:00Z", hypothesis("**Review:** 2026-12-10"), ["outcome: validated"]), // answered already
    ]);
    const summary = await sweep();
    expect(summary.failed).toEqual([]);

    const [question, ...more] = questionsOn(h().fake, 11);
    expect(more).toEqual([]);
    expect(question?.user.login).toBe(SELF);
    expect(question?.body).toContain("@octo-dev: this pull request was merged with an outcome hypothesis, and its review fell due on 2026-12-15.");
    expect(question?.body).toContain("cc @&#8203;support\\-leads");
    expect(labelsOn(h().fake, 11)).toContain("outcome: due");
    for (const number of [12, 13, 14]) expect(questionsOn(h().fake, number)).toEqual([]);
    expect(labelsOn(h().fake, 12)).toEqual([]);

    // Repeated sweeps ask nothing more and write nothing for the reviews.
    const before = h().fake.requests.length;
    await sweep();
    expect(questionsOn(h().fake, 11)).toHaveLength(1);
    expect(h().fake.requests.slice(before).filter((request) => request.write)).toEqual([]);
    expect(h().fake.violations).toEqual([]);
  });

  it("two sweeps at once ask one question", async () => {
    seed(h().fake, [merged(21, "2026-11-02T10:00:00Z", hypothesis("**Review:** 2026-12-15"))]);
    await Promise.all([sweep(), sweep()]);
    expect(questionsOn(h().fake, 21)).toHaveLength(1);
    expect(labelsOn(h().fake, 21)).toEqual(["outcome: due"]);
  });

  it("a restarted App, or a person removing the label, never brings a second question", async () => {
    seed(h().fake, [merged(31, "2026-11-02T10:00:00Z", hypothesis("**Review:** 2026-12-15"))]);
    await sweep();
    const restarted = await startAppHarness({ fake: h().fake });
    try {
      await sweep(restarted);
      expect(questionsOn(h().fake, 31)).toHaveLength(1);
      // Someone takes the label off: the marked question is found, and the label comes back.
      const pull = h().fake.repo(OWNER, REPO).pulls.get(31);
      if (pull !== undefined) pull.labels = [];
      await sweep(restarted);
      expect(questionsOn(h().fake, 31)).toHaveLength(1);
      expect(labelsOn(h().fake, 31)).toEqual(["outcome: due"]);
    } finally {
      await restarted.close();
    }
  });

  it("asks nothing about reviews long overdue (enabling follow-up on an old history), nor with follow-up off", async () => {
    seed(h().fake, [
      merged(41, "2026-09-01T10:00:00Z", hypothesis("**Review in:** 30 days")), // due 2026-10-01: 76 days ago
      merged(42, "2026-11-02T10:00:00Z", hypothesis("**Review:** 2026-12-15")),
    ]);
    h().fake.repo(OWNER, REPO).files.set(".github/value-pr.yml", "follow-up:\n  enabled: false\n");
    await sweep();
    expect(questionsOn(h().fake, 42)).toEqual([]);
    h().fake.repo(OWNER, REPO).files.set(".github/value-pr.yml", "follow-up:\n  enabled: true\n");
    await sweep();
    expect(questionsOn(h().fake, 41)).toEqual([]);
    expect(questionsOn(h().fake, 42)).toHaveLength(1);
  });
});
