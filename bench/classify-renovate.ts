// `node bench/classify-renovate.ts`: classifies the 689 merged PRs of renovatebot/renovate in
// test/data with the default rules, as the report would classify unlabelled history, and
// prints Markdown: the categories, which signal decided, and the time taken.
//
// Each PR's hypothesis is judged on its content alone (draft false, no bot or skip-label
// exemption), which is what "the description declares a passing hypothesis" means to the
// classifier. The data lists at most 50 files per PR; a PR with more has an incomplete list,
// which cannot show that *every* file is a debt path, so its files count as not read.
import { performance } from "node:perf_hooks";
import { SIGNALS, traceClassification } from "../src/core/classify/index.ts";
import { DEFAULT_CLASSIFICATION_RULES } from "../src/core/rules.ts";
import type { ClassificationTrace } from "../src/core/classify/index.ts";
import { CATEGORIES } from "../src/core/types.ts";
import type { Category, PersonLabelChoices } from "../src/core/types.ts";
import { dataPullFacts, declaresHypothesis, loadRenovatePulls, RENOVATE_DATA_FILE } from "../test/support/renovate-data.ts";

const NO_PERSON_CHOICES: PersonLabelChoices = { customerValue: null, techDebt: null };

function countBy<T extends string>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "–" : `${((100 * part) / whole).toFixed(1)} %`;
}

function table(header: [string, string, string], rows: Array<[string, number]>, total: number): string {
  const lines = [`| ${header.join(" | ")} |`, "| --- | ---: | ---: |"];
  for (const [name, count] of rows) lines.push(`| ${name} | ${count} | ${percent(count, total)} |`);
  lines.push(`| **total** | **${total}** | |`);
  return lines.join("\n");
}

/** "title-type + hypothesis" for the `both` rule; "nothing" when no signal spoke. */
function decidedByKey(trace: ClassificationTrace): string {
  return trace.decidedBy.length === 0 ? "nothing" : trace.decidedBy.join(" + ");
}

/** Orders signal combinations by the precedence of their first signal, "nothing" last. */
function precedence(key: string): number {
  const first = key.split(" + ")[0] as (typeof SIGNALS)[number];
  const index = SIGNALS.indexOf(first);
  return index < 0 ? SIGNALS.length : index;
}

async function main(): Promise<void> {
  const data = loadRenovatePulls();
  const pulls = data.map(dataPullFacts);
  const firstPull = pulls[0];
  if (firstPull === undefined) throw new Error(`${RENOVATE_DATA_FILE.pathname} holds no pull requests`);

  const hypothesisStart = performance.now();
  const declared = pulls.map(declaresHypothesis);
  const hypothesisMs = performance.now() - hypothesisStart;

  const rules = DEFAULT_CLASSIFICATION_RULES;
  // The first call compiles the debt-path globs; timed apart so the steady state shows.
  const firstStart = performance.now();
  traceClassification(firstPull, NO_PERSON_CHOICES, declared[0] ?? false, rules);
  const firstMs = performance.now() - firstStart;
  const classifyStart = performance.now();
  const traces = pulls.map((pull, index) => traceClassification(pull, NO_PERSON_CHOICES, declared[index] ?? false, rules));
  const classifyMs = performance.now() - classifyStart;

  const total = traces.length;
  const categories = countBy<Category>(traces.map((trace) => trace.value));
  const decidedBy = [...countBy(traces.map(decidedByKey))].sort(
    ([left, leftCount], [right, rightCount]) => precedence(left) - precedence(right) || rightCount - leftCount,
  );
  const truncated = data.filter((pull) => pull.files.length !== pull.changed_files).length;

  console.log(`## Classification of renovatebot/renovate: ${total} merged PRs, default rules\n`);
  console.log(
    table(
      ["category", "PRs", "share"],
      CATEGORIES.map((category) => [category, categories.get(category) ?? 0]),
      total,
    ),
  );
  console.log();
  console.log(table(["decided by", "PRs", "share"], decidedBy, total));
  console.log();
  console.log(`- passing hypotheses (content only): ${declared.filter(Boolean).length}`);
  console.log(`- file lists cut at 50 (files treated as not read): ${truncated}`);
  console.log(`- classifying all ${total} PRs: ${classifyMs.toFixed(1)} ms (${((1000 * classifyMs) / total).toFixed(1)} µs per PR)`);
  console.log(`- first call, including compiling the debt-path globs: ${firstMs.toFixed(2)} ms`);
  console.log(`- judging the hypotheses, for comparison: ${hypothesisMs.toFixed(0)} ms`);
}

await main();
