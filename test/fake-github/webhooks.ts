// Real webhook payloads (from @octokit/webhooks-examples, the examples GitHub's docs show) for
// driving the App, and the glue to make the fake GitHub's state agree with a payload.
import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import type { WebhookDefinition } from "@octokit/webhooks-examples";
import type { FakeGitHub, PullState, RepoState } from "./index.ts";

type WebhookEventName = WebhookDefinition["name"];
export type WebhookPayload<E extends WebhookEventName> = WebhookDefinition<E>["examples"][number];

// The package's entry point is a JSON file (an array of event definitions); require() loads it
// without import attributes and only when first needed.
let definitions: WebhookDefinition[] | undefined;
const loadDefinitions = () => (definitions ??= createRequire(import.meta.url)("@octokit/webhooks-examples") as WebhookDefinition[]);

/**
 * A deep copy of the first real example payload for the event (and action, and predicate), so a
 * test may modify it freely.
 */
export function webhookExample<E extends WebhookEventName>(
  event: E,
  action?: string,
  predicate: (payload: WebhookPayload<E>) => boolean = () => true,
): WebhookPayload<E> {
  const definition = loadDefinitions().find((d) => d.name === event) as WebhookDefinition<E> | undefined;
  if (!definition) throw new Error(`@octokit/webhooks-examples has no "${event}" event`);
  const example = definition.examples.find((payload) => (action === undefined || (payload as { action?: string }).action === action) && predicate(payload));
  if (!example) throw new Error(`@octokit/webhooks-examples has no matching "${event}${action ? `.${action}` : ""}" example`);
  return structuredClone(example);
}

interface PullRequestPayload {
  repository: { name: string; owner: { login: string }; default_branch?: string; private?: boolean; id?: number };
  /** Stored as the pull request's REST representation: the webhook's has the same shape. */
  pull_request: { number: number };
  installation?: { id: number };
}

/**
 * Puts the payload's repository (unless already there) and pull request into the fake, so an App
 * handling the event finds the live pull request it reads back.
 */
export function seedFromPullRequestPayload(fake: FakeGitHub, payload: PullRequestPayload): { repo: RepoState; pull: PullState } {
  const { repository, pull_request: pullRequest, installation } = payload;
  const owner = repository.owner.login;
  const repo =
    fake.findRepo(owner, repository.name) ??
    fake.addRepo({
      owner,
      repo: repository.name,
      ...(repository.default_branch !== undefined && { defaultBranch: repository.default_branch }),
      ...(installation && { installationId: installation.id }),
      ...(repository.private !== undefined && { private: repository.private }),
      ...(repository.id !== undefined && { id: repository.id }),
    });
  const pull = fake.addPull(owner, repository.name, structuredClone(pullRequest));
  return { repo, pull };
}

/** The `x-hub-signature-256` header value GitHub sends for this body. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
