import Bottleneck from "bottleneck";

// GitHub's secondary rate limits count per installation, and GitHub asks for writes to be made
// one at a time, a second apart. Octokit's throttling spaces writes per `throttle.id`, which
// Probot sets to the app: one queue for every installation, so a burst in one organisation
// stalls all the others. This plugin paces each installation on its own queue, in parallel
// with the others, and lets check runs go first: a required check is what blocks a merge.

export interface PacingOptions {
  /** Milliseconds between the starts of two writes of one installation (GitHub asks for 1,000). */
  minTime: number;
  /** Bottleneck's Redis connection (Probot's, from REDIS_URL): replicas share each installation's pace. */
  connection?: Bottleneck.IORedisConnection | undefined;
}

/** Bottleneck's priorities: 0 runs first, 9 last. */
export const WRITE_PRIORITY = { checkRun: 1, write: 5, graphql: 7 } as const;

interface RequestOptions {
  method?: string;
  url?: string;
}

/** Token requests are the auth strategy's own business; pacing them would deadlock the first write. */
function isAuthPath(path: string): boolean {
  return path.startsWith("/app/") || path.startsWith("/applications/") || path.startsWith("/login/");
}

/** The queue priority of a request, or null when it is a read that needs no pacing. */
export function writePriority({ method = "GET", url = "" }: RequestOptions): number | null {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, "").split("?")[0] ?? "";
  if (method === "GET" || method === "HEAD" || isAuthPath(path)) return null;
  if (path.endsWith("/graphql")) return WRITE_PRIORITY.graphql;
  if (/\/check-runs(\/|$)/.test(path)) return WRITE_PRIORITY.checkRun;
  return WRITE_PRIORITY.write;
}

// One group per Redis connection (or none) and pace: every Octokit of the process shares it.
// Probot makes a new Octokit for every event, so the queues must outlive them.
const localGroups = new Map<number, Bottleneck.Group>();
const clusterGroups = new WeakMap<Bottleneck.IORedisConnection, Map<number, Bottleneck.Group>>();

function groupsOf(connection: Bottleneck.IORedisConnection | undefined): Map<number, Bottleneck.Group> {
  if (connection === undefined) return localGroups;
  let groups = clusterGroups.get(connection);
  if (groups === undefined) clusterGroups.set(connection, (groups = new Map()));
  return groups;
}

function groupFor({ minTime, connection }: PacingOptions): Bottleneck.Group {
  const groups = groupsOf(connection);
  let group = groups.get(minTime);
  if (group === undefined) {
    group = new Bottleneck.Group({ id: `value-pr-writes-${minTime}`, maxConcurrent: 1, minTime, ...(connection !== undefined && { connection }) });
    groups.set(minTime, group);
  }
  return group;
}

interface PluginOptions {
  pacing?: PacingOptions;
  auth?: { installationId?: number | string } | unknown;
}

/**
 * Octokit plugin: the writes (and GraphQL queries) of an installation's client go through that
 * installation's queue. Clients that are not an installation's (the app's own JWT client, a
 * token's) are not paced here. Octokit's throttling still retries rate limits inside the
 * queued request, so a secondary limit holds back the whole installation, as GitHub wants.
 */
export function installationPacing(
  octokit: {
    hook: { wrap: (name: "request", fn: (request: (options: RequestOptions) => Promise<unknown>, options: RequestOptions) => Promise<unknown>) => void };
  },
  options: PluginOptions,
): object {
  const pacing = options.pacing;
  const auth = options.auth;
  const installationId = typeof auth === "object" && auth !== null && "installationId" in auth ? auth.installationId : undefined;
  if (pacing === undefined || installationId === undefined || installationId === null) return {};
  const limiter = groupFor(pacing).key(String(installationId));
  octokit.hook.wrap("request", (request, requestOptions) => {
    const priority = writePriority(requestOptions);
    if (priority === null) return request(requestOptions);
    return limiter.schedule({ priority }, () => request(requestOptions));
  });
  return {};
}
