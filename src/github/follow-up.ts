import { QUESTION_MARKER, renderOutcomeQuestion, type FollowUpRules, type ReviewItem } from "../core/follow-up.ts";
import type { GitHubClient, RepoRef } from "./client.ts";
import { postCommentOnce } from "./comments.ts";
import { ensureRepositoryLabel, type LabelStyle } from "./labels.ts";

export const OUTCOME_LABEL_STYLE: LabelStyle = { color: "c5def5", description: "value-pr: did the outcome hypothesis hold? (see the question on the PR)" };

/** What asking one review did: posted the question, or found it posted and (re)applied the label. */
export type AskWrite = "asked" | "already-asked";

/**
 * Asks whether a merged PR's hypothesis held: one new comment to its author and `also-ask`, then
 * the due label. Asked once, whatever runs: a sweep skips PRs with the due or an answer label,
 * and this finds value-pr's marked question before posting one (a sweep cut short between the
 * comment and the label, or a person removing the label, never brings a second question).
 */
export async function askReview(octokit: GitHubClient, ref: RepoRef, item: ReviewItem, rules: FollowUpRules, selfLogin: string): Promise<AskWrite> {
  const body = renderOutcomeQuestion({
    author: item.authorIsBot ? "" : item.author,
    alsoAsk: rules.alsoAsk,
    metric: item.metric,
    counterSignal: item.counterSignal,
    dueDay: item.dueDay,
  });
  const posted = await postCommentOnce(octokit, ref, { issueNumber: item.number, marker: QUESTION_MARKER, selfLogin }, body);
  await ensureRepositoryLabel(octokit, ref, rules.labels.due, OUTCOME_LABEL_STYLE);
  await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { ...ref, issue_number: item.number, labels: [rules.labels.due] });
  return posted === "created" ? "asked" : "already-asked";
}
