import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { retry } from "@octokit/plugin-retry";
import { throttling, type ThrottlingOptions } from "@octokit/plugin-throttling";
// The light build: no Redis clustering, which only the App uses (./pacing.ts), so the Action's
// bundle stays small.
import Bottleneck from "bottleneck/light.js";
import type { GitHubClient } from "./client.ts";

/** The plugins Probot's client has and the other faces add: rate limits and retries. */
export const CLIENT_PLUGINS = [throttling, retry] as const;

/**
 * The client of the CLI and the Action: Octokit's core with pagination and the plugins above.
 * No generated REST methods (`octokit.rest.*`, ~80 KiB in a bundle): value-pr calls routes
 * through `request` and `paginate`, and `graphql`.
 */
export const ValuePrOctokit = Octokit.plugin(paginateRest, ...CLIENT_PLUGINS);

/** How many times a rate-limited request is tried again before giving up. */
const RATE_LIMIT_RETRIES = 3;

/**
 * Octokit's throttling spaces every write one second apart (and comments three), per client id.
 * value-pr paces writes itself where it makes many (the App, per installation: ./pacing.ts);
 * the Action and the CLI make a handful, one after the other, and waiting a second before each
 * only slows the job. These unpaced groups take the place of Octokit's write pacing; its
 * waiting out of rate limits stays.
 */
// One pair for the process: a group runs a cleanup timer, and clients are made per event.
export const UNPACED_WRITES = { write: new Bottleneck.Group(), notifications: new Bottleneck.Group() };

/**
 * The rate-limit handlers of every face: wait as GitHub says (`retry-after`, or the reset time)
 * and try again, up to a few times. Probot's own handler gives up on secondary limits, which
 * would lose the write until the PR's next event.
 */
export function rateLimitRetries(warn: (message: string, octokit: unknown) => void) {
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, octokit: unknown, retryCount: number) => {
    const again = retryCount < RATE_LIMIT_RETRIES;
    warn(
      `${kind} rate limit hit on ${options.method ?? ""} ${options.url ?? ""}; ${again ? `retrying in ${retryAfter} s` : `giving up after ${RATE_LIMIT_RETRIES} retries`}`,
      octokit,
    );
    return again;
  };
  return { onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary") };
}

/**
 * The options every non-Probot client shares. `warn` hears about rate-limit waits (never the
 * token). Throttling waits out rate limits and retries them; turn it off only where no limit
 * applies (a test's fake GitHub, a bench measuring value-pr's own time).
 */
export function clientBehaviour(warn: (message: string) => void, throttle = true) {
  const throttleOptions: ThrottlingOptions = throttle ? { ...rateLimitRetries((message) => warn(message)), ...UNPACED_WRITES } : { enabled: false };
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
