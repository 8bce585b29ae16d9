import { describe, expect, it } from "vitest";
import { classifyPull, conventionalCommitType, needsChangedFiles, traceClassification } from "../../src/core/classify/index.ts";
import { compileDebtPaths } from "../../src/core/classify/debt-paths.ts";
import { DEFAULT_DEBT_PATHS } from "../../src/core/classify/defaults.ts";
import { configSchema } from "../../src/core/config/schema.ts";
import { compileRules, DEFAULT_CLASSIFICATION_RULES } from "../../src/core/rules.ts";
import { MAX_PATH_MATCH_STEPS } from "../../src/core/classify/index.ts";
import { compileGlobs } from "../../src/core/glob.ts";
import type { ClassificationRules, PersonLabelChoices, PullFacts } from "../../src/core/types.ts";

const RULES = DEFAULT_CLASSIFICATION_RULES;
const NONE: PersonLabelChoices = { customerValue: null, techDebt: null };

/** A PR on which no signal speaks: a person's login, a plain title and branch, no body or files. */
function pull(overrides: Partial<PullFacts> = {}): PullFacts {
  return {
    title: "Update the onboarding copy",
    body: "",
    author: "octocat",
    authorIsBot: false,
    draft: false,
    labels: [],
    headBranch: "update-copy",
    files: null,
    ...overrides,
  };
}

interface Context {
  choices?: Partial<PersonLabelChoices>;
  hypothesis?: boolean;
  rules?: ClassificationRules;
}

function classify(overrides: Partial<PullFacts>, context: Context = {}) {
  const choices = { ...NONE, ...context.choices };
  return classifyPull(pull(overrides), choices, context.hypothesis ?? false, context.rules ?? RULES);
}

const REASON = {
  personAddedValue: "a person labelled it customer value",
  personAddedDebt: "a person labelled it tech debt",
  personRemovedValue: "a person removed the customer-value label",
  personRemovedDebt: "a person removed the tech-debt label",
  tickedValue: "“Customer value” is ticked in the description",
  tickedDebt: "“Tech debt” is ticked in the description",
  renovate: "author `renovate[bot]` is a dependency bot",
  titleFeat: "title type `feat`",
  titleRefactor: "title type `refactor`",
  branchDeps: "branch `deps/lodash` starts with `deps/`",
  branchFeat: "branch `feat/login` starts with `feat/`",
  threeDebtFiles: "every changed file is a test, CI, lockfile or lint path (3 files)",
  hypothesis: "the description declares a passing hypothesis",
  alsoHypothesis: "the description also declares a passing hypothesis",
} as const;

const DEBT_FILES = ["src/api/client.test.ts", ".github/workflows/ci.yml", "package-lock.json"];

describe("each signal alone", () => {
  it("1. a person's added labels decide: one label, or both", () => {
    expect(classify({}, { choices: { customerValue: "added" } })).toEqual({ value: "customer-value", reasons: [REASON.personAddedValue] });
    expect(classify({}, { choices: { techDebt: "added" } })).toEqual({ value: "tech-debt", reasons: [REASON.personAddedDebt] });
    expect(classify({}, { choices: { customerValue: "added", techDebt: "added" } })).toEqual({
      value: "both",
      reasons: [REASON.personAddedValue, REASON.personAddedDebt],
    });
  });

  it("2. ticked boxes in the description decide; both ticked is both", () => {
    expect(classify({ body: "- [x] Customer value\n- [ ] Tech debt" })).toEqual({ value: "customer-value", reasons: [REASON.tickedValue] });
    expect(classify({ body: "- [ ] Customer value\n- [x] Tech debt" })).toEqual({ value: "tech-debt", reasons: [REASON.tickedDebt] });
    expect(classify({ body: "- [x] Customer value\n- [x] Tech debt" })).toEqual({
      value: "both",
      reasons: [REASON.tickedValue, REASON.tickedDebt],
    });
  });

  it("3. a configured dependency bot's PR is tech debt", () => {
    expect(classify({ author: "renovate[bot]", authorIsBot: true })).toEqual({ value: "tech-debt", reasons: [REASON.renovate] });
  });

  it("4. the title's conventional-commit type decides", () => {
    expect(classify({ title: "refactor(api): split the client" })).toEqual({ value: "tech-debt", reasons: [REASON.titleRefactor] });
    expect(classify({ title: "feat: export to CSV" })).toEqual({ value: "customer-value", reasons: [REASON.titleFeat] });
  });

  it("5. the head branch prefix decides", () => {
    expect(classify({ headBranch: "deps/lodash" })).toEqual({ value: "tech-debt", reasons: [REASON.branchDeps] });
    expect(classify({ headBranch: "feat/login" })).toEqual({ value: "customer-value", reasons: [REASON.branchFeat] });
  });

  it("6. a PR whose every changed file is a debt path is tech debt", () => {
    expect(classify({ files: DEBT_FILES })).toEqual({ value: "tech-debt", reasons: [REASON.threeDebtFiles] });
    expect(classify({ files: ["test/a.ts"] })).toEqual({
      value: "tech-debt",
      reasons: ["every changed file is a test, CI, lockfile or lint path (1 file)"],
    });
  });

  it("7. a passing hypothesis is customer value", () => {
    expect(classify({}, { hypothesis: true })).toEqual({ value: "customer-value", reasons: [REASON.hypothesis] });
  });

  it("nothing speaks: unclassified, with no reasons", () => {
    expect(classify({})).toEqual({ value: "unclassified", reasons: [] });
  });
});

