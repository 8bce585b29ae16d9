import { retry } from "@octokit/plugin-retry";
import { throttling, type ThrottlingOptions } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { config } from "@probot/octokit-plugin-config";
import Bottleneck from "bottleneck";
import { ProbotOctokit } from "probot";
import type { GitHubClient } from "./client.ts";
import { installationPacing, type PacingOptions } from "./pacing.ts";

/** The plugins Probot's client has and the other faces add: rate limits, retries, `_extends`. */
export const CLIENT_PLUGINS = [throttling, retry, config] as const;

const ValuePrOctokit = Octokit.plugin(...CLIENT_PLUGINS);

/** How many times a rate-limited request is tried again before giving up. */
const RATE_LIMIT_RETRIES = 3;

/**
 * Octokit's throttling spaces every write one second apart (and comments three), per client id.
 * value-pr paces writes itself where it makes many (the App, per installation: ./pacing.ts);
 * the Action and the CLI make a handful, one after the other, and waiting a second before each
 * only slows the job. These unpaced groups take the place of Octokit's write pacing; its
 * waiting out of rate limits stays.
 */
const UNPACED_WRITES = { write: new Bottleneck.Group(), notifications: new Bottleneck.Group() };
// One pair for the process: a group runs a cleanup timer, and clients are made per event.
const unpacedWrites = () => UNPACED_WRITES;

/**
 * The rate-limit handlers of every face: wait as GitHub says (`retry-after`, or the reset time)
 * and try again, up to a few times. Probot's own handler gives up on secondary limits, which
 * would lose the write until the PR's next event.
 */
export function rateLimitRetries(warn: (message: string, octokit: unknown) => void) {
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, octokit: unknown, retryCount: number) => {
    const again = retryCount < RATE_LIMIT_RETRIES;
    warn(`${kind} rate limit hit on ${options.method ?? ""} ${options.url ?? ""}; ${again ? `retrying in ${retryAfter} s` : `giving up after ${RATE_LIMIT_RETRIES} retries`}`, octokit);
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
  const throttleOptions: ThrottlingOptions = throttle
    ? { ...rateLimitRetries((message) => warn(message)), ...unpacedWrites() }
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

/** GitHub asks for at least a second between two writes of one installation. */
export const INSTALLATION_WRITE_SPACING_MS = 1000;

interface AppClientOptions {
  throttle?: ThrottlingOptions & { connection?: Bottleneck.IORedisConnection };
  pacing?: Partial<PacingOptions>;
  log?: { warn: (message: string) => void };
}

/**
 * The App's client: Probot's, with writes paced per installation (check runs first) instead of
 * one queue for the whole app, and rate limits retried, secondary ones too. With REDIS_URL,
 * Probot hands its Bottleneck Redis connection to the throttling options; the pacing uses the
 * same one, so replicas share each installation's pace. `pacing.minTime` can be lowered for
 * tests and benches.
 */
export const AppOctokit = ProbotOctokit.plugin(installationPacing as never).defaults((options: AppClientOptions) => ({
  ...options,
  throttle: {
    ...options.throttle,
    // Probot's `auth(installationId)` turns throttling off unless it is explicitly enabled.
    enabled: options.throttle?.enabled ?? true,
    ...rateLimitRetries((message, octokit) => (octokit as { log?: { warn: (m: string) => void } }).log?.warn(message)),
    ...unpacedWrites(),
  },
  pacing: { minTime: INSTALLATION_WRITE_SPACING_MS, connection: options.throttle?.connection, ...options.pacing },
}));
