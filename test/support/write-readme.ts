// `npm run docs`: rewrites the generated sections of README.md.
import { readFile, writeFile } from "node:fs/promises";
import { regenerateReadme } from "./readme.ts";

const path = new URL("../../README.md", import.meta.url);
await writeFile(path, regenerateReadme(await readFile(path, "utf8")));