describe("precedence: the first signal that speaks decides", () => {
  it("1 over 2: a person's label beats a ticked box", () => {
    expect(classify({ body: "- [x] Tech debt" }, { choices: { customerValue: "added" } })).toEqual({
      value: "customer-value",
      reasons: [REASON.personAddedValue],
    });
  });

  it("2 over 3: a ticked box beats the bot author", () => {
    expect(classify({ body: "- [x] Customer value", author: "renovate[bot]" })).toEqual({
      value: "customer-value",
      reasons: [REASON.tickedValue],
    });
  });

  it("3 over 4: the bot author beats the title", () => {
    expect(classify({ author: "renovate[bot]", title: "feat: add a preset" })).toEqual({ value: "tech-debt", reasons: [REASON.renovate] });
  });

  it("4 over 5: the title beats the branch, both ways", () => {
    expect(classify({ title: "feat: export to CSV", headBranch: "deps/lodash" })).toEqual({
      value: "customer-value",
      reasons: [REASON.titleFeat],
    });
    expect(classify({ title: "refactor: split the client", headBranch: "feat/login" })).toEqual({
      value: "tech-debt",
      reasons: [REASON.titleRefactor],
    });
  });

  it("5 over 6: the branch beats the changed files", () => {
    expect(classify({ headBranch: "feat/login", files: DEBT_FILES })).toEqual({ value: "customer-value", reasons: [REASON.branchFeat] });
  });

  it("4 and 5 over 7: a customer-value signal and a hypothesis stay customer value, with the first reason only", () => {
    expect(classify({ title: "feat: export to CSV" }, { hypothesis: true })).toEqual({ value: "customer-value", reasons: [REASON.titleFeat] });
    expect(classify({ headBranch: "feat/login" }, { hypothesis: true })).toEqual({ value: "customer-value", reasons: [REASON.branchFeat] });
  });

  it("a ticked box beats the title and branch lower down too", () => {
    expect(classify({ body: "* [X] Tech debt", title: "feat: x", headBranch: "feat/x" })).toEqual({
      value: "tech-debt",
      reasons: [REASON.tickedDebt],
    });
  });
});

