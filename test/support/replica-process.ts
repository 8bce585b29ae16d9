// An App replica as it is deployed: `node src/app/server.ts` (what `npm start` runs) in a child
// process, with Probot's environment. Used by the tests and benches of several replicas.
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { signWebhook } from "../fake-github/webhooks.ts";
import { until } from "./until.ts";

export const REPLICA_WEBHOOK_SECRET = "webhook-secret-for-replicas";

export interface Replica {
  child: ChildProcess;
  port: number;
  output: () => string;
  /** Posts a signed webhook to Probot's webhook path; resolves with the HTTP status. */
  deliver(name: string, id: string, payload: object): Promise<number>;
  /** The most memory the process has held (VmHWM), in bytes. */
  peakRss(): number;
  /** SIGTERM, and the exit code once the process has exited and all its output is in `output()`. */
  stop(): Promise<number | null>;
}

export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve) => {
          const server = createServer();
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

let privateKey: string | undefined;

/**
 * Probot's environment for replicas of one App against a fake GitHub served over HTTP (as a
 * GitHub Enterprise Server at `apiUrl`, e.g. `http://127.0.0.1:1234/api/v3`).
 */
export function replicaEnv(apiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  privateKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    APP_ID: "1",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: REPLICA_WEBHOOK_SECRET,
    GHE_HOST: new URL(apiUrl).host,
    GHE_PROTOCOL: "http",
    LOG_LEVEL: "warn",
    VALUE_PR_SCHEDULE_MINUTES: "0",
    NODE_ENV: "production",
    ...extra,
  };
}

export async function startReplica(env: Record<string, string>, port: number): Promise<Replica> {
  const child = spawn(process.execPath, ["src/app/server.ts"], { env: { ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // "close" comes after "exit", once the process's output has all been read.
  const closed = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  // Probot answers /ping once its server listens.
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`replica on port ${port} exited before it listened:\n${output}`);
      return fetch(`http://127.0.0.1:${port}/ping`).then(
        (response) => response.ok,
        () => false,
      );
    },
    `the replica on port ${port} listens`,
    { detail: () => output },
  );
  return {
    child,
    port,
    output: () => output,
    async deliver(name, id, payload) {
      const body = JSON.stringify(payload);
      const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": name,
          "x-github-delivery": id,
          "x-hub-signature-256": signWebhook(REPLICA_WEBHOOK_SECRET, body),
        },
        body,
      });
      await response.arrayBuffer();
      return response.status;
    },
    peakRss() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
    },
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return closed;
    },
  };
}
