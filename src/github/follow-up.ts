import { describeConfigErrors } from "../core/config/load.ts";
import {
  followUpRules,
  OUTCOME_RESULTS,
  parseOutcomeAnswer,
  QUESTION_MARKER,
  renderOutcomeQuestion,
  type FollowUpRules,
  type ReviewItem,
} from "../core/follow-up.ts";
import { quote } from "../core/render/quote.ts";
import { hasWriteAccess } from "./access.ts";
import { httpStatus, type GitHubClient, type RepoRef } from "./client.ts";
import { postComment, postCommentOnce, reactTo } from "./comments.ts";
import { readRepoConfig } from "./config.ts";
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

/** `/value-pr outcome <result> <what we saw>` as a comment on a pull request delivers it. */
export interface OutcomeCommand {
  issueNumber: number;
  /** The comment is on a pull request (an issue has no review to answer). */
  isPull: boolean;
  /** Who opened the pull request: the author may always answer. */
  pullAuthor: string;
  /** The labels on the pull request as the event shows them. */
  labels: readonly string[];
  commentId: number;
  commenter: string;
  /** What follows `/value-pr outcome`. */
  args: string;
  /** The commenter's `author_association`, for a token that may not read permissions. */
  association?: string;
}

/** Associations that come with write access, when GitHub will not tell the permission itself. */
const WRITER_ASSOCIATIONS = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

export type AnswerResult = "recorded" | "denied" | "usage" | "invalid-config" | "ignored";

/**
 * Records an answer to the outcome question: the answer's label replaces the due label (and any
 * earlier answer's), then 👍 and one short reply. Only the PR's author or someone with write
 * access may answer; anyone else gets 👎 and no reply. An answer may come before the question.
 */
export async function answerOutcome(octokit: GitHubClient, ref: RepoRef, command: OutcomeCommand, configPath?: string): Promise<AnswerResult> {
  if (!command.isPull) return "ignored";
  const isAuthor = command.commenter.toLowerCase() === command.pullAuthor.toLowerCase();
  if (!isAuthor && !(await mayWrite(octokit, ref, command))) {
    await reactTo(octokit, ref, command.commentId, "-1");
    return "denied";
  }
  const answer = parseOutcomeAnswer(command.args);
  if ("invalid" in answer) {
    await postComment(octokit, ref, command.issueNumber, answer.invalid);
    return "usage";
  }
  const config = await readRepoConfig(octokit, ref, configPath);
  if (!config.ok) {
    await postComment(
      octokit,
      ref,
      command.issueNumber,
      ["value-pr cannot record the answer: its configuration is invalid.", "", "```text", describeConfigErrors(config).replaceAll("```", "'''"), "```"].join(
        "\n",
      ),
    );
    return "invalid-config";
  }
  const { labels } = followUpRules(config.config);
  const wanted = labels[answer.result];
  const same = (left: string, right: string) => left.toLowerCase() === right.toLowerCase();
  const replaced = [labels.due, ...OUTCOME_RESULTS.map((result) => labels[result])].filter((name) => !same(name, wanted));
  for (const name of command.labels.filter((label) => replaced.some((old) => same(old, label)))) {
    try {
      await octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", { ...ref, issue_number: command.issueNumber, name });
    } catch (error) {
      // Taken off meanwhile: the goal is reached.
      if (httpStatus(error) !== 404) throw error;
    }
  }
  if (!command.labels.some((label) => same(label, wanted))) {
    await ensureRepositoryLabel(octokit, ref, wanted, OUTCOME_LABEL_STYLE);
    await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { ...ref, issue_number: command.issueNumber, labels: [wanted] });
  }
  await reactTo(octokit, ref, command.commentId, "+1");
  const note = answer.note === "" ? "" : `: ${quote(answer.note, 200)}`;
  await postComment(octokit, ref, command.issueNumber, `Recorded the outcome as **${answer.result}**${note}. The debt-budget report counts the latest answer.`);
  return "recorded";
}

/** Write access from GitHub; a workflow's token may not read it (403), then the association says. */
async function mayWrite(octokit: GitHubClient, ref: RepoRef, command: OutcomeCommand): Promise<boolean> {
  try {
    return await hasWriteAccess(octokit, ref, command.commenter);
  } catch (error) {
    if (httpStatus(error) !== 403 || command.association === undefined) throw error;
    return WRITER_ASSOCIATIONS.has(command.association);
  }
}
