// Bundles the Action (action/main.ts and everything it imports) into the one committed file
// action.yml runs: `node action/build.ts` writes it; `node action/build.ts --check` fails when
// the committed file is not what the sources build (CI runs that).
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

export const ACTION_ENTRY = fileURLToPath(new URL("./main.ts", import.meta.url));
export const ACTION_BUNDLE = fileURLToPath(new URL("./dist/index.mjs", import.meta.url));

/**
 * How a bundle for the Actions runner is built: ESM for node24, minified, deterministic for the
 * same sources and lockfile. The bench builds its trivial comparison bundle the same way.
 */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  minify: true,
  legalComments: "none",
  write: false,
  // Some dependencies are CommonJS and call require(); an ES module has none of its own.
  banner: { js: 'import { createRequire as __valuePrCreateRequire } from "node:module"; const require = __valuePrCreateRequire(import.meta.url);' },
  logLevel: "warning",
} as const satisfies esbuild.BuildOptions;

/** The Action bundle's text. */
export async function buildActionBundle(): Promise<string> {
  const result = await esbuild.build({ ...BUNDLE_OPTIONS, entryPoints: [ACTION_ENTRY], outfile: ACTION_BUNDLE });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error("esbuild produced no output");
  return output.text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundle = await buildActionBundle();
  if (process.argv.includes("--check")) {
    const committed = await readFile(ACTION_BUNDLE, "utf8").catch(() => null);
    if (committed !== bundle) {
      console.error(`${ACTION_BUNDLE} is not what the sources build: run \`npm run build:action\` and commit it.`);
      process.exit(1);
    }
    console.log("action bundle is fresh");
  } else {
    await mkdir(dirname(ACTION_BUNDLE), { recursive: true });
    await writeFile(ACTION_BUNDLE, bundle);
    console.log(`wrote ${ACTION_BUNDLE} (${(bundle.length / 1024).toFixed(0)} KiB)`);
  }
}
