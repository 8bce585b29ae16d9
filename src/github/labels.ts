import { CATEGORY_LABEL_STYLE } from "../core/classify/defaults.ts";
import type { Category, PersonLabelAction, PersonLabelChoices } from "../core/types.ts";
import { httpStatus, type GitHubClient, type RepoRef } from "./client.ts";
import { SingleFlight } from "./single-flight.ts";

export type CategoryLabelKey = keyof PersonLabelChoices;
const KEYS: CategoryLabelKey[] = ["customerValue", "techDebt"];

/** The configured names of the two category labels. */
export type CategoryLabelNames = Record<CategoryLabelKey, string>;

/** Who changed a category label last, as GitHub's issue events tell it. */
interface LabelHistory {
  action: PersonLabelAction;
  bySelf: boolean;
}

export type CategoryLabelHistory = Record<CategoryLabelKey, LabelHistory | null>;

/** A label change the current webhook reports; GitHub's events list may not show it yet. */
export interface LabelChangeHint {
  action: "labeled" | "unlabeled";
  label: string;
  senderLogin: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Reads the last change of each category label from the pull request's issue events (one
 * paginated call). value-pr keeps no memory of its own: whether a person chose a label, or
 * value-pr set it, is derived from GitHub's record every time, so replicas and restarts agree.
 */
export async function readCategoryLabelHistory(
  octokit: GitHubClient,
  { owner, repo }: RepoRef,
  issueNumber: number,
  names: CategoryLabelNames,
  selfLogin: string,
  hint: LabelChangeHint | null,
): Promise<CategoryLabelHistory> {
  const events = await octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/events", {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  const changes: LabelChangeHint[] = [];
  for (const event of events) {
    if ((event.event !== "labeled" && event.event !== "unlabeled") || !("label" in event) || event.label === undefined) continue;
    changes.push({ action: event.event, label: event.label.name, senderLogin: event.actor?.login ?? "" });
  }
  // The hint only stands in for an event the list does not show yet. When the list has it, the
  // list is the authority: a redelivered old webhook must not undo what came after it.
  const listed = (h: LabelChangeHint) => changes.some((c) => c.action === h.action && same(c.label, h.label) && same(c.senderLogin, h.senderLogin));
  if (hint !== null && !listed(hint)) changes.push(hint);
  const history: CategoryLabelHistory = { customerValue: null, techDebt: null };
  for (const change of changes) {
    for (const key of KEYS) {
      if (!same(change.label, names[key])) continue;
      history[key] = { action: change.action === "labeled" ? "added" : "removed", bySelf: same(change.senderLogin, selfLogin) };
    }
  }
  return history;
}

/** Signal 1: the last change of each category label, when someone other than value-pr made it. */
export function personChoices(history: CategoryLabelHistory): PersonLabelChoices {
  const choice = (entry: LabelHistory | null) => (entry === null || entry.bySelf ? null : entry.action);
  return { customerValue: choice(history.customerValue), techDebt: choice(history.techDebt) };
}

export function wantedLabels(category: Category): Record<CategoryLabelKey, boolean> {
  return {
    customerValue: category === "customer-value" || category === "both",
    techDebt: category === "tech-debt" || category === "both",
  };
}

export interface LabelChanges {
  added: string[];
  removed: string[];
}

/**
 * The category-label changes one pull request needs: add what the category wants unless a person
 * removed it, remove only a label value-pr itself set, never touch other labels.
 */
export function planCategoryLabels(current: readonly string[], category: Category, names: CategoryLabelNames, history: CategoryLabelHistory): LabelChanges {
  const want = wantedLabels(category);
  const changes: LabelChanges = { added: [], removed: [] };
  for (const key of KEYS) {
    const present = current.some((label) => same(label, names[key]));
    const entry = history[key];
    if (want[key] && !present && !(entry?.action === "removed" && !entry.bySelf)) changes.added.push(names[key]);
    if (!want[key] && present && entry?.action === "added" && entry.bySelf) changes.removed.push(names[key]);
  }
  return changes;
}

/** Applies planned label changes; with nothing to change it makes no request at all. */
export async function applyCategoryLabels(
  octokit: GitHubClient,
  ref: RepoRef,
  issueNumber: number,
  changes: LabelChanges,
  names: CategoryLabelNames,
): Promise<LabelChanges> {
  const { owner, repo } = ref;
  for (const name of changes.added) {
    const style = same(name, names.customerValue) ? CATEGORY_LABEL_STYLE.customerValue : CATEGORY_LABEL_STYLE.techDebt;
    await ensureRepositoryLabel(octokit, ref, name, style);
  }
  if (changes.added.length > 0) {
    await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
      owner,
      repo,
      issue_number: issueNumber,
      labels: changes.added,
    });
  }
  for (const name of changes.removed) {
    try {
      await octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", {
        owner,
        repo,
        issue_number: issueNumber,
        name,
      });
    } catch (error) {
      // Someone removed it first: the goal is reached.
      if (httpStatus(error) !== 404) throw error;
    }
  }
  return changes;
}

/** How a label value-pr creates looks: colour (hex without `#`) and description. */
export interface LabelStyle {
  color: string;
  description: string;
}

// The label checks in flight in this process: a burst of new PRs in a repository that lacks
// the label shares one check and one creation, rather than each PR creating it and being told
// it exists (a write each, paced a second apart). Only in flight: nothing is remembered after.
const labelChecks = new SingleFlight<void>();

/**
 * Creates a label with value-pr's colour and description when the repository lacks it (adding
 * an unknown label to an issue would create a grey one without a description).
 */
export function ensureRepositoryLabel(octokit: GitHubClient, ref: RepoRef, name: string, style: LabelStyle): Promise<void> {
  return labelChecks.run(`${ref.owner}/${ref.repo}/${name}`.toLowerCase(), () => createLabelIfMissing(octokit, ref, name, style));
}

async function createLabelIfMissing(octokit: GitHubClient, { owner, repo }: RepoRef, name: string, style: LabelStyle): Promise<void> {
  try {
    await octokit.request("GET /repos/{owner}/{repo}/labels/{name}", { owner, repo, name });
    return;
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
  try {
    await octokit.request("POST /repos/{owner}/{repo}/labels", { owner, repo, name, ...style });
  } catch (error) {
    // Created meanwhile by another replica or a person.
    if (httpStatus(error) !== 422) throw error;
  }
}
