// Proves the fake GitHub answers like GitHub for what the App uses, and refuses what GitHub
// would refuse or what the fake cannot honestly answer.
import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeGitHub, GitHubGraphqlError, secondaryRateLimit, type FakeGitHub } from "./fake-github/index.ts";
import { matchRestOperation, restOperationTable, validateRestRequest } from "./fake-github/rest-operations.ts";
import { seedFromPullRequestPayload, signWebhook, webhookExample } from "./fake-github/webhooks.ts";

// Retries and throttling would hide the fake's answers; tests that exercise them opt back in.
const TestOctokit = ProbotOctokit.defaults((options: object) => ({ ...options, throttle: { enabled: false }, retry: { enabled: false } }));

const OWNER = "acme";
const REPO = "widgets";

let fake: FakeGitHub;
let octokit: InstanceType<typeof TestOctokit>;

/** Each test gets a fresh fake; a test that provokes violations takes them out itself. */
function useFake(options?: Parameters<typeof createFakeGitHub>[0]) {
  beforeEach(() => {
    fake = createFakeGitHub(options);
    fake.listen();
    octokit = new TestOctokit({ auth: { token: "test-token" }, ...(options?.baseUrl && { baseUrl: options.baseUrl }) });
  });
  afterEach(() => {
    fake.close();
    expect(fake.violations).toEqual([]);
  });
}

const takeViolations = () => fake.violations.splice(0);

/** A request without Octokit's per-endpoint parameter types, to send what GitHub would reject. */
const untypedRequest = (route: string, parameters: Record<string, unknown>) => octokit.request(route, parameters);

