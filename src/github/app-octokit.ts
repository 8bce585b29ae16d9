import type Bottleneck from "bottleneck";
import type { ThrottlingOptions } from "@octokit/plugin-throttling";
import { ProbotOctokit } from "probot";
import { rateLimitRetries, UNPACED_WRITES } from "./octokit.ts";
import { recogniseBottleneckErrorsOnRedis7 } from "./bottleneck-redis7.ts";
import { installationPacing, type PacingOptions } from "./pacing.ts";

/** GitHub asks for at least a second between two writes of one installation. */
export const INSTALLATION_WRITE_SPACING_MS = 1000;

interface AppClientOptions {
  throttle?: ThrottlingOptions & { connection?: Bottleneck.IORedisConnection };
  pacing?: Partial<PacingOptions>;
}

/**
 * The App's client: Probot's, with writes paced per installation (check runs first) instead of
 * one queue for the whole app, and rate limits retried, secondary ones too. With REDIS_URL,
 * Probot hands its Bottleneck Redis connection to the throttling options; the pacing uses the
 * same one, so replicas share each installation's pace. `pacing.minTime` can be lowered for
 * tests and benches.
 */
export const AppOctokit = ProbotOctokit.plugin(installationPacing as never).defaults((options: AppClientOptions) => {
  const connection = options.throttle?.connection;
  if (connection !== undefined) recogniseBottleneckErrorsOnRedis7(connection);
  return {
    ...options,
    throttle: {
      ...options.throttle,
      // Probot's `auth(installationId)` turns throttling off unless it is explicitly enabled.
      enabled: options.throttle?.enabled ?? true,
      ...rateLimitRetries((message, octokit) => (octokit as { log?: { warn: (m: string) => void } }).log?.warn(message)),
      ...UNPACED_WRITES,
    },
    pacing: { minTime: INSTALLATION_WRITE_SPACING_MS, connection, ...options.pacing },
  };
});
