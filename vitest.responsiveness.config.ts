import { defineConfig } from 'vitest/config';

// How long each view keeps the UI thread busy, in Chromium with real data: every interaction
// timed against the 100 ms budget and printed per view. Set up as the e2e tests are (built app
// in browser mode, Debian's Chromium). Not part of CI, as timings are measured by benchmarks,
// not gating tests; on a quiet 2-core machine its 22 interactions keep within budget or just over (see README).
export default defineConfig({
  test: {
    include: ['tests/responsiveness/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
