// `node cli/build.ts`: the `value-pr` npm package, in cli/dist/package. Node never strips types
// under node_modules, so the package carries the CLI bundled into one JavaScript file (esbuild,
// as for the Action), with no dependencies to install; beside it the licences of the code in
// it, the config's JSON Schema, the README and the LICENSE. `npm run pack:cli` packs it.
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { BUNDLE_OPTIONS, licenseNotices } from "../action/build.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const CLI_PACKAGE_DIR = join(ROOT, "cli/dist/package");

/** The oldest Node the packaged CLI runs on (the App and the tests want 24). */
const CLI_NODE = "20";

export async function buildCliPackage(): Promise<string> {
  const root = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { name: string; version: string; description: string; license: string };
  const result = await esbuild.build({
    ...BUNDLE_OPTIONS,
    target: `node${CLI_NODE}`,
    entryPoints: [join(ROOT, "src/cli/main.ts")],
    outfile: join(CLI_PACKAGE_DIR, "cli.mjs"),
    metafile: true,
    // The entry's `#!/usr/bin/env node` line stays first: esbuild keeps it above the banner.
    banner: { js: `// value-pr ${root.version} (MIT). Third-party licences: licenses.txt beside this file.\n${BUNDLE_OPTIONS.banner.js}` },
  });
  const [bundle] = result.outputFiles;
  if (bundle === undefined) throw new Error("esbuild produced no CLI bundle");
  await rm(CLI_PACKAGE_DIR, { recursive: true, force: true });
  await mkdir(CLI_PACKAGE_DIR, { recursive: true });
  await writeFile(join(CLI_PACKAGE_DIR, "cli.mjs"), bundle.text, { mode: 0o755 });
  await writeFile(join(CLI_PACKAGE_DIR, "licenses.txt"), licenseNotices(Object.keys(result.metafile.inputs)));
  await copyFile(join(ROOT, "src/core/config/value-pr.schema.json"), join(CLI_PACKAGE_DIR, "value-pr.schema.json"));
  await copyFile(join(ROOT, "README.md"), join(CLI_PACKAGE_DIR, "README.md"));
  await copyFile(join(ROOT, "LICENSE"), join(CLI_PACKAGE_DIR, "LICENSE"));
  const manifest = {
    name: root.name,
    version: root.version,
    description: root.description,
    license: root.license,
    type: "module",
    bin: { "value-pr": "cli.mjs" },
    files: ["cli.mjs", "licenses.txt", "value-pr.schema.json"],
    engines: { node: `>=${CLI_NODE}` },
  };
  await writeFile(join(CLI_PACKAGE_DIR, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return CLI_PACKAGE_DIR;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${await buildCliPackage()}`);
}
