// `npm start`: Probot's server (its environment: APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT,
// REDIS_URL …) running the App with value-pr's client, which paces writes per installation.
import { run } from "probot";
import { AppOctokit } from "./octokit.ts";
import app from "./index.ts";

await run(app, { Octokit: AppOctokit as never });
