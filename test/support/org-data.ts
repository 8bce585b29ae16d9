// An organisation of a few repositories for the organisation report's tests (PRODUCT.md §3b): the
// CLI's and the App's see the same PRs, so the shares worked out by hand below hold for both.
import { type FakeGitHub, type SeedPull, seedMergedPulls } from "../fake-github/index.ts";

/** Inside the sprint 2026-08-10 – 2026-08-23 (the default sprints). */
export const NOW = new Date("2026-08-22T12:00:00Z");
export const ORG = "acme";

let nextNumber = 1;

/** A merged PR into `main` whose description declares nothing, so only what the test sets decides. */
export function orgPull(mergedAt: string, title: string, lines: number, overrides: Partial<SeedPull> = {}): SeedPull {
  return {
    number: nextNumber++,
    title,
    body: "See the ticket.",
    draft: false,
    user: { login: "alice", type: "User" },
    head: { ref: "work" },
    base: { ref: "main" },
    merged_at: mergedAt,
    additions: lines,
    deletions: 0,
    changed_files: 1,
    files: [{ filename: "src/app.ts", additions: lines, deletions: 0 }],
    ...overrides,
  };
}

export const labelled = (...labels: string[]) => ({ labels });

/**
 * - `acme/api` classifies with its own title types (`story` is customer value, `ops` tech debt;
 *   neither means anything by default): 2 customer value (300 lines), 2 tech debt (100 lines).
 * - `acme/web` decides by labels: 2 customer value (200 lines), 1 tech debt (80), 1 both (40),
 *   1 unlabelled and unclassifiable (10).
 * - `acme/docs` merged nothing; `acme/.github` holds the organisation's configuration;
 *   `acme/legacy` has not been pushed to since 2024.
 * Pooled by PRs: (3 + ½·1) ÷ 8 = 43.75 %; by lines: (180 + ½·40) ÷ 720 = 27.78 %.
 */
export function seedOrganisation(fake: FakeGitHub, orgConfig: string, installationId = 1): void {
  fake.addOrganization(ORG);
  // Last pushed to long before the report's window: nothing can have merged, nothing is read.
  fake.addRepo({ owner: ORG, repo: "legacy", installationId });
  fake.advanceClock(NOW.getTime() - Date.parse(fake.now()));
  fake.addRepo({ owner: ORG, repo: ".github", installationId }).files.set(".github/value-pr.yml", orgConfig);
  fake.addRepo({ owner: ORG, repo: "docs", installationId });
  fake.addRepo({ owner: ORG, repo: "api", installationId });
  seedMergedPulls(fake, ORG, "api", [
    orgPull("2026-08-11T09:00:00Z", "story: plan picker", 100),
    orgPull("2026-08-12T09:00:00Z", "feat: export CSV", 200),
    orgPull("2026-08-13T09:00:00Z", "ops: rotate keys", 40),
    orgPull("2026-08-14T09:00:00Z", "ops: bump base image", 60),
    // The sprint before: in the trend only.
    orgPull("2026-08-04T09:00:00Z", "ops: move the cluster", 10),
  ]);
  fake.repo(ORG, "api").files.set(".github/value-pr.yml", "classification:\n  title-types:\n    customer-value: [story, feat]\n    tech-debt: [ops, chore]\n");
  fake.addRepo({ owner: ORG, repo: "web", installationId });
  seedMergedPulls(fake, ORG, "web", [
    orgPull("2026-08-11T10:00:00Z", "Checkout button", 50, labelled("customer-value")),
    orgPull("2026-08-12T10:00:00Z", "Upgrade React", 80, labelled("tech-debt")),
    orgPull("2026-08-13T10:00:00Z", "Faster checkout on a new router", 40, labelled("customer-value", "tech-debt")),
    orgPull("2026-08-14T10:00:00Z", "Gift cards", 150, labelled("customer-value")),
    orgPull("2026-08-15T10:00:00Z", "Misc changes", 10),
  ]);
}