describe("the both rule: a debt signal (3–6) and a passing hypothesis", () => {
  it.each([
    ["3. bot author", { author: "renovate[bot]" }, REASON.renovate],
    ["4. title type", { title: "refactor: split the client" }, REASON.titleRefactor],
    ["5. branch prefix", { headBranch: "deps/lodash" }, REASON.branchDeps],
    ["6. debt paths", { files: DEBT_FILES }, REASON.threeDebtFiles],
  ] as const)("%s + hypothesis → both", (_name, overrides, debtReason) => {
    expect(classify(overrides, { hypothesis: true })).toEqual({ value: "both", reasons: [debtReason, REASON.alsoHypothesis] });
  });

  it("does not extend a ticked tech-debt box: the person who ticked it said tech debt", () => {
    expect(classify({ body: "- [x] Tech debt" }, { hypothesis: true })).toEqual({ value: "tech-debt", reasons: [REASON.tickedDebt] });
  });

  it("does not extend a person's tech-debt label", () => {
    expect(classify({ author: "renovate[bot]" }, { hypothesis: true, choices: { techDebt: "added" } })).toEqual({
      value: "tech-debt",
      reasons: [REASON.personAddedDebt],
    });
  });

  it("traces both signals", () => {
    const trace = traceClassification(pull({ title: "chore: bump" }), NONE, true, RULES);
    expect(trace.decidedBy).toEqual(["title-type", "hypothesis"]);
  });
});

describe("a person's choices", () => {
  it("an added label beats the both rule", () => {
    expect(classify({ author: "renovate[bot]" }, { hypothesis: true, choices: { customerValue: "added" } })).toEqual({
      value: "customer-value",
      reasons: [REASON.personAddedValue],
    });
  });

  it("an added label with the other one removed: the added one decides", () => {
    expect(classify({ title: "chore: x" }, { choices: { customerValue: "added", techDebt: "removed" } })).toEqual({
      value: "customer-value",
      reasons: [REASON.personAddedValue],
    });
  });

  it("a removed tech-debt label takes tech debt out of both", () => {
    expect(classify({ author: "renovate[bot]" }, { hypothesis: true, choices: { techDebt: "removed" } })).toEqual({
      value: "customer-value",
      reasons: [REASON.personRemovedDebt, REASON.hypothesis],
    });
  });

  it("a removed customer-value label takes customer value out of both", () => {
    expect(classify({ author: "renovate[bot]" }, { hypothesis: true, choices: { customerValue: "removed" } })).toEqual({
      value: "tech-debt",
      reasons: [REASON.personRemovedValue, REASON.renovate],
    });
  });

  it("vetoing the only category leaves the PR unclassified, and says why", () => {
    expect(classify({ title: "refactor: x" }, { choices: { techDebt: "removed" } })).toEqual({
      value: "unclassified",
      reasons: [REASON.personRemovedDebt],
    });
    expect(classify({}, { hypothesis: true, choices: { customerValue: "removed" } })).toEqual({
      value: "unclassified",
      reasons: [REASON.personRemovedValue],
    });
  });

  it("both labels removed: the both rule yields nothing", () => {
    expect(classify({ files: DEBT_FILES }, { hypothesis: true, choices: { customerValue: "removed", techDebt: "removed" } })).toEqual({
      value: "unclassified",
      reasons: [REASON.personRemovedValue, REASON.personRemovedDebt],
    });
  });

  it("a veto is never overridden, not even by a ticked box", () => {
    expect(classify({ body: "- [x] Tech debt" }, { choices: { techDebt: "removed" } })).toEqual({
      value: "unclassified",
      reasons: [REASON.personRemovedDebt],
    });
    expect(classify({ body: "- [x] Customer value\n- [x] Tech debt" }, { choices: { customerValue: "removed" } })).toEqual({
      value: "tech-debt",
      reasons: [REASON.personRemovedValue, REASON.tickedDebt],
    });
  });

  it("a veto does not fall through to a lower signal: the first signal that speaks is vetoed", () => {
    expect(classify({ title: "chore: x", headBranch: "feat/x" }, { choices: { techDebt: "removed" } })).toEqual({
      value: "unclassified",
      reasons: [REASON.personRemovedDebt],
    });
  });

  it("a veto that takes nothing out is not mentioned", () => {
    expect(classify({ title: "feat: export to CSV" }, { choices: { techDebt: "removed" } })).toEqual({
      value: "customer-value",
      reasons: [REASON.titleFeat],
    });
    expect(classify({}, { choices: { techDebt: "removed", customerValue: "removed" } })).toEqual({ value: "unclassified", reasons: [] });
  });

  it("traces a veto as the person's signal", () => {
    const trace = traceClassification(pull({ author: "renovate[bot]" }), { customerValue: null, techDebt: "removed" }, true, RULES);
    expect(trace).toEqual({ value: "customer-value", reasons: [REASON.personRemovedDebt, REASON.hypothesis], decidedBy: ["person-label", "hypothesis"] });
  });
});

