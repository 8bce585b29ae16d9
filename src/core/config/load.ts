import { parse as parseYaml } from "yaml";
import type * as z from "zod";
import { firstLine, truncate } from "../text.ts";
import { configSchema, type Config } from "./schema.ts";

export const CONFIG_PATH = ".github/value-pr.yml";

export type ConfigResult =
  | { ok: true; config: Config }
  | {
      ok: false;
      /** Where the configuration came from, e.g. `.github/value-pr.yml`. */
      source: string;
      /** One line per problem: `key.path: what was expected`. */
      errors: string[];
    };

/** Validates an already-parsed configuration object (null or undefined = no file). */
export function parseConfig(raw: unknown, source: string = CONFIG_PATH): ConfigResult {
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, source, errors: result.error.issues.map(describeIssue) };
}

/**
 * Parses YAML text the way the App's config loader (@probot/octokit-plugin-config, which uses
 * the same `yaml` package) does, so the CLI and the App agree on what a file means.
 */
export function parseConfigYaml(text: string, source: string = CONFIG_PATH): ConfigResult {
  const tooLarge = configFileSizeError(text);
  if (tooLarge !== null) return { ok: false, source, errors: [tooLarge] };
  let raw: unknown;
  try {
    raw = parseYaml(text, { logLevel: "error" });
  } catch (error) {
    return { ok: false, source, errors: [invalidYamlMessage(error)] };
  }
  return parseConfig(raw, source);
}

/**
 * The largest configuration file value-pr reads. The YAML parser checks a mapping's keys for
 * duplicates pairwise, so its time grows with the square of a mapping's size: 32 KB parses in
 * ~0.15 s at worst, 1 MB in ~40 s. Real configurations are a few kilobytes.
 */
export const MAX_CONFIG_FILE_CHARACTERS = 32_768;

/** Why a configuration file is refused unread, or null when its size is fine. */
export function configFileSizeError(text: string): string | null {
  if (text.length <= MAX_CONFIG_FILE_CHARACTERS) return null;
  const count = (n: number) => n.toLocaleString("en");
  return `the file has ${count(text.length)} characters; value-pr reads configuration files of at most ${count(MAX_CONFIG_FILE_CHARACTERS)}`;
}

export function invalidYamlMessage(error: unknown): string {
  const detail = error instanceof Error ? firstLine(error.message) : String(error);
  return `not valid YAML: ${detail}`;
}

/** The one-paragraph explanation shown in the check, the CLI and the report refusal. */
/** A config error message lists this many problems at most, each cut to this many characters. */
const MAX_LISTED_ERRORS = 50;
const MAX_ERROR_LENGTH = 300;

/**
 * The config errors as one message: every key path and what was expected. A file with thousands
 * of wrong entries lists the first ones and counts the rest, so the message fits a check run.
 */
export function describeConfigErrors(result: Extract<ConfigResult, { ok: false }>): string {
  const listed = result.errors.slice(0, MAX_LISTED_ERRORS).map((error) => `- ${truncate(error, MAX_ERROR_LENGTH)}`);
  const more = result.errors.length - listed.length;
  if (more > 0) listed.push(`- …and ${more} more ${more === 1 ? "error" : "errors"} (fix these first)`);
  return `Invalid configuration in ${truncate(result.source, MAX_ERROR_LENGTH)}:\n${listed.join("\n")}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const where = path ? `${path}.` : "";
    return issue.keys.map((key) => `${where}${key}: unknown key`).join("; ");
  }
  const message = issue.message.replace(/^Invalid input: /, "");
  return `${path || "(top level)"}: ${message}`;
}
