import { describe, expect, it } from "vitest";
import { describeConfigErrors, parseConfig, parseConfigYaml } from "../../src/core/config/load.ts";
import { configJsonSchema } from "../../src/core/config/schema.ts";
import { DEFAULT_BOTS, DEFAULT_FIELD_LABELS, DEFAULT_SECTIONS } from "../../src/core/hypothesis/defaults.ts";
import { compileRules, DEFAULT_HYPOTHESIS_RULES } from "../../src/core/rules.ts";
import { DEFAULT_LINES_IGNORE } from "../../src/core/report/defaults.ts";

function errorsOf(yaml: string): string[] {
  const result = parseConfigYaml(yaml);
  if (result.ok) throw new Error("expected the configuration to be invalid");
  return result.errors;
}

describe("configuration", () => {
  it("needs no file: no file, an empty file and a comment-only file all give the documented defaults", () => {
    for (const text of ["", "# nothing yet\n", "{}"]) {
      const result = parseConfigYaml(text);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(compileRules(result.config).hypothesis).toEqual({
        mode: "enforce",
        required: ["customer", "outcome", "metric", "counterSignal"],
        requireMeasurable: true,
        allowWaivers: true,
        sections: DEFAULT_SECTIONS,
        labels: DEFAULT_FIELD_LABELS,
        skipLabels: ["no-hypothesis"],
        exemptCategories: ["tech-debt"],
        bots: DEFAULT_BOTS,
      });
      expect(result.config.mode).toBe("enforce");
      expect(result.config.hypothesis["check-name"]).toBe("Outcome hypothesis");
      expect(result.config.comment).toEqual({ enabled: true, "bot-prs": false });
      expect(result.config.budget).toEqual({
        target: 15,
        tolerance: 5,
        weight: "pulls",
        period: "sprint",
        "sprint-days": 14,
        "sprint-start": "2024-01-01",
        "time-zone": "UTC",
        "exclude-authors": [],
        "exclude-labels": [],
        "lines-ignore": DEFAULT_LINES_IGNORE,
      });
      expect(result.config.report).toEqual({ enabled: true, label: "value-pr-report", trend: 6, "org-repo": ".github" });
    }
  });

  it("maps kebab-case YAML to the judge's rules, keeping unspecified defaults", () => {
    const result = parseConfigYaml(`
mode: advise
bots: [my-bot]
hypothesis:
  required: [customer, counter-signal]
  require-measurable: false
  allow-waivers: false
  labels:
    counter-signal: [Rollback if]
`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rules = compileRules(result.config).hypothesis;
    expect(rules.mode).toBe("advise");
    expect(rules.required).toEqual(["customer", "counterSignal"]);
    expect(rules.requireMeasurable).toBe(false);
    expect(rules.allowWaivers).toBe(false);
    expect(rules.labels.counterSignal).toEqual(["Rollback if"]);
    expect(rules.labels.customer).toEqual(DEFAULT_HYPOTHESIS_RULES.labels.customer);
    expect(rules.bots).toEqual(["my-bot"]);
  });

  it("names the key path and what was expected for every invalid value", () => {
    expect(errorsOf("budget:\n  target: lots\n")).toEqual(["budget.target: expected a number from 0 to 100"]);
    expect(errorsOf("budget:\n  target: 140\n")).toEqual(["budget.target: expected a number from 0 to 100"]);
    expect(errorsOf("budget:\n  sprint-start: 2026-07-01\n")).toEqual(["budget.sprint-start: expected a Monday as YYYY-MM-DD"]);
    expect(errorsOf("budget:\n  sprint-start: 2026-02-30\n")).toEqual(["budget.sprint-start: expected a Monday as YYYY-MM-DD"]);
    expect(errorsOf("budget:\n  time-zone: Mars/Olympus\n")).toEqual(["budget.time-zone: expected an IANA time zone such as UTC or Europe/Berlin"]);
    expect(errorsOf("budget:\n  period: fortnight\n")).toEqual(["budget.period: expected one of sprint, iso-week, month"]);
    expect(errorsOf("budget:\n  sprint-days: 0\n")).toEqual(["budget.sprint-days: expected a whole number of days from 1 to 90"]);
    expect(errorsOf("report:\n  trend: 40\n")).toEqual(["report.trend: expected a whole number of periods from 1 to 24"]);
    expect(errorsOf("mode: strict\n")).toEqual(["mode: expected enforce or advise"]);
    expect(errorsOf("hypothesis:\n  required: [customer, impact]\n")).toEqual([
      "hypothesis.required.1: expected one of customer, outcome, metric, counter-signal",
    ]);
    expect(errorsOf("hypothesis:\n  require-measurable: sometimes\n")).toEqual(["hypothesis.require-measurable: expected true or false"]);
    expect(errorsOf("comment:\n  enabled: true\n  on-bots: true\n")).toEqual(["comment.on-bots: unknown key"]);
    expect(errorsOf("hypotesis: {}\n")).toEqual(["hypotesis: unknown key"]);
    expect(errorsOf("hypothesis:\n  labels:\n    metric: []\n")).toEqual(["hypothesis.labels.metric: expected at least one label"]);
  });

  it("reports every problem at once, not just the first", () => {
    expect(errorsOf("mode: strict\nbudget:\n  weight: hours\n")).toEqual(["mode: expected enforce or advise", "budget.weight: expected pulls or lines"]);
  });

  it("rejects invalid YAML and a file that is not a mapping with a clear message", () => {
    const [yamlError] = errorsOf("hypothesis:\n  required: [customer\n");
    expect(yamlError).toMatch(/^not valid YAML: /);
    expect(errorsOf("- just\n- a list\n")).toEqual(["(top level): expected object, received array"]);
    expect(errorsOf("just text\n")).toEqual(["(top level): expected object, received string"]);
  });

  it("says which file was wrong", () => {
    const result = parseConfig({ mode: 1 }, "acme/.github:.github/value-pr.yml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(describeConfigErrors(result)).toBe("Invalid configuration in acme/.github:.github/value-pr.yml:\n- mode: expected enforce or advise");
  });

  it("accepts and ignores _extends, which the loader has already followed", () => {
    expect(parseConfigYaml("_extends: .github\n").ok).toBe(true);
  });

  it("publishes a JSON Schema with defaults and descriptions for editors", () => {
    const schema = configJsonSchema() as { properties: Record<string, { default?: unknown; description?: string }>; additionalProperties: boolean };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.mode?.default).toBe("enforce");
    expect(schema.properties.mode?.description).toMatch(/advise/);
    expect(Object.keys(schema.properties).sort()).toEqual([
      "_extends",
      "bots",
      "budget",
      "classification",
      "comment",
      "follow-up",
      "hypothesis",
      "labels",
      "mode",
      "report",
    ]);
  });

  it("caps texts, lists and the file itself, refusing what is over by its key path", () => {
    const errors = (raw: unknown) => {
      const result = parseConfig(raw);
      return result.ok ? [] : result.errors;
    };
    expect(errors({ hypothesis: { sections: ["x".repeat(257)] } })).toEqual(["hypothesis.sections.0: expected at most 256 characters"]);
    expect(errors({ hypothesis: { sections: ["x".repeat(256)] } })).toEqual([]);
    expect(errors({ budget: { "exclude-authors": Array(201).fill("a") } })).toEqual(["budget.exclude-authors: expected at most 200 logins"]);
    expect(errors({ budget: { "lines-ignore": ["**/*.snap", "@(a|b)"] } })).toEqual([
      "budget.lines-ignore.1: extended globs such as `+(…)` are not supported: @(a|b)",
    ]);
    const large = parseConfigYaml(`# ${"x".repeat(40_000)}\n`);
    expect(large.ok ? [] : large.errors).toEqual(["the file has 40,003 characters; value-pr reads configuration files of at most 32,768"]);
  });
});
