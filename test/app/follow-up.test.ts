// PRODUCT.md §5 on the App: the report sweep asks, once, whether a merged PR's hypothesis held.
import { describe, expect, it } from "vitest";
import { sweepReports } from "../../src/app/reports.ts";
import { QUESTION_MARKER } from "../../src/core/follow-up.ts";
import { seedMergedPulls, type FakeGitHub, type SeedPull } from "../fake-github/index.ts";
import { webhookExample } from "../fake-github/webhooks.ts";
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

const questionsOn = (fake: FakeGitHub, number: number) =>
  (fake.repo(OWNER, REPO).comments.get(number) ?? []).filter((comment) => comment.body.includes(QUESTION_MARKER));
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
    expect(
      h()
        .fake.requests.slice(before)
        .filter((request) => request.write),
    ).toEqual([]);
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

  it("report.enabled: false stops the scheduled report issues, not the questions", async () => {
    seed(h().fake, [merged(81, "2026-11-02T10:00:00Z", hypothesis("**Review:** 2026-12-15"))]);
    h().fake.repo(OWNER, REPO).files.set(".github/value-pr.yml", "report:\n  enabled: false\n");
    const summary = await sweep();
    expect(summary.reported).toMatchObject([{ kind: "disabled" }]);
    expect(questionsOn(h().fake, 81)).toHaveLength(1);
    expect([...h().fake.repo(OWNER, REPO).issues.values()].filter((issue) => issue.labels.some((label) => label.name === "value-pr-report"))).toEqual([]);
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

describe("answers: /value-pr outcome", () => {
  /** A real issue_comment.created payload on merged PR `number`, whose comment exists in the fake. */
  function answer(number: number, body: string, login = "octo-dev", type: "User" | "Bot" = "User") {
    const payload = webhookExample("issue_comment", "created");
    const pull = h().fake.repo(OWNER, REPO).pulls.get(number);
    if (pull === undefined) throw new Error(`no pull ${number}`);
    const comment = h().fake.addComment(OWNER, REPO, number, { body, user: h().fake.user(login, type) });
    payload.comment = { ...payload.comment, id: comment.id, body, user: { ...payload.comment.user, login, type } };
    payload.issue = {
      ...payload.issue,
      number,
      user: { ...payload.issue.user, login: pull.user.login },
      labels: pull.labels.map((label) => ({ ...label, id: 1, node_id: "L", url: "", default: false, description: label.description ?? null })),
      pull_request: { url: "", html_url: "", diff_url: "", patch_url: "", merged_at: "2026-11-02T10:00:00Z" },
    };
    return { ...payload, installation: { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uNDI=" } };
  }
  const repliesOn = (number: number) =>
    (h().fake.repo(OWNER, REPO).comments.get(number) ?? []).filter((comment) => comment.user.login === SELF && !comment.body.includes(QUESTION_MARKER));
  const reactions = () =>
    h()
      .fake.repo(OWNER, REPO)
      .reactions.map((reaction) => reaction.content);

  it("from the author: the answer's label replaces the due label, 👍 and one short reply; a later answer replaces it", async () => {
    seed(h().fake, [merged(51, "2026-11-02T10:00:00Z", hypothesis("**Review:** 2026-12-15"))]);
    await sweep();
    expect(labelsOn(h().fake, 51)).toEqual(["outcome: due"]);

    await h().deliver("issue_comment", answer(51, "/value-pr outcome validated mis-routed tickets down to 4 % @ops"));
    expect(labelsOn(h().fake, 51)).toEqual(["outcome: validated"]);
    expect(reactions()).toEqual(["+1"]);
    expect(repliesOn(51).map((reply) => reply.body)).toEqual([
      "Recorded the outcome as **validated**: mis\\-routed tickets down to 4 % @&#8203;ops. The debt-budget report counts the latest answer.",
    ]);

    await h().deliver("issue_comment", answer(51, "Looked again.\n/value-pr outcome refuted handling time rose 12 %"));
    expect(labelsOn(h().fake, 51)).toEqual(["outcome: refuted"]);
    expect(repliesOn(51)).toHaveLength(2);

    // The report counts the latest answer.
    const summary = await sweep();
    expect(summary.failed).toEqual([]);
    expect(questionsOn(h().fake, 51)).toHaveLength(1);
  });

  it("from a writer, and before the review fell due, it counts; from anyone else: 👎, no reply, no label", async () => {
    seed(h().fake, [merged(61, "2026-11-02T10:00:00Z", hypothesis("**Review:** 2027-03-01"))]);
    h().fake.repo(OWNER, REPO).collaborators.set("pm-anna", "write");
    await h().deliver("issue_comment", answer(61, "/value-pr outcome inconclusive", "stranger"));
    expect(labelsOn(h().fake, 61)).toEqual([]);
    expect(reactions()).toEqual(["-1"]);
    expect(repliesOn(61)).toEqual([]);

    await h().deliver("issue_comment", answer(61, "/value-pr outcome inconclusive too little traffic yet", "pm-anna"));
    expect(labelsOn(h().fake, 61)).toEqual(["outcome: inconclusive"]);
    expect(reactions()).toEqual(["-1", "+1"]);
  });

  it("a wrong result gets the syntax; bots, quotes and code cost no request", async () => {
    seed(h().fake, [merged(71, "2026-11-02T10:00:00Z", hypothesis("**Review:** 2026-12-15"))]);
    await h().deliver("issue_comment", answer(71, "/value-pr outcome great"));
    expect(repliesOn(71).map((reply) => reply.body)).toEqual([expect.stringContaining("takes validated, refuted, inconclusive")]);
    expect(labelsOn(h().fake, 71)).toEqual([]);

    const before = h().fake.requests.length;
    await h().deliver("issue_comment", answer(71, "/value-pr outcome validated", "renovate[bot]", "Bot"));
    await h().deliver("issue_comment", answer(71, "> /value-pr outcome validated\n\nDid you mean this?"));
    await h().deliver("issue_comment", answer(71, "```\n/value-pr outcome refuted x\n```"));
    expect(h().fake.requests.slice(before)).toEqual([]);
    expect(h().fake.violations).toEqual([]);
  });
});
