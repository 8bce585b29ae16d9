// `node bench/burst.ts [--replicas=2]`: a burst of 100 `opened` events over 10 installations
// (10 PRs each) delivered at once to the App, against the fake GitHub answering every request
// after 50 ms. The App runs with its production client: Octokit's throttling and retries on,
// writes paced a second apart per installation. With --replicas=2 two App instances share a
// real Redis (redis-server on a free loopback port) and the deliveries alternate between them.
//
// Printed: when each PR's check run was created (first, p50, p95, last), when the last comment
// was, when all work was done (drain), the process's peak RSS, and requests and writes made.
// GitHub's floor: 10 PRs × ~3 writes per installation at 1 s each is about 30 s.
import { generateKeyPairSync } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Probot } from "probot";
import { createApp, type RunningApp } from "../src/app/index.ts";
import { AppOctokit } from "../src/app/octokit.ts";
import { DEFAULT_RETRY } from "../src/app/work/types.ts";
import { createFakeGitHub } from "../test/fake-github/index.ts";
import { seedFromPullRequestPayload, webhookExample } from "../test/fake-github/webhooks.ts";
import { startRedisServer, type RedisServer } from "../test/support/redis-server.ts";

const INSTALLATIONS = 10;
const PULLS_PER_INSTALLATION = 10;
const LATENCY_MS = 50;
const replicas = Number(process.argv.find((arg) => arg.startsWith("--replicas="))?.split("=")[1] ?? "1");

const GOOD_BODY = `## Outcome hypothesis
**Customer:** support agents
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %
**Counter-signal:** median handling time rises by more than 10 %
`;

const fake = createFakeGitHub();
fake.listen();
fake.latencyMs = LATENCY_MS;

const redis: RedisServer | null = replicas > 1 ? await startRedisServer() : null;
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;

async function startReplica(): Promise<{ probot: Probot; app: RunningApp }> {
  const probot = new Probot({
    appId: 1,
    privateKey,
    secret: "bench",
    Octokit: AppOctokit as never,
    logLevel: (process.env.LOG_LEVEL ?? "fatal") as "fatal",
    ...(redis !== null && { redisConfig: redis.url }),
  });
  let app: RunningApp | undefined;
  await probot.load(
    createApp({
      scheduleIntervalMs: null,
      reportSecret: null,
      clock: () => new Date(fake.now()),
      work: { redisUrl: redis?.url ?? null, prefix: `bench-${process.pid}`, retry: DEFAULT_RETRY, concurrency: 50 },
      onStarted: (running) => void (app = running),
    }),
    { cwd: process.cwd(), addHandler: () => {} },
  );
  if (app === undefined) throw new Error("the App did not start");
  return { probot, app };
}

const instances = await Promise.all(Array.from({ length: replicas }, startReplica));

const events: Array<{ id: string; payload: object }> = [];
for (let i = 1; i <= INSTALLATIONS; i++) {
  for (let number = 1; number <= PULLS_PER_INSTALLATION; number++) {
    const example = webhookExample("pull_request", "opened");
    example.repository.name = `repo-${i}`;
    example.repository.full_name = `org-${i}/repo-${i}`;
    example.repository.owner.login = `org-${i}`;
    example.repository.id = 10_000 + i;
    example.pull_request.number = number;
    example.pull_request.title = `feat: change ${number}`;
    example.pull_request.body = GOOD_BODY;
    example.pull_request.head.sha = `${i}`.padStart(20, "0") + `${number}`.padStart(20, "0");
    const payload = { ...example, installation: { id: 1000 + i, node_id: `I${i}` } };
    seedFromPullRequestPayload(fake, payload);
    events.push({ id: `burst-${i}-${number}`, payload });
  }
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const start = performance.now();
// Interleaved by installation, the way a burst over several organisations arrives.
const order = events.map((event, index) => ({ event, key: (index % PULLS_PER_INSTALLATION) * INSTALLATIONS + Math.floor(index / PULLS_PER_INSTALLATION) }));
order.sort((a, b) => a.key - b.key);
await Promise.all(
  order.map(({ event }, index) => {
    const { probot } = instances[index % instances.length] ?? (instances[0] as { probot: Probot });
    return probot.receive({ id: event.id, name: "pull_request", payload: event.payload } as Parameters<Probot["receive"]>[0]);
  }),
);
for (const { app } of instances) await app.work.idle();
const drain = performance.now() - start;
clearInterval(sampler);

const since = (at: number) => (at - start) / 1000;
const created = (operationId: string) => fake.requestsFor(operationId).filter((request) => request.status < 400);
const checkTimes = created("checks/create").map((request) => since(request.at)).sort((a, b) => a - b);
const commentTimes = created("issues/create-comment").map((request) => since(request.at)).sort((a, b) => a - b);
const pct = (values: number[], p: number) => values[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] ?? NaN;
const s = (value: number) => `${value.toFixed(1)} s`;

console.log(`## App: burst of ${events.length} \`opened\` over ${INSTALLATIONS} installations, ${LATENCY_MS} ms per request, ${replicas} replica${replicas > 1 ? "s on Redis" : ", in memory"}\n`);
console.log("| check runs | first | p50 | p95 | last | last comment | drain | peak RSS | requests | writes | comments deleted |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
console.log(
  `| ${checkTimes.length} | ${s(pct(checkTimes, 0.0001))} | ${s(pct(checkTimes, 50))} | ${s(pct(checkTimes, 95))} | ${s(pct(checkTimes, 100))} | ${s(pct(commentTimes, 100))} | ${s(drain / 1000)} | ${(peakRss / 2 ** 20).toFixed(0)} MiB | ${fake.requests.length} | ${fake.countWrites()} | ${fake.requestsFor("issues/delete-comment").length} |`,
);
if (fake.violations.length > 0) throw new Error(`requests outside GitHub's API: ${fake.violations.join("; ")}`);
if (checkTimes.length !== events.length || commentTimes.length !== events.length) throw new Error(`expected ${events.length} check runs and comments, got ${checkTimes.length} and ${commentTimes.length}`);

for (const { app } of instances) await app.close();
fake.close();
await redis?.stop();
// Probot's own Redis connection (the Bottleneck cluster) has no close of its own.
process.exit(0);
