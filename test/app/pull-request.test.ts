import { beforeEach, describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../src/core/render/pull.ts";
import { secondaryRateLimit } from "../fake-github/index.ts";
import { signWebhook, webhookExample } from "../fake-github/webhooks.ts";
import { TEST_RETRY, useAppHarness, WEBHOOK_SECRET, type AppHarness } from "../support/app-harness.ts";

const GOOD_BODY = `Routes tickets by plan.

## Outcome hypothesis
**Customer:** support agents, cc @support-leads
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %
**Counter-signal:** median handling time rises by more than 10 %
`;
const NO_METRIC = GOOD_BODY.replace(/\*\*Metric:\*\*.*\n/, "");

const harness = useAppHarness();
let h: AppHarness;
beforeEach(() => {
  h = harness();
});

const checkRuns = () => [...h.fake.repo("Codertocat", "Hello-World").checkRuns.values()];
const comments = (number: number) => h.fake.repo("Codertocat", "Hello-World").comments.get(number) ?? [];
const operations = () => h.fake.requests.map((request) => request.operationId);

describe("pull_request events", () => {
  it("opened: reads the live PR, config and label history, then writes one check run, the label and one comment", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    await h.deliver("pull_request", payload);

    expect(operations()).toEqual([
      "apps/get-authenticated", // once per process: value-pr's own login
      "apps/create-installation-access-token",
      "repos/get-content", // .github/value-pr.yml in the repository: absent
      "pulls/get",
      "repos/get-content", // … then in the owner's .github repository: absent
      "issues/list-events", // who last changed the category labels
      "pulls/list-files", // title and branch say nothing, so the changed files might
      "checks/list-for-ref", // the check run first: it is what holds a merge back
      "checks/create",
      "issues/get-label", // customer-value: absent from the repository …
      "issues/create-label", // … so created with colour and description
      "issues/add-labels",
      "issues/list-for-repo", // the debt budget so far: this period's report issue (none yet)
      "issues/list-comments",
      "issues/create-comment",
      "issues/list-comments", // the race guard: is ours the only one?
    ]);
    const [run] = checkRuns();
    expect(checkRuns()).toHaveLength(1);
    expect(run).toMatchObject({
      name: "Outcome hypothesis",
      head_sha: pull.head.sha,
      status: "completed",
      conclusion: "success",
      external_id: "value-pr",
    });
    expect(run?.output.summary).toContain("| Metric | ✅ | mis\\-routed tickets drop from 12 % to under 5 % |");
    const [comment] = comments(pull.number);
    expect(comments(pull.number)).toHaveLength(1);
    expect(comment?.body.startsWith(COMMENT_MARKER)).toBe(true);
    // Quoted PR text is neutralised: the description's @-mention pings nobody.
    expect(comment?.body).toContain("@&#8203;support\\-leads");
    expect(comment?.body).not.toMatch(/(^|[^;])@support/);
  });

  it("a redelivered webhook writes nothing, and three deliveries leave one check run and one comment", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    await h.deliver("pull_request", payload, "same-delivery");
    const writesAfterFirst = h.fake.countWrites();
    await h.deliver("pull_request", payload, "same-delivery");
    await h.deliver("pull_request", payload, "same-delivery");
    expect(h.fake.countWrites()).toBe(writesAfterFirst);
    expect(checkRuns()).toHaveLength(1);
    expect(comments(pull.number)).toHaveLength(1);
  });

  it("fails with the missing field and a paste-ready fix; an edit that adds it turns the same check green", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: NO_METRIC });
    await h.deliver("pull_request", payload);
    const [failed] = checkRuns();
    expect(failed?.conclusion).toBe("failure");
    expect(failed?.output.title).toMatch(/metric/i);
    expect(failed?.output.text).toContain("**Metric:** <what you will observe");
    expect(comments(pull.number)[0]?.body).toContain("❌");

    pull.body = GOOD_BODY;
    await h.deliver("pull_request", { ...payload, action: "edited" });
    expect(checkRuns()).toHaveLength(1);
    expect(checkRuns()[0]).toMatchObject({ id: failed?.id, conclusion: "success" });
    expect(checkRuns()[0]?.output.text ?? "").toBe("");
    expect(h.fake.requestsFor("checks/update")).toHaveLength(1);
    expect(h.fake.requestsFor("issues/update-comment")).toHaveLength(1);
    expect(comments(pull.number)).toHaveLength(1);
    expect(comments(pull.number)[0]?.body).toContain("✅");
  });

  it("judges the live description, not the payload's stale copy", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    payload.pull_request.body = "stale text without any hypothesis";
    await h.deliver("pull_request", payload);
    expect(checkRuns()[0]?.conclusion).toBe("success");
    expect(pull.body).toBe(GOOD_BODY);
  });

  it("a new push (synchronize) gets its own check run on the new head commit", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    await h.deliver("pull_request", payload);
    pull.head.sha = "1111111111111111111111111111111111111111";
    await h.deliver("pull_request", { ...payload, action: "synchronize" });
    expect(checkRuns().map((run) => run.head_sha)).toEqual([payload.pull_request.head.sha, pull.head.sha]);
    expect(comments(pull.number)).toHaveLength(1);
    expect(h.fake.requestsFor("issues/update-comment")).toHaveLength(0);
  });

  it("a draft is neutral until ready for review", async () => {
    const { payload, pull } = h.pullRequestEvent("converted_to_draft", { body: "", draft: true });
    await h.deliver("pull_request", payload);
    expect(checkRuns()[0]?.conclusion).toBe("neutral");
    pull.draft = false;
    await h.deliver("pull_request", { ...payload, action: "ready_for_review" });
    expect(checkRuns()[0]?.conclusion).toBe("failure");
  });

  it("a skip label exempts the PR (neutral check), and removing it brings the check back", async () => {
    const { payload, pull } = h.pullRequestEvent("labeled", { body: "" });
    const repo = h.fake.repo("Codertocat", "Hello-World");
    pull.labels = [h.fake.ensureLabel(repo, "no-hypothesis")];
    await h.deliver("pull_request", payload);
    expect(checkRuns()[0]).toMatchObject({ conclusion: "neutral" });
    expect(checkRuns()[0]?.output.title).toMatch(/no-hypothesis/);
    pull.labels = [];
    await h.deliver("pull_request", { ...payload, action: "unlabeled" });
    expect(checkRuns()[0]?.conclusion).toBe("failure");
  });

  it("a bot's PR is exempt and gets no comment", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: "Bumps lodash from 4.17.20 to 4.17.21." });
    pull.user = { ...pull.user, login: "dependabot[bot]", type: "Bot" };
    await h.deliver("pull_request", payload);
    expect(checkRuns()[0]?.conclusion).toBe("neutral");
    expect(h.fake.requestsFor("issues/list-comments")).toHaveLength(0);
    expect(comments(pull.number)).toHaveLength(0);
  });

  it("handles empty and 65,536-character descriptions", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: null });
    await h.deliver("pull_request", payload);
    expect(checkRuns()[0]?.conclusion).toBe("failure");
    pull.body = (GOOD_BODY + "x".repeat(65_536)).slice(0, 65_536);
    await h.deliver("pull_request", { ...payload, action: "edited" });
    expect(checkRuns()[0]?.conclusion).toBe("success");
    expect(comments(pull.number)[0]?.body.length).toBeLessThan(10_000);
  });
});

