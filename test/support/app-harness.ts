// Runs the real Probot App against the fake GitHub: webhooks are real example payloads from
// @octokit/webhooks-examples, delivered through `probot.receive` as the webhook server would.
// Two harnesses can share one fake (two replicas) and, with `redis`, one Redis.
import { generateKeyPairSync } from "node:crypto";
import Bottleneck from "bottleneck";
import { Redis } from "ioredis";
import { Probot } from "probot";
import { afterEach, beforeEach, expect } from "vitest";
import { createApp, type RunningApp } from "../../src/app/index.ts";
import type { RetryPolicy } from "../../src/app/work/types.ts";
import { AppOctokit } from "../../src/github/app-octokit.ts";
import type { ApplicationFunctionOptions } from "probot";

type Handler = Parameters<ApplicationFunctionOptions["addHandler"]>[0];
import { createFakeGitHub, type FakeGitHub, type PullState } from "../fake-github/index.ts";
import { seedFromPullRequestPayload, webhookExample } from "../fake-github/webhooks.ts";

export const INSTALLATION_ID = 42;
export const WEBHOOK_SECRET = "webhook-secret-for-tests";
export const REPORT_SECRET = "report-secret-for-tests";

/** Failed jobs are tried again quickly in tests: three tries, 20 ms then 40 ms apart. */
export const TEST_RETRY: RetryPolicy = { attempts: 3, delayMs: 20 };

export interface HarnessOptions {
  /** Another harness's fake GitHub: this App is a second replica of the same installation. */
  fake?: FakeGitHub;
  /** Replicas share work and write pacing through this Redis, under this key prefix. */
  redis?: { url: string; prefix: string };
  /** Spacing of an installation's writes (default 0: tests do not wait a second per write). */
  pacingMs?: number;
  /**
   * Octokit's throttling, retrying rate limits at once (`retry-after: 0`). Off by default: a
   * test's faults would otherwise be waited out, and the App must converge without it anyway.
   */
  throttle?: boolean;
  retry?: RetryPolicy;
  /** The fake GitHub's latency per request, in ms (benches). */
  latencyMs?: number;
  /** The schedule's tick (default an hour: each repository is due at one hour of the day). */
  scheduleIntervalMs?: number;
}

/**
 * The App's client with the test's settings. A function, not an object: `defaults({...})` with
 * an object does not turn throttling off.
 */
function testOctokit(options: HarnessOptions, connection: Bottleneck.IORedisConnection | undefined) {
  return AppOctokit.defaults((octokitOptions: { throttle?: object }) => ({
    ...octokitOptions,
    throttle: options.throttle === true ? { ...octokitOptions.throttle, fallbackSecondaryRateRetryAfter: 0 } : { enabled: false },
    retry: { enabled: false },
    pacing: { minTime: options.pacingMs ?? 0, connection },
  }));
}

let privateKey: string | undefined;
function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return privateKey;
}

/** Where a pull request lives, for tests with several repositories and installations. */
export interface PullLocation {
  owner: string;
  repo: string;
  installationId: number;
}

export type PullRequestPayload = ReturnType<typeof webhookExample<"pull_request">>;