describe("the default lists", () => {
  it("are those of PRODUCT.md §2", () => {
    expect(RULES.bots).toEqual(["dependabot[bot]", "renovate[bot]", "pre-commit-ci[bot]"]);
    expect(RULES.checkboxes).toEqual({ customerValue: ["Customer value"], techDebt: ["Tech debt"] });
    expect(RULES.titleTypes).toEqual({
      customerValue: ["feat", "fix", "perf"],
      techDebt: ["refactor", "chore", "build", "ci", "test", "style", "deps"],
    });
    expect(RULES.branchPrefixes).toEqual({
      customerValue: ["feat/", "feature/", "fix/", "bugfix/", "hotfix/"],
      techDebt: ["refactor/", "chore/", "debt/", "tech-debt/", "deps/", "dependabot/", "renovate/", "test/", "ci/"],
    });
    expect(RULES.maxFiles).toBe(3000);
  });

  it.each(["dependabot[bot]", "renovate[bot]", "pre-commit-ci[bot]"])("bot %s → tech-debt", (author) => {
    expect(classify({ author, authorIsBot: true })).toEqual({ value: "tech-debt", reasons: [`author \`${author}\` is a dependency bot`] });
  });

  it("matches bot logins case-insensitively and shows the login as GitHub spells it", () => {
    expect(classify({ author: "Renovate[Bot]" })).toEqual({ value: "tech-debt", reasons: ["author `Renovate[Bot]` is a dependency bot"] });
  });

  it("counts only configured bots: another GitHub bot's PR is not a dependency upgrade", () => {
    expect(classify({ author: "github-actions[bot]", authorIsBot: true })).toEqual({ value: "unclassified", reasons: [] });
    expect(classify({ author: "renovate" })).toEqual({ value: "unclassified", reasons: [] });
  });

  it.each(["feat", "fix", "perf"])("title type %s → customer-value", (type) => {
    expect(classify({ title: `${type}: x` })).toEqual({ value: "customer-value", reasons: [`title type \`${type}\``] });
  });

  it.each(["refactor", "chore", "build", "ci", "test", "style", "deps"])("title type %s → tech-debt", (type) => {
    expect(classify({ title: `${type}(scope): x` })).toEqual({ value: "tech-debt", reasons: [`title type \`${type}\``] });
  });

  it.each(["docs", "revert", "wip", "release", "security"])("title type %s → no signal", (type) => {
    expect(classify({ title: `${type}: x` })).toEqual({ value: "unclassified", reasons: [] });
  });

  it.each(["feat/", "feature/", "fix/", "bugfix/", "hotfix/"])("branch prefix %s → customer-value", (prefix) => {
    expect(classify({ headBranch: `${prefix}x` })).toEqual({ value: "customer-value", reasons: [`branch \`${prefix}x\` starts with \`${prefix}\``] });
  });

  it.each(["refactor/", "chore/", "debt/", "tech-debt/", "deps/", "dependabot/", "renovate/", "test/", "ci/"])("branch prefix %s → tech-debt", (prefix) => {
    expect(classify({ headBranch: `${prefix}x` })).toEqual({ value: "tech-debt", reasons: [`branch \`${prefix}x\` starts with \`${prefix}\``] });
  });

  it("matches branch prefixes case-insensitively, and only at the start", () => {
    expect(classify({ headBranch: "Feat/Login" })).toEqual({ value: "customer-value", reasons: ["branch `Feat/Login` starts with `feat/`"] });
    expect(classify({ headBranch: "user/feat/login" })).toEqual({ value: "unclassified", reasons: [] });
    expect(classify({ headBranch: "feature-login" })).toEqual({ value: "unclassified", reasons: [] });
  });

  /** One path per default glob, grouped as the reason names them. */
  const DEBT_PATH_EXAMPLES = {
    tests: [
      "test/unit/a.ts",
      "packages/core/tests/fixtures/x.json",
      "src/__tests__/a.js",
      "src/__snapshots__/a.snap",
      "src/a.test.ts",
      "lib/a.spec.js",
      "pkg/a_test.go",
      "spec/models/user_spec.rb",
      "app/test_api.py",
    ],
    ci: [".github/workflows/ci.yml", ".circleci/config.yml", ".gitlab-ci.yml", ".buildkite/pipeline.yml", "azure-pipelines.yml"],
    lockfiles: [
      "package-lock.json",
      "web/npm-shrinkwrap.json",
      "yarn.lock",
      "pnpm-lock.yaml",
      "bun.lockb",
      "bun.lock",
      "Cargo.lock",
      "Gemfile.lock",
      "poetry.lock",
      "uv.lock",
      "Pipfile.lock",
      "composer.lock",
      "go.sum",
      "src/App/packages.lock.json",
    ],
    lint: [
      ".eslintrc.json",
      "eslint.config.js",
      ".eslintignore",
      ".prettierrc",
      "prettier.config.mjs",
      ".prettierignore",
      ".editorconfig",
      ".stylelintrc.yml",
      "biome.json",
      "biome.jsonc",
      ".markdownlint.yaml",
      ".rubocop.yml",
      "ruff.toml",
      ".flake8",
      ".golangci.yml",
      ".golangci.yaml",
      ".pre-commit-config.yaml",
      "rustfmt.toml",
      ".clang-format",
    ],
  };

  it.each(Object.entries(DEBT_PATH_EXAMPLES).flatMap(([group, paths]) => paths.map((path) => [group, path] as const)))(
    "debt path (%s) %s → tech-debt",
    (_group, path) => {
      expect(classify({ files: [path] })).toEqual({
        value: "tech-debt",
        reasons: ["every changed file is a test, CI, lockfile or lint path (1 file)"],
      });
    },
  );

  it("every default glob has an example above", () => {
    const examples = Object.values(DEBT_PATH_EXAMPLES).flat();
    const globsWithoutExample = DEFAULT_DEBT_PATHS.filter((glob) => !examples.some((path) => compileGlobs([glob])(path)));
    expect(globsWithoutExample).toEqual([]);
  });

  it.each(["src/index.ts", "README.md", "docs/testing.md", "src/test.ts", "src/testing/helpers.ts", "package.json", ".github/CODEOWNERS"])(
    "product path %s → no signal",
    (path) => {
      expect(classify({ files: [path] })).toEqual({ value: "unclassified", reasons: [] });
    },
  );

  it("one product file among debt files: no signal", () => {
    expect(classify({ files: [...DEBT_FILES, "src/api/client.ts"] })).toEqual({ value: "unclassified", reasons: [] });
  });
});

