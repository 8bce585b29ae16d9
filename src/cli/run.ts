import { parseArgs, type ParseArgsConfig } from "node:util";
import packageJson from "../../package.json" with { type: "json" };
import { CONFIG_PATH, describeConfigErrors } from "../core/config/load.ts";
import { configJsonSchema } from "../core/config/schema.ts";
import { evaluatePull, labelsAsPersonChoices, type PullVerdict } from "../core/evaluate.ts";
import { FIELD_NAMES, fixSnippet } from "../core/render/hypothesis.ts";
import { initFiles } from "../core/init/templates.ts";
import { compileRules } from "../core/rules.ts";
import { splitLines } from "../core/text.ts";
import { FIELD_KEYS, type PullFacts } from "../core/types.ts";
import { EXIT, loadConfigFile, terminalSafe, terminalSafeJson, UsageError, type CliIo } from "./io.ts";
import { OUTCOMES_USAGE, outcomes, REPORT_USAGE, report } from "./report.ts";

export { EXIT, type CliIo } from "./io.ts";

const USAGE = `value-pr — make pull requests value-aware

Usage:
  value-pr --version         print the version
  value-pr check [options]   judge a pull request description's outcome hypothesis
  value-pr report [options]  the debt-budget report of a repository (Markdown or JSON)
  value-pr outcomes [options] the outcome reviews of a repository: due, overdue, answered
  value-pr schema            print the JSON Schema of .github/value-pr.yml
  value-pr init [--force]    write a starting config, PR template and workflow into .github/
                             (never overwrites an existing file without --force)

check options:
  --body-file FILE   the description (Markdown); "-" or no option reads standard input
  --title TEXT       the PR title
  --author LOGIN     the PR author
  --bot              the author is a bot account
  --branch NAME      the head branch
  --labels a,b       labels on the PR (category labels count as a person's choice)
  --files a,b        changed file paths (for the debt-paths signal)
  --files-from FILE  changed file paths, one per line ("-" = standard input)
  --draft            the PR is a draft
  --config FILE      configuration (default: ${CONFIG_PATH} when it exists, else defaults)
  --json             print the verdict as JSON (PRODUCT.md §8)

${REPORT_USAGE}

${OUTCOMES_USAGE}

Exit codes: 0 pass, exempt or neutral (check) or report made; 1 fail (check) or GitHub
refused (report); 2 usage or configuration error.`;

const CHECK_OPTIONS = {
  "body-file": { type: "string" },
  title: { type: "string", default: "" },
  author: { type: "string", default: "" },
  bot: { type: "boolean", default: false },
  branch: { type: "string", default: "" },
  labels: { type: "string", default: "" },
  files: { type: "string" },
  "files-from": { type: "string" },
  draft: { type: "boolean", default: false },
  config: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const satisfies ParseArgsConfig["options"];

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === "check") return await check(rest, io);
    if (command === "report") return await report(rest, io);
    if (command === "outcomes") return await outcomes(rest, io);
    if (command === "--version" || command === "-v" || command === "version") {
      io.stdout(`${packageJson.version}\n`);
      return EXIT.ok;
    }
    if (command === "init") return await init(rest, io);
    if (command === "schema") {
      io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
      return EXIT.ok;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (!(error instanceof UsageError) && !isParseArgsError(error)) throw error;
    io.stderr(`value-pr: ${(error as Error).message}\nRun "value-pr --help" for usage.\n`);
    return EXIT.usage;
  }
}

/** PRODUCT.md §7: the files a repository starts from; an existing one is kept unless --force. */
async function init(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { force: { type: "boolean", default: false } }, allowPositionals: false, strict: true });
  for (const file of initFiles()) {
    const existing = await io.readFile(file.path);
    if (existing === file.content) {
      io.stdout(`unchanged ${file.path}\n`);
    } else if (existing !== null && !values.force) {
      io.stdout(`skipped   ${file.path} (it exists; --force overwrites it)\n`);
    } else {
      await io.writeFile(file.path, file.content);
      io.stdout(`${existing === null ? "wrote    " : "replaced "} ${file.path}\n`);
    }
  }
  return EXIT.ok;
}

function isParseArgsError(error: unknown): boolean {
  return error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
}

async function check(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: CHECK_OPTIONS, allowPositionals: false, strict: true });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT.ok;
  }
  const configResult = await loadConfigFile(values.config, io);
  if (!configResult.ok) {
    io.stderr(`value-pr: ${describeConfigErrors(configResult)}\n`);
    return EXIT.usage;
  }
  if (values.files !== undefined && values["files-from"] !== undefined) throw new UsageError("give --files or --files-from, not both");
  if (values["files-from"] === "-" && (values["body-file"] ?? "-") === "-") {
    throw new UsageError("standard input cannot hold both the description and the file list; use --body-file");
  }
  const labels = splitList(values.labels);
  const facts: PullFacts = {
    title: values.title,
    body: await readBody(values["body-file"], io),
    author: values.author,
    authorIsBot: values.bot,
    draft: values.draft,
    labels,
    headBranch: values.branch,
    files: await readFileList(values.files, values["files-from"], io),
  };
  const verdict = evaluatePull(facts, configResult.config, labelsAsPersonChoices(labels, configResult.config));
  io.stdout(values.json ? `${terminalSafeJson(verdict)}\n` : humanReport(verdict, compileRules(configResult.config).hypothesis.required));
  return verdict.hypothesis.status === "fail" ? EXIT.failed : EXIT.ok;
}

async function readBody(path: string | undefined, io: CliIo): Promise<string> {
  if (path === undefined || path === "-") {
    if (path === undefined && io.stdinIsTerminal) {
      throw new UsageError("give the description with --body-file FILE, or pipe it to standard input");
    }
    return io.readStdin();
  }
  const text = await io.readFile(path);
  if (text === null) throw new UsageError(`description file not found: ${path}`);
  return text;
}

async function readFileList(inline: string | undefined, from: string | undefined, io: CliIo): Promise<string[] | null> {
  if (inline !== undefined) return splitList(inline);
  if (from === undefined) return null;
  const text = from === "-" ? await io.readStdin() : await io.readFile(from);
  if (text === null) throw new UsageError(`file list not found: ${from}`);
  return splitLines(text)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function splitList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

const STATUS_WORD = { pass: "PASS", fail: "FAIL", exempt: "EXEMPT", neutral: "NEUTRAL" } as const;

function humanReport(verdict: PullVerdict, required: readonly string[]): string {
  const h = verdict.hypothesis;
  const width = Math.max(...Object.values(FIELD_NAMES).map((name) => name.length));
  const lines = [`${STATUS_WORD[h.status]}  ${h.reason}`, ""];
  for (const key of FIELD_KEYS) {
    const text = h.fields[key];
    const shown = text ?? (required.includes(key) ? "(missing)" : "(optional, not declared)");
    lines.push(`  ${FIELD_NAMES[key].padEnd(width)}  ${terminalSafe(shown)}`);
  }
  if (h.problems.length > 0) {
    lines.push("", "Problems:");
    for (const problem of h.problems) lines.push(`  - ${FIELD_NAMES[problem.field]} (${problem.kind}): ${problem.message}`);
  }
  const fix = fixSnippet(h);
  if (fix !== null) lines.push("", "Add to the description:", fix);
  const reasons = verdict.category.reasons.length > 0 ? ` (${verdict.category.reasons.join("; ")})` : "";
  lines.push("", `Category: ${verdict.category.value}${reasons}`);
  return `${terminalSafe(lines.join("\n"))}\n`;
}
