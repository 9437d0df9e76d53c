// Builds Wardlens's Node-side bundles with esbuild (and the renderer with Vite for "all").
// `node scripts/build.mjs node` runs on every `npm install` (the `prepare` script), so the
// CLI works straight after install; `all` adds the Electron shell and the renderer.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const target = process.argv[2] ?? 'all';
const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };

const nodeEntries = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli/wardlens.js', format: 'esm' },
  { entryPoints: ['src/core/worker/worker.ts'], outfile: 'dist/core/worker.js', format: 'esm' },
  { entryPoints: ['src/core/worker/policeUkEncoder.ts'], outfile: 'dist/core/policeUkEncoder.js', format: 'esm' },
];
if (existsSync('bench/run.ts')) nodeEntries.push({ entryPoints: ['bench/run.ts'], outfile: 'dist/bench/run.js', format: 'esm' });

const electronEntries = [
  { entryPoints: ['src/main/main.ts'], outfile: 'dist/main/main.cjs', format: 'cjs', external: ['electron'] },
  { entryPoints: ['src/preload/preload.ts'], outfile: 'dist/preload/preload.cjs', format: 'cjs', external: ['electron'] },
];

const present = (e) => e.entryPoints.every((p) => existsSync(p));
const entries = target === 'node' ? nodeEntries : [...nodeEntries, ...electronEntries];
await Promise.all(entries.filter(present).map((e) => build({ ...common, ...e })));

if (target === 'all' && existsSync('src/renderer/index.html')) {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