describe("configured rules", () => {
  it("custom title types replace the defaults", () => {
    const rules = { ...RULES, titleTypes: { customerValue: ["story", "Feature"], techDebt: ["upkeep"] } };
    expect(classify({ title: "story: checkout in one click" }, { rules })).toEqual({ value: "customer-value", reasons: ["title type `story`"] });
    expect(classify({ title: "feature: x" }, { rules })).toEqual({ value: "customer-value", reasons: ["title type `feature`"] });
    expect(classify({ title: "UPKEEP(ui): bump" }, { rules })).toEqual({ value: "tech-debt", reasons: ["title type `upkeep`"] });
    expect(classify({ title: "feat: x" }, { rules })).toEqual({ value: "unclassified", reasons: [] });
  });

  it("a dependency scope makes any type tech debt: fix(deps) and feat(deps) are upgrades, not customer value", () => {
    expect(classify({ title: "fix(deps): update lodash to v4.17.21" })).toEqual({ value: "tech-debt", reasons: ["title `fix(deps)`: a dependency upgrade"] });
    expect(classify({ title: "feat(deps): bump react to 19" })).toEqual({ value: "tech-debt", reasons: ["title `feat(deps)`: a dependency upgrade"] });
    expect(classify({ title: "chore(Deps-Dev)!: drop node 18" }).value).toBe("tech-debt");
    expect(classify({ title: "fix(dependencies): pin axios" }).value).toBe("tech-debt");
    // Other scopes keep the type's category.
    expect(classify({ title: "fix(ui): align the button" }).value).toBe("customer-value");
    // The list is configurable.
    const rules = { ...RULES, dependencyScopes: ["vendor"] };
    expect(classify({ title: "feat(vendor): update the SDK" }, { rules }).value).toBe("tech-debt");
    expect(classify({ title: "fix(deps): x" }, { rules }).value).toBe("customer-value");
  });

  it("a type configured for both categories says both", () => {
    const rules = { ...RULES, titleTypes: { customerValue: ["security"], techDebt: ["security"] } };
    expect(classify({ title: "security: rotate keys" }, { rules })).toEqual({ value: "both", reasons: ["title type `security`"] });
  });

  it("custom branch prefixes replace the defaults, matched case-insensitively", () => {
    const rules = { ...RULES, branchPrefixes: { customerValue: ["JIRA-"], techDebt: ["maint/"] } };
    expect(classify({ headBranch: "jira-123-login" }, { rules })).toEqual({
      value: "customer-value",
      reasons: ["branch `jira-123-login` starts with `JIRA-`"],
    });
    expect(classify({ headBranch: "maint/node-24" }, { rules })).toEqual({ value: "tech-debt", reasons: ["branch `maint/node-24` starts with `maint/`"] });
    expect(classify({ headBranch: "feat/x" }, { rules })).toEqual({ value: "unclassified", reasons: [] });
  });

  it("the longest matching branch prefix wins across categories", () => {
    const rules = { ...RULES, branchPrefixes: { customerValue: ["fix/"], techDebt: ["fix/deps/"] } };
    expect(classify({ headBranch: "fix/deps/lodash" }, { rules })).toEqual({
      value: "tech-debt",
      reasons: ["branch `fix/deps/lodash` starts with `fix/deps/`"],
    });
    expect(classify({ headBranch: "fix/login" }, { rules })).toEqual({ value: "customer-value", reasons: ["branch `fix/login` starts with `fix/`"] });
  });

  it("an empty branch prefix matches nothing", () => {
    const rules = { ...RULES, branchPrefixes: { customerValue: [""], techDebt: [] } };
    expect(classify({ headBranch: "anything" }, { rules })).toEqual({ value: "unclassified", reasons: [] });
  });

  it("custom debt globs replace the defaults, and the reason no longer names the default groups", () => {
    const rules = { ...RULES, debtPaths: compileDebtPaths(["docs/**", "*.md"]) };
    expect(classify({ files: ["docs/a.md", "README.md"] }, { rules })).toEqual({
      value: "tech-debt",
      reasons: ["every changed file matches a configured debt path (2 files)"],
    });
    expect(classify({ files: ["test/a.ts"] }, { rules })).toEqual({ value: "unclassified", reasons: [] });
  });

  it("a copy of the default globs is still described by its groups", () => {
    const rules = { ...RULES, debtPaths: compileDebtPaths([...DEFAULT_DEBT_PATHS]) };
    expect(classify({ files: DEBT_FILES }, { rules })).toEqual({ value: "tech-debt", reasons: [REASON.threeDebtFiles] });
  });

  it("a PR whose paths would take more automaton steps than the cap is classified without its files", () => {
    const rules = { ...RULES, debtPaths: compileDebtPaths(["**/*.snap", "test/**"]) };
    // Two globs: each path costs its length twice. Just under the cap the files decide; just over, they do not.
    const file = (index: number) => `test/${String(index).padStart(6, "0")}/${"x".repeat(2_000 - 17)}.snap`;
    const filesFor = (steps: number) => Array.from({ length: Math.floor(steps / 2 / 2_000) }, (_, index) => file(index));
    expect(file(0)).toHaveLength(2_000);
    expect(filesFor(MAX_PATH_MATCH_STEPS).length).toBeLessThanOrEqual(RULES.maxFiles);
    expect(classify({ files: filesFor(MAX_PATH_MATCH_STEPS) }, { rules }).value).toBe("tech-debt");
    expect(classify({ files: [...filesFor(MAX_PATH_MATCH_STEPS), "test/a.snap"] }, { rules }).value).toBe("unclassified");
  });

  it("no debt globs (or only blank ones): signal 6 never speaks", () => {
    expect(classify({ files: ["test/a.ts"] }, { rules: { ...RULES, debtPaths: compileDebtPaths([]) } })).toEqual({ value: "unclassified", reasons: [] });
    expect(classify({ files: ["test/a.ts"] }, { rules: { ...RULES, debtPaths: compileDebtPaths(["", "  "]) } })).toEqual({
      value: "unclassified",
      reasons: [],
    });
  });

  it("custom checkbox wording replaces the defaults", () => {
    const rules = { ...RULES, checkboxes: { customerValue: ["Feature"], techDebt: ["Maintenance", "Upkeep"] } };
    expect(classify({ body: "- [x] upkeep" }, { rules })).toEqual({ value: "tech-debt", reasons: ["“Upkeep” is ticked in the description"] });
    expect(classify({ body: "- [x] Feature work" }, { rules })).toEqual({ value: "customer-value", reasons: ["“Feature” is ticked in the description"] });
    expect(classify({ body: "- [x] Tech debt" }, { rules })).toEqual({ value: "unclassified", reasons: [] });
  });

  it("custom bots replace the defaults", () => {
    const rules = { ...RULES, bots: ["My-Deps-Bot"] };
    expect(classify({ author: "my-deps-bot" }, { rules })).toEqual({ value: "tech-debt", reasons: ["author `my-deps-bot` is a dependency bot"] });
    expect(classify({ author: "renovate[bot]" }, { rules })).toEqual({ value: "unclassified", reasons: [] });
  });
});