describe("configuration", () => {
  it("an invalid value fails the check with the key path and expectation; other repositories are unaffected", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    h.fake.repo("Codertocat", "Hello-World").files.set(".github/value-pr.yml", "budget:\n  target: 150\n");
    await h.deliver("pull_request", payload);
    expect(checkRuns()[0]).toMatchObject({ conclusion: "failure", output: { title: "Invalid value-pr configuration" } });
    expect(checkRuns()[0]?.output.summary).toContain("- budget.target: expected a number from 0 to 100");
    expect(comments(pull.number)).toHaveLength(0);

    const other = h.fake.addRepo({ owner: "acme", repo: "widgets", installationId: 42 });
    const otherPull = h.fake.addPull("acme", "widgets", { body: GOOD_BODY });
    await h.deliver("pull_request", {
      ...payload,
      repository: { ...payload.repository, name: "widgets", full_name: "acme/widgets", owner: { ...payload.repository.owner, login: "acme" } },
      pull_request: { ...payload.pull_request, number: otherPull.number },
    });
    expect([...other.checkRuns.values()][0]?.conclusion).toBe("success");
  });

  it("a config with hundreds of wrong entries still gets its check, naming the first errors and counting the rest", async () => {
    const { payload } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    const wrong = `[${Array(200).fill(1).join(",")}]`;
    h.fake.repo("Codertocat", "Hello-World").files.set(".github/value-pr.yml", `bots: ${wrong}\nhypothesis:\n  sections: ${wrong}\n`);
    await h.deliver("pull_request", payload);
    const [run] = checkRuns();
    expect(run).toMatchObject({ conclusion: "failure", output: { title: "Invalid value-pr configuration" } });
    const summary = run?.output.summary ?? "";
    expect(summary.length).toBeLessThanOrEqual(65_535);
    expect(summary).toContain("- bots.0: expected a login as a string");
    expect(summary).toContain("- …and 350 more errors (fix these first)");
  });

  it("a config file of a megabyte is refused unparsed, and the check says why", async () => {
    const { payload } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    const entries = Array.from({ length: 40_000 }, (_, i) => `  wrong-key-${i}: ${i}`).join("\n");
    h.fake.repo("Codertocat", "Hello-World").files.set(".github/value-pr.yml", `labels:\n${entries}\n`);
    await h.deliver("pull_request", payload);
    const [run] = checkRuns();
    expect(run).toMatchObject({ conclusion: "failure", output: { title: "Invalid value-pr configuration" } });
    expect(run?.output.summary).toContain("Invalid configuration in Codertocat/Hello-World:.github/value-pr.yml:");
    expect(run?.output.summary).toContain("- the file has 977,788 characters; value-pr reads configuration files of at most 32,768");
  });

  it("a glob value-pr cannot match in linear time is refused at load, by its key path", async () => {
    const { payload } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    const config = `classification:\n  debt-paths: ["**/*.md", "+(a|b)/**", "${"a".repeat(70_000 / 4)}"]\n`;
    h.fake.repo("Codertocat", "Hello-World").files.set(".github/value-pr.yml", config);
    await h.deliver("pull_request", payload);
    const summary = checkRuns()[0]?.output.summary ?? "";
    expect(summary).toContain("- classification.debt-paths.1: extended globs such as `+(…)` are not supported");
    expect(summary).toContain("- classification.debt-paths.2: expected at most 256 characters");
    expect(summary).not.toContain("debt-paths.0");
  });

  it("invalid YAML fails the check with the parser's message and the file", async () => {
    const { payload } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    h.fake.repo("Codertocat", "Hello-World").files.set(".github/value-pr.yml", "hypothesis: [unclosed\n");
    await h.deliver("pull_request", payload);
    expect(checkRuns()[0]?.conclusion).toBe("failure");
    expect(checkRuns()[0]?.output.summary).toContain("Invalid configuration in Codertocat/Hello-World:.github/value-pr.yml");
    expect(checkRuns()[0]?.output.summary).toContain("not valid YAML");
  });

  it("falls back to the organisation's .github repository and follows _extends", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: NO_METRIC });
    h.fake.addRepo({ owner: "Codertocat", repo: ".github" }).files.set(".github/value-pr.yml", "_extends: policies\n");
    h.fake.addRepo({ owner: "Codertocat", repo: "policies" }).files.set(".github/value-pr.yml", "mode: advise\ncomment:\n  enabled: false\n");
    await h.deliver("pull_request", payload);
    expect(checkRuns()[0]?.conclusion).toBe("neutral");
    expect(comments(pull.number)).toHaveLength(0);
  });

  it("uses the configured check name", async () => {
    const { payload } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    h.fake.repo("Codertocat", "Hello-World").files.set(".github/value-pr.yml", "hypothesis:\n  check-name: Value hypothesis\n");
    await h.deliver("pull_request", payload);
    expect(checkRuns().map((run) => run.name)).toEqual(["Value hypothesis"]);
  });
});

