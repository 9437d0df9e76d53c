// Global setup of `npm run test:reliability`: build the CLI and the engine's worker once
// (the crash tests run the CLI, the fuzz the worker), bundle the hostile-file test's import
// worker, clear the last run's figures, and at the end print the figures as one summary (also
// kept in test-results/reliability/).
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/data';
import { figuresDir, figuresFile, readFigures, summarise, summaryText } from './figures';

let started = 0;

export const importWorkerFile = path.join(figuresDir, 'import-worker.mjs');

export async function setup(): Promise<void> {
  started = Date.now();
  const cli = spawnSync(process.execPath, ['scripts/build.mjs', 'node'], { cwd: repoRoot, encoding: 'utf8' });
  if (cli.status !== 0) throw new Error(`the build failed:\n${cli.stderr}`);
  mkdirSync(figuresDir, { recursive: true });
  rmSync(figuresFile, { force: true });
  await build({
    entryPoints: [path.join(repoRoot, 'tests/reliability/importWorker.ts')],
    outfile: importWorkerFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

export function teardown(): void {
  const summary = summarise(readFigures());
  const text = summaryText(summary, (Date.now() - started) / 1000);
  writeFileSync(path.join(figuresDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(path.join(figuresDir, 'summary.txt'), `${text}\n`);
  process.stdout.write(`\n${text}\n\n`);
}
