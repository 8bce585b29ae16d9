// The `value-pr` npm package as a user gets it: built, packed with `npm pack`, installed into an
// empty folder (no clone beside it), and run through the `value-pr` command npm links.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCliPackage } from "../../cli/build.ts";
import packageJson from "../../package.json" with { type: "json" };

const run = promisify(execFile);
let work: string;
let bin: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "value-pr-package-"));
  const packageDir = await buildCliPackage();
  await run("npm", ["pack", "--silent", "--pack-destination", work, packageDir]);
  const [tarball] = (await readdir(work)).filter((name) => name.endsWith(".tgz"));
  if (tarball === undefined) throw new Error("npm pack made no tarball");
  const prefix = join(work, "install");
  await run("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--offline", join(work, tarball)]);
  bin = join(prefix, "node_modules/.bin/value-pr");
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function valuePr(args: string[], cwd = work): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(bin, args, { cwd });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe("the npm package", () => {
  it("ships the bundled CLI and what it needs, nothing else", async () => {
    const { stdout } = await run("tar", ["-tzf", join(work, `value-pr-${packageJson.version}.tgz`)]);
    expect(stdout.trim().split("\n").sort()).toEqual(
      ["LICENSE", "README.md", "cli.mjs", "licenses.txt", "package.json", "value-pr.schema.json"].map((file) => `package/${file}`),
    );
  });

  it("runs --version, check, schema and init from an install with no clone beside it", async () => {
    expect((await valuePr(["--version"])).stdout.trim()).toBe(packageJson.version);

    await writeFile(
      join(work, "good.md"),
      "**Customer:** support agents\n**Outcome:** fewer mis-routed tickets\n**Metric:** mis-routed tickets drop from 12 % to under 5 %\n**Counter-signal:** handling time rises by more than 10 %\n",
    );
    const check = await valuePr(["check", "--json", "--title", "feat: route by plan", "--body-file", "good.md"]);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ hypothesis: { status: "pass" }, category: { value: "customer-value" } });

    const schema = JSON.parse((await valuePr(["schema"])).stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["hypothesis", "labels", "budget"]));

    const repo = join(work, "repo");
    await run("git", ["init", "-q", repo]);
    const init = await valuePr(["init"], repo);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("wrote     .github/pull_request_template.md");
  });
});
