import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real servers on 127.0.0.1; keep each bounded.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores on CI: do not oversubscribe with fake servers in every worker.
    maxWorkers: 2,
  },
});
