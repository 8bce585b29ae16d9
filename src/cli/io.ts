import { CONFIG_PATH, parseConfigYaml, type ConfigResult } from "../core/config/load.ts";

/** What the CLI touches of the outside world; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  /** Returns null when the file does not exist. */
  readFile: (path: string) => Promise<string | null>;
  /** Writes a file, making its folders. */
  writeFile: (path: string, content: string) => Promise<void>;
  stdinIsTerminal: boolean;
  /** The environment (`GITHUB_TOKEN`, `GITHUB_API_URL`). */
  env: Record<string, string | undefined>;
  /** The clock: which period is "current" depends on it. */
  now: () => Date;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake in how the command was called: reported with a pointer to `--help`, exit 2. */
export class UsageError extends Error {}

/** A config file given with `--config`, else `.github/value-pr.yml` when it exists, else the defaults. */
export async function loadConfigFile(path: string | undefined, io: CliIo): Promise<ConfigResult> {
  const text = await io.readFile(path ?? CONFIG_PATH);
  if (text === null) {
    if (path !== undefined) throw new UsageError(`config file not found: ${path}`);
    return parseConfigYaml("", "defaults");
  }
  return parseConfigYaml(text, path ?? CONFIG_PATH);
}

/** Terminal output: PR text could carry escape sequences, so control characters are dropped. */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

/**
 * JSON for a terminal: JSON.stringify escapes C0 controls but leaves DEL and the C1 controls
 * (U+007F–U+009F, e.g. the one-character CSI U+009B) raw. They only occur inside strings, where a
 * `\uXXXX` escape reads back the same.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
