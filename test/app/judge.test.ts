import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config/load.ts";
import { IN_THREAD } from "../../src/core/evaluate.ts";
import type { PullFacts } from "../../src/core/types.ts";
import { threadedJudge, WORKER_BODY_LENGTH, WORKER_PATHS_LENGTH } from "../../src/app/judge.ts";
import { GOOD_BODY } from "../support/hostile.ts";

const loaded = parseConfig({});
if (!loaded.ok) throw new Error("the default configuration does not validate");
const config = loaded.config;
const choices = { customerValue: null, techDebt: null };
const facts = (changes: Partial<PullFacts>): PullFacts => ({
  title: "feat: x",
  body: GOOD_BODY,
  author: "octocat",
  authorIsBot: false,
  draft: false,
  labels: [],
  headBranch: "x",
  files: null,
  ...changes,
});

describe("the App's judge", () => {
  const judge = threadedJudge();
  afterAll(() => judge.close());

  it("judges a short PR in this thread, at once", () => {
    const verdict = judge.evaluate(facts({}), config, choices);
    expect(verdict).not.toBeInstanceOf(Promise);
    expect(verdict).toEqual(IN_THREAD.evaluate(facts({}), config, choices));
  });

  it("hands a long description, or long paths, to a worker thread, with the same verdict", async () => {
    const long = facts({ body: `${"Context.\n\n".repeat(WORKER_BODY_LENGTH / 10)}${GOOD_BODY}` });
    const pending = judge.evaluate(long, config, choices);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual(IN_THREAD.evaluate(long, config, choices));

    const paths = facts({
      title: "Update snapshots",
      body: "",
      files: Array.from({ length: WORKER_PATHS_LENGTH / 64 }, (_, i) => `test/__snapshots__/${String(i).padStart(40, "0")}.snap`),
    });
    const asked = judge.needsChangedFiles(paths, choices, config);
    expect(asked).toBeInstanceOf(Promise);
    expect(await asked).toBe(IN_THREAD.needsChangedFiles(paths, choices, config));
    expect((await judge.evaluate(paths, config, choices)).category.value).toBe("tech-debt");
  });
});
