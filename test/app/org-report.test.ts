// The organisation's report in the App (PRODUCT.md §3b): posted by the daily sweep at the day's
// last tick, after the repositories, once however often the tick is asked for, and only for
// installations on organisations.
import { describe, expect, it } from "vitest";
import { sweepReports } from "../../src/app/reports.ts";
import { isOrgReportTick } from "../../src/app/schedule.ts";
import { parseOrgReportMarker } from "../../src/core/report/org-render.ts";
import { INSTALLATION_ID, useAppHarness } from "../support/app-harness.ts";
import { NOW, ORG, seedOrganisation } from "../support/org-data.ts";

const h = useAppHarness();
const HOUR = 3_600_000;
/** The last hourly tick of NOW's day: the organisations' turn. */
const LAST_TICK = new Date("2026-08-22T23:00:00Z");

/** The organisation's report issues (the `.github` repository may also hold its own repository report). */
const orgIssues = () => [...h().fake.repo(ORG, ".github").issues.values()].filter((issue) => parseOrgReportMarker(issue.body ?? "") !== null);

describe("the organisation's report in the App's sweep", () => {
  it("is due at the day's last tick only", () => {
    expect(isOrgReportTick(HOUR, LAST_TICK)).toBe(true);
    expect(isOrgReportTick(HOUR, new Date("2026-08-22T22:00:00Z"))).toBe(false);
    expect(isOrgReportTick(HOUR, new Date("2026-08-23T00:00:00Z"))).toBe(false);
    // Other intervals: the last tick that starts within the day, whichever that is.
    expect(isOrgReportTick(15 * 60_000, new Date("2026-08-22T23:45:00Z"))).toBe(true);
    expect(isOrgReportTick(15 * 60_000, new Date("2026-08-22T23:30:00Z"))).toBe(false);
    expect(isOrgReportTick(7 * HOUR, new Date("2026-08-22T17:00:00Z"))).toBe(true);
    expect(isOrgReportTick(7 * HOUR, new Date("2026-08-22T10:00:00Z"))).toBe(false);
  });

  it("posts one issue per period in ORG/.github at the last tick, however many times it ticks, and updates them in place", async () => {
    seedOrganisation(h().fake, "budget:\n  target: 20\n", INSTALLATION_ID);
    h().fake.addOrganization(ORG);
    // A personal account's installation gets no organisation report.
    h().fake.addRepo({ owner: "octocat", repo: "solo", installationId: 7 });

    await h().tick(new Date("2026-08-22T10:00:00Z"));
    await h().idle();
    expect(orgIssues()).toHaveLength(0);

    await Promise.all([h().tick(LAST_TICK), h().tick(LAST_TICK), h().tick(LAST_TICK)]);
    await h().idle();
    const issues = orgIssues().sort((a, b) => a.number - b.number);
    expect(issues.map((issue) => issue.title)).toEqual([
      "Debt budget of acme: sprint 2026-07-27 – 2026-08-09",
      "Debt budget of acme: sprint 2026-08-10 – 2026-08-23",
    ]);
    expect(issues.map((issue) => parseOrgReportMarker(issue.body ?? ""))).toEqual([
      { start: "2026-07-27", end: "2026-08-09" },
      { start: "2026-08-10", end: "2026-08-23" },
    ]);
    // The hand-worked pooled share of the running sprint (test/support/org-data.ts).
    expect(issues[1]?.body).toMatch(/^<!-- value-pr:org-report start=2026-08-10 end=2026-08-23 share=43\.8 status=over repos=2 /);
    const numbers = issues.map((issue) => issue.number);

    // The next day's last tick: the same two issues, rewritten only where something changed.
    h().fake.advanceClock(24 * HOUR);
    await h().tick(new Date(LAST_TICK.getTime() + 24 * HOUR));
    await h().idle();
    expect(
      orgIssues()
        .map((issue) => issue.number)
        .sort((a, b) => a - b),
    ).toEqual(numbers);
  });

  it("writes nothing when the organisation has no .github repository, and does not fail for it", async () => {
    seedOrganisation(h().fake, "budget:\n  target: 20\n", INSTALLATION_ID);
    for (const [key, repo] of h().fake.repos) if (repo.name === ".github") h().fake.repos.delete(key);
    const summary = await sweepReports(h().probot, { now: NOW, due: () => false, selfLogin: async () => "value-pr[bot]", organizations: true });
    // Not a fault to retry (a post would only meet a 404): the organisation is reported as having
    // nowhere to post.
    expect(summary.failed).toEqual([]);
    expect(summary.organizations).toEqual([{ kind: "no-issue-repo", org: ORG, issueRepo: `${ORG}/.github` }]);
    const orgMarked = [...h().fake.repos.values()]
      .flatMap((repo) => [...repo.issues.values()])
      .filter((issue) => parseOrgReportMarker(issue.body ?? "") !== null);
    expect(orgMarked).toHaveLength(0);
    // The organisation was read; only the post was left out.
    expect(h().fake.requestsFor("graphql").length).toBeGreaterThan(0);
  });
});