describe("titles", () => {
  it.each([
    ["feat: add x", "feat"],
    ["  Feat(API)!: add x  ", "feat"],
    ["FIX!: x", "fix"],
    ["chore(deps): update dependency x to v2", "chore"],
    ["build(deps-dev): bump esbuild", "build"],
    ["fix(manager/npm): pass the right arguments", "fix"],
    ["feat(my scope): x", "feat"],
    ["fix:\tx", "fix"],
    ["tech-debt: x", "tech-debt"],
  ])("%j is a conventional commit of type %s", (title, type) => {
    expect(conventionalCommitType(title)).toBe(type);
  });

  // Each looks like a conventional commit and is not one, or has a type nobody configured.
  it.each([
    "Fixes login",
    "Fix the bug",
    "feat",
    "feature: x",
    "fix(: x",
    "fix:",
    "fix: ",
    "fix(api):",
    "WIP: x",
    // A space before the scope: the grammar has none, and "Update (partial): x" is prose.
    "chore (deps): x",
    "fix : x",
    "fix:x",
    "fix(): x",
    "fix( ): x",
    "fix((a)): x",
    "fix(a)(b): x",
    "[WIP] feat: x",
    'Revert "feat: x"',
    "revert: feat: x",
    "docs: fix the typo",
    ": x",
    "1.2.3: release",
    "",
  ])("%j gives no signal", (title) => {
    expect(classify({ title })).toEqual({ value: "unclassified", reasons: [] });
  });

  it("recognises the type of a title that is not configured, without a signal", () => {
    expect(conventionalCommitType("WIP: x")).toBe("wip");
    expect(conventionalCommitType("chore (deps): x")).toBeNull();
    expect(conventionalCommitType("fix(: x")).toBeNull();
  });
});

