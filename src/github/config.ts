import { composeConfigGet } from "@probot/octokit-plugin-config";
import deepmerge from "deepmerge";
import { CONFIG_PATH, configFileSizeError, invalidYamlMessage, parseConfig, type ConfigResult } from "../core/config/load.ts";
import type { GitHubClient, RepoRef } from "./client.ts";

/**
 * Reads `.github/value-pr.yml` from the repository's default branch, falling back to the
 * owner's `.github` repository and following `_extends` (the Probot config plugin does the
 * fetching). Files are deep-merged, the repository's own file winning; a list in the repository
 * replaces the inherited list rather than appending to it, so a repo can shorten a list.
 *
 * Configuration problems (invalid YAML, invalid values) come back as a result, never as an
 * exception; network faults still throw so the event is retried and converges.
 */
/**
 * Configuration files already asked for, shared by the reads of one run over many repositories
 * (the organisation report): the organisation's `.github` file that most of them fall back to is
 * fetched once, not once per repository. A missing file is remembered as missing.
 */
export type ConfigFileCache = Map<string, ReturnType<GitHubClient["request"]>>;

export async function readRepoConfig(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  path: string = CONFIG_PATH,
  cache?: ConfigFileCache,
): Promise<ConfigResult> {
  let merged: Record<string, unknown>;
  let sources: string[];
  try {
    const { config, files } = await composeConfigGet(sizeCheckedFiles(octokit, cache), {
      owner,
      repo,
      path,
      defaults: (configs) => deepmerge.all<Record<string, unknown>>([{}, ...configs], { arrayMerge: (_, source) => source }),
    });
    merged = config;
    sources = files.filter((file) => file.config !== null).map((file) => `${file.owner}/${file.repo}:${file.path}`);
  } catch (error) {
    if (error instanceof ConfigFileTooLarge) return { ok: false, source: error.source, errors: [error.message] };
    const invalid = configPluginFailure(error);
    if (invalid === null) throw error;
    return { ok: false, source: invalid.source ?? `${owner}/${repo}:${path}`, errors: [invalid.message] };
  }
  return parseConfig(merged, sources.length > 0 ? sources.join(" + ") : path);
}

class ConfigFileTooLarge extends Error {
  readonly source: string;

  constructor(source: string, message: string) {
    super(message);
    this.source = source;
  }
}

/**
 * The client the config plugin fetches files with: a file too large to parse in good time is
 * refused before the plugin hands it to the YAML parser (see MAX_CONFIG_FILE_CHARACTERS).
 */
function sizeCheckedFiles(octokit: GitHubClient, cache?: ConfigFileCache): Parameters<typeof composeConfigGet>[0] {
  const fetch = (...args: Parameters<GitHubClient["request"]>) => {
    if (cache === undefined) return octokit.request(...args);
    const key = JSON.stringify(args);
    let response = cache.get(key);
    if (response === undefined) {
      response = octokit.request(...args);
      cache.set(key, response);
    }
    return response;
  };
  const request = async (...args: Parameters<GitHubClient["request"]>) => {
    const response = await fetch(...args);
    const tooLarge = typeof response.data === "string" ? configFileSizeError(response.data) : null;
    if (tooLarge !== null) throw new ConfigFileTooLarge(fileOfContentsUrl(response.url), tooLarge);
    return response;
  };
  // The plugin calls only `request` and `request.endpoint`; the client is otherwise the caller's.
  const client = Object.assign(Object.create(octokit) as object, { request: Object.assign(request, octokit.request) });
  return client as Parameters<typeof composeConfigGet>[0];
}

/**
 * The config plugin reports unreadable files (invalid YAML, a directory, a bad `_extends`) as
 * plain Errors with a recognisable prefix; those are the repository owner's to fix, not faults.
 */
function configPluginFailure(error: unknown): { source: string | null; message: string } | null {
  if (!(error instanceof Error) || !error.message.startsWith("[@probot/octokit-plugin-config]")) return null;
  const url = /from (\S+) \(invalid YAML\)/.exec(error.message)?.[1] ?? null;
  if (url !== null) return { source: fileOfContentsUrl(url), message: invalidYamlMessage(error.cause) };
  return { source: null, message: error.message.replace("[@probot/octokit-plugin-config] ", "") };
}

/** `https://…/repos/o/r/contents/.github%2Fvalue-pr.yml?ref=x` → `o/r:.github/value-pr.yml`. */
function fileOfContentsUrl(url: string): string {
  const match = /\/repos\/([^/]+)\/([^/]+)\/contents\/([^?#]+)/.exec(url);
  if (match === null) return url;
  const [, owner = "", repo = "", path = ""] = match;
  return `${owner}/${repo}:${decodeURIComponent(path)}`;
}