export interface AppHarness {
  fake: FakeGitHub;
  probot: Probot;
  /** Delivers a webhook the way GitHub's webhook server hands it to Probot. */
  deliver(name: string, payload: object, id?: string): Promise<void>;
  /** A real `pull_request` payload for the action, with its repository and PR seeded in the fake. */
  pullRequestEvent(action: string, pull?: Parameters<FakeGitHub["addPull"]>[2], where?: PullLocation): { payload: PullRequestPayload; pull: PullState };
  /** The HTTP handlers the App registered (the report trigger). */
  handlers: Handler[];
  /** The App's clock: the fake's, which only moves when a test advances it. */
  clock: () => Date;
  /** What the App's schedule does at a tick. */
  tick(at: Date): Promise<void>;
  /** Resolves when the App's work queue has nothing queued, running or waiting for a retry. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startAppHarness(options: HarnessOptions = {}): Promise<AppHarness> {
  const ownFake = options.fake === undefined;
  const fake = options.fake ?? createFakeGitHub();
  if (ownFake) fake.listen();
  if (options.latencyMs !== undefined) fake.latencyMs = options.latencyMs;
  // Probot's Bottleneck cluster connection, as Probot makes it from REDIS_URL.
  const connection = options.redis === undefined ? undefined : new Bottleneck.IORedisConnection({ client: new Redis(options.redis.url) });
  const probot = new Probot({ appId: 1, privateKey: testPrivateKey(), secret: WEBHOOK_SECRET, Octokit: testOctokit(options, connection), logLevel: "fatal" });
  const handlers: Handler[] = [];
  const clock = () => new Date(fake.now());
  let running: RunningApp | undefined;
  const work = { redisUrl: options.redis?.url ?? null, prefix: options.redis?.prefix ?? "value-pr", retry: options.retry ?? TEST_RETRY, concurrency: 20 };
  // Hourly slots, as in production; tests call `tick` with the instant they need rather than
  // wait for the timer (which the harness stops on close).
  await probot.load(
    createApp({
      scheduleIntervalMs: options.scheduleIntervalMs ?? 3_600_000,
      reportSecret: REPORT_SECRET,
      clock,
      work,
      onStarted: (app) => void (running = app),
    }),
    {
      cwd: process.cwd(),
      addHandler: (handler: Handler) => void handlers.push(handler),
    },
  );
  const app = () => {
    if (running === undefined) throw new Error("app harness: the App did not start");
    return running;
  };
  let deliveries = 0;
  return {
    fake,
    probot,
    handlers,
    clock,
    deliver: (name, payload, id) => probot.receive({ id: id ?? `delivery-${++deliveries}`, name, payload } as Parameters<Probot["receive"]>[0]),
    pullRequestEvent(action, pullInput = {}, where) {
      const example = webhookExample("pull_request", "opened");
      // Another number makes another pull request in the same repository, on its own head commit:
      // check runs belong to a commit, so PRs sharing one would share their check run.
      if (typeof pullInput.number === "number") {
        example.pull_request.number = pullInput.number;
        example.pull_request.head.sha = pullInput.number.toString(16).padStart(40, "0");
      }
      if (where !== undefined) {
        // Another repository, in another installation: the example's, renamed.
        example.repository.name = where.repo;
        example.repository.full_name = `${where.owner}/${where.repo}`;
        example.repository.owner.login = where.owner;
        example.repository.id = where.installationId * 1000 + where.repo.length;
      }
      const installationId = where?.installationId ?? INSTALLATION_ID;
      const payload = { ...example, action, installation: { id: installationId, node_id: `installation-${installationId}` } } as PullRequestPayload;
      const { pull } = seedFromPullRequestPayload(fake, payload);
      const seeded = Object.assign(pull, pullInput);
      return { payload, pull: seeded };
    },
    tick: (at) => app().tick(at),
    idle: () => app().work.idle(),
    async close() {
      await running?.close();
      await connection?.disconnect();
      if (ownFake) fake.close();
    },
  };
}

/**
 * Registers a fresh harness per test and, after each, asserts that no request left GitHub's API
 * (every REST call matched an OpenAPI operation, every GraphQL query the schema). Returns a
 * getter, since the harness only exists once `beforeEach` has run.
 */
export function useAppHarness(options: HarnessOptions = {}): () => AppHarness {
  let harness: AppHarness | undefined;
  beforeEach(async () => {
    harness = await startAppHarness(options);
  });
  afterEach(async () => {
    await harness?.close();
    expect(harness?.fake.violations).toEqual([]);
  });
  return () => {
    if (harness === undefined) throw new Error("useAppHarness: the harness exists only inside a test");
    return harness;
  };
}
