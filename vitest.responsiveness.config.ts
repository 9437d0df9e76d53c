import { defineConfig } from 'vitest/config';

// How long each view keeps the UI thread busy, in Chromium with real data: every interaction
// timed against the 100 ms budget and printed per view. Set up as the e2e tests are (built app
// in browser mode, Debian's Chromium). Not yet part of CI: with the full plotly.js bundle some
// first draws and table re-sorts still take 100–250 ms on a 2-core machine (see README).
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
