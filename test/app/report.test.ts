// The App's report triggers: the `/value-pr report` command, the schedule's sweep and the HTTP
// trigger, against the fake GitHub with the real renovate history seeded as merged PRs.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { reportSlot, sweepReports } from "../../src/app/reports.ts";
import { parseReportMarker } from "../../src/core/report/render.ts";
import { seedMergedPulls, type IssueState } from "../fake-github/index.ts";
import { webhookExample } from "../fake-github/webhooks.ts";
import { INSTALLATION_ID, REPORT_SECRET, useAppHarness } from "../support/app-harness.ts";
import { loadRenovatePulls } from "../support/renovate-data.ts";

const h = useAppHarness();
/** Who the App is on the fake GitHub. */
const SELF = "value-pr[bot]";
const OWNER = "Codertocat";
const REPO = "Hello-World";
const renovatePulls = loadRenovatePulls();

/** Moves the fake clock (which starts at 2024-01-01) to `iso`. */
function setNow(iso: string): void {
  h().fake.advanceClock(Date.parse(iso) - Date.parse(h().fake.now()));
}

/** The repository of the webhook examples, installed, with the renovate history merged into it. */
function seedRepository(now = "2026-08-12T09:00:00Z") {
  const repo = h().fake.addRepo({ owner: OWNER, repo: REPO, installationId: INSTALLATION_ID });
  seedMergedPulls(h().fake, OWNER, REPO, renovatePulls);
  setNow(now);
  return repo;
}

const reportIssues = (): IssueState[] =>
  [...h().fake.repo(OWNER, REPO).issues.values()].filter((issue) => issue.labels.some((l) => l.name === "value-pr-report"));
const operations = () => h().fake.requests.map((request) => request.operationId);