describe("faults: a failed sync is tried again, and the next event converges", () => {
  it("a 5xx while reading the PR: the sync is tried again later and does the work once", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    h.fake.failNext("pulls/get", { status: 502 });
    // GitHub got its answer; the failure is the queue's to retry, not the delivery's.
    await h.deliver("pull_request", payload);
    expect(checkRuns()).toHaveLength(0);
    await h.idle();
    expect(h.fake.requestsFor("pulls/get")).toHaveLength(2);
    expect(checkRuns()).toHaveLength(1);
    expect(comments(pull.number)).toHaveLength(1);
  });

  it("GitHub failing beyond every retry leaves the PR to its next event, which converges with one check run", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    h.fake.failNext("checks/create", { status: 500, times: TEST_RETRY.attempts });
    await h.deliver("pull_request", payload);
    await h.idle();
    expect(h.fake.requestsFor("checks/create")).toHaveLength(TEST_RETRY.attempts);
    expect(checkRuns()).toHaveLength(0);
    await h.deliver("pull_request", { ...payload, action: "edited" });
    expect(checkRuns()).toHaveLength(1);
    expect(comments(pull.number)).toHaveLength(1);
  });

  it("a secondary rate limit on the comment leaves the check done; the retry adds the one comment", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    h.fake.failNext("issues/create-comment", secondaryRateLimit);
    await h.deliver("pull_request", payload);
    expect(checkRuns()).toHaveLength(1);
    expect(comments(pull.number)).toHaveLength(0);
    await h.idle();
    expect(checkRuns()).toHaveLength(1);
    expect(comments(pull.number)).toHaveLength(1);
  });

  it("a 404 on editing the comment (deleted meanwhile) never leaves a duplicate, and the next event converges", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    await h.deliver("pull_request", payload);
    pull.body = NO_METRIC;
    h.fake.failNext("issues/update-comment", { status: 404, body: { message: "Not Found" } });
    await h.deliver("pull_request", { ...payload, action: "edited" });
    expect(h.fake.requestsFor("issues/create-comment")).toHaveLength(2);
    expect(comments(pull.number)).toHaveLength(1);
    await h.deliver("pull_request", { ...payload, action: "edited" });
    expect(comments(pull.number)).toHaveLength(1);
    expect(comments(pull.number)[0]?.body).toContain("❌");
  });

  it("two racing deliveries for a new PR leave exactly one comment", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    await Promise.all([h.deliver("pull_request", payload), h.deliver("pull_request", { ...payload, action: "labeled" })]);
    expect(comments(pull.number)).toHaveLength(1);
  });

  it("a person quoting the marker is never edited or deleted", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    h.fake.addComment("Codertocat", "Hello-World", pull.number, { body: `> ${COMMENT_MARKER} why this?`, user: h.fake.user("octocat") });
    await h.deliver("pull_request", payload);
    expect(comments(pull.number).map((c) => c.user.type)).toEqual(["User", "Bot"]);
  });

  it("another bot's comment with the marker (the Action beside the App) is not taken for its own", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    const other = h.fake.addComment("Codertocat", "Hello-World", pull.number, {
      body: `${COMMENT_MARKER}\nfrom the Action`,
      user: h.fake.user("github-actions[bot]", "Bot"),
    });
    await h.deliver("pull_request", payload);
    expect(comments(pull.number).map((c) => c.user.login)).toEqual(["github-actions[bot]", "value-pr[bot]"]);
    expect(comments(pull.number)[0]?.body).toBe(other.body);
  });
});

