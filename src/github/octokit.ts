import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { config } from "@probot/octokit-plugin-config";
import type { GitHubClient } from "./client.ts";

/**
 * The client of the CLI (and any face without Probot): the same plugins as Probot's client, so
 * rate limits, retries, pagination and `_extends` behave alike on every face.
 */
const ValuePrOctokit = Octokit.plugin(throttling, retry, config);

export interface OctokitSettings {
  token: string;
  /** REST base URL, e.g. `https://github.example.com/api/v3` for GitHub Enterprise Server. */
  baseUrl?: string;
  /** Where rate-limit waits are reported (never the token). */
  warn?: (message: string) => void;
  /** How often a rate-limited request is tried again before giving up. */
  rateLimitRetries?: number;
  /**
   * Octokit's throttling (default on): it paces writes and GraphQL queries to one a second, as
   * GitHub asks to avoid secondary rate limits, and waits out rate limits. Off only where
   * neither applies (a test's fake GitHub, a bench measuring value-pr's own time).
   */
  throttle?: boolean;
}

export function createOctokit(settings: OctokitSettings): GitHubClient {
  const warn = settings.warn ?? (() => {});
  const retries = settings.rateLimitRetries ?? 3;
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    if (retryCount >= retries) {
      warn(`${kind} rate limit hit on ${options.method ?? ""} ${options.url ?? ""}; giving up after ${retries} retries`);
      return false;
    }
    warn(`${kind} rate limit hit on ${options.method ?? ""} ${options.url ?? ""}; retrying in ${retryAfter} s`);
    return true;
  };
  return new ValuePrOctokit({
    auth: settings.token,
    ...(settings.baseUrl !== undefined && { baseUrl: settings.baseUrl.replace(/\/+$/, "") }),
    userAgent: "value-pr",
    throttle:
      settings.throttle === false
        ? { enabled: false }
        : { onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary") },
    // Octokit logs to the console by default; keep stdout for output. Its error log repeats
    // every failed request, including expected 404s (no config file), which the caller handles.
    log: { debug: () => {}, info: () => {}, warn, error: () => {} },
  });
}
