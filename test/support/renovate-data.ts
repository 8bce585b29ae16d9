// The real pull-request history in test/data (see its README): 689 squash-merged PRs of
// renovatebot/renovate, never labelled, kept gzipped. Tests and benches read it here.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { DEFAULT_HYPOTHESIS_RULES } from "../../src/core/rules.ts";
import { checkHypothesis } from "./hypothesis.ts";
import type { PullFacts } from "../../src/core/types.ts";

export const RENOVATE_DATA_FILE = new URL("../data/renovate-2026-06-27.json.gz", import.meta.url);

/** The fields of the data set's pulls that value-pr reads (GitHub's REST pull-request shape). */
export interface DataPull {
  number: number;
  title: string;
  body: string | null;
  draft: boolean;
  user: { login: string; type: string };
  head: { ref: string };
  base: { ref: string };
  merged_at: string | null;
  additions: number;
  deletions: number;
  changed_files: number;
  /** At most 50 per PR; `changed_files` stays exact. */
  files: Array<{ filename: string; additions: number; deletions: number }>;
}

export function loadRenovatePulls(): DataPull[] {
  const data = JSON.parse(gunzipSync(readFileSync(RENOVATE_DATA_FILE)).toString("utf8")) as { repos: Array<{ pulls: DataPull[] }> };
  return data.repos.flatMap((repo) => repo.pulls);
}

/**
 * What the core knows of one of these PRs. A file list cut at 50 cannot show that *every* file
 * is a debt path, so such a PR's files count as not read.
 */
export function dataPullFacts(pull: DataPull): PullFacts {
  return {
    title: pull.title,
    body: pull.body ?? "",
    author: pull.user.login,
    authorIsBot: pull.user.type === "Bot",
    draft: false,
    labels: [],
    headBranch: pull.head.ref,
    files: pull.files.length === pull.changed_files ? pull.files.map((file) => file.filename) : null,
  };
}

/** Whether the description declares a passing hypothesis, on its content alone (no exemption). */
export function declaresHypothesis(pull: PullFacts): boolean {
  return checkHypothesis(pull, { ...DEFAULT_HYPOTHESIS_RULES, bots: [], skipLabels: [] }).status === "pass";
}
