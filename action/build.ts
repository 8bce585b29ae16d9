// Bundles the Action (action/main.ts and everything it imports) into the one committed file
// action.yml runs, with the licences of the third-party code in it beside it:
// `node action/build.ts` writes both; `node action/build.ts --check` fails when the committed
// files are not what the sources build (CI runs that).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

export const ACTION_ENTRY = fileURLToPath(new URL("./main.ts", import.meta.url));
export const ACTION_BUNDLE = fileURLToPath(new URL("./dist/index.mjs", import.meta.url));
export const ACTION_LICENSES = fileURLToPath(new URL("./dist/licenses.txt", import.meta.url));

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

/**
 * The licence notices of the packages whose code is in a bundle: every package an input file
 * belongs to, with its name, version, licence and the text of its licence file.
 */
export function licenseNotices(inputs: readonly string[]): string {
  const packages = new Map<string, string>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll("\\", "/"));
    if (match?.[1] === undefined || packages.has(match[1])) continue;
    const dir = resolve(match[1]);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string; license?: string };
    const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\..*)?$/i.test(name));
    const text = file === undefined ? `(no licence file; package.json says ${manifest.license ?? "nothing"})` : readFileSync(join(dir, file), "utf8").trim();
    packages.set(match[1], `${manifest.name}@${manifest.version} (${manifest.license ?? "unknown"})\n\n${text}\n`);
  }
  const notices = [...packages.values()].sort();
  return `The value-pr Action bundle (index.mjs) contains code from these ${notices.length} packages.\n\n${notices.join(`\n${"-".repeat(80)}\n\n`)}`;
}

/** The Action bundle's text and the licence notices of what it contains. */
export async function buildActionBundle(): Promise<{ bundle: string; licenses: string }> {
  const result = await esbuild.build({
    ...BUNDLE_OPTIONS,
    entryPoints: [ACTION_ENTRY],
    outfile: ACTION_BUNDLE,
    metafile: true,
    banner: { js: `// value-pr Action (MIT). Third-party licences: licenses.txt beside this file.\n${BUNDLE_OPTIONS.banner.js}` },
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error("esbuild produced no output");
  return { bundle: output.text, licenses: licenseNotices(Object.keys(result.metafile.inputs)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bundle, licenses } = await buildActionBundle();
  if (process.argv.includes("--check")) {
    for (const [path, text] of [
      [ACTION_BUNDLE, bundle],
      [ACTION_LICENSES, licenses],
    ] as const) {
      const committed = existsSync(path) ? await readFile(path, "utf8") : null;
      if (committed !== text) {
        console.error(`${path} is not what the sources build: run \`npm run build:action\` and commit it.`);
        process.exit(1);
      }
    }
    console.log("action bundle is fresh");
  } else {
    await mkdir(dirname(ACTION_BUNDLE), { recursive: true });
    await writeFile(ACTION_BUNDLE, bundle);
    await writeFile(ACTION_LICENSES, licenses);
    console.log(`wrote ${ACTION_BUNDLE} (${(bundle.length / 1024).toFixed(0)} KiB) and its licences`);
  }
}
