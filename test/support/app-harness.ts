// Runs the real Probot App against the fake GitHub: webhooks are real example payloads from
// @octokit/webhooks-examples, delivered through `probot.receive` as the webhook server would.
import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, expect } from "vitest";
import { createApp } from "../../src/app/index.ts";
import type { ApplicationFunctionOptions } from "probot";

type Handler = Parameters<ApplicationFunctionOptions["addHandler"]>[0];
import { createFakeGitHub, type FakeGitHub, type PullState } from "../fake-github/index.ts";
import { seedFromPullRequestPayload, webhookExample } from "../fake-github/webhooks.ts";

export const INSTALLATION_ID = 42;
export const WEBHOOK_SECRET = "webhook-secret-for-tests";
export const REPORT_SECRET = "report-secret-for-tests";

// Throttling and retries would stretch a test's faults over seconds of waiting; the App must
// converge without them anyway (the next event repairs what a failed one left). A function, not
// an object: `defaults({...})` with an object does not turn throttling off.
const TestOctokit = ProbotOctokit.defaults((options: object) => ({
  ...options,
  throttle: { enabled: false },
  retry: { enabled: false },
}));

let privateKey: string | undefined;
function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return privateKey;
}

export type PullRequestPayload = ReturnType<typeof webhookExample<"pull_request">>;

export interface AppHarness {
  fake: FakeGitHub;
  probot: Probot;
  /** Delivers a webhook the way GitHub's webhook server hands it to Probot. */
  deliver(name: string, payload: object, id?: string): Promise<void>;
  /** A real `pull_request` payload for the action, with its repository and PR seeded in the fake. */
  pullRequestEvent(action: string, pull?: Parameters<FakeGitHub["addPull"]>[2]): { payload: PullRequestPayload; pull: PullState };
  /** The HTTP handlers the App registered (the report trigger). */
  handlers: Handler[];
  /** The App's clock: the fake's, which only moves when a test advances it. */
  clock: () => Date;
  close(): void;
}

export async function startAppHarness(): Promise<AppHarness> {
  const fake = createFakeGitHub();
  fake.listen();
  const probot = new Probot({ appId: 1, privateKey: testPrivateKey(), secret: WEBHOOK_SECRET, Octokit: TestOctokit, logLevel: "fatal" });
  const handlers: Handler[] = [];
  const clock = () => new Date(fake.now());
  // No schedule timer in tests: they call the sweep directly with the instant they need.
  await probot.load(createApp({ scheduleIntervalMs: null, reportSecret: REPORT_SECRET, clock }), {
    cwd: process.cwd(),
    addHandler: (handler: Handler) => void handlers.push(handler),
  });
  let deliveries = 0;
  return {
    fake,
    probot,
    handlers,
    clock,
    deliver: (name, payload, id) =>
      probot.receive({ id: id ?? `delivery-${++deliveries}`, name, payload } as Parameters<Probot["receive"]>[0]),
    pullRequestEvent(action, pullInput = {}) {
      const example = webhookExample("pull_request", "opened");
      // Another number makes another pull request in the same repository.
      if (typeof pullInput.number === "number") example.pull_request.number = pullInput.number;
      const payload = { ...example, action, installation: { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uNDI=" } } as PullRequestPayload;
      const { pull } = seedFromPullRequestPayload(fake, payload);
      const seeded = Object.assign(pull, pullInput);
      return { payload, pull: seeded };
    },
    close: () => fake.close(),
  };
}

/**
 * Registers a fresh harness per test and, after each, asserts that no request left GitHub's API
 * (every REST call matched an OpenAPI operation, every GraphQL query the schema). Returns a
 * getter, since the harness only exists once `beforeEach` has run.
 */
export function useAppHarness(): () => AppHarness {
  let harness: AppHarness | undefined;
  beforeEach(async () => {
    harness = await startAppHarness();
  });
  afterEach(() => {
    harness?.close();
    expect(harness?.fake.violations).toEqual([]);
  });
  return () => {
    if (harness === undefined) throw new Error("useAppHarness: the harness exists only inside a test");
    return harness;
  };
}
