import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { configJsonSchemaText, regenerateReadme, SCHEMA_FILE } from "./support/readme.ts";

it("README.md's generated sections (config reference, examples) match the code; run `npm run docs`", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  expect(readme).toContain("| `budget.target` | number 0–100 | `15` |");
  expect(regenerateReadme(readme)).toBe(readme);
});

it("the published JSON Schema is the one the zod schema produces; run `npm run docs`", async () => {
  expect(await readFile(SCHEMA_FILE, "utf8")).toBe(configJsonSchemaText());
});
