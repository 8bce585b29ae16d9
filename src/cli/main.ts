#!/usr/bin/env node
// The `value-pr` command. Node 24 runs this TypeScript file directly (type stripping), so the
// CLI needs no build step: `npx value-pr …` from the repository just works.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { text } from "node:stream/consumers";
import { runCli } from "./run.ts";

async function readFileOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
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
