import { configSchema, type Config } from "../core/config/schema.ts";
import { describeConfigErrors } from "../core/config/load.ts";
import { compileRules } from "../core/rules.ts";
import { isBotAuthor } from "../core/bots.ts";
import { IN_THREAD, type Judge, type PullVerdict } from "../core/evaluate.ts";
import { COMMENT_MARKER, renderCheck, renderComment, renderConfigErrorCheck, type CheckOutput } from "../core/render/pull.ts";
import type { PersonLabelChoices, PullFacts } from "../core/types.ts";
import { periodRules } from "../core/report/budget.ts";
import { periodAt, periodName } from "../core/report/period.ts";
import { budgetLine } from "../core/report/render.ts";
import { readPostedSummary } from "./report-issue.ts";
import type { GitHubClient, RepoRef } from "./client.ts";
import { upsertCheckRun, type CheckRunWrite } from "./check-runs.ts";
import { upsertComment, type CommentWrite } from "./comments.ts";
import { readRepoConfig } from "./config.ts";
import { applyCategoryLabels, personChoices, planCategoryLabels, readCategoryLabelHistory, type LabelChangeHint, type LabelChanges } from "./labels.ts";
import { pullFacts, readChangedFiles, readPull, type RestPull } from "./pulls.ts";
import { writeStep, type StepOutcome } from "./steps.ts";

export type { StepOutcome } from "./steps.ts";

export interface SyncOptions {
  /** The login value-pr acts as (`<app-slug>[bot]`): label changes by it are not a person's choice. */
  selfLogin: string;
  /** Refresh the check run even when its content is unchanged (a person asked for a re-run). */
  forceCheck?: boolean;
  /** The label change the current webhook reports, in case GitHub's events list lags behind it. */
  labelChange?: LabelChangeHint | null;
  /** The instant of the event: which period's budget the comment shows. */
  now: Date;
  /**
   * What to write (default: everything). The Action writes no check run: its job is the check.
   * The Action's `labels` and `comment` inputs turn the others off.
   */
  write?: { checkRun?: boolean; labels?: boolean; comment?: boolean };
  /** Judge and plan, write nothing (the Action's dry run). */
  dryRun?: boolean;
  /** The configuration file in the repository (default `.github/value-pr.yml`). */
  configPath?: string;
  /** Where the verdict is worked out (default: in this thread). */
  judge?: Judge;
}

export type SyncResult =
  | { kind: "invalid-config"; message: string; check: StepOutcome<CheckRunWrite> }
  | {
      kind: "judged";
      facts: PullFacts;
      verdict: PullVerdict;
      /** The category-label changes the verdict calls for (applied or not, see `labels`). */
      plannedLabels: LabelChanges;
      labels: StepOutcome<LabelChanges>;
      checkOutput: CheckOutput;
      check: StepOutcome<CheckRunWrite>;
      /** The comment value-pr keeps on the PR; null when none is wanted. */
      commentBody: string | null;
      comment: StepOutcome<CommentWrite>;
    };

/** The check name an invalid configuration is reported under: the default, since the file could not be read. */
const DEFAULT_CHECK_NAME = configSchema.parse({}).hypothesis["check-name"];

/**
 * Brings one pull request's category labels, check run and comment in line with its live
 * description, its label history and the repository's configuration. Idempotent: running it again with nothing changed writes nothing,
 * which is what makes redelivered webhooks and racing events harmless.
 */
export async function syncPull(octokit: GitHubClient, ref: RepoRef, pullNumber: number, options: SyncOptions): Promise<SyncResult> {
  const [configResult, pull] = await Promise.all([readRepoConfig(octokit, ref, options.configPath), readPull(octokit, ref, pullNumber)]);
  const target = { ...ref, headSha: pull.head.sha, detailsUrl: pull.html_url };
  const force = { force: options.forceCheck === true };
  const step = <T>(enabled: boolean, write: () => Promise<T>) => writeStep(enabled, options.dryRun === true, write);
  const writesCheck = options.write?.checkRun !== false;
  if (!configResult.ok) {
    const message = describeConfigErrors(configResult);
    const check = await step(writesCheck, () => upsertCheckRun(octokit, { ...target, name: DEFAULT_CHECK_NAME }, renderConfigErrorCheck(message), force));
    return { kind: "invalid-config", message, check };
  }
  const config = configResult.config;
  const names = { customerValue: config.labels["customer-value"], techDebt: config.labels["tech-debt"] };
  const history = await readCategoryLabelHistory(octokit, ref, pullNumber, names, options.selfLogin, options.labelChange ?? null);
  const choices = personChoices(history);
  const judge = options.judge ?? IN_THREAD;
  const facts = await factsWithFilesIfNeeded(octokit, ref, pull, config, choices, judge);
  const verdict = await judge.evaluate(facts, config, choices);

  // The check run first: a required check is what holds a merge back, so it must not wait
  // behind labels and the comment when GitHub is slow or a write fails.
  const required = compileRules(config).hypothesis.required;
  const checkName = config.hypothesis["check-name"];
  const checkOutput = renderCheck(verdict, required);
  const check = await step(writesCheck, () => upsertCheckRun(octokit, { ...target, name: checkName }, checkOutput, force));
  const plannedLabels = planCategoryLabels(facts.labels, verdict.category.value, names, history);
  const labels = config.labels.enabled
    ? await step(options.write?.labels !== false, () => applyCategoryLabels(octokit, ref, pullNumber, plannedLabels, names))
    : "disabled";
  const commentBody = wantsComment(config, facts) ? renderComment(verdict, required, checkName, await budgetSoFar(octokit, ref, config, options.now)) : null;
  const comment =
    commentBody === null
      ? "skipped"
      : await step(options.write?.comment !== false, () =>
          upsertComment(octokit, ref, { issueNumber: pullNumber, marker: COMMENT_MARKER, selfLogin: options.selfLogin }, commentBody),
        );
  return { kind: "judged", facts, verdict, plannedLabels, labels, checkOutput, check, commentBody, comment };
}

/**
 * Signal 6 needs the changed files; reading them costs a paginated call, so it happens only when
 * signals 1–5 leave the category open, and never for PRs too large for the signal.
 */
async function factsWithFilesIfNeeded(
  octokit: GitHubClient,
  ref: RepoRef,
  pull: RestPull,
  config: Config,
  choices: PersonLabelChoices,
  judge: Judge,
): Promise<PullFacts> {
  const facts = pullFacts(pull);
  const fileCount = pull.changed_files ?? 0;
  if (fileCount === 0 || fileCount > compileRules(config).classification.maxFiles || !(await judge.needsChangedFiles(facts, choices, config))) return facts;
  return { ...facts, files: await readChangedFiles(octokit, ref, pull.number) };
}

/**
 * PRODUCT.md §4: the comment shows the debt budget so far this period, as the period's report
 * issue last counted it (one request, rather than recounting the period on every PR event).
 * Nothing when the period has no report yet.
 */
async function budgetSoFar(octokit: GitHubClient, ref: RepoRef, config: Config, now: Date): Promise<string | null> {
  const rules = periodRules(config);
  const posted = await readPostedSummary(octokit, ref, config.report.label, periodAt(now, rules));
  if (posted === null) return null;
  return budgetLine(posted.summary, config.budget.target, config.budget.tolerance, periodName(rules.kind), posted.url);
}

/** PRODUCT.md §4: people get a comment; bots' PRs only when configured, since a comment on every dependency bump is noise. */
function wantsComment(config: Config, facts: PullFacts): boolean {
  if (!config.comment.enabled) return false;
  return !isBotAuthor(facts, config.bots) || config.comment["bot-prs"];
}