describe("changed files", () => {
  it("over maxFiles, signal 6 is skipped", () => {
    const rules = { ...RULES, maxFiles: 2 };
    expect(classify({ files: DEBT_FILES }, { rules })).toEqual({ value: "unclassified", reasons: [] });
    expect(classify({ files: DEBT_FILES.slice(0, 2) }, { rules })).toEqual({
      value: "tech-debt",
      reasons: ["every changed file is a test, CI, lockfile or lint path (2 files)"],
    });
  });

  it("an empty file list, or files not read, give no signal", () => {
    expect(classify({ files: [] })).toEqual({ value: "unclassified", reasons: [] });
    expect(classify({ files: null })).toEqual({ value: "unclassified", reasons: [] });
    expect(classify({ files: [] }, { hypothesis: true })).toEqual({ value: "customer-value", reasons: [REASON.hypothesis] });
  });
});

describe("needsChangedFiles", () => {
  it("is true when signals 1–5 do not decide", () => {
    expect(needsChangedFiles(pull(), NONE, RULES)).toBe(true);
    expect(needsChangedFiles(pull({ title: "docs: x", body: "- [ ] Tech debt", author: "github-actions[bot]", authorIsBot: true }), NONE, RULES)).toBe(true);
    // Signal 6 can still say tech debt, which then meets the customer-value veto.
    expect(needsChangedFiles(pull(), { customerValue: "removed", techDebt: null }, RULES)).toBe(true);
  });

  it.each([
    ["a person added customer value", pull(), { customerValue: "added", techDebt: null }],
    ["a person added tech debt", pull(), { customerValue: null, techDebt: "added" }],
    ["a person removed tech debt (signal 6 could only say it)", pull(), { customerValue: null, techDebt: "removed" }],
    ["a ticked box", pull({ body: "- [x] Customer value" }), NONE],
    ["a bot author", pull({ author: "dependabot[bot]" }), NONE],
    ["a title type", pull({ title: "fix: x" }), NONE],
    ["a branch prefix", pull({ headBranch: "chore/x" }), NONE],
  ] as const)("is false when %s", (_name, facts, choices) => {
    expect(needsChangedFiles(facts, choices, RULES)).toBe(false);
  });

  it("is false when the rules make files irrelevant", () => {
    expect(needsChangedFiles(pull(), NONE, { ...RULES, maxFiles: 0 })).toBe(false);
    expect(needsChangedFiles(pull(), NONE, { ...RULES, debtPaths: compileDebtPaths([]) })).toBe(false);
  });
});

