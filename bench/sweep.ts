// `node bench/sweep.ts`: two App replicas reach the same report tick at the same instant, over
// REPOS repositories in 2 installations, each with the real renovate history (689 merged PRs).
//   before: each replica sweeps on its own (what the schedule did until the work queue), and
//           the report issue's create-then-settle guard cleans up after the race;
//   after:  both hand the tick to the shared work queue (BullMQ on a real Redis), which runs
//           the sweep once and each repository's report once.
// Printed: GitHub requests, writes, report issues created and closed as duplicates. Each
// repository needs 2 issues (the period that ended and the current one).
import { sweepReports } from "../src/app/reports.ts";
import { seedMergedPulls } from "../test/fake-github/index.ts";
import { startAppHarness, type AppHarness } from "../test/support/app-harness.ts";
import { startRedisServer } from "../test/support/redis-server.ts";
import { loadRenovatePulls } from "../test/support/renovate-data.ts";

const REPOS = 6;
const DAY_MS = 24 * 60 * 60 * 1000;
const pulls = loadRenovatePulls();
const redis = await startRedisServer();

async function replicas(run: number): Promise<[AppHarness, AppHarness]> {
  // One slot a day: every repository is due at every tick.
  const shared = { redis: { url: redis.url, prefix: `bench-sweep-${process.pid}-${run}` }, scheduleIntervalMs: DAY_MS };
  const a = await startAppHarness(shared);
  const b = await startAppHarness({ ...shared, fake: a.fake });
  for (let i = 0; i < REPOS; i++) {
    const owner = `org-${i % 2}`;
    a.fake.addRepo({ owner, repo: `repo-${i}`, installationId: 100 + (i % 2) });
    seedMergedPulls(a.fake, owner, `repo-${i}`, pulls);
  }
  a.fake.advanceClock(Date.parse("2026-08-12T09:00:00Z") - Date.parse(a.fake.now()));
  return [a, b];
}

function figures(label: string, a: AppHarness) {
  const created = a.fake.requestsFor("issues/create").filter((request) => request.status < 400).length;
  const closed = a.fake.requestsFor("issues/update").filter((request) => (request.body as { state?: string } | undefined)?.state === "closed").length;
  return `| ${label} | ${a.fake.requests.length} | ${a.fake.countWrites()} | ${created} | ${closed} |`;
}

const rows: string[] = [];
{
  const [a, b] = await replicas(1);
  const now = a.clock();
  await Promise.all([
    sweepReports(a.probot, { now, due: () => true, selfLogin: async () => "value-pr[bot]" }),
    sweepReports(b.probot, { now, due: () => true, selfLogin: async () => "value-pr[bot]" }),
  ]);
  rows.push(figures("before: each replica sweeps", a));
  await b.close();
  await a.close();
}
{
  const [a, b] = await replicas(2);
  const tick = new Date("2026-08-12T00:00:00Z");
  await Promise.all([a.tick(tick), b.tick(tick)]);
  await a.idle();
  rows.push(figures("after: the queue runs the tick once", a));
  if (a.fake.violations.length > 0) throw new Error(`requests outside GitHub's API: ${a.fake.violations.join("; ")}`);
  await b.close();
  await a.close();
}
await redis.stop();

console.log(`## App: two replicas at the same report tick, ${REPOS} repositories × ${pulls.length} merged PRs\n`);
console.log("| | requests | writes | issues created | closed as duplicates |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const row of rows) console.log(row);
