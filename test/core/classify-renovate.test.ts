// The classifier on real history: 689 merged PRs of renovatebot/renovate (test/data, see its
// README). Each assertion compares with a count made here by simpler logic that does
// not share code with the classifier, so a regression in either shows as a difference.
import { beforeAll, describe, expect, it } from "vitest";
import { traceClassification } from "../../src/core/classify/index.ts";
import { DEFAULT_CLASSIFICATION_RULES } from "../../src/core/rules.ts";
import type { ClassificationTrace } from "../../src/core/classify/index.ts";
import type { Category } from "../../src/core/types.ts";
import { dataPullFacts, declaresHypothesis, loadRenovatePulls, type DataPull } from "../support/renovate-data.ts";

const PULL_COUNT = 689;
const RENOVATE_BOT_PULLS = 419;

interface Case {
  data: DataPull;
  declared: boolean;
  trace: ClassificationTrace;
}

const VALUE_TYPE = /^(feat|fix|perf)(\([^()]+\))?!?: \S/i;
const DEBT_TYPE = /^(refactor|chore|build|ci|test|style|deps)(\([^()]+\))?!?: \S/i;
/** The debt paths this repository's PRs touch: its tests, snapshots, workflows and lockfile. */
const SIMPLE_DEBT_PATH = /(\.spec\.ts$|\/__snapshots__\/|(^|\/)test\/|^\.github\/workflows\/|(^|\/)pnpm-lock\.yaml$)/;

/** The category of one of these PRs by the plainest reading of PRODUCT.md §2. */
function expectedCategory({ data, declared }: Case): Category {
  const title = data.title.trim();
  const debtOrBoth: Category = declared ? "both" : "tech-debt";
  if (data.user.login === "renovate[bot]") return debtOrBoth;
  if (VALUE_TYPE.test(title)) return "customer-value";
  if (DEBT_TYPE.test(title)) return debtOrBoth;
  const complete = data.files.length === data.changed_files;
  if (complete && data.files.length > 0 && data.files.every((file) => SIMPLE_DEBT_PATH.test(file.filename))) return debtOrBoth;
  return declared ? "customer-value" : "unclassified";
}

function count<T>(items: readonly T[], keep: (item: T) => boolean): number {
  return items.filter(keep).length;
}

describe("renovatebot/renovate, 689 merged PRs, default rules", () => {
  let cases: Case[] = [];

  beforeAll(() => {
    cases = loadRenovatePulls().map((data) => {
      const pull = dataPullFacts(data);
      const declared = declaresHypothesis(pull);
      const trace = traceClassification(pull, { customerValue: null, techDebt: null }, declared, DEFAULT_CLASSIFICATION_RULES);
      return { data, declared, trace };
    });
  });

  it("classifies every PR, each into one of the four categories", () => {
    expect(cases).toHaveLength(PULL_COUNT);
    expect(new Set(cases.map((item) => item.data.number)).size).toBe(PULL_COUNT);
    const categories = new Set(cases.map((item) => item.trace.value));
    expect([...categories].every((category) => ["customer-value", "tech-debt", "both", "unclassified"].includes(category))).toBe(true);
    // Renovate's history holds both kinds of work: a classifier that says one thing for all fails.
    expect(categories.has("customer-value") && categories.has("tech-debt")).toBe(true);
  });

  it("reads every renovate[bot] PR as tech debt, decided by the author", () => {
    const bots = cases.filter((item) => item.data.user.login === "renovate[bot]");
    expect(bots).toHaveLength(RENOVATE_BOT_PULLS);
    expect(bots.filter((item) => item.trace.value !== "tech-debt").map((item) => item.data.number)).toEqual([]);
    expect(count(bots, (item) => item.trace.decidedBy[0] === "bot-author")).toBe(RENOVATE_BOT_PULLS);
  });

  it("reads every person's feat/fix/perf PR as customer value", () => {
    const valueTitled = cases.filter((item) => item.data.user.type === "User" && VALUE_TYPE.test(item.data.title.trim()));
    expect(valueTitled.length).toBeGreaterThan(100);
    expect(valueTitled.filter((item) => item.trace.value !== "customer-value").map((item) => item.data.title)).toEqual([]);
  });

  it("reads every person's refactor/chore/build/ci/test PR as tech debt (both with a passing hypothesis)", () => {
    const debtTitled = cases.filter((item) => item.data.user.type === "User" && DEBT_TYPE.test(item.data.title.trim()));
    expect(debtTitled.length).toBeGreaterThan(50);
    for (const item of debtTitled) expect(item.trace.value).toBe(item.declared ? "both" : "tech-debt");
  });

  it("agrees with the plain reading of the rules on every PR", () => {
    const disagreements = cases
      .filter((item) => item.trace.value !== expectedCategory(item))
      .map((item) => `#${item.data.number} ${item.data.title}: ${item.trace.value}, expected ${expectedCategory(item)}`);
    expect(disagreements).toEqual([]);
  });

  it("reads no PR as both unless a debt signal and a passing hypothesis coincide", () => {
    const debtSignals = new Set(["bot-author", "title-type", "branch-prefix", "debt-paths"]);
    for (const item of cases.filter((each) => each.trace.value === "both")) {
      expect(item.declared).toBe(true);
      expect(item.trace.decidedBy).toHaveLength(2);
      expect(debtSignals.has(item.trace.decidedBy[0] ?? "")).toBe(true);
      expect(item.trace.decidedBy[1]).toBe("hypothesis");
    }
    const coincidences = count(cases, (item) => item.declared && expectedCategory(item) === "both");
    expect(count(cases, (item) => item.trace.value === "both")).toBe(coincidences);
  });

  it("gives every classified PR a reason, and unclassified ones none", () => {
    for (const { trace } of cases) expect(trace.reasons.length === 0).toBe(trace.value === "unclassified");
  });
});
