import { defineConfig } from 'vitest/config';

// Reliability tests (`npm run test:reliability`): hostile files, kills during import and
// export, and a fuzz of browser mode's HTTP API. The global setup builds the CLI and the
// engine's worker once; its teardown prints the figures (see tests/reliability/figures.ts).
export default defineConfig({
  test: {
    include: ['tests/reliability/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/reliability/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
