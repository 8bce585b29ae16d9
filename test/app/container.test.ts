// What the container image runs, run here: the Dockerfile's CMD (what `npm start` runs) with its ENV and a
// configured App, then its HEALTHCHECK command, which must pass once the server listens, and
// SIGTERM, which must stop it cleanly. (Building the image needs the node base image from a
// container registry; this checks the part that is ours.)
import { execFile, spawn } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import { webhookExample } from "../fake-github/webhooks.ts";
import { freePorts, REPLICA_WEBHOOK_SECRET, replicaEnv, startReplica } from "../support/replica-process.ts";
import { until } from "../support/until.ts";

const run = promisify(execFile);
const dockerfile = readFileSync(new URL("../../Dockerfile", import.meta.url), "utf8").replace(/\\\n\s*/g, "");

/** The JSON-array form of a Dockerfile instruction (`CMD ["npm", "start"]`). */
function execForm(instruction: string): string[] {
  const match = new RegExp(`^${instruction}\\s+(\\[.*\\])\\s*$`, "m").exec(dockerfile);
  if (match?.[1] === undefined) throw new Error(`the Dockerfile has no ${instruction} in exec form`);
  return JSON.parse(match[1]) as string[];
}

/** The image's ENV, as `KEY=value` pairs. */
function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [, pairs] of dockerfile.matchAll(/^ENV\s+(.+)$/gm)) {
    for (const [, key, value] of (pairs ?? "").matchAll(/(\w+)=(\S+)/g)) env[key ?? ""] = value ?? "";
  }
  return env;
}

describe("the container image's command", () => {
  it("starts the App, passes the health check on /ping, and stops cleanly on SIGTERM", async () => {
    const [port] = await freePorts(1);
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/tmp",
      ...imageEnv(),
      PORT: String(port),
      APP_ID: "1",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: "secret",
      LOG_LEVEL: "warn",
    };
    expect(imageEnv()).toMatchObject({ NODE_ENV: "production", HOST: "0.0.0.0" });

    const [command, ...args] = execForm("CMD");
    // What `npm start` runs (package.json), so the image and a clone start the same way.
    expect([command, ...args].join(" ")).toBe(packageJson.scripts.start);
    const health = execForm("HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3\\s*CMD");
    const healthy = () =>
      run(health[0] === "node" ? process.execPath : (health[0] ?? "node"), health.slice(1), { env: env as NodeJS.ProcessEnv }).then(
        () => true,
        () => false,
      );

    expect(await healthy()).toBe(false);
    const app = spawn(command === "node" ? process.execPath : (command ?? "node"), args, { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    app.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    app.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await until(
      async () => {
        if (app.exitCode !== null) throw new Error(`the App exited:\n${output}`);
        return healthy();
      },
      "the App is healthy",
      { detail: () => output },
    );
    // "close": exited, and all its output read.
    const exit = new Promise<number | null>((resolve) => app.once("close", (code) => resolve(code)));
    app.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(output).not.toMatch(/ERROR|FATAL/);
  }, 60_000);
});

describe("the App's log", () => {
  it("a delivery with a bad signature is one line, with its id and without its payload", async () => {
    const [port] = await freePorts(1);
    // No GitHub is needed: the delivery is refused before any request.
    const replica = await startReplica(replicaEnv("http://127.0.0.1:9/api/v3", { LOG_FORMAT: "json" }), port ?? 0);
    try {
      const payload = JSON.stringify(webhookExample("pull_request", "opened"));
      const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": "forged-1", "x-hub-signature-256": "sha256=00" },
        body: payload,
      });
      expect(response.status).toBe(400);
      // Its line may follow the answer.
      await until(() => replica.output().includes('"delivery":"forged-1"'), "the refusal is logged", { detail: () => replica.output() });
    } finally {
      expect(await replica.stop()).toBe(0);
    }
    const lines = replica
      .output()
      .trim()
      .split("\n")
      .filter((line) => line !== "");
    const entries = lines.map((line) => JSON.parse(line) as { level: number; msg: string; delivery?: string; event?: string });
    expect(entries.filter((entry) => entry.level >= 40)).toEqual([
      expect.objectContaining({ msg: "webhook rejected: its signature does not match WEBHOOK_SECRET", delivery: "forged-1", event: "pull_request" }),
    ]);
    expect(replica.output()).not.toContain("Hello-World");
  }, 30_000);

  it("a signed delivery whose body is `null` gets 400 and one line; the App goes on serving", async () => {
    const [port] = await freePorts(1);
    const replica = await startReplica(replicaEnv("http://127.0.0.1:9/api/v3", { LOG_FORMAT: "json" }), port ?? 0);
    try {
      for (const [delivery, body] of [
        ["null-1", "null"],
        ["number-1", "1"],
        ["array-1", "[]"],
      ] as const) {
        const signature = `sha256=${createHmac("sha256", REPLICA_WEBHOOK_SECRET).update(body).digest("hex")}`;
        const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": delivery, "x-hub-signature-256": signature },
          body,
        });
        expect(response.status).toBe(400);
        expect(await response.text()).toContain("the payload is not a JSON object");
      }
      expect((await fetch(`http://127.0.0.1:${port}/ping`)).status).toBe(200);
      await until(() => replica.output().includes('"delivery":"array-1"'), "the refusals are logged", { detail: () => replica.output() });
    } finally {
      expect(await replica.stop()).toBe(0);
    }
    const entries = replica
      .output()
      .trim()
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as { level: number; msg: string; delivery?: string });
    expect(entries.filter((entry) => entry.level >= 40).map((entry) => [entry.msg, entry.delivery])).toEqual([
      ["webhook rejected: the payload is not a JSON object", "null-1"],
      ["webhook rejected: the payload is not a JSON object", "number-1"],
      ["webhook rejected: the payload is not a JSON object", "array-1"],
    ]);
  }, 30_000);
});

describe("secrets in the App's log", () => {
  it("at trace level, no request header secret is written: the report trigger's bearer, the webhook signature", async () => {
    const [port] = await freePorts(1);
    const secret = "report-secret-never-logged";
    const replica = await startReplica(
      replicaEnv("http://127.0.0.1:9/api/v3", { LOG_FORMAT: "json", LOG_LEVEL: "trace", VALUE_PR_REPORT_SECRET: secret }),
      port ?? 0,
    );
    const signature = "sha256=0000000000000000000000000000000000000000000000000000000000000000";
    try {
      // The right secret, with a method the trigger refuses (405): answered at once, logged all the same.
      const trigger = await fetch(`http://127.0.0.1:${port}/value-pr/report`, { method: "GET", headers: { authorization: `Bearer ${secret}` } });
      expect(trigger.status).toBe(405);
      await trigger.arrayBuffer();
      const webhook = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": "d-1", "x-hub-signature-256": signature },
        body: "{}",
      });
      await webhook.arrayBuffer();
      // Both requests' log lines, with their headers, are written.
      await until(
        () => replica.output().includes('"url":"/value-pr/report"') && replica.output().includes('"url":"/api/github/webhooks"'),
        "both requests are logged",
        { detail: () => replica.output() },
      );
    } finally {
      await replica.stop();
    }
    const log = replica.output();
    // The requests were logged, with their headers …
    expect(log).toContain('"url":"/value-pr/report"');
    expect(log).toContain('"authorization":"[redacted]"');
    // … but never a secret.
    expect(log).not.toContain(secret);
    expect(log).not.toContain(signature);
    expect(log).not.toContain(REPLICA_WEBHOOK_SECRET);
    expect(log).not.toContain("PRIVATE KEY");
  }, 30_000);
});
