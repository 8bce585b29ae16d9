import { httpStatus, type GitHubClient, type RepoRef } from "./client.ts";

export type CommentWrite = "created" | "updated" | "unchanged";

interface IssueComment {
  id: number;
  body?: string | undefined;
  user: { login: string; type: string } | null;
}

/** Where value-pr's one comment lives, and who value-pr is there. */
export interface CommentTarget {
  issueNumber: number;
  marker: string;
  /** The login value-pr writes as (`<app>[bot]`, `github-actions[bot]`, or a token's user). */
  selfLogin: string;
}

async function markedComments(octokit: GitHubClient, { owner, repo }: RepoRef, { issueNumber, marker, selfLogin }: CommentTarget) {
  const comments: IssueComment[] = await octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  // Only a comment by value-pr's own login can be ours: a person quoting it, or another tool
  // (the App and the Action side by side), must not be edited.
  return comments
    .filter((comment) => comment.user?.login.toLowerCase() === selfLogin.toLowerCase() && (comment.body ?? "").includes(marker))
    .sort((a, b) => a.id - b.id);
}

async function deleteComments(octokit: GitHubClient, { owner, repo }: RepoRef, comments: IssueComment[]) {
  for (const comment of comments) {
    try {
      await octokit.request("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}", {
        owner,
        repo,
        comment_id: comment.id,
      });
    } catch (error) {
      // Another replica removed it first: the goal is reached either way.
      if (httpStatus(error) !== 404) throw error;
    }
  }
}

/**
 * Keeps exactly one comment carrying `marker` on the issue or pull request, with `body`.
 *
 * Two deliveries for one PR often race (a PR opened with labels fires `opened` and `labeled`
 * together). Both may see no comment and both create one, so after creating we list again and
 * every racer keeps the oldest, deleting the rest: the same decision everywhere, one survivor.
 */
export async function upsertComment(octokit: GitHubClient, ref: RepoRef, target: CommentTarget, body: string): Promise<CommentWrite> {
  const { owner, repo } = ref;
  const { issueNumber } = target;
  const [keep, ...extra] = await markedComments(octokit, ref, target);
  await deleteComments(octokit, ref, extra);
  if (keep !== undefined) {
    if (keep.body === body) return "unchanged";
    try {
      await octokit.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
        owner,
        repo,
        comment_id: keep.id,
        body,
      });
      return "updated";
    } catch (error) {
      // Deleted between our read and our write: fall through and post it again.
      if (httpStatus(error) !== 404) throw error;
    }
  }
  await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner,
    repo,
    issue_number: issueNumber,
    body,
  });
  const [, ...racers] = await markedComments(octokit, ref, target);
  await deleteComments(octokit, ref, racers);
  return "created";
}

/**
 * Posts a comment carrying `marker` unless value-pr has one on the issue already: a new comment,
 * so the people it mentions are notified (an edit notifies nobody). Racers settle as in
 * `upsertComment`: after posting, the oldest marked comment stays and the others go.
 */
export async function postCommentOnce(octokit: GitHubClient, ref: RepoRef, target: CommentTarget, body: string): Promise<"created" | "exists"> {
  if ((await markedComments(octokit, ref, target)).length > 0) return "exists";
  await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...ref, issue_number: target.issueNumber, body });
  const [, ...racers] = await markedComments(octokit, ref, target);
  await deleteComments(octokit, ref, racers);
  return "created";
}

/** Posts a comment (a reply to a command). */
export async function postComment(octokit: GitHubClient, ref: RepoRef, issueNumber: number, body: string): Promise<void> {
  await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...ref, issue_number: issueNumber, body });
}

/** Reacts to a comment: 👍 for a command done, 👎 for one refused (quieter than a reply). */
export async function reactTo(octokit: GitHubClient, ref: RepoRef, commentId: number, content: "+1" | "-1"): Promise<void> {
  await octokit.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { ...ref, comment_id: commentId, content });
}
