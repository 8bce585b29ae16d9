import { getTransformStream } from "@probot/pino";
import { pino, stdSerializers, type Logger } from "pino";
import { NOT_AN_OBJECT } from "./deliveries.ts";

// The App's log: Probot's (same environment, same formats), but secrets in request headers are
// redacted, and a webhook delivery refused unread (bad signature, not an object) is one line.
// Probot logs such a delivery twice, each time with the whole payload (hundreds of lines that
// anyone who can reach the URL can send). Errors that carry a webhook event keep its id and
// name, never its payload.

/** Deliveries refused before any work, each logged as one line: what the error says → the line. */
const REJECTIONS: ReadonlyArray<readonly [string, string]> = [
  ["signature does not match", "webhook rejected: its signature does not match WEBHOOK_SECRET"],
  [NOT_AN_OBJECT, `webhook rejected: ${NOT_AN_OBJECT}`],
];

interface WebhookError extends Error {
  event?: { id?: string; name?: string; payload?: unknown };
  errors?: unknown[];
}

/** The webhook errors a log call is about: the error itself, or those an AggregateError holds. */
function webhookErrorsOf(value: unknown): WebhookError[] {
  if (!(value instanceof Error)) return [];
  const nested = (value as WebhookError).errors;
  return [value, ...(Array.isArray(nested) ? nested.filter((error): error is Error => error instanceof Error) : [])];
}

/** pino's error serializer, with a webhook event reduced to its delivery id and name. */
function serializeError(error: Error): object {
  const serialized = stdSerializers.err(error) as Record<string, unknown> & { event?: { id?: string; name?: string }; aggregateErrors?: unknown[] };
  if (serialized.event !== undefined) serialized.event = { id: serialized.event.id, name: serialized.event.name };
  if (Array.isArray(serialized.aggregateErrors)) {
    serialized.aggregateErrors = serialized.aggregateErrors.map((nested) => {
      const entry = nested as { event?: { id?: string; name?: string } };
      return entry.event === undefined ? nested : { ...entry, event: { id: entry.event.id, name: entry.event.name } };
    });
  }
  return serialized;
}

const REDACTED_HEADERS = ["authorization", "cookie", "x-hub-signature", "x-hub-signature-256", "proxy-authorization"];

export interface LogEnv {
  LOG_LEVEL?: string | undefined;
  LOG_FORMAT?: string | undefined;
  LOG_LEVEL_IN_STRING?: string | undefined;
  LOG_MESSAGE_KEY?: string | undefined;
  SENTRY_DSN?: string | undefined;
  NODE_ENV?: string | undefined;
}

export async function createAppLog(env: LogEnv, destination: NodeJS.WritableStream = process.stdout): Promise<Logger> {
  // As Probot reads them (probot/lib/bin/read-env-options.js).
  const logFormat = env.LOG_FORMAT ? (env.LOG_FORMAT === "pretty" ? "pretty" : "json") : env.NODE_ENV === "production" ? "json" : "pretty";
  const transform = await getTransformStream({
    logFormat,
    logLevelInString: env.LOG_LEVEL_IN_STRING === "true",
    ...(env.SENTRY_DSN ? { sentryDsn: env.SENTRY_DSN } : {}),
  });
  transform.pipe(destination);
  const reported = new WeakSet<Error>();
  return pino(
    {
      level: env.LOG_LEVEL || "info",
      name: "probot",
      messageKey: env.LOG_MESSAGE_KEY || "msg",
      serializers: { err: serializeError },
      // Probot's HTTP log writes every request's headers: the report trigger's bearer secret and
      // the webhook signature are never written.
      redact: { paths: REDACTED_HEADERS.map((name) => `req.headers["${name}"]`), censor: "[redacted]" },
      hooks: {
        logMethod(args, method) {
          const errors = webhookErrorsOf(args[0]);
          let rejection: readonly [WebhookError, string] | undefined;
          for (const [cause, line] of REJECTIONS) {
            const error = errors.find((candidate) => candidate.message.includes(cause));
            if (error !== undefined) rejection ??= [error, line];
          }
          if (rejection === undefined) return method.apply(this, args);
          // Probot's error handler and the webhook middleware both report it: say it once.
          if (errors.some((error) => reported.has(error))) return;
          for (const error of errors) reported.add(error);
          const [error, line] = rejection;
          return method.apply(this, [{ delivery: error.event?.id, event: error.event?.name }, line] as unknown as Parameters<typeof method>);
        },
      },
    },
    transform,
  );
}