/** A real issue_comment.created payload whose comment exists in the fake. */
function commentEvent(body: string, login = "Codertocat", type: "User" | "Bot" = "User") {
  const payload = webhookExample("issue_comment", "created");
  const issue = h().fake.findRepo(OWNER, REPO)?.issues.get(1) ?? h().fake.addIssue(OWNER, REPO, { number: 1, title: "Sprint planning" });
  const comment = h().fake.addComment(OWNER, REPO, issue.number, { body, user: h().fake.user(login, type) });
  payload.comment.id = comment.id;
  payload.comment.body = body;
  payload.comment.user = { ...payload.comment.user, login, type };
  payload.issue.number = issue.number;
  return { ...payload, installation: { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uNDI=" } };
}

const repliesOn = (number: number) => (h().fake.repo(OWNER, REPO).comments.get(number) ?? []).filter((c) => c.user.type === "Bot");

describe("/value-pr report", () => {
  it("by someone with write access: posts the current period's report issue and replies with its link", async () => {
    const repo = seedRepository();
    repo.collaborators.set("codertocat", "write");
    await h().deliver("issue_comment", commentEvent("Numbers, please:\n/value-pr report"));

    const [issue] = reportIssues();
    expect(reportIssues()).toHaveLength(1);
    // 2026-08-12 falls in the sprint 2026-08-10 .. 2026-08-23 (14-day sprints from 2024-01-01).
    expect(issue?.title).toBe("Debt budget: sprint 2026-08-10 – 2026-08-23");
    expect(parseReportMarker(issue?.body ?? "")).toMatchObject({ start: "2026-08-10", end: "2026-08-23", complete: false });
    expect(issue?.body).toContain("```mermaid");
    const [reply] = repliesOn(1);
    expect(reply?.body).toContain(`#${issue?.number}`);
    expect(reply?.body).toContain(issue?.html_url);
    expect(h().fake.repo(OWNER, REPO).labels.get("value-pr-report")).toMatchObject({ color: "5319e7" });
  });

  it("asked again: the same issue, not rewritten when nothing changed", async () => {
    const repo = seedRepository();
    repo.collaborators.set("codertocat", "admin");
    await h().deliver("issue_comment", commentEvent("/value-pr report"));
    const issuesBefore = reportIssues().map((issue) => ({ ...issue }));
    const updates = () => h().fake.requestsFor("issues/update").length + h().fake.requestsFor("issues/create").length;
    const writesBefore = updates();

    await h().deliver("issue_comment", commentEvent("/value-pr report current"));
    expect(reportIssues()).toEqual(issuesBefore);
    expect(updates()).toBe(writesBefore);
    expect(repliesOn(1).at(-1)?.body).toContain("(unchanged)");
  });

  it("`previous` and a day pick their period", async () => {
    const repo = seedRepository();
    repo.collaborators.set("codertocat", "maintain");
    await h().deliver("issue_comment", commentEvent("/value-pr report previous"));
    await h().deliver("issue_comment", commentEvent("/value-pr report 2026-07-01"));
    expect(reportIssues().map((issue) => parseReportMarker(issue.body ?? "")?.start)).toEqual(["2026-07-27", "2026-06-29"]);
    expect(reportIssues().map((issue) => parseReportMarker(issue.body ?? "")?.complete)).toEqual([true, true]);
  });

  it("without write access: a 👎 reaction, no report and no reply", async () => {
    const repo = seedRepository();
    repo.collaborators.set("codertocat", "triage");
    await h().deliver("issue_comment", commentEvent("/value-pr report"));
    await h().deliver("issue_comment", commentEvent("/value-pr report", "stranger"));

    expect(reportIssues()).toEqual([]);
    expect(repliesOn(1)).toEqual([]);
    expect(repo.reactions.map((reaction) => reaction.content)).toEqual(["-1", "-1"]);
    expect(operations()).not.toContain("graphql");
  });

  it("ignores bots, comments without the command and commands in code or quotes, without a single request", async () => {
    seedRepository();
    await h().deliver("issue_comment", commentEvent("Looks good to me"));
    await h().deliver("issue_comment", commentEvent("/value-pr report", "renovate[bot]", "Bot"));
    await h().deliver("issue_comment", commentEvent("see `/value-pr report` in the README"));
    // Quoted or in a code block, a command is a quotation: it runs nothing.
    await h().deliver("issue_comment", commentEvent("Run this:\n\n```\n/value-pr report\n```"));
    await h().deliver("issue_comment", commentEvent("> /value-pr report previous\n\nThat was last week's."));
    expect(operations().filter((operation) => operation !== "apps/get-authenticated" && operation !== "apps/create-installation-access-token")).toEqual([]);
    expect(reportIssues()).toEqual([]);
  });

  it("an unknown period argument gets a usage reply; an invalid config gets the config error, and no issue", async () => {
    const repo = seedRepository();
    repo.collaborators.set("codertocat", "write");
    await h().deliver("issue_comment", commentEvent("/value-pr report yesterday"));
    expect(repliesOn(1).at(-1)?.body).toContain("`previous`");

    repo.files.set(".github/value-pr.yml", "budget:\n  weight: hours\n");
    await h().deliver("issue_comment", commentEvent("/value-pr report"));
    expect(repliesOn(1).at(-1)?.body).toContain("budget.weight: expected pulls or lines");
    expect(reportIssues()).toEqual([]);
  });
});

describe("the report sweep (schedule and HTTP trigger)", () => {
  it("finishes the previous period and refreshes the current one for every installed repository", async () => {
    seedRepository("2026-08-12T09:00:00Z");
    const summary = await sweepReports(h().probot, { now: h().clock(), due: () => true, selfLogin: async () => SELF });

    expect(summary.failed).toEqual([]);
    expect(summary.reported).toMatchObject([{ kind: "posted", repo: `${OWNER}/${REPO}` }]);
    const periods = reportIssues().map((issue) => parseReportMarker(issue.body ?? ""));
    expect(periods).toMatchObject([
      { start: "2026-07-27", end: "2026-08-09", complete: true },
      { start: "2026-08-10", end: "2026-08-23", complete: false },
    ]);
    // One fetch serves both reports: the default branch, then pages back to the older trend's start.
    const graphqlRequests = h().fake.requestsFor("graphql").length;
    expect(graphqlRequests).toBeLessThanOrEqual(1 + Math.ceil(renovatePulls.length / 100) + 1);
  });

  it("a second sweep writes nothing; two replicas sweeping at once leave one open issue per period", async () => {
    seedRepository();
    await Promise.all([
      sweepReports(h().probot, { now: h().clock(), due: () => true, selfLogin: async () => SELF }),
      sweepReports(h().probot, { now: h().clock(), due: () => true, selfLogin: async () => SELF }),
    ]);
    const open = reportIssues().filter((issue) => issue.state === "open");
    expect(open.map((issue) => parseReportMarker(issue.body ?? "")?.start).sort()).toEqual(["2026-07-27", "2026-08-10"]);
    for (const closed of reportIssues().filter((issue) => issue.state === "closed")) expect(closed.state_reason).toBe("not_planned");

    const writes = h().fake.countWrites();
    await sweepReports(h().probot, { now: h().clock(), due: () => true, selfLogin: async () => SELF });
    expect(h().fake.countWrites()).toBe(writes);
  });

  it("respects `report.enabled: false` on the schedule", async () => {
    const repo = seedRepository();
    repo.files.set(".github/value-pr.yml", "report:\n  enabled: false\n");
    const summary = await sweepReports(h().probot, { now: h().clock(), due: () => true, selfLogin: async () => SELF });
    expect(summary.reported).toMatchObject([{ kind: "disabled" }]);
    expect(reportIssues()).toEqual([]);
  });

  it("reports each repository at its own hour of the day, the same in every replica", async () => {
    seedRepository();
    const hour = reportSlot({ owner: OWNER, repo: REPO }, 24);
    const at = (h: number) => new Date(Date.UTC(2026, 7, 12, h, 30));
    await h().tick(at((hour + 1) % 24));
    await h().idle();
    expect(h().fake.requestsFor("graphql")).toHaveLength(0);
    await h().tick(at(hour));
    await h().idle();
    expect(reportIssues()).toHaveLength(2);
  });

  it("serves POST /value-pr/report behind its secret", async () => {
    seedRepository();
    const [handler] = h().handlers;
    if (handler === undefined) throw new Error("the App registered no HTTP handler");
    const call = async (method: string, url: string, authorization?: string) => {
      let status = 0;
      let body = "";
      const req = { method, url, headers: authorization === undefined ? {} : { authorization } } as IncomingMessage;
      const res = { writeHead: (code: number) => void (status = code), end: (text: string) => void (body = text) } as unknown as ServerResponse;
      const handled = await handler(req, res);
      return { handled, status, json: body === "" ? null : JSON.parse(body) };
    };

    expect((await call("POST", "/somewhere-else")).handled).toBe(false);
    expect((await call("POST", "/value-pr/report")).status).toBe(401);
    expect((await call("POST", "/value-pr/report", "Bearer wrong")).status).toBe(401);
    expect((await call("GET", "/value-pr/report", `Bearer ${REPORT_SECRET}`)).status).toBe(405);
    expect(reportIssues()).toEqual([]);
    expect((await call("POST", "/value-pr/report?repo=someone/else", `Bearer ${REPORT_SECRET}`)).status).toBe(404);

    const ok = await call("POST", `/value-pr/report?repo=${OWNER}/${REPO}`, `Bearer ${REPORT_SECRET}`);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ repositories: 1, failed: [], reported: [{ kind: "posted" }] });
    expect(reportIssues()).toHaveLength(2);

    // A missed day can be re-run: `now` names it (at noon UTC).
    expect((await call("POST", "/value-pr/report?now=yesterday", `Bearer ${REPORT_SECRET}`)).status).toBe(400);
    const backfill = await call("POST", `/value-pr/report?repo=${OWNER}/${REPO}&now=2026-07-14`, `Bearer ${REPORT_SECRET}`);
    expect(backfill.status).toBe(200);
    expect(
      reportIssues()
        .map((issue) => parseReportMarker(issue.body ?? "")?.start)
        .sort(),
    ).toEqual(["2026-06-29", "2026-07-13", "2026-07-27", "2026-08-10"]);
  });

  it("a GitHub fault fails that repository only; the next sweep converges", async () => {
    seedRepository();
    h().fake.failNext("graphql", { status: 500, body: { message: "Server Error" } });
    const failed = await sweepReports(h().probot, { now: h().clock(), due: () => true, selfLogin: async () => SELF });
    expect(failed.failed).toHaveLength(1);
    expect(reportIssues()).toEqual([]);

    const retried = await sweepReports(h().probot, { now: h().clock(), due: () => true, selfLogin: async () => SELF });
    expect(retried.failed).toEqual([]);
    expect(reportIssues()).toHaveLength(2);
  });
});

