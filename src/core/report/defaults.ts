// Defaults of the debt-budget report that the config schema and the core share.

/** Label of the report issues: value-pr finds its issues by this label and a hidden marker. */
export const REPORT_LABEL = "value-pr-report";

/**
 * Paths whose changed lines say nothing about effort, for weight `lines`: lockfiles, snapshots,
 * generated and vendored code. A lockfile bump of 20,000 lines is one small upgrade.
 */
export const DEFAULT_LINES_IGNORE: string[] = [
  // Lockfiles
  "**/package-lock.json",
  "**/npm-shrinkwrap.json",
  "**/yarn.lock",
  "**/pnpm-lock.yaml",
  "**/bun.lock",
  "**/bun.lockb",
  "**/Cargo.lock",
  "**/Gemfile.lock",
  "**/composer.lock",
  "**/poetry.lock",
  "**/uv.lock",
  "**/Pipfile.lock",
  "**/go.sum",
  "**/mix.lock",
  "**/pubspec.lock",
  "**/Podfile.lock",
  "**/packages.lock.json",
  "**/gradle.lockfile",
  "**/flake.lock",
  // Snapshots
  "**/__snapshots__/**",
  "**/*.snap",
  // Generated
  "**/generated/**",
  "**/__generated__/**",
  "**/*.generated.*",
  "**/*.gen.go",
  "**/*.pb.go",
  "**/*_pb2.py",
  "**/*.min.js",
  "**/*.min.css",
  "**/dist/**",
  // Vendored
  "**/vendor/**",
  "**/third_party/**",
  "**/third-party/**",
  "**/node_modules/**",
];
