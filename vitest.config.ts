import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/setup/build-dist.ts'],
    // Many tests run real containers and Bazel; on a loaded 2-core machine one can take minutes.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // Container tests share one Docker engine and 2 cores; files run in parallel, tests in a file do not.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
