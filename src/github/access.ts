import { httpStatus, type GitHubClient, type RepoRef } from "./client.ts";

/** What it takes to speak for the team: write access or more. */
const WRITERS = new Set(["admin", "maintain", "write"]);

/** Whether `login` may write to the repository (someone who is no collaborator may not). */
export async function hasWriteAccess(octokit: GitHubClient, ref: RepoRef, login: string): Promise<boolean> {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", { ...ref, username: login });
    return WRITERS.has(data.role_name) || WRITERS.has(data.permission);
  } catch (error) {
    if (httpStatus(error) === 404) return false;
    throw error;
  }
}
