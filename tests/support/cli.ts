// Running the built `wardlens` command (bin/wardlens.js) as a user would, never against the user's own workspace.
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './data';
import { tempDir } from './workspace';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Builds the CLI bundle (`node scripts/build.mjs node`); returns the build's exit status and stderr. */
export function buildCli(): { status: number | null; stderr: string } {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', 'node'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: build.status, stderr: build.stderr };
}

let home: string | undefined;

/** Runs bin/wardlens.js with the given arguments; independent runs can go in parallel. */
export function wardlens(...args: string[]): Promise<CliRun> {
  // A data folder of its own, so a forgotten --db could never reach the user's workspace.
  home ??= tempDir('wardlens-home-');
  const env = { ...process.env, WARDLENS_HOME: home, XDG_DATA_HOME: home };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bin', 'wardlens.js'), ...args],
      { cwd: repoRoot, encoding: 'utf8', env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}
