/**
 * The desktop shell's bundles, built for a test by the project's own build script
 * (`node scripts/build.mjs all`), exactly as `npm start` builds them. `npm install` builds
 * only the Node side (`prepare`), so a fresh clone has no dist/main; and other work may be
 * rebuilding dist/ while the tests run. So the build runs in a scratch folder holding the
 * sources (linked, not copied) but not the renderer, which makes the script skip the slow
 * Vite step; the page the shell serves there is the renderer's own index.html.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './data';

export interface ShellBuild {
  /** The scratch app folder (package.json, node_modules, dist/). */
  root: string;
  main: string;
  preload: string;
  rendererDir: string;
  remove(): void;
}

export function buildShell(): ShellBuild {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wardlens-shell-'));
  mkdirSync(path.join(root, 'src'));
  for (const part of readdirSync(path.join(repoRoot, 'src'))) {
    if (part !== 'renderer')
      symlinkSync(path.join(repoRoot, 'src', part), path.join(root, 'src', part), 'junction');
  }
  // The bundles load their packages (better-sqlite3 …) from node_modules, and the worker is ESM by package.json.
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'junction');
  copyFileSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
  const built = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), 'all'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`scripts/build.mjs all failed:\n${built.stderr}${built.stdout}`);
  const rendererDir = path.join(root, 'dist', 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  copyFileSync(path.join(repoRoot, 'src', 'renderer', 'index.html'), path.join(rendererDir, 'index.html'));
  return {
    root,
    main: path.join(root, 'dist', 'main', 'main.cjs'),
    preload: path.join(root, 'dist', 'preload', 'preload.cjs'),
    rendererDir,
    remove: () => removeScratch(root),
  };
}

/** The links go first, by name, so that removing the scratch folder can never reach the sources they point at. */
function removeScratch(root: string): void {
  for (const part of readdirSync(path.join(root, 'src'))) unlinkSync(path.join(root, 'src', part));
  unlinkSync(path.join(root, 'node_modules'));
  rmSync(root, { recursive: true, force: true });
}
