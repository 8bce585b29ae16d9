// `npm start`: Probot's server (its environment: APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT,
// REDIS_URL …) running the App with value-pr's client, which paces writes per installation.
import { run } from "probot";
import { appOptionsFromEnv, createApp, type RunningApp } from "./index.ts";
import { createAppLog } from "./log.ts";
import { AppOctokit } from "../github/app-octokit.ts";

let running: RunningApp | undefined;
const server = await run(createApp({ ...appOptionsFromEnv(process.env), onStarted: (app) => void (running = app) }), {
  Octokit: AppOctokit as never,
  // Probot's log, but a delivery with a bad signature is one line, not its payload twice.
  log: await createAppLog(process.env),
});

// A container stops with SIGTERM: let the jobs in flight finish (with Redis, a job cut short
// would wait for another replica to notice it stalled), then stop.
process.once("SIGTERM", () => {
  void (async () => {
    await server.stop();
    await running?.close();
    process.exit(0);
  })();
});
