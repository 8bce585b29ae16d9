import type { Probot } from "probot";

/** The message of a signed delivery whose body is JSON but not an object (`null`, `1`, `[]`). */
export const NOT_AN_OBJECT = "the payload is not a JSON object";

/**
 * A signed delivery whose body parses to something other than an object gets 400, like a body
 * that is not JSON at all. @octokit/webhooks lets such a payload through its signature check and
 * then fails it as "Event name not passed" without a status, which its middleware answers with
 * 500 (and GitHub would redeliver). Only a correctly signed body reaches this check: anything
 * else still fails the signature first.
 */
export function refuseMalformedDeliveries(webhooks: Probot["webhooks"]): void {
  const verifyAndReceive = webhooks.verifyAndReceive.bind(webhooks);
  webhooks.verifyAndReceive = async (event) => {
    const parsed = parseJson(event.payload);
    const malformed = parsed.ok && (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value));
    if (malformed && (await webhooks.verify(event.payload, event.signature).catch(() => false))) {
      // Shaped as @octokit/webhooks shapes its own refusals: the status on the error, the event on both.
      const delivery = { id: event.id, name: event.name };
      const error = Object.assign(new Error(NOT_AN_OBJECT), { status: 400, event: delivery });
      throw Object.assign(new AggregateError([error], NOT_AN_OBJECT), { event: delivery });
    }
    return verifyAndReceive(event);
  };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
