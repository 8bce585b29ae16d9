// `npm run docs`: rewrites the generated sections of README.md and the published JSON Schema.
import { readFile, writeFile } from "node:fs/promises";
import { configJsonSchemaText, regenerateReadme, SCHEMA_FILE } from "./readme.ts";

const path = new URL("../../README.md", import.meta.url);
await writeFile(path, regenerateReadme(await readFile(path, "utf8")));
await writeFile(SCHEMA_FILE, configJsonSchemaText());
