import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The fake GitHub (msw) patches the global fetch per worker; isolating files keeps one test
    // file's handlers from leaking into another's.
    isolate: true,
    testTimeout: 20_000,
    reporters: ["default", "./test/support/closing-line-reporter.ts"],
  },
});
