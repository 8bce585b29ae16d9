// `value-pr init` in an empty git repository, run as a user runs it: the real command in a child
// process, in the repository's folder.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfigYaml } from "../../src/core/config/load.ts";
import { configSchema } from "../../src/core/config/schema.ts";
import { configTemplate, PULL_REQUEST_TEMPLATE } from "../../src/core/init/templates.ts";

const run = promisify(execFile);
const CLI = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const FILES = [".github/value-pr.yml", ".github/pull_request_template.md", ".github/workflows/value-pr.yml"];

let repo: string;
beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), "value-pr-init-"));
  await run("git", ["init", "-q"], { cwd: repo });
});
afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

async function valuePr(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: repo });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const contents = () => Promise.all(FILES.map((file) => readFile(join(repo, file), "utf8")));

describe("value-pr init", () => {
  it("writes the config, the PR template and the workflow; a second run changes nothing", async () => {
    const first = await valuePr(["init"]);
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split("\n")).toEqual(FILES.map((file) => `wrote     ${file}`));
    const written = await contents();
    const status = (await run("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: repo })).stdout;
    expect(status.trim().split("\n").sort()).toEqual(FILES.map((file) => `?? ${file}`).sort());

    const second = await valuePr(["init"]);
    expect(second.code).toBe(0);
    expect(second.stdout.trim().split("\n")).toEqual(FILES.map((file) => `unchanged ${file}`));
    expect(await contents()).toEqual(written);
  });

  it("never overwrites a file of the team's without --force", async () => {
    await valuePr(["init"]);
    await writeFile(join(repo, ".github/value-pr.yml"), "mode: advise\n");
    const kept = await valuePr(["init"]);
    expect(kept.stdout).toContain("skipped   .github/value-pr.yml (it exists; --force overwrites it)");
    expect(await readFile(join(repo, ".github/value-pr.yml"), "utf8")).toBe("mode: advise\n");
    const forced = await valuePr(["init", "--force"]);
    expect(forced.stdout).toContain("replaced  .github/value-pr.yml");
    expect(await readFile(join(repo, ".github/value-pr.yml"), "utf8")).toBe(configTemplate());
  });

  it("the template as written fails the check, naming all four fields; filled in, it passes", async () => {
    await valuePr(["init"]);
    const unfilled = await valuePr(["check", "--json", "--title", "feat: route tickets by plan", "--body-file", ".github/pull_request_template.md"]);
    expect(unfilled.code).toBe(1);
    const verdict = JSON.parse(unfilled.stdout) as { hypothesis: { status: string; missing: string[]; problems: Array<{ field: string; kind: string }> } };
    expect(verdict.hypothesis.status).toBe("fail");
    expect(verdict.hypothesis.missing).toEqual(["customer", "outcome", "metric", "counterSignal"]);
    expect(verdict.hypothesis.problems.map((problem) => problem.kind)).toEqual(["placeholder", "placeholder", "placeholder", "placeholder"]);

    const filled = PULL_REQUEST_TEMPLATE.replace("<who benefits?>", "support agents triaging tickets")
      .replace("<what improves for them?>", "they route a ticket without switching tabs")
      .replace("<how will we know it worked? a number, a percentage or a direction>", "median handling time drops from 6 to 4 minutes")
      .replace("<how would we know it did not help?>", "reopened tickets rise above 5 %")
      .replace('<optional: a date such as 2026-12-15, or "in 30 days">', "in 30 days")
      .replace("- [ ] Customer value", "- [x] Customer value");
    await writeFile(join(repo, "filled.md"), filled);
    const passed = await valuePr(["check", "--json", "--body-file", "filled.md"]);
    expect(passed.code).toBe(0);
    const ok = JSON.parse(passed.stdout) as { hypothesis: { status: string }; category: { value: string } };
    expect(ok.hypothesis.status).toBe("pass");
    expect(ok.category.value).toBe("customer-value");
  });

  it("the config it writes is the defaults: uncommented line by line, it parses to exactly them", () => {
    const text = configTemplate();
    expect(text.startsWith("# yaml-language-server: $schema=")).toBe(true);
    // Drop the header, uncomment every setting, keep the descriptions (now YAML comments).
    const body = text.split("\n").slice(4);
    const uncommented = body.map((line) => line.replace(/^# ?/, "")).join("\n");
    const parsed = parseConfigYaml(uncommented, "template");
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.config).toEqual(configSchema.parse({}));
    // As written, every setting is commented out: the file means the defaults too.
    const asWritten = parseConfigYaml(text, "template");
    expect(asWritten.ok && asWritten.config).toEqual(configSchema.parse({}));
  });
});