describe("check_run.rerequested", () => {
  it("finds the PR by its commit (forks list none in the payload) and refreshes the check even when unchanged", async () => {
    const { payload: opened, pull } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    const rerequested = webhookExample("check_run", "rerequested");
    pull.head.sha = rerequested.check_run.head_sha;
    await h.deliver("pull_request", opened);
    const run = checkRuns()[0];
    expect(run).toBeDefined();
    await h.deliver("check_run", {
      ...rerequested,
      repository: opened.repository,
      installation: opened.installation,
      check_run: { ...rerequested.check_run, id: run?.id, external_id: "value-pr", pull_requests: [] },
    });
    expect(h.fake.requestsFor("repos/list-pull-requests-associated-with-commit")).toHaveLength(1);
    expect(h.fake.requestsFor("checks/update")).toHaveLength(1);
    expect(checkRuns()).toHaveLength(1);
  });

  it("ignores re-runs of checks that are not value-pr's", async () => {
    const { payload: opened } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    const rerequested = webhookExample("check_run", "rerequested");
    await h.deliver("check_run", { ...rerequested, repository: opened.repository, installation: opened.installation });
    expect(h.fake.requests).toHaveLength(0);
  });
});

describe("webhook signatures", () => {
  it("rejects a delivery whose signature does not match the secret, before any GitHub request", async () => {
    const { payload } = h.pullRequestEvent("opened", { body: GOOD_BODY });
    const body = JSON.stringify(payload);
    const forged = signWebhook("not-the-secret", body);
    await expect(h.probot.webhooks.verifyAndReceive({ id: "1", name: "pull_request", payload: body, signature: forged })).rejects.toThrow(
      /signature does not match/i,
    );
    expect(h.fake.requests).toHaveLength(0);
    await h.probot.webhooks.verifyAndReceive({ id: "2", name: "pull_request", payload: body, signature: signWebhook(WEBHOOK_SECRET, body) });
    expect(checkRuns()).toHaveLength(1);
  });
});
