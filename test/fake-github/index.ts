// A fake GitHub for tests and benchmarks. Its core is a fetch-style `handle(request)`; msw mounts
// it in-process (`listen()`), and `listenHttp()` mounts the same handler on a real HTTP server on
// 127.0.0.1 for child processes. Every request is matched against GitHub's OpenAPI description
// and recorded; anything GitHub would not accept, or that the fake does not implement, lands in
// `violations` (tests assert it stays empty) and is answered with an error status.
//
//   let fake: FakeGitHub;
//   beforeEach(() => { fake = createFakeGitHub(); fake.listen(); });
//   afterEach(() => { fake.close(); expect(fake.violations).toEqual([]); });
//   it("…", async () => {
//     fake.addRepo({ owner: "acme", repo: "widgets" }).files.set(".github/value-pr.yml", "…");
//     fake.addPull("acme", "widgets", { title: "…", files: [{ filename: "src/a.ts" }] });
//     …run the App…
//     expect(fake.requestsFor("checks/create")).toHaveLength(1);
//   });
//
// Only one fake may listen() at a time: msw patches this process's fetch and http modules.
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { http, passthrough } from "msw";
import { setupServer, type SetupServer } from "msw/node";
import { executeGraphqlRequest, type GraphqlRoot } from "./graphql.ts";
import { repositoryGraphqlRoot } from "./graphql-repository.ts";
import { GitHubHttpError, operations, RequestViolation, tokenOf, type Reply } from "./operations.ts";
import { findRestOperation, matchRestOperation, validateRestRequest } from "./rest-operations.ts";
import { GitHubState } from "./state.ts";

export { GitHubGraphqlError, type GraphqlRoot } from "./graphql.ts";
export { repositoryGraphqlRoot, seedMergedPulls, type SeedPull } from "./graphql-repository.ts";
export type * from "./state.ts";
export { fakeSha } from "./state.ts";

export interface FakeGitHubOptions {
  /** API root; GitHub Enterprise style `https://ghe.example/api/v3` works too. */
  baseUrl?: string;
  /** The app's slug: comments it writes are by `<slug>[bot]`. */
  appSlug?: string;
  appId?: number;
  /** Start of the fake clock. */
  now?: Date | string;
}

export interface RecordedRequest {
  method: string;
  /** URL path with the base path stripped (`/repos/o/r/pulls/1`; `/graphql` for GraphQL). */
  path: string;
  query: Record<string, string>;
  /** OpenAPI operationId, `graphql`, or undefined when the request matched no operation. */
  operationId: string | undefined;
  params: Record<string, string>;
  body: unknown;
  status: number;
  authorization: string | null;
  /** Whether the request changes state: a non-GET REST request or a GraphQL mutation. */
  write: boolean;
  /** When it arrived (`performance.now()`), for tests of pacing. */
  at: number;
}

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many consecutive matching requests fail (default 1). */
  times?: number;
}

/**
 * GitHub's answer when an app trips the secondary rate limit; Octokit's throttling retries it.
 * Note `retry-after: 0` is falsy to @octokit/plugin-throttling, which then waits its
 * `fallbackSecondaryRateRetryAfter` (60 s): set that to 0 in a test that lets throttling retry.
 */
export const secondaryRateLimit: Fault = {
  status: 403,
  headers: { "retry-after": "0", "x-ratelimit-remaining": "4999" },
  body: {
    message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
  },
};

const TOKEN_OPERATION = "apps/create-installation-access-token";

export class FakeGitHub extends GitHubState {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  /** Milliseconds every request waits before it is answered, like a round trip to GitHub. */
  latencyMs = 0;
  /**
   * Data for GraphQL queries; see GraphqlRoot. Its fields go over the fake's own root
   * (`repository`, `rateLimit`, answered from this state by repositoryGraphqlRoot).
   */
  graphqlRoot: GraphqlRoot | undefined;
  readonly #stateGraphqlRoot: GraphqlRoot = repositoryGraphqlRoot(this);
  readonly #faults = new Map<string, Fault[]>();
  readonly #localOrigins = new Set<string>();
  readonly #base: URL;
  readonly #msw: SetupServer;

