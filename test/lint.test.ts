// The architecture as a lint gate (biome.jsonc): src/core imports nothing from src/github or the
// faces and no Node I/O; only src/github builds GitHub clients; the faces do not import each
// other. Run on the repository, and on deliberate violations, which it must refuse.
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
const biome = join(root, "node_modules", ".bin", "biome");

async function lint(cwd: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(biome, [...args, "--colors=off"], { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe("the lint gate", () => {
  it("passes on the repository", async () => {
    const { code, output } = await lint(root, ["ci", "."]);
    expect(output).not.toMatch(/lint\//);
    expect(code).toBe(0);
  });

  it("refuses a boundary violation in each layer", async () => {
    const dir = await mkdtemp(join(tmpdir(), "value-pr-lint-"));
    try {
      // The repository's own configuration, in a tree of probe files laid out like src/.
      const config = (await readFile(join(root, "biome.jsonc"), "utf8")).replace(/^\s*"\$schema".*\n/m, "");
      await writeFile(join(dir, "biome.jsonc"), config);
      const probes: Record<string, string> = {
        "src/core/report/probe.ts":
          'import { readRepoConfig } from "../../github/config.ts";\nimport { readFileSync } from "node:fs";\nexport { readRepoConfig, readFileSync };\n',
        "src/app/probe.ts": 'import { Octokit } from "@octokit/rest";\nimport { report } from "../cli/report.ts";\nexport { Octokit, report };\n',
        "action/probe.ts": 'import { createApp } from "../src/app/index.ts";\nexport { createApp };\n',
      };
      for (const [path, content] of Object.entries(probes)) {
        await mkdir(join(dir, path, ".."), { recursive: true });
        await writeFile(join(dir, path), content);
      }
      const { code, output } = await lint(dir, ["lint", "."]);
      expect(code).not.toBe(0);
      const refusals = [...output.matchAll(/^(\S+\.ts):(\d+):\d+ lint\/style\/noRestrictedImports/gm)].map(([, file, line]) => `${file}:${line}`);
      expect(refusals.sort()).toEqual([
        "action/probe.ts:1",
        "src/app/probe.ts:1",
        "src/app/probe.ts:2",
        "src/core/report/probe.ts:1",
        "src/core/report/probe.ts:2",
      ]);
      expect(output).toContain("src/core is pure: it imports nothing from src/github or the faces.");
      expect(output).toContain("Only src/github builds or configures GitHub clients.");
      expect(output).toContain("The faces do not import each other");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a file the formatter would rewrite, and names it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "value-pr-format-"));
    try {
      const config = (await readFile(join(root, "biome.jsonc"), "utf8")).replace(/^\s*"\$schema".*\n/m, "");
      await writeFile(join(dir, "biome.jsonc"), config);
      await mkdir(join(dir, "src"), { recursive: true });
      await writeFile(join(dir, "src/tidy.ts"), "export const tidy = { a: 1 };\n");
      await writeFile(join(dir, "src/untidy.ts"), "export const untidy = {a:1,\n  b: 'two'}\n");
      const { code, output } = await lint(dir, ["ci", "."]);
      expect(code).not.toBe(0);
      expect(output).toMatch(/src\/untidy\.ts format/);
      expect(output).not.toMatch(/src\/tidy\.ts format/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
