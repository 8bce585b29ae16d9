import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { type CliRun, runCliCaptured } from "../support/cli.ts";

const GOOD_BODY = `## Outcome hypothesis
**Customer:** support agents
**Outcome:** fewer mis-routed tickets
**Metric:** mis-routed tickets drop from 12 % to under 5 %
**Counter-signal:** handling time rises by more than 10 %
`;

const NO_COUNTER_SIGNAL = GOOD_BODY.replace(/\*\*Counter-signal:\*\*.*\n/, "");

function cli(argv: string[], options: { stdin?: string; files?: Record<string, string>; tty?: boolean } = {}): Promise<CliRun> {
  return runCliCaptured(argv, { ...options, tty: options.tty ?? false, now: new Date("2026-07-01T12:00:00Z") });
}

describe("value-pr check", () => {
  it("prints exactly the PRODUCT.md §8 JSON shape and exits 0 on pass", async () => {
    const run = await cli(["check", "--json"], { stdin: GOOD_BODY });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(["hypothesis", "category"]);
    expect(Object.keys(json.hypothesis)).toEqual(["status", "reason", "fields", "missing", "problems", "valueType", "review"]);
    expect(json.hypothesis).toMatchObject({
      status: "pass",
      fields: {
        customer: "support agents",
        outcome: "fewer mis-routed tickets",
        metric: "mis-routed tickets drop from 12 % to under 5 %",
        counterSignal: "handling time rises by more than 10 %",
      },
      missing: [],
      problems: [],
    });
    expect(typeof json.hypothesis.reason).toBe("string");
    expect(json.category).toEqual({ value: "customer-value", reasons: ["the description declares a passing hypothesis"] });
  });

  it("exits 1 on fail, names the missing field and prints a paste-ready fix", async () => {
    const run = await cli(["check", "--body-file", "pr.md"], { files: { "pr.md": NO_COUNTER_SIGNAL } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL /);
    expect(run.stdout).toContain("Counter-signal  (missing)");
    expect(run.stdout).toContain("**Counter-signal:** <what would show it did not help");
    const json = JSON.parse((await cli(["check", "--json", "--body-file", "-"], { stdin: NO_COUNTER_SIGNAL })).stdout);
    expect(json.hypothesis.missing).toEqual(["counterSignal"]);
    expect(json.hypothesis.problems).toEqual([expect.objectContaining({ field: "counterSignal", kind: "missing" })]);
  });

  it("exempts bots, skip labels and drafts with exit 0", async () => {
    const bot = await cli(["check", "--json", "--author", "renovate[bot]", "--bot"], { stdin: "" });
    expect([bot.code, JSON.parse(bot.stdout).hypothesis.status]).toEqual([0, "exempt"]);
    const skip = await cli(["check", "--json", "--labels", "docs, no-hypothesis"], { stdin: "" });
    expect([skip.code, JSON.parse(skip.stdout).hypothesis.status]).toEqual([0, "exempt"]);
    const draft = await cli(["check", "--json", "--draft"], { stdin: "" });
    expect([draft.code, JSON.parse(draft.stdout).hypothesis.status]).toEqual([0, "neutral"]);
  });

  it("reads .github/value-pr.yml by default and --config when given", async () => {
    const advise = { ".github/value-pr.yml": "mode: advise\n" };
    const byDefault = await cli(["check", "--json"], { stdin: NO_COUNTER_SIGNAL, files: advise });
    expect([byDefault.code, JSON.parse(byDefault.stdout).hypothesis.status]).toEqual([0, "neutral"]);
    const explicit = await cli(["check", "--json", "--config", "team.yml"], {
      stdin: NO_COUNTER_SIGNAL,
      files: { ...advise, "team.yml": "hypothesis:\n  required: [customer, outcome, metric]\n" },
    });
    expect([explicit.code, JSON.parse(explicit.stdout).hypothesis.status]).toEqual([0, "pass"]);
  });

  it("exits 2 with the key path on stderr for an invalid configuration", async () => {
    const run = await cli(["check"], { stdin: GOOD_BODY, files: { ".github/value-pr.yml": "budget:\n  target: 150\n" } });
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: "value-pr: Invalid configuration in .github/value-pr.yml:\n- budget.target: expected a number from 0 to 100\n",
    });
  });

  it("exits 2 on usage errors", async () => {
    expect((await cli(["check", "--colour"], { stdin: "" })).code).toBe(2);
    expect((await cli(["frobnicate"])).code).toBe(2);
    expect((await cli(["check", "--config", "missing.yml"], { stdin: "" })).stderr).toContain("config file not found: missing.yml");
    const tty = await cli(["check"], { tty: true });
    expect(tty.code).toBe(2);
    expect(tty.stderr).toContain("--body-file");
  });

  it("strips terminal control characters from quoted PR text in human output", async () => {
    const run = await cli(["check"], { stdin: GOOD_BODY.replace("support agents", "support\u001b[2J agents") });
    expect(run.stdout).not.toContain("\u001b");
  });

  it("classifies: title type, changed files (--files, --files-from) and --labels as a person's choice", async () => {
    const category = async (argv: string[], files: Record<string, string> = {}) =>
      JSON.parse((await cli(["check", "--json", ...argv], { stdin: "", files })).stdout).category;
    expect(await category(["--title", "refactor(router): split"])).toEqual({ value: "tech-debt", reasons: ["title type `refactor`"] });
    expect((await category(["--title", "Update things", "--files", "package-lock.json, test/a.test.ts"])).value).toBe("tech-debt");
    expect((await category(["--title", "Update things", "--files", "package-lock.json,src/a.ts"])).value).toBe("unclassified");
    expect(
      (await category(["--title", "Update things", "--files-from", "changed.txt"], { "changed.txt": "yarn.lock\n.github/workflows/ci.yml\n" })).value,
    ).toBe("tech-debt");
    expect((await category(["--title", "refactor: x", "--labels", "customer-value"])).value).toBe("customer-value");
    // A tech-debt-only PR needs no hypothesis: exempt, exit 0.
    const debt = await cli(["check", "--json", "--title", "chore: bump eslint"], { stdin: "" });
    expect([debt.code, JSON.parse(debt.stdout).hypothesis.status]).toEqual([0, "exempt"]);
  });

  it("refuses two file lists, or the description and the file list both on standard input", async () => {
    expect((await cli(["check", "--files", "a", "--files-from", "b"], { stdin: "" })).code).toBe(2);
    const both = await cli(["check", "--files-from", "-"], { stdin: "" });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--body-file");
  });

  it("prints the configuration's JSON Schema", async () => {
    const run = await cli(["schema"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).properties.hypothesis.type).toBe("object");
  });
});

