import type { Reporter, TestModule } from "vitest/node";

/**
 * Ends the run with a plain `N passed, N failed, N skipped` line, the one closing line every CI
 * log reader understands, after vitest's own report. A file or suite that failed outside its
 * tests (a failing `beforeAll`, an import error) skips its tests; it counts as a failure here,
 * so the line never reads "0 failed" for a failed run.
 */
export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    for (const module of testModules) {
      counts.failed += module.errors().length;
      for (const suite of module.children.allSuites()) counts.failed += suite.errors().length;
      if (module.state() === "failed" && module.errors().length === 0 && !hasFailedTest(module)) counts.failed += 1;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed += 1;
        else if (state === "failed") counts.failed += 1;
        else counts.skipped += 1;
      }
    }
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}

function hasFailedTest(module: TestModule): boolean {
  for (const test of module.children.allTests()) if (test.result().state === "failed") return true;
  return false;
}
