import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Lab tests create network namespaces with fixed per-run names; running files one at a time keeps
    // CPU-heavy capture tests from starving each other on a 2-core machine.
    fileParallelism: false,
  },
});