describe("reasons", () => {
  it("never echo the title or the description", () => {
    const result = classify({ title: "feat(@org/team): <img src=x> ping", body: "- [x] Tech debt @everyone" }, { hypothesis: true });
    expect(result.reasons).toEqual([REASON.tickedDebt]);
    const titled = classify({ title: "refactor(@org/team)!: <b>ping</b>" }, { hypothesis: true });
    expect(titled.reasons).toEqual([REASON.titleRefactor, REASON.alsoHypothesis]);
  });

  it("keep a branch with backticks inside its code span, and cut a long one short", () => {
    expect(classify({ headBranch: "deps/a`b" }).reasons).toEqual(["branch ``deps/a`b`` starts with `deps/`"]);
    const long = `deps/${"x".repeat(200)}`;
    expect(classify({ headBranch: long }).reasons).toEqual([`branch \`${long.slice(0, 79)}…\` starts with \`deps/\``]);
  });

  it("quote checkbox wording so that configured Markdown stays inert", () => {
    const rules = { ...RULES, checkboxes: { customerValue: [], techDebt: ["Upkeep [deps](x)"] } };
    expect(classify({ body: "- [x] Upkeep [deps](x)" }, { rules }).reasons).toEqual(["“Upkeep \\[deps\\]\\(x\\)” is ticked in the description"]);
  });

  it("show configured checkbox wording without the emphasis it was configured with", () => {
    const rules = { ...RULES, checkboxes: { customerValue: [], techDebt: ["**Upkeep**"] } };
    expect(classify({ body: "- [x] Upkeep" }, { rules })).toEqual({ value: "tech-debt", reasons: ["“Upkeep” is ticked in the description"] });
    expect(classify({ body: "- [x] __upkeep__" }, { rules })).toEqual({ value: "tech-debt", reasons: ["“Upkeep” is ticked in the description"] });
  });
});

describe("robustness", () => {
  it("treats a null body, as GitHub sends it, as empty", () => {
    const facts = { ...pull({ title: "fix: x" }), body: null as unknown as string };
    expect(classifyPull(facts, NONE, false, RULES)).toEqual({ value: "customer-value", reasons: ["title type `fix`"] });
  });

  it("compiles a configuration's rules, debt globs included, once", () => {
    const config = configSchema.parse({});
    const first = compileRules(config);
    expect(compileRules(config)).toBe(first);
    expect(compileRules(configSchema.parse({})).classification.debtPaths).not.toBe(first.classification.debtPaths);
  });
});
