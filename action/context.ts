import { existsSync, readFileSync } from "node:fs";
import { EOL } from "node:os";
import type { RepoRef } from "../src/github/client.ts";

// The workflow run's context, read from the runner's environment as @actions/github's `context`
// reads it (the same variables, defaults and messages), without that module, which builds a
// GitHub client with every REST method as soon as it is imported.

/** The event's webhook payload, with the fields the Action reads; each command narrows the rest. */
export interface EventPayload {
  [key: string]: unknown;
  repository?: { [key: string]: unknown; name: string; owner: { [key: string]: unknown; login: string } };
  pull_request?: { [key: string]: unknown; number: number };
  issue?: { [key: string]: unknown; number: number };
  comment?: { [key: string]: unknown; id: number };
}

export interface RunContext {
  /** GITHUB_EVENT_NAME. */
  eventName: string | undefined;
  /** The event's payload (GITHUB_EVENT_PATH's JSON); empty without one. */
  payload: EventPayload;
  /** The repository the workflow runs in: GITHUB_REPOSITORY, else the payload's repository; throws without either. */
  repo(): RepoRef;
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  let payload: EventPayload = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    if (existsSync(eventPath)) payload = JSON.parse(readFileSync(eventPath, "utf8")) as EventPayload;
    else process.stdout.write(`GITHUB_EVENT_PATH ${eventPath} does not exist${EOL}`);
  }
  return {
    eventName: env.GITHUB_EVENT_NAME,
    payload,
    repo() {
      if (env.GITHUB_REPOSITORY) {
        const [owner, repo] = env.GITHUB_REPOSITORY.split("/") as [string, string];
        return { owner, repo };
      }
      if (payload.repository) return { owner: payload.repository.owner.login, repo: payload.repository.name };
      throw new Error("context.repo requires a GITHUB_REPOSITORY environment variable like 'owner/repo'");
    },
  };
}
