import { retry } from "@octokit/plugin-retry";
import { throttling, type ThrottlingOptions } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { config } from "@probot/octokit-plugin-config";
import type { GitHubClient } from "./client.ts";

/** The plugins Probot's client has and the other faces add: rate limits, retries, `_extends`. */
export const CLIENT_PLUGINS = [throttling, retry, config] as const;

const ValuePrOctokit = Octokit.plugin(...CLIENT_PLUGINS);

/** How many times a rate-limited request is tried again before giving up. */
const RATE_LIMIT_RETRIES = 3;

/**
 * The options every non-Probot client shares. `warn` hears about rate-limit waits (never the
 * token). Octokit's throttling (default on) paces writes and GraphQL queries to one a second, as
 * GitHub asks to avoid secondary rate limits, and waits out rate limits; turn it off only where
 * neither applies (a test's fake GitHub, a bench measuring value-pr's own time).
 */
export function clientBehaviour(warn: (message: string) => void, throttle = true) {
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    const again = retryCount < RATE_LIMIT_RETRIES;
    warn(`${kind} rate limit hit on ${options.method ?? ""} ${options.url ?? ""}; ${again ? `retrying in ${retryAfter} s` : `giving up after ${RATE_LIMIT_RETRIES} retries`}`);
    return again;
  };
  const throttleOptions: ThrottlingOptions = throttle
    ? { onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary") }
    : { enabled: false };
  return {
    userAgent: "value-pr",
    throttle: throttleOptions,
    // Octokit logs to the console by default; keep stdout for output. Its error log repeats
    // every failed request, including expected 404s (no config file), which the caller handles.
    log: { debug: () => {}, info: () => {}, warn, error: () => {} },
  };
}

export interface OctokitSettings {
  token: string;
  /** REST base URL, e.g. `https://github.example.com/api/v3` for GitHub Enterprise Server. */
  baseUrl?: string;
  warn?: (message: string) => void;
  throttle?: boolean;
}

/** The CLI's client. */
export function createOctokit(settings: OctokitSettings): GitHubClient {
  return new ValuePrOctokit({
    auth: settings.token,
    ...(settings.baseUrl !== undefined && { baseUrl: settings.baseUrl.replace(/\/+$/, "") }),
    ...clientBehaviour(settings.warn ?? (() => {}), settings.throttle !== false),
  });
}
