// Runs the CLI in-process, as `value-pr …` would, with what it prints captured: the three CLI test
// files share this one stand-in for a terminal.
import { type CliIo, runCli } from "../../src/cli/run.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** The instant the CLI reads as now. */
  now: Date;
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Files the CLI may read, by path; any other path reads as missing. */
  files?: Record<string, string>;
  /** Whether standard input is a terminal (default: true, nothing piped). */
  tty?: boolean;
}

export async function runCliCaptured(argv: string[], options: CliRunOptions): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => options.stdin ?? "",
    readFile: async (path) => options.files?.[path] ?? null,
    writeFile: async () => {
      throw new Error("this test writes no file");
    },
    stdinIsTerminal: options.tty ?? true,
    env: options.env ?? {},
    now: () => options.now,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
