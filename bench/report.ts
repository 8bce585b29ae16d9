// `node bench/report.ts`: requests and time to build the debt-budget report, through the CLI's
// client against the fake GitHub (GraphQL validated against GitHub's schema), for
//   1. the real renovate history (689 merged PRs, 8 weeks), and
//   2. a synthetic window of 10,000 merged PRs (the real ones, cloned and spread over the trend).
// "core" is the pure part (classify, count, render); the rest of the wall time is the fake
// GitHub (msw + graphql-js executing every page), which real GitHub replaces with the network.
// The client runs without octokit's pacing here; with it (the default), GraphQL pages go out at
// most one a second, which adds about one second per page after the first.
import { performance } from "node:perf_hooks";
import { parseConfig } from "../src/core/config/load.ts";
import { buildReport, periodRules, PullJudge, reportPeriods } from "../src/core/report/budget.ts";
import { resolvePeriod } from "../src/core/report/period.ts";
import { renderReport } from "../src/core/report/render.ts";
import { fetchMergedPulls } from "../src/github/merged-pulls.ts";
import { createOctokit } from "../src/github/octokit.ts";
import { makeReports, postReport, reportRepo } from "../src/github/report.ts";
import { createFakeGitHub, seedMergedPulls, type SeedPull } from "../test/fake-github/index.ts";
import { loadRenovatePulls, type DataPull } from "../test/support/renovate-data.ts";

const result = parseConfig({});
if (!result.ok) throw new Error("default config invalid");
const config = result.config;

interface Scenario {
  name: string;
  pulls: SeedPull[];
  now: Date;
}

const real = loadRenovatePulls();

/** 10,000 PRs merged across the six sprints of the trend that ends on 2026-08-23. */
function synthetic(count: number): SeedPull[] {
  const start = Date.parse("2026-06-01T00:00:00Z");
  const span = Date.parse("2026-08-24T00:00:00Z") - start;
  return Array.from({ length: count }, (_, i) => {
    const source = real[i % real.length] as DataPull;
    const merged = new Date(start + Math.floor(((i + 0.5) / count) * span)).toISOString().replace(/\.\d{3}Z$/, "Z");
    return { ...source, number: 100_000 + i, merged_at: merged, closed_at: merged, updated_at: merged, created_at: merged };
  });
}

const scenarios: Scenario[] = [
  { name: "renovate history: 689 merged PRs, sprint 2026-08-10 and its 6-sprint trend", pulls: real, now: new Date("2026-08-20T12:00:00Z") },
  { name: "synthetic: 10,000 merged PRs in the trend's window", pulls: synthetic(10_000), now: new Date("2026-08-20T12:00:00Z") },
];

const rows: string[] = [];
for (const scenario of scenarios) {
  const fake = createFakeGitHub();
  fake.listen();
  try {
    seedMergedPulls(fake, "acme", "app", scenario.pulls);
    const octokit = createOctokit({ token: "bench-token", throttle: false });
    const ref = { owner: "acme", repo: "app" };

    const started = performance.now();
    const made = await makeReports(octokit, ref, config, ["current"], scenario.now);
    const reportMs = performance.now() - started;
    const readRequests = fake.requests.length;
    const graphql = fake.requestsFor("graphql").length;
    const [first] = made.reports;
    if (first === undefined) throw new Error("no report");
    const posted = await postReport(octokit, ref, config, first);
    const postRequests = fake.requests.length - readRequests;
    const again = fake.requests.length;
    const repost = await postReport(octokit, ref, config, first);
    const repostWrites = fake.requests.slice(again).filter((r) => r.write).length;

    // The pure core alone, over the same PRs, as fetched.
    const period = resolvePeriod("current", scenario.now, periodRules(config));
    const windows = reportPeriods(period, config);
    const fetched = await fetchMergedPulls(octokit, ref, { branch: "main", from: windows[0]?.from ?? "", until: period.until });
    const coreStart = performance.now();
    const report = buildReport({ repo: "acme/app", period, pulls: fetched.pulls, now: scenario.now }, config, new PullJudge(config));
    const markdown = renderReport(report, { periodName: "sprint" });
    const coreMs = performance.now() - coreStart;

    if (fake.violations.length > 0) throw new Error(`requests outside GitHub's API: ${fake.violations.join("; ")}`);
    const inWindow = fetched.pulls.length;
    rows.push(
      `| ${scenario.name} | ${inWindow} | ${first.report.totals.merged} | ${graphql} (⌈N/100⌉ = ${Math.ceil(inWindow / 100)}) | ${postRequests} (${posted.kind}) | ${repostWrites} (${repost.kind}) | ${reportMs.toFixed(0)} | +${graphql - 1} s | ${coreMs.toFixed(0)} | ${markdown.length.toLocaleString("en")} |`,
    );
  } finally {
    fake.close();
  }
}

console.log("\n## Report: requests and time per report (fake GitHub, default config given, CLI client)\n");
console.log(
  "| scenario | PRs in trend window (N) | PRs in period | GraphQL requests | requests to post (first time) | writes to re-post | wall ms (fetch + build + render) | pacing on GitHub | core ms (build + render) | Markdown chars |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
console.log(rows.join("\n"));

// A scheduled sweep of one repository (the previous and the current period, posted), with
// follow-up off — what a sweep did before it joined — and on: its read reaches 90 days further
// back, and the reviews in their due window are asked. The renovate history, every PR by a
// person given a passing hypothesis with a review 30 days after merge.
const HYPOTHESIS = `## Outcome hypothesis
**Customer:** maintainers
**Outcome:** fewer broken updates
**Metric:** failed update PRs drop from 8 % to under 4 %
**Counter-signal:** update latency rises by more than a day
`;
const sweepRows: string[] = [];
for (const followUp of [false, true]) {
  const fake = createFakeGitHub();
  fake.listen();
  try {
    const reviewed = real.map((pull) =>
      pull.user.type === "Bot" ? pull : { ...pull, title: `feat: ${pull.title}`, body: `${HYPOTHESIS}**Review in:** 30 days\n` },
    );
    seedMergedPulls(fake, "acme", "app", reviewed);
    const octokit = createOctokit({ token: "bench-token", throttle: false });
    const settings = parseConfig({ "follow-up": { enabled: followUp } });
    if (!settings.ok) throw new Error("config invalid");
    const now = new Date("2026-09-10T12:00:00Z");
    const sweep = () =>
      reportRepo(
        octokit,
        { owner: "acme", repo: "app" },
        { selectors: ["previous", "current"], now, config: settings, selfLogin: async () => "value-pr[bot]" },
      );
    const first = await sweep();
    const firstRequests = fake.requests.length;
    const firstWrites = fake.countWrites();
    await sweep();
    const asked = first.kind === "reported" ? first.asked.length : 0;
    sweepRows.push(
      `| ${followUp ? "on" : "off"} | ${fake.requestsFor("graphql").length / 2} | ${firstRequests} (${firstWrites} writes, ${asked} reviews asked) | ${fake.requests.length - firstRequests} (${fake.countWrites() - firstWrites} writes) |`,
    );
  } finally {
    fake.close();
  }
}
console.log("\n## Sweep of one repository: follow-up off (before it joined) and on (renovate history, 2026-09-10)\n");
console.log("| follow-up | GraphQL pages per sweep | requests, first sweep | requests, next sweep |");
console.log("| --- | --- | --- | --- |");
console.log(sweepRows.join("\n"));