describe("the value-pr executable", () => {
  it("runs from the repository with Node's type stripping, no build step", async () => {
    const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8"));
    const bin = new URL(`../../${pkg.bin["value-pr"]}`, import.meta.url);
    const child = execFile(process.execPath, [bin.pathname, "check", "--json"]);
    child.stdin?.end(GOOD_BODY);
    const [code, stdout] = await new Promise<[number | null, string]>((resolve) => {
      let out = "";
      child.stdout?.on("data", (chunk) => (out += chunk));
      child.on("close", (exitCode) => resolve([exitCode, out]));
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).hypothesis.status).toBe("pass");
  });

  it("a --body-file or --config it cannot read (a folder) is a usage error: one line, exit 2, no stack trace", async () => {
    const bin = new URL("../../src/cli/main.ts", import.meta.url);
    const folder = new URL(".", import.meta.url).pathname;
    for (const option of ["--body-file", "--config"]) {
      const [code, stderr] = await new Promise<[number | null, string]>((resolve) => {
        const child = execFile(process.execPath, [bin.pathname, "check", option, folder]);
        child.stdin?.end("");
        let err = "";
        child.stderr?.on("data", (chunk) => (err += chunk));
        child.on("close", (exitCode) => resolve([exitCode, err]));
      });
      expect(code, option).toBe(2);
      expect(stderr).toBe(`value-pr: cannot read ${folder}: it is a folder\nRun "value-pr --help" for usage.\n`);
    }
  });

  it("a config with a 70,000-character glob is a configuration error (exit 2, one line); a backtracking glob gives its verdict", async () => {
    const huge = await cli(["check", "--config", "huge.yml", "--title", "Update tables", "--files", "a.md"], {
      stdin: GOOD_BODY,
      files: { "huge.yml": `classification:\n  debt-paths: ["${"a".repeat(70_000)}"]\n` },
    });
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(
      /^value-pr: Invalid configuration in huge\.yml:\n- the file has 70,\d{3} characters; value-pr reads configuration files of at most 32,768\n/,
    );
    expect(huge.stderr).not.toMatch(/\n\s+at /);

    const trap = await cli(["check", "--json", "--config", "trap.yml", "--title", "Update tables", "--files", `${"a".repeat(32)}b,${"a".repeat(33)}`], {
      stdin: "",
      files: { "trap.yml": 'classification:\n  debt-paths: ["*a*a*a*a*a*a*a*a*a*a*a*a*b"]\n' },
    });
    expect(JSON.parse(trap.stdout).category.value).toBe("unclassified");
  });
});
