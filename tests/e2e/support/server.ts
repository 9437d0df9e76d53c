// Browser mode for a test: `wardlens serve` on a fresh workspace, on any free port, and the
// address (with its token) read from what it prints.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths';

const CLI = path.join(repoRoot, 'bin', 'wardlens.js');

export interface Served {
  url: string;
  origin: string;
  stop(): Promise<void>;
}

export async function serve(db: string): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`wardlens serve printed no address:\n${output}`)),
      30_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`wardlens serve exited with ${code}:\n${output}`));
    });
  });
  return { url, origin: new URL(url).origin, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Runs the CLI (setting up a test's workspace, or asking it the question the page answered); its output. */
export function cliText(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`wardlens ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

/** The CLI's answer to the same question, as JSON. */
export function cli<T>(args: string[]): T {
  return JSON.parse(cliText(args)) as T;
}
