// PRODUCT.md §2 defaults: the lists the config schema falls back to (src/core/config/schema.ts).
// The classifier's rules are compiled from the configuration (src/core/rules.ts).

/** Per category, as the configuration lists them. */
interface PerCategory {
  customerValue: string[];
  techDebt: string[];
}

export const DEFAULT_CHECKBOXES: PerCategory = { customerValue: ["Customer value"], techDebt: ["Tech debt"] };

export const DEFAULT_TITLE_TYPES: PerCategory = {
  customerValue: ["feat", "fix", "perf"],
  techDebt: ["refactor", "chore", "build", "ci", "test", "style", "deps"],
};

export const DEFAULT_DEPENDENCY_SCOPES = ["deps", "deps-dev", "dependencies"];

export const DEFAULT_BRANCH_PREFIXES: PerCategory = {
  customerValue: ["feat/", "feature/", "fix/", "bugfix/", "hotfix/"],
  techDebt: ["refactor/", "chore/", "debt/", "tech-debt/", "deps/", "dependabot/", "renovate/", "test/", "ci/"],
};

export const DEFAULT_DEBT_PATHS = [
  // tests
  "**/test/**",
  "**/tests/**",
  "**/__tests__/**",
  "**/__snapshots__/**",
  "**/*.test.*",
  "**/*.spec.*",
  "**/*_test.*",
  "**/*_spec.*",
  "**/test_*.py",
  // CI
  ".github/workflows/**",
  ".circleci/**",
  ".gitlab-ci.yml",
  ".buildkite/**",
  "azure-pipelines.yml",
  // lockfiles
  "**/package-lock.json",
  "**/npm-shrinkwrap.json",
  "**/yarn.lock",
  "**/pnpm-lock.yaml",
  "**/bun.lockb",
  "**/bun.lock",
  "**/Cargo.lock",
  "**/Gemfile.lock",
  "**/poetry.lock",
  "**/uv.lock",
  "**/Pipfile.lock",
  "**/composer.lock",
  "**/go.sum",
  "**/packages.lock.json",
  // lint and format configs
  "**/.eslintrc*",
  "**/eslint.config.*",
  "**/.eslintignore",
  "**/.prettierrc*",
  "**/prettier.config.*",
  "**/.prettierignore",
  "**/.editorconfig",
  "**/.stylelintrc*",
  "**/biome.json",
  "**/biome.jsonc",
  "**/.markdownlint*",
  "**/.rubocop.yml",
  "**/ruff.toml",
  "**/.flake8",
  "**/.golangci.y*ml",
  "**/.pre-commit-config.yaml",
  "**/rustfmt.toml",
  "**/.clang-format",
];

/** Label colours and descriptions used when value-pr creates its labels in a repository. */
export const CATEGORY_LABEL_STYLE = {
  customerValue: { color: "1f883d", description: "Serves a customer outcome (value-pr)" },
  techDebt: { color: "bf8700", description: "Refactoring, upgrades, tests, CI: tech-debt budget (value-pr)" },
} as const;
