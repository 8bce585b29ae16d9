// Two replicas as they are deployed: two `npm start` processes (src/app/server.ts) sharing a real
// Redis through REDIS_URL, talking to the fake GitHub over HTTP as a GitHub Enterprise Server
// (GHE_HOST), and receiving signed webhooks on Probot's webhook path. The same delivery reaches
// both at the same moment, as it does behind a load balancer that retries.
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeGitHub, type FakeGitHub } from "../fake-github/index.ts";
import { seedFromPullRequestPayload, webhookExample } from "../fake-github/webhooks.ts";
import { redisTestsRun, startRedisServer, type RedisServer } from "../support/redis-server.ts";
import { freePorts, replicaEnv, startReplica, type Replica } from "../support/replica-process.ts";
import { until } from "../support/until.ts";

const GOOD_BODY = `## Outcome hypothesis
**Customer:** support agents
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %
**Counter-signal:** median handling time rises by more than 10 %
`;

describe.runIf(redisTestsRun())("two `npm start` replicas on one Redis", () => {
  let redis: RedisServer;
  let fake: FakeGitHub;
  let api: { url: string; close: () => Promise<void> };
  let replicas: Replica[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    fake = createFakeGitHub({ baseUrl: "https://ghe.example/api/v3" });
    api = await fake.listenHttp();
    const env = replicaEnv(api.url, { REDIS_URL: redis.url });
    replicas = await Promise.all((await freePorts(2)).map((port) => startReplica(env, port)));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await api?.close();
    await redis?.stop();
  });

  it("the same signed delivery to both at once: one check run, one comment, labels once; both stop cleanly", async () => {
    const payload = { ...webhookExample("pull_request", "opened"), installation: { id: 7, node_id: "I7" } };
    payload.pull_request.title = "feat: route tickets by plan";
    payload.pull_request.body = GOOD_BODY;
    const { pull } = seedFromPullRequestPayload(fake, payload);
    const answers = await Promise.all(replicas.map((replica) => replica.deliver("pull_request", "d6f0c3a0-0000-4000-8000-000000000001", payload)));
    expect(answers).toEqual([200, 200]);

    // Converged, and nothing more is coming: the comment is written and the replicas' shared work
    // queue (BullMQ's, named value-pr under the default prefix: src/app/work/bullmq.ts) holds no
    // job, running, waiting or due for a retry, twice in a row (a finishing job may hand over to
    // its successor between two reads). The schedule is off, so only a delivery could add one.
    await until(() => fake.requestsFor("issues/create-comment").length > 0, "a replica comments", { timeoutMs: 30_000 });
    const queue = new Queue("value-pr", { connection: { url: redis.url } });
    try {
      let empty = 0;
      await until(async () => {
        const counts = await queue.getJobCounts("active", "waiting", "delayed", "prioritized", "waiting-children");
        empty = Object.values(counts).every((count) => count === 0) ? empty + 1 : 0;
        return empty === 2;
      }, "the replicas' work queue is empty");
    } finally {
      await queue.close();
    }
    const repo = fake.repo(payload.repository.owner.login, payload.repository.name);
    expect([...repo.checkRuns.values()]).toHaveLength(1);
    expect(fake.requestsFor("checks/create")).toHaveLength(1);
    expect(repo.comments.get(pull.number)).toHaveLength(1);
    expect(fake.requestsFor("issues/create-comment")).toHaveLength(1);
    expect(fake.requestsFor("issues/delete-comment")).toHaveLength(0);
    expect(fake.requestsFor("issues/add-labels").filter((request) => request.status < 400)).toHaveLength(1);
    expect(fake.violations).toEqual([]);

    expect(await Promise.all(replicas.map((replica) => replica.stop()))).toEqual([0, 0]);
    for (const replica of replicas) expect(replica.output()).not.toMatch(/ERROR|FATAL|job failed/);
  }, 60_000);
});
