import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app in browser mode, driven in Debian's Chromium by
// playwright-core (never a downloaded browser), one server and one browser per file, files
// in turn. (The renderer's pure unit tests run with the others, under npm test.)
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
