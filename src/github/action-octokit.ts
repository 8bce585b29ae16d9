import { HttpClient } from "@actions/http-client";
import { fetch as undiciFetch } from "undici";
import type { GitHubClient } from "./client.ts";
import { clientBehaviour, ValuePrOctokit } from "./octokit.ts";

// The Action's client, built the way @actions/github builds its own (base URL from the runner,
// requests through the runner's proxy) but on the CLI's client class: Octokit's core with
// pagination, rate-limit and retry plugins, none of the generated REST methods that
// @actions/github's client carries (and that its module builds as soon as it is imported).

export interface ActionOctokitSettings {
  token: string;
  /** The runner's GITHUB_API_URL; unset or empty means github.com. */
  apiUrl: string | undefined;
  /** The runner's GITHUB_GRAPHQL_URL: GitHub Enterprise Server names its GraphQL endpoint there. */
  graphqlUrl: string | undefined;
  /** Hears about rate-limit waits. */
  warn: (message: string) => void;
}

const GITHUB_COM_API = "https://api.github.com";

export function createActionOctokit({ token, apiUrl, graphqlUrl, warn }: ActionOctokitSettings): GitHubClient {
  const baseUrl = apiUrl || GITHUB_COM_API;
  const octokit = new ValuePrOctokit({
    baseUrl,
    request: { fetch: proxyFetch(baseUrl) },
    auth: `token ${token}`,
    ...clientBehaviour(warn),
  });
  if (graphqlUrl) octokit.graphql = octokit.graphql.defaults({ url: graphqlUrl });
  return octokit;
}

/**
 * `fetch` through the proxy the runner is configured with (https_proxy / http_proxy / no_proxy,
 * as @actions/http-client reads them), like @actions/github's client: undici's fetch with
 * @actions/http-client's dispatcher for the API's URL, none when no proxy applies.
 */
function proxyFetch(baseUrl: string): typeof globalThis.fetch {
  const dispatcher = new HttpClient().getAgentDispatcher(baseUrl);
  const fetch = (url: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) => undiciFetch(url, { ...init, dispatcher });
  return fetch as unknown as typeof globalThis.fetch;
}
