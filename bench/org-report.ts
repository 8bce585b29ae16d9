// `node bench/org-report.ts`: the organisation report (PRODUCT.md §3b) over 50 repositories of 200
// merged PRs each, through the CLI's client against the fake GitHub (REST checked against the
// OpenAPI description, GraphQL against the schema): requests, wall time and memory. The PRs are
// the real renovate history, cloned and spread over the trend's six sprints; 10 more
// repositories were last pushed to before the window and must cost nothing.
// The client runs without octokit's pacing here; with it (the default), GraphQL queries go out
// at most one a second, which adds about a second per query after the first.
import { performance } from "node:perf_hooks";
import { createOctokit } from "../src/github/octokit.ts";
import { reportOrg } from "../src/github/org-report.ts";
import { createFakeGitHub, type SeedPull, seedMergedPulls } from "../test/fake-github/index.ts";
import { type DataPull, loadRenovatePulls } from "../test/support/renovate-data.ts";

const REPOSITORIES = 50;
const PULLS_PER_REPOSITORY = 200;
const IDLE_REPOSITORIES = 10;
const ORG = "acme";
const NOW = new Date("2026-08-20T12:00:00Z");
const real = loadRenovatePulls();

/** `count` PRs merged evenly across the trend's window that ends with the sprint of NOW. */
function pullsOf(repoIndex: number, count: number): SeedPull[] {
  const start = Date.parse("2026-06-01T00:00:00Z");
  const span = NOW.getTime() - start;
  return Array.from({ length: count }, (_, i) => {
    const source = real[(repoIndex * 37 + i) % real.length] as DataPull;
    const merged = new Date(start + Math.floor(((i + 0.5) / count) * span)).toISOString().replace(/\.\d{3}Z$/, "Z");
    return { ...source, number: i + 1, base: { ref: "main" }, merged_at: merged, closed_at: merged, updated_at: merged, created_at: merged };
  });
}

const fake = createFakeGitHub();
fake.listen();
try {
  fake.addOrganization(ORG);
  for (let i = 0; i < IDLE_REPOSITORIES; i++) fake.addRepo({ owner: ORG, repo: `idle-${i}` });
  fake.advanceClock(NOW.getTime() - Date.parse(fake.now()));
  fake.addRepo({ owner: ORG, repo: ".github" }).files.set(".github/value-pr.yml", "budget:\n  target: 15\n");
  for (let i = 0; i < REPOSITORIES; i++) seedMergedPulls(fake, ORG, `service-${String(i).padStart(2, "0")}`, pullsOf(i, PULLS_PER_REPOSITORY));
  const octokit = createOctokit({ token: "bench-token", throttle: false });

  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const made = await reportOrg(octokit, ORG, { selectors: ["current"], now: NOW, post: true });
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (made.kind !== "reported") throw new Error(`no report: ${made.kind}`);
  if (fake.violations.length > 0) throw new Error(`requests outside GitHub's API: ${fake.violations.join("; ")}`);

  const [first] = made.reports;
  const graphql = fake.requestsFor("graphql").length;
  const rest = fake.requests.length - graphql;
  const writes = fake.requests.filter((request) => request.write).length;
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  console.log(`## Organisation report: ${REPOSITORIES} repositories × ${PULLS_PER_REPOSITORY} merged PRs (+ ${IDLE_REPOSITORIES} idle)\n`);
  console.log("| measure | value |\n| --- | ---: |");
  console.log(`| repositories listed / read | ${made.repositories.listed} / ${made.repositories.read} |`);
  console.log(`| merged PRs in the period (pooled) | ${first?.report.totals.merged ?? 0} |`);
  console.log(`| GraphQL requests (merged PRs) | ${graphql} |`);
  console.log(`| REST requests (listing, configurations, the issue) | ${rest} (${writes} writes) |`);
  console.log(`| wall time, fake GitHub included | ${Math.round(wallMs)} ms |`);
  console.log(`| RSS before → peak | ${mb(rssBefore)} → ${mb(peakRss)} |`);
  console.log(`| Markdown length | ${first?.markdown.length ?? 0} characters |`);
  console.log(
    `\nRequests ≈ Σ⌈Nᵢ/100⌉ over the ${made.repositories.read} repositories read (Nᵢ = PRs updated in the window, plus the follow-up's 90 days back) ` +
      `+ one REST request per repository for its own configuration file (the organisation's \`.github\` one, which most fall back to, is read once); the ${IDLE_REPOSITORIES} idle repositories cost none.`,
  );
} finally {
  fake.close();
}
