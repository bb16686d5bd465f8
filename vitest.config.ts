import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Container tests share one Docker engine and 2 cores; files run in parallel, tests in a file do not.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
