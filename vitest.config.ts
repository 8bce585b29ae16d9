import { defineConfig } from "vitest/config";

/** An export-conditions list without `development` (Vite's `development|production` stands for it in tests). */
const withoutDevelopment = (conditions: readonly string[]) =>
  conditions.filter((condition) => condition !== "development" && condition !== "development|production");

export default defineConfig({
  plugins: [
    {
      // Dependencies as Node loads them outside the tests. In a test run Vite resolves packages
      // with the `development` export condition and vitest hands it on to Node (`--conditions`), so
      // micromark, mdast-util-from-markdown and graphql ran their development builds: assertions
      // and debug calls on every token, about twice the time of parsing the Markdown of a PR, and
      // not the code `npm start`, the CLI or the Action bundle run. Vite merges configured
      // conditions into its defaults, so they are taken out of the resolved config.
      name: "value-pr:production-conditions",
      enforce: "post",
      configResolved(config) {
        const resolved = config as unknown as {
          ssr: { resolve?: { conditions?: string[] } };
          environments: Record<string, { resolve?: { conditions?: string[] } }>;
        };
        for (const options of [resolved.ssr, ...Object.values(resolved.environments)]) {
          if (options.resolve?.conditions !== undefined) options.resolve.conditions = withoutDevelopment(options.resolve.conditions);
        }
      },
    },
  ],
  test: {
    include: ["test/**/*.test.ts"],
    // The fake GitHub (msw) patches the global fetch per worker; isolating files keeps one test
    // file's handlers from leaking into another's.
    isolate: true,
    // One worker per core (vitest's default leaves one core out: a single worker on a 2-core
    // machine). Many files wait on child processes (the Action, the CLI, `npm start`, Redis) or
    // paced writes, so the cores have room for a second file meanwhile.
    maxWorkers: "100%",
    testTimeout: 20_000,
    reporters: ["default", "./test/support/closing-line-reporter.ts"],
  },
});
