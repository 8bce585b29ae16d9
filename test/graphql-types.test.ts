import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { generateGraphqlTypes } from "./support/graphql-types.ts";

it("the committed GraphQL result types are what the queries and GitHub's schema give; run `node test/support/graphql-types.ts`", async () => {
  const files = generateGraphqlTypes();
  expect(files.map(({ path }) => path)).toContain("src/github/graphql/merged-pulls.types.ts");
  for (const { path, text } of files) {
    expect(await readFile(new URL(`../${path}`, import.meta.url), "utf8"), path).toBe(text);
  }
});
