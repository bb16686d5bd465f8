import { defineConfig } from 'vitest/config';

const TERMINAL_UI = 'test/tui/**';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/build-dist.ts'],
    // Many tests run real containers and Bazel; on a loaded 2-core machine one can take minutes.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // Container tests share one Docker engine and 2 cores; files run in parallel, tests in a file do not.
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // A worker runs file after file without starting over: loading the test runner and the
        // modules a file imports again for each of 150 files cost as much CPU as the fast files'
        // tests themselves. Every file still cleans up what it starts (containers, servers, dirs).
        test: { name: 'core', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: [TERMINAL_UI], isolate: false },
      },
      {
        extends: true,
        // Ink and the colour settings keep module-level state a view test must start without.
        test: { name: 'terminal', include: [`${TERMINAL_UI}/*.test.ts`, `${TERMINAL_UI}/*.test.tsx`], isolate: true },
      },
    ],
  },
});