describe("REST operation table", () => {
  it("is generated from a pinned @octokit/openapi and knows GitHub's operations", () => {
    expect(restOperationTable.openapiVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(restOperationTable.operations.length).toBeGreaterThan(1000);
  });

  it("prefers literal segments over parameters and decodes parameters", () => {
    expect(matchRestOperation("GET", "/repos/o/r/pulls/comments")?.operation.operationId).toBe("pulls/list-review-comments-for-repo");
    expect(matchRestOperation("GET", "/repos/o/r/pulls/7")).toMatchObject({
      operation: { operationId: "pulls/get" },
      params: { owner: "o", repo: "r", pull_number: "7" },
    });
    expect(matchRestOperation("DELETE", "/repos/o/r/issues/3/labels/area%2Fui%20x")?.params.name).toBe("area/ui x");
    expect(matchRestOperation("GET", "/repos/o/r/contents/.github/value-pr.yml")?.params.path).toBe(".github/value-pr.yml");
    expect(matchRestOperation("GET", "/repos/o/r/pulls/7/nonsense")).toBeUndefined();
  });

  it("reports unknown query parameters, enum violations and body problems", () => {
    const create = matchRestOperation("POST", "/repos/o/r/check-runs")!.operation;
    expect(validateRestRequest(create, new URLSearchParams(), { name: "n", head_sha: "s" })).toEqual([]);
    expect(validateRestRequest(create, new URLSearchParams("x=1"), { head_sha: "s", name: 1, colour: "red", status: "done" })).toEqual([
      expect.stringContaining('unknown query parameter "x"'),
      expect.stringContaining('body property "name" is integer, expected string'),
      expect.stringContaining('unknown body property "colour"'),
      expect.stringContaining('status="done" is not one of'),
    ]);
    const list = matchRestOperation("GET", "/repos/o/r/commits/abc/check-runs")!.operation;
    expect(validateRestRequest(list, new URLSearchParams("filter=newest"), undefined)).toEqual([expect.stringContaining('filter="newest"')]);
  });
});

describe("fake GitHub", () => {
  useFake();

  it("records requests and serves repositories, pull requests and their files", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO, defaultBranch: "trunk" });
    const pull = fake.addPull(OWNER, REPO, { title: "Add widgets", labels: ["customer-value"], files: [{ filename: "src/a.ts", additions: 3, deletions: 1 }] });

    const { data: repo } = await octokit.rest.repos.get({ owner: OWNER, repo: REPO });
    expect(repo).toMatchObject({ full_name: `${OWNER}/${REPO}`, default_branch: "trunk" });
    const { data } = await octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: pull.number });
    expect(data).toMatchObject({
      number: 1,
      title: "Add widgets",
      state: "open",
      merged: false,
      additions: 3,
      deletions: 1,
      changed_files: 1,
      base: { ref: "trunk" },
    });
    expect(data.labels.map((l) => l.name)).toEqual(["customer-value"]);
    expect(data.head.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(data).not.toHaveProperty("files");

    expect(fake.requests.map(({ method, path, operationId, status }) => ({ method, path, operationId, status }))).toEqual([
      { method: "GET", path: `/repos/${OWNER}/${REPO}`, operationId: "repos/get", status: 200 },
      { method: "GET", path: `/repos/${OWNER}/${REPO}/pulls/1`, operationId: "pulls/get", status: 200 },
    ]);
    expect(fake.requestsFor("pulls/get")[0]?.params).toEqual({ owner: OWNER, repo: REPO, pull_number: "1" });
    expect(fake.requests[0]?.authorization).toBe("token test-token");
  });

  it("treats a request to a non-existent endpoint as a violation", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO });
    await expect(octokit.request("GET /repos/{owner}/{repo}/widgets", { owner: OWNER, repo: REPO })).rejects.toMatchObject({ status: 404 });
    expect(takeViolations()).toEqual([`GET /repos/${OWNER}/${REPO}/widgets matches no GitHub REST operation`]);
  });

  it("treats unknown, ill-typed and enum-violating body properties as violations", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO });
    const base = { owner: OWNER, repo: REPO, name: "value-pr", head_sha: "a".repeat(40) };
    await expect(octokit.rest.checks.create({ ...base, conclusion: "passed" as "success" })).rejects.toMatchObject({ status: 422 });
    await expect(untypedRequest("POST /repos/{owner}/{repo}/check-runs", { ...base, colour: "green" })).rejects.toMatchObject({ status: 422 });
    await expect(untypedRequest("POST /repos/{owner}/{repo}/check-runs", { ...base, name: 42 })).rejects.toMatchObject({ status: 422 });
    await expect(untypedRequest("POST /repos/{owner}/{repo}/check-runs", { owner: OWNER, repo: REPO, name: "x" })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.checks.create({ ...base, status: "completed" })).rejects.toMatchObject({ status: 422 });
    expect(takeViolations()).toEqual([
      expect.stringMatching(/checks\/create .*conclusion="passed" is not one of/),
      expect.stringMatching(/unknown body property "colour"/),
      expect.stringMatching(/body property "name" is integer, expected string/),
      expect.stringMatching(/missing required body property "head_sha"/),
      expect.stringMatching(/status "completed" requires a conclusion/),
    ]);
    expect(fake.repo(OWNER, REPO).checkRuns.size).toBe(0);
  });

  it("treats an unimplemented but real GitHub operation as a violation", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO });
    await expect(octokit.rest.repos.listBranches({ owner: OWNER, repo: REPO })).rejects.toMatchObject({ status: 501 });
    expect(takeViolations()).toEqual([
      expect.stringContaining("repos/list-branches (GET /repos/{owner}/{repo}/branches) is a real GitHub operation the fake does not implement"),
    ]);
  });

  it("errors on requests to other hosts (msw onUnhandledFrame: error) and records them", async () => {
    await expect(fetch("https://example.com/elsewhere")).rejects.toThrow();
    expect(takeViolations()).toEqual([
      expect.stringContaining("unhandled request (not to the fake GitHub at https://api.github.com): GET https://example.com/elsewhere"),
    ]);
  });

  it("serves the config file raw as text/plain to the Probot config plugin, and falls back to the org .github repo", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO }).files.set(".github/value-pr.yml", "budget:\n  techDebtPercent: 20\n");
    const found = await octokit.config.get({ owner: OWNER, repo: REPO, path: ".github/value-pr.yml", defaults: { budget: { techDebtPercent: 10 } } });
    expect(found.config).toEqual({ budget: { techDebtPercent: 20 } });
    const [read] = fake.requestsFor("repos/get-content");
    expect(read?.params).toEqual({ owner: OWNER, repo: REPO, path: ".github/value-pr.yml" });

    // Absent from the repository: the plugin's 404 handling asks the owner's .github repository.
    fake.addRepo({ owner: OWNER, repo: "gadgets" });
    const fallback = await octokit.config.get({ owner: OWNER, repo: "gadgets", path: ".github/value-pr.yml", defaults: { budget: { techDebtPercent: 10 } } });
    expect(fallback.config).toEqual({ budget: { techDebtPercent: 10 } });
    expect(
      fake
        .requestsFor("repos/get-content")
        .slice(1)
        .map((r) => [r.params.repo, r.status]),
    ).toEqual([
      ["gadgets", 404],
      [".github", 404],
    ]);

    fake.addRepo({ owner: OWNER, repo: ".github" }).files.set(".github/value-pr.yml", "labels: false\n");
    const orgWide = await octokit.config.get({ owner: OWNER, repo: "gadgets", path: ".github/value-pr.yml" });
    expect(orgWide.config).toEqual({ labels: false });
  });

  it("serves file contents as base64 JSON without the raw media type, and directories as listings", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO }).files.set(".github/value-pr.yml", "a: 1\n");
    const { data: file } = await octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: ".github/value-pr.yml" });
    expect(file).toMatchObject({ type: "file", path: ".github/value-pr.yml", encoding: "base64", size: 5 });
    expect(Buffer.from((file as { content: string }).content, "base64").toString()).toBe("a: 1\n");
    const { data: dir } = await octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: ".github" });
    expect(dir).toEqual([expect.objectContaining({ type: "file", name: "value-pr.yml" })]);
    await expect(octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: "missing.yml" })).rejects.toMatchObject({ status: 404 });
  });

  it("paginates with Link headers that octokit.paginate follows", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO });
    const files = Array.from({ length: 250 }, (_, i) => ({ filename: `src/file-${i}.ts` }));
    const pull = fake.addPull(OWNER, REPO, { files });

    const first = await octokit.rest.pulls.listFiles({ owner: OWNER, repo: REPO, pull_number: pull.number, per_page: 100 });
    expect(first.headers.link).toBe(
      `<https://api.github.com/repos/${OWNER}/${REPO}/pulls/1/files?per_page=100&page=2>; rel="next", <https://api.github.com/repos/${OWNER}/${REPO}/pulls/1/files?per_page=100&page=3>; rel="last"`,
    );
    const all = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: OWNER, repo: REPO, pull_number: pull.number, per_page: 500 });
    expect(all.map((f) => f.filename)).toEqual(files.map((f) => f.filename));
    // per_page is capped at 100, like GitHub does.
    expect(
      fake
        .requestsFor("pulls/list-files")
        .slice(1)
        .map((r) => r.query),
    ).toEqual([{ per_page: "500" }, { per_page: "100", page: "2" }, { per_page: "100", page: "3" }]);

    for (let i = 0; i < 5; i++) fake.addComment(OWNER, REPO, pull.number, { body: `comment ${i}` });
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner: OWNER, repo: REPO, issue_number: pull.number, per_page: 2 });
    expect(comments.map((c) => c.body)).toEqual(["comment 0", "comment 1", "comment 2", "comment 3", "comment 4"]);
  });

  it("lists check runs for a ref with check_name, filter and app_id, paginated", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO });
    const sha = "b".repeat(40);
    fake.addCheckRun(OWNER, REPO, { name: "value-pr", head_sha: sha, status: "completed", conclusion: "failure" });
    const rerun = fake.addCheckRun(OWNER, REPO, { name: "value-pr", head_sha: sha });
    fake.addCheckRun(OWNER, REPO, { name: "ci", head_sha: sha, app: { id: 99, slug: "ci-app" } });
    fake.addCheckRun(OWNER, REPO, { name: "value-pr", head_sha: "c".repeat(40) });

    const { data } = await octokit.rest.checks.listForRef({ owner: OWNER, repo: REPO, ref: sha, check_name: "value-pr" });
    expect(data).toMatchObject({ total_count: 1, check_runs: [{ id: rerun.id }] });
    const all = await octokit.rest.checks.listForRef({ owner: OWNER, repo: REPO, ref: sha, filter: "all", app_id: 1 });
    expect(all.data.total_count).toBe(2);
    const paged = await octokit.paginate(octokit.rest.checks.listForRef, { owner: OWNER, repo: REPO, ref: sha, per_page: 1 });
    expect(paged.map((run) => run.name).sort()).toEqual(["ci", "value-pr"]);
  });

  it("creates, updates and reads check runs as the app", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO });
    const head_sha = "d".repeat(40);
    const { data: created, status } = await octokit.rest.checks.create({
      owner: OWNER,
      repo: REPO,
      name: "value-pr",
      head_sha,
      status: "in_progress",
      external_id: "pr-1",
    });
    expect(status).toBe(201);
    expect(created).toMatchObject({
      name: "value-pr",
      head_sha,
      status: "in_progress",
      conclusion: null,
      app: { id: 1, slug: "value-pr" },
      started_at: "2024-01-01T00:00:00Z",
    });

    fake.advanceClock(60_000);
    const { data: updated } = await octokit.rest.checks.update({
      owner: OWNER,
      repo: REPO,
      check_run_id: created.id,
      conclusion: "action_required",
      output: { title: "Missing hypothesis", summary: "Add one" },
    });
    expect(updated).toMatchObject({
      status: "completed",
      conclusion: "action_required",
      completed_at: "2024-01-01T00:01:00Z",
      output: { title: "Missing hypothesis", summary: "Add one", text: null },
    });
    const { data: read } = await octokit.rest.checks.get({ owner: OWNER, repo: REPO, check_run_id: created.id });
    expect(read).toEqual(updated);

    const foreign = fake.addCheckRun(OWNER, REPO, { name: "ci", head_sha, app: { id: 99, slug: "ci-app" } });
    await expect(
      octokit.rest.checks.update({ owner: OWNER, repo: REPO, check_run_id: foreign.id, status: "completed", conclusion: "success" }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("creates, edits, lists and deletes issue comments as the app's bot user", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO });
    const pull = fake.addPull(OWNER, REPO);
    const { data: comment, status } = await octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: pull.number, body: "Hello" });
    expect(status).toBe(201);
    expect(comment).toMatchObject({
      body: "Hello",
      user: { login: "value-pr[bot]", type: "Bot" },
      html_url: `https://github.com/${OWNER}/${REPO}/pull/1#issuecomment-${comment.id}`,
    });

    await octokit.rest.issues.updateComment({ owner: OWNER, repo: REPO, comment_id: comment.id, body: "Edited" });
    expect((await octokit.rest.issues.getComment({ owner: OWNER, repo: REPO, comment_id: comment.id })).data.body).toBe("Edited");
    expect((await octokit.rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: comment.id })).status).toBe(204);
    await expect(octokit.rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: comment.id })).rejects.toMatchObject({ status: 404 });
    expect((await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: pull.number })).data).toEqual([]);
    // Four attempted writes: the second delete counts although GitHub answered 404.
    expect(fake.countWrites()).toBe(4);
  });

  it("manages repository and issue labels with GitHub's errors", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO });
    const pull = fake.addPull(OWNER, REPO);
    const { status } = await octokit.rest.issues.createLabel({ owner: OWNER, repo: REPO, name: "tech-debt", color: "#d93f0b" });
    expect(status).toBe(201);
    await expect(octokit.rest.issues.createLabel({ owner: OWNER, repo: REPO, name: "Tech-Debt" })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ code: "already_exists" }] } },
    });
    expect((await octokit.rest.issues.getLabel({ owner: OWNER, repo: REPO, name: "tech-debt" })).data.color).toBe("d93f0b");

    const added = await octokit.rest.issues.addLabels({ owner: OWNER, repo: REPO, issue_number: pull.number, labels: ["tech-debt", "area/ui"] });
    expect(added.data.map((l) => l.name)).toEqual(["tech-debt", "area/ui"]);
    await octokit.rest.issues.removeLabel({ owner: OWNER, repo: REPO, issue_number: pull.number, name: "area/ui" });
    await expect(octokit.rest.issues.removeLabel({ owner: OWNER, repo: REPO, issue_number: pull.number, name: "area/ui" })).rejects.toMatchObject({
      status: 404,
    });
    const set = await octokit.rest.issues.setLabels({ owner: OWNER, repo: REPO, issue_number: pull.number, labels: ["customer-value"] });
    expect(set.data.map((l) => l.name)).toEqual(["customer-value"]);
    expect((await octokit.rest.issues.listLabelsOnIssue({ owner: OWNER, repo: REPO, issue_number: pull.number })).data.map((l) => l.name)).toEqual([
      "customer-value",
    ]);
    expect((await octokit.rest.issues.listLabelsForRepo({ owner: OWNER, repo: REPO })).data.map((l) => l.name)).toEqual([
      "tech-debt",
      "area/ui",
      "customer-value",
    ]);
    expect((await octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: pull.number })).data.labels.map((l) => l.name)).toEqual(["customer-value"]);
  });

  it("creates, updates and lists issues; pull requests show up as issues", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO });
    const pull = fake.addPull(OWNER, REPO);
    const { data: issue } = await octokit.rest.issues.create({ owner: OWNER, repo: REPO, title: "Tech-debt budget report", labels: ["report"] });
    expect(issue).toMatchObject({ number: 2, state: "open", user: { login: "value-pr[bot]" }, labels: [{ name: "report" }] });
    await octokit.rest.issues.update({ owner: OWNER, repo: REPO, issue_number: issue.number, state: "closed" });
    expect((await octokit.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: issue.number })).data).toMatchObject({
      state: "closed",
      state_reason: "completed",
    });
    expect((await octokit.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: pull.number })).data.pull_request?.url).toBe(pull.url);

    const open = await octokit.rest.issues.listForRepo({ owner: OWNER, repo: REPO });
    expect(open.data.map((i) => i.number)).toEqual([pull.number]);
    const reports = await octokit.rest.issues.listForRepo({ owner: OWNER, repo: REPO, state: "all", labels: "report" });
    expect(reports.data.map((i) => i.number)).toEqual([issue.number]);
    expect((await octokit.rest.pulls.list({ owner: OWNER, repo: REPO })).data).toEqual([expect.not.objectContaining({ additions: expect.anything() })]);
    expect(
      (await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: OWNER, repo: REPO, commit_sha: pull.head.sha })).data.map((p) => p.number),
    ).toEqual([pull.number]);
  });

  it("injects faults: 500 then success, and retries through Octokit's retry and throttling plugins", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO });
    fake.failNext("repos/get", { status: 500 });
    await expect(octokit.rest.repos.get({ owner: OWNER, repo: REPO })).rejects.toMatchObject({ status: 500 });
    expect((await octokit.rest.repos.get({ owner: OWNER, repo: REPO })).status).toBe(200);

    const Retrying = ProbotOctokit.defaults((options: object) => ({
      ...options,
      throttle: { enabled: false },
      retry: { enabled: true, retryAfterBaseValue: 1 },
    }));
    fake.failNext("repos/get", { status: 502, times: 2 });
    expect((await new Retrying({ auth: { token: "t" } }).rest.repos.get({ owner: OWNER, repo: REPO })).status).toBe(200);

    // Octokit's throttling reads `retry-after: 0` as "not given" and would wait its 60 s fallback.
    // (A GET: throttling spaces out writes by 1-3 s even when they succeed.)
    const Throttled = ProbotOctokit.defaults((options: object) => ({
      ...options,
      retry: { enabled: false },
      throttle: { fallbackSecondaryRateRetryAfter: 0 },
    }));
    fake.failNext("pulls/get", secondaryRateLimit);
    fake.addPull(OWNER, REPO);
    const throttled = new Throttled({ auth: { token: "t" }, log: { debug() {}, info() {}, warn() {}, error() {} } });
    expect((await throttled.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 1 })).status).toBe(200);
    expect(fake.requestsFor("pulls/get").map((r) => r.status)).toEqual([403, 200]);
  });

  it("hands out installation tokens to an app JWT and not to anything else", async () => {
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const app = new TestOctokit({ auth: { appId: 1, privateKey } });
    const installation = (await app.auth({ type: "installation", installationId: 42 })) as { token: string };
    expect(fake.tokens).toEqual([{ installationId: 42, token: installation.token }]);
    await expect(octokit.rest.apps.createInstallationAccessToken({ installation_id: 42 })).rejects.toMatchObject({ status: 401 });
    expect(fake.countWrites()).toBe(0);
  });

  it("runs a Probot app on a real webhook payload against the seeded pull request", async () => {
    const payload = webhookExample("pull_request", "opened");
    payload.installation = { id: 42, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI=" };
    const { pull } = seedFromPullRequestPayload(fake, payload);
    expect(pull.head.sha).toBe(payload.pull_request.head.sha);
    expect(webhookExample("pull_request", "opened")).not.toHaveProperty("installation");

    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const probot = new Probot({ appId: 1, privateKey, secret: "s3cret", Octokit: TestOctokit, logLevel: "fatal" });
    const seen: string[] = [];
    await probot.load((app) => {
      app.on("pull_request.opened", async (context) => {
        const { data } = await context.octokit.rest.pulls.get(context.pullRequest());
        seen.push(data.title);
        await context.octokit.rest.issues.createComment(context.issue({ body: "Thanks!" }));
      });
    });
    const body = JSON.stringify(payload);
    expect(await probot.webhooks.verify(body, signWebhook("s3cret", body))).toBe(true);
    await probot.receive({ id: "1", name: "pull_request", payload } as Parameters<Probot["receive"]>[0]);

    expect(seen).toEqual([payload.pull_request.title]);
    expect(fake.requests.map((r) => r.operationId)).toEqual(["apps/create-installation-access-token", "pulls/get", "issues/create-comment"]);
    expect(fake.requestsFor("pulls/get")[0]?.authorization).toBe(`token ${fake.tokens[0]?.token}`);
    expect(fake.countWrites()).toBe(1);
  });

  it("validates GraphQL against GitHub's schema and executes it against supplied data", async () => {
    fake.graphqlRoot = {
      repository: ({ owner, name }: { owner: string; name: string }) =>
        owner === OWNER
          ? {
              nameWithOwner: `${owner}/${name}`,
              pullRequest: ({ number }: { number: number }) => ({ title: `PR ${number}`, labels: { nodes: [{ name: "tech-debt" }] } }),
            }
          : null,
    };
    const query = `query ($owner: String!, $name: String!, $number: Int!) {
      repository(owner: $owner, name: $name) { nameWithOwner pullRequest(number: $number) { title labels(first: 10) { nodes { name } } } }
    }`;
    const result = await octokit.graphql(query, { owner: OWNER, name: REPO, number: 7 });
    expect(result).toEqual({ repository: { nameWithOwner: `${OWNER}/${REPO}`, pullRequest: { title: "PR 7", labels: { nodes: [{ name: "tech-debt" }] } } } });
    expect(fake.requestsFor("graphql")).toMatchObject([{ method: "POST", path: "/graphql", status: 200, write: false }]);
    expect(fake.countWrites()).toBe(0);

    await expect(octokit.graphql(`{ repository(owner: "a", name: "b") { pullRequest(number: 1) { titel } } }`)).rejects.toThrow();
    await expect(octokit.graphql(query, { owner: OWNER, name: REPO })).rejects.toThrow();
    await expect(octokit.graphql(`{ organization(login: "acme") { login } }`)).rejects.toThrow();
    expect(takeViolations()).toEqual([
      expect.stringContaining('Cannot query field "titel" on type "PullRequest"'),
      expect.stringContaining('Variable "$number"'),
      expect.stringContaining("no fake.graphqlRoot entry for root field(s) organization"),
    ]);

    // Errors GitHub itself returns are answered in GitHub's shape and are not violations.
    fake.graphqlRoot = {
      repository: () => {
        throw new GitHubGraphqlError("NOT_FOUND", "Could not resolve to a Repository with the name 'acme/nope'.");
      },
    };
    await expect(octokit.graphql(`{ repository(owner: "acme", name: "nope") { id } }`)).rejects.toMatchObject({
      errors: [{ type: "NOT_FOUND", path: ["repository"] }],
    });
  });

  it("mounts the same fake on a real HTTP server for other processes", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO });
    fake.addPull(OWNER, REPO, { files: Array.from({ length: 3 }, (_, i) => ({ filename: `f${i}` })) });
    const server = await fake.listenHttp();
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${server.url}/repos/${OWNER}/${REPO}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ full_name: `${OWNER}/${REPO}` });
      const local = new TestOctokit({ auth: { token: "t" }, baseUrl: server.url });
      const files = await local.paginate(local.rest.pulls.listFiles, { owner: OWNER, repo: REPO, pull_number: 1, per_page: 2 });
      expect(files.map((f) => f.filename)).toEqual(["f0", "f1", "f2"]);
      const { data: comment } = await local.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 1, body: "over HTTP" });
      expect(comment.body).toBe("over HTTP");
      expect(fake.requestsFor("pulls/list-files")[1]?.query).toEqual({ per_page: "2", page: "2" });
    } finally {
      await server.close();
    }
  });
});

