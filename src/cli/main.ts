#!/usr/bin/env node
// The `value-pr` command. Node 24 runs this TypeScript file directly (type stripping), so the
// CLI needs no build step: `npx value-pr …` from the repository just works.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { text } from "node:stream/consumers";
import { UsageError } from "./io.ts";
import { runCli } from "./run.ts";

async function readFileOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    // A folder, a file without read permission …: the caller named something it cannot read.
    throw new UsageError(`cannot read ${path}: ${code === "EISDIR" ? "it is a folder" : (code ?? (error as Error).message)}`);
  }
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (output) => process.stdout.write(output),
  stderr: (output) => process.stderr.write(output),
  readStdin: () => text(process.stdin),
  readFile: readFileOrNull,
  writeFile: async (path, content) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  },
  stdinIsTerminal: process.stdin.isTTY === true,
  env: process.env,
  now: () => new Date(),
});
