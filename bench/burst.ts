// `node bench/burst.ts [--replicas=2]`: a burst of 100 `opened` webhooks over 10 installations
// (10 PRs each), all sent at once to the App as it is deployed: `npm start` processes
// (src/app/server.ts) with Probot's production client (throttling and retries on, writes paced a
// second apart per installation), talking over HTTP to the fake GitHub, which answers every
// request after 50 ms. With --replicas=2, two processes share a real Redis (REDIS_URL) and the
// deliveries alternate between them.
//
// Printed: when each PR's check run was created (first, p50, p95, last), when the last comment
// was, when the last request was (drain), each process's peak RSS, and requests and writes.
// GitHub's floor: 10 PRs × ~3 writes per installation at 1 s each is about 30 s.
import { performance } from "node:perf_hooks";
import { createFakeGitHub } from "../test/fake-github/index.ts";
import { seedFromPullRequestPayload, webhookExample } from "../test/fake-github/webhooks.ts";
import { startRedisServer } from "../test/support/redis-server.ts";
import { freePorts, replicaEnv, startReplica } from "../test/support/replica-process.ts";

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

const fake = createFakeGitHub({ baseUrl: "https://ghe.example/api/v3" });
const api = await fake.listenHttp();
const redis = replicas > 1 ? await startRedisServer() : null;
const env = replicaEnv(api.url, redis === null ? {} : { REDIS_URL: redis.url });
const instances = await Promise.all((await freePorts(replicas)).map((port) => startReplica(env, port)));

const events: Array<{ id: string; payload: object }> = [];
for (let number = 1; number <= PULLS_PER_INSTALLATION; number++) {
  // Interleaved by installation, the way a burst over several organisations arrives.
  for (let i = 1; i <= INSTALLATIONS; i++) {
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
    events.push({ id: `00000000-0000-4000-8000-${String(i * 100 + number).padStart(12, "0")}`, payload });
  }
}

fake.latencyMs = LATENCY_MS;
const start = performance.now();
const answers = await Promise.all(
  events.map(({ id, payload }, index) => (instances[index % instances.length] ?? instances[0])!.deliver("pull_request", id, payload)),
);
// Done when every PR has its comment and nothing has moved for two seconds.
let seen = -1;
while (fake.requestsFor("issues/create-comment").length < events.length || fake.requests.length !== seen) {
  seen = fake.requests.length;
  await new Promise((resolve) => setTimeout(resolve, 2000));
}
const drain = (Math.max(...fake.requests.map((request) => request.at)) - start) / 1000;

const since = (at: number) => (at - start) / 1000;
const created = (operationId: string) => fake.requestsFor(operationId).filter((request) => request.status < 400);
const checkTimes = created("checks/create")
  .map((request) => since(request.at))
  .sort((a, b) => a - b);
const commentTimes = created("issues/create-comment")
  .map((request) => since(request.at))
  .sort((a, b) => a - b);
const pct = (values: number[], p: number) => values[Math.max(0, Math.ceil((p / 100) * values.length) - 1)] ?? NaN;
const s = (value: number) => `${value.toFixed(1)} s`;
const rss = instances.map((instance) => `${(instance.peakRss() / 2 ** 20).toFixed(0)} MiB`).join(" + ");

console.log(
  `## App: burst of ${events.length} \`opened\` over ${INSTALLATIONS} installations, ${LATENCY_MS} ms per request, ${replicas} \`npm start\` process${replicas > 1 ? "es on one Redis" : ""}\n`,
);
console.log("| check runs | first | p50 | p95 | last | last comment | drain | peak RSS | requests | writes | comments deleted | webhook answers |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
const statuses = [...new Set(answers)].map((status) => `${status} ×${answers.filter((a) => a === status).length}`).join(", ");
console.log(
  `| ${checkTimes.length} | ${s(pct(checkTimes, 0))} | ${s(pct(checkTimes, 50))} | ${s(pct(checkTimes, 95))} | ${s(pct(checkTimes, 100))} | ${s(pct(commentTimes, 100))} | ${s(drain)} | ${rss} | ${fake.requests.length} | ${fake.countWrites()} | ${fake.requestsFor("issues/delete-comment").length} | ${statuses} |`,
);

const failures =
  instances
    .map((instance) => instance.output())
    .join("\n")
    .match(/job failed[^\n]*/g) ?? [];
if (failures.length > 0) console.log(`\n${failures.length} job(s) failed and were retried.`);
await Promise.all(instances.map((instance) => instance.stop()));
await api.close();
await redis?.stop();
if (fake.violations.length > 0) throw new Error(`requests outside GitHub's API: ${fake.violations.join("; ")}`);
if (checkTimes.length !== events.length) throw new Error(`expected ${events.length} check runs, got ${checkTimes.length}`);