describe("fake GitHub Enterprise", () => {
  useFake({ baseUrl: "https://ghe.example/api/v3", appSlug: "value-pr-ghe" });

  it("strips the base path, serves GraphQL at /api/graphql and refuses api.github.com", async () => {
    fake.addRepo({ owner: OWNER, repo: REPO });
    const { data } = await octokit.rest.repos.get({ owner: OWNER, repo: REPO });
    expect(data).toMatchObject({ url: `https://ghe.example/api/v3/repos/${OWNER}/${REPO}`, html_url: `https://ghe.example/${OWNER}/${REPO}` });
    fake.addPull(OWNER, REPO);
    const { data: comment } = await octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 1, body: "hi" });
    expect(comment.user?.login).toBe("value-pr-ghe[bot]");
    expect(fake.requests.map((r) => r.path)).toEqual([`/repos/${OWNER}/${REPO}`, `/repos/${OWNER}/${REPO}/issues/1/comments`]);

    fake.graphqlRoot = { viewer: { login: "value-pr-ghe[bot]" } };
    expect(await octokit.graphql(`{ viewer { login } }`)).toEqual({ viewer: { login: "value-pr-ghe[bot]" } });
    expect(fake.requestsFor("graphql")).toHaveLength(1);

    await expect(new TestOctokit({ auth: { token: "t" } }).rest.repos.get({ owner: OWNER, repo: REPO })).rejects.toThrow();
    expect(takeViolations()).toEqual([expect.stringContaining(`GET https://api.github.com/repos/${OWNER}/${REPO}`)]);
  });
});