  constructor(options: FakeGitHubOptions = {}) {
    super({
      baseUrl: (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, ""),
      appId: options.appId ?? 1,
      appSlug: options.appSlug ?? "value-pr",
      now: new Date(options.now ?? "2024-01-01T00:00:00Z"),
    });
    this.#base = new URL(this.options.baseUrl);
    this.#msw = setupServer(
      http.all(
        ({ request }) => this.#isOwnUrl(new URL(request.url)),
        // The HTTP server from listenHttp() is real: let requests to it through to it.
        ({ request }) => (this.#localOrigins.has(new URL(request.url).origin) ? passthrough() : this.handle(request)),
      ),
    );
    this.#msw.events.on("request:unhandled", ({ request }) => {
      this.violations.push(`unhandled request (not to the fake GitHub at ${this.options.baseUrl}): ${request.method} ${request.url}`);
    });
  }

  /** Starts intercepting this process's HTTP requests; any request not to the fake is an error. */
  listen(): void {
    // msw 3 names this option onUnhandledFrame (msw 2's onUnhandledRequest is silently ignored).
    this.#msw.listen({ onUnhandledFrame: "error" });
  }

  /** Resets msw's handlers and drops pending faults. */
  resetHandlers(): void {
    this.#msw.resetHandlers();
    this.#faults.clear();
  }

  close(): void {
    this.#msw.close();
  }

  /** Serves the fake on a real HTTP server on 127.0.0.1; `url` is the base URL to give a client. */
  async listenHttp(): Promise<{ url: string; close: () => Promise<void> }> {
    let origin = "";
    const server = createServer((incoming, outgoing) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        for (const item of [value ?? []].flat()) headers.append(name, item);
      }
      const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
      const request = new Request(new URL(incoming.url ?? "/", origin), {
        method: incoming.method ?? "GET",
        headers,
        ...(hasBody && { body: Readable.toWeb(incoming) as ReadableStream, duplex: "half" }),
      });
      this.handle(request)
        .then(async (response) => {
          outgoing.writeHead(response.status, Object.fromEntries(response.headers));
          outgoing.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: Error) => outgoing.destroy(error));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.#localOrigins.add(origin);
    return {
      url: `${origin}${this.#basePath}`,
      close: () =>
        new Promise<void>((resolve, reject) => {
          this.#localOrigins.delete(origin);
          server.closeAllConnections();
          server.close((error) => (error ? reject(error) : resolve()));
        }),
    };
  }

  /** Answers the next `times` (default 1) valid requests for the operation with the given fault. */
  failNext(operationId: string, fault: Fault): void {
    if (operationId !== "graphql" && !findRestOperation(operationId)) throw new Error(`fake GitHub: failNext for unknown operation ${operationId}`);
    const queue = this.#faults.get(operationId) ?? [];
    for (let i = 0; i < (fault.times ?? 1); i++) queue.push(fault);
    this.#faults.set(operationId, queue);
  }

  /** Requests that change state, not counting installation token requests. */
  countWrites(): number {
    return this.requests.filter((r) => r.write && r.operationId !== TOKEN_OPERATION).length;
  }

  requestsFor(operationId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operationId === operationId);
  }

  /** The fake's request handler: answers one request the way GitHub would (a bound function). */
  readonly handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      operationId: undefined,
      params: {},
      body: undefined,
      status: 0,
      authorization: request.headers.get("authorization"),
      write: method !== "GET" && method !== "HEAD",
      at: performance.now(),
    };
    this.requests.push(record);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    let reply: Reply;
    try {
      reply = await this.#respond(request, url, record);
    } catch (error) {
      if (error instanceof GitHubHttpError) reply = { status: error.status, body: error.body };
      else if (error instanceof RequestViolation) reply = this.#violation(error.status, `${method} ${record.path}: ${error.message}`);
      else reply = this.#violation(500, `${method} ${record.path}: the fake GitHub failed: ${(error as Error).stack ?? String(error)}`);
    }
    record.status = reply.status;
    return toResponse(reply);
  };

  async #respond(request: Request, url: URL, record: RecordedRequest): Promise<Reply> {
    const text = record.write ? await request.text() : "";
    if (text !== "") {
      try {
        record.body = JSON.parse(text);
      } catch {
        return this.#violation(400, `${record.method} ${url.pathname}: request body is not JSON: ${text.slice(0, 200)}`);
      }
    }

    if (record.method === "POST" && url.pathname === this.#graphqlPath) {
      record.path = "/graphql";
      record.operationId = "graphql";
      // An injected fault answers before the query is looked at, like an outage would.
      const fault = this.#takeFault("graphql");
      if (fault) return fault;
      const outcome = await executeGraphqlRequest(record.body, { ...this.#stateGraphqlRoot, ...this.graphqlRoot }, { token: tokenOf(record.authorization) });
      record.write = outcome.mutation;
      if (outcome.violation) this.violations.push(outcome.violation);
      return { status: outcome.status, body: outcome.body };
    }

    if (!this.#isOwnUrl(url) || !`${url.pathname}/`.startsWith(`${this.#basePath}/`)) {
      return this.#violation(404, `${record.method} ${url.href} is outside the fake GitHub at ${this.options.baseUrl}`);
    }
    record.path = url.pathname.slice(this.#basePath.length) || "/";
    const match = matchRestOperation(record.method, record.path);
    if (!match) return this.#violation(404, `${record.method} ${record.path} matches no GitHub REST operation`);
    const { operation, params } = match;
    record.operationId = operation.operationId;
    record.params = params;

    const problems = validateRestRequest(operation, url.searchParams, record.body);
    if (problems.length > 0) return this.#violation(422, problems.join("; "));
    const fault = this.#takeFault(operation.operationId);
    if (fault) return fault;
    if (record.write && this.readOnlyTokens.has(tokenOf(record.authorization))) {
      throw new GitHubHttpError(403, "Resource not accessible by integration");
    }
    const implementation = operations[operation.operationId];
    if (!implementation)
      return this.#violation(501, `${operation.operationId} (${operation.method} ${operation.path}) is a real GitHub operation the fake does not implement`);
    return implementation({ state: this, params, query: url.searchParams, body: (record.body ?? {}) as Record<string, unknown>, request });
  }

  #violation(status: number, message: string): Reply {
    this.violations.push(message);
    return { status, body: { message: `fake GitHub: ${message}`, documentation_url: "https://docs.github.com/rest" } };
  }

  #takeFault(operationId: string): Reply | undefined {
    const fault = this.#faults.get(operationId)?.shift();
    if (!fault) return undefined;
    return {
      status: fault.status,
      headers: fault.headers ?? {},
      body: fault.body ?? { message: `Injected ${fault.status}`, documentation_url: "https://docs.github.com/rest" },
    };
  }

  get #basePath(): string {
    return this.#base.pathname.replace(/\/+$/, "");
  }

  /** GraphQL lives at `/graphql` on github.com and at `/api/graphql` (not /api/v3/graphql) on GHES. */
  get #graphqlPath(): string {
    return `${this.#basePath.replace(/\/api\/v3$/, "/api")}/graphql`;
  }

  #isOwnUrl(url: URL): boolean {
    if (this.#localOrigins.has(url.origin)) return true;
    if (url.origin !== this.#base.origin) return false;
    return url.pathname === this.#graphqlPath || `${url.pathname}/`.startsWith(`${this.#basePath}/`);
  }
}

export function createFakeGitHub(options?: FakeGitHubOptions): FakeGitHub {
  return new FakeGitHub(options);
}

function toResponse(reply: Reply): Response {
  const headers = new Headers(reply.headers);
  if (reply.status === 204 || reply.body === undefined) return new Response(null, { status: reply.status, headers });
  if (typeof reply.body === "string") {
    if (!headers.has("content-type")) headers.set("content-type", "text/plain; charset=utf-8");
    return new Response(reply.body, { status: reply.status, headers });
  }
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers });
}
