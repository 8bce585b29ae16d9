import { beforeEach, describe, expect, it } from "vitest";
import { useAppHarness, type AppHarness } from "../support/app-harness.ts";

const HYPOTHESIS = `## Outcome hypothesis
**Customer:** support agents
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %
**Counter-signal:** median handling time rises by more than 10 %
`;

const harness = useAppHarness();
let h: AppHarness;
beforeEach(() => {
  h = harness();
});

const OWNER = "Codertocat";
const REPO = "Hello-World";
const repo = () => h.fake.repo(OWNER, REPO);
const labelsOn = (number: number) => (repo().pulls.get(number)?.labels ?? []).map((label) => label.name).sort();
const writes = () => h.fake.requests.filter((r) => r.write && r.operationId !== "apps/create-installation-access-token").map((r) => r.operationId);

describe("category labels", () => {
  it("converge in one pass, creating the label with colour and description when the repository lacks it", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { title: "refactor: split the router", body: "" });
    await h.deliver("pull_request", payload);
    expect(labelsOn(pull.number)).toEqual(["tech-debt"]);
    expect(repo().labels.get("tech-debt")).toMatchObject({ name: "tech-debt", color: "bf8700", description: expect.stringContaining("tech-debt") });
    expect(writes()).toEqual(["checks/create", "issues/create-label", "issues/add-labels", "issues/create-comment"]);
    // Tech-debt-only PRs need no hypothesis: the check is exempt (neutral), and says why.
    const [run] = [...repo().checkRuns.values()];
    expect(run).toMatchObject({ conclusion: "neutral" });
    expect(run?.output.summary).toContain("title type `refactor`");
  });

  it("uses an existing label as it is, and a redelivered event makes no write", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { title: "feat: plan on tickets", body: HYPOTHESIS });
    h.fake.ensureLabel(repo(), { name: "customer-value", color: "000000", description: "ours" });
    await h.deliver("pull_request", payload, "delivery-1");
    expect(labelsOn(pull.number)).toEqual(["customer-value"]);
    expect(repo().labels.get("customer-value")?.color).toBe("000000");
    expect(h.fake.requestsFor("issues/create-label")).toHaveLength(0);
    const before = h.fake.countWrites();
    await h.deliver("pull_request", payload, "delivery-1");
    // GitHub also sends `labeled` for value-pr's own label: that changes nothing either.
    await h.deliver("pull_request", { ...payload, action: "labeled", label: { name: "customer-value" }, sender: h.fake.botUser() });
    expect(h.fake.countWrites()).toBe(before);
  });

  it("labels both when a debt signal meets a passing hypothesis", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { title: "chore: faster CI cache", body: HYPOTHESIS });
    await h.deliver("pull_request", payload);
    expect(labelsOn(pull.number)).toEqual(["customer-value", "tech-debt"]);
    expect([...repo().checkRuns.values()][0]?.conclusion).toBe("success");
  });

  it("removes a label value-pr set when the category changes, and leaves other labels alone", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { title: "refactor: split the router", body: "" });
    pull.labels = [h.fake.ensureLabel(repo(), "bug")];
    await h.deliver("pull_request", payload);
    expect(labelsOn(pull.number)).toEqual(["bug", "tech-debt"]);
    pull.title = "feat: route by plan";
    pull.body = HYPOTHESIS;
    await h.deliver("pull_request", { ...payload, action: "edited" });
    expect(labelsOn(pull.number)).toEqual(["bug", "customer-value"]);
  });

  it("a label removed by a person stays removed after later synchronize and edited events", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { title: "refactor: split the router", body: "" });
    await h.deliver("pull_request", payload);
    expect(labelsOn(pull.number)).toEqual(["tech-debt"]);
    h.fake.labelBy("octocat", OWNER, REPO, pull.number, "unlabeled", "tech-debt");
    await h.deliver("pull_request", { ...payload, action: "unlabeled", label: { name: "tech-debt" }, sender: h.fake.user("octocat") });
    pull.head.sha = "2222222222222222222222222222222222222222";
    await h.deliver("pull_request", { ...payload, action: "synchronize" });
    pull.body = "Refactor only.";
    await h.deliver("pull_request", { ...payload, action: "edited" });
    expect(labelsOn(pull.number)).toEqual([]);
    expect(h.fake.requestsFor("issues/add-labels")).toHaveLength(1);
    // Without the label, the PR is no longer tech debt: it needs a hypothesis like any other.
    const latest = [...repo().checkRuns.values()].find((run) => run.head_sha === pull.head.sha);
    expect(latest?.conclusion).toBe("failure");
    expect(latest?.output.summary).toContain("a person removed");
  });

  it("a person's label wins: adding tech-debt to a feature PR makes it tech debt, and value-pr does not take it away", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { title: "feat: route by plan", body: "" });
    await h.deliver("pull_request", payload);
    expect(labelsOn(pull.number)).toEqual(["customer-value"]);
    h.fake.labelBy("octocat", OWNER, REPO, pull.number, "labeled", "tech-debt");
    // GitHub's events list may lag the webhook; the webhook's own label change counts at once.
    repo().issueEvents.get(pull.number)?.pop();
    await h.deliver("pull_request", { ...payload, action: "labeled", label: { name: "tech-debt" }, sender: h.fake.user("octocat") });
    expect(labelsOn(pull.number)).toEqual(["tech-debt"]);
    expect([...repo().checkRuns.values()][0]?.conclusion).toBe("neutral");
  });

  it("a stale redelivery of a person's old `labeled` event does not undo their later removal", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { title: "feat: route by plan", body: "" });
    await h.deliver("pull_request", payload);
    h.fake.labelBy("octocat", OWNER, REPO, pull.number, "labeled", "tech-debt");
    const labeled = { ...payload, action: "labeled", label: { name: "tech-debt" }, sender: h.fake.user("octocat") };
    await h.deliver("pull_request", labeled, "old-delivery");
    h.fake.labelBy("octocat", OWNER, REPO, pull.number, "unlabeled", "tech-debt");
    await h.deliver("pull_request", { ...payload, action: "unlabeled", label: { name: "tech-debt" }, sender: h.fake.user("octocat") });
    await h.deliver("pull_request", labeled, "old-delivery");
    expect(labelsOn(pull.number)).not.toContain("tech-debt");
  });

  it("reads changed files only when signals 1–5 do not decide, and not for very large PRs", async () => {
    const decided = h.pullRequestEvent("opened", { title: "fix: crash on empty plan", body: "" });
    await h.deliver("pull_request", decided.payload);
    expect(h.fake.requestsFor("pulls/list-files")).toHaveLength(0);

    const undecided = h.pullRequestEvent("opened", {
      number: 7,
      title: "Update lockfile and tests",
      body: "",
      changed_files: 2,
      files: [h.fake.pullFile(repo(), { filename: "package-lock.json" }), h.fake.pullFile(repo(), { filename: "src/app.test.ts" })],
    });
    await h.deliver("pull_request", undecided.payload);
    expect(h.fake.requestsFor("pulls/list-files")).toHaveLength(1);
    expect(labelsOn(7)).toEqual(["tech-debt"]);

    const huge = h.pullRequestEvent("opened", { number: 8, title: "Vendor everything", body: "", changed_files: 3001 });
    await h.deliver("pull_request", huge.payload);
    expect(h.fake.requestsFor("pulls/list-files")).toHaveLength(1);
    expect(labelsOn(8)).toEqual([]);
  });

  it("labels: enabled: false leaves labels alone but still classifies", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { title: "refactor: split the router", body: "" });
    repo().files.set(".github/value-pr.yml", "labels:\n  enabled: false\n");
    await h.deliver("pull_request", payload);
    expect(labelsOn(pull.number)).toEqual([]);
    expect([...repo().checkRuns.values()][0]?.conclusion).toBe("neutral");
  });

  it("tolerates a label created meanwhile (422 already exists)", async () => {
    const { payload, pull } = h.pullRequestEvent("opened", { title: "refactor: split the router", body: "" });
    h.fake.failNext("issues/create-label", {
      status: 422,
      body: { message: "Validation Failed", errors: [{ resource: "Label", code: "already_exists", field: "name" }] },
    });
    await h.deliver("pull_request", payload);
    expect(labelsOn(pull.number)).toEqual(["tech-debt"]);
  });
});
