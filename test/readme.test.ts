import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { regenerateReadme } from "./support/readme.ts";

it("README.md's generated sections (config reference, examples) match the code; run `npm run docs`", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  expect(readme).toContain("| `budget.target` | number 0–100 | `15` |");
  expect(regenerateReadme(readme)).toBe(readme);
});