describe("fetching merged PRs", () => {
  it("asks again with smaller pages when GitHub times out on a big one", async () => {
    // A configured branch spares the default-branch query: the first GraphQL request is a page.
    seedRepository().files.set(".github/value-pr.yml", "budget:\n  branch: main\n");
    h().fake.failNext("graphql", { status: 502, body: { message: "Something went wrong while executing your query. This may be the result of a timeout." } });
    const summary = await sweepReports(h().probot, { now: h().clock(), due: () => true, selfLogin: async () => SELF });
    expect(summary.failed).toEqual([]);
    const sizes = h()
      .fake.requestsFor("graphql")
      .map((request) => (request.body as { variables?: { first?: number } }).variables?.first);
    expect(sizes.slice(0, 3)).toEqual([100, 50, 50]);
    expect(reportIssues()).toHaveLength(2);
  });
});

describe("the PR comment's budget line", () => {
  it("shows the debt budget so far this period once the period's report exists", async () => {
    seedRepository();
    await sweepReports(h().probot, { now: h().clock(), due: () => true, selfLogin: async () => SELF });
    const current = reportIssues().find((issue) => parseReportMarker(issue.body ?? "")?.complete === false);
    const summary = parseReportMarker(current?.body ?? "");

    const { payload } = h().pullRequestEvent("opened", { number: 90_001, body: "Adds a thing" });
    await h().deliver("pull_request", payload);
    const comment = h().fake.repo(OWNER, REPO).comments.get(90_001)?.[0];
    expect(comment?.body).toContain("Debt budget so far this sprint (2026-08-10 – 2026-08-23)");
    expect(comment?.body).toContain(`${summary?.debtShare} %`);
    expect(comment?.body).toContain(current?.html_url);
  });
});
