/** Writing the map and hotspot commands' files: whole or not at all, never over a file unasked. */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { WardlensError } from '../core/errors';

/** Refuses before any work is done when a target exists and --force was not given. */
export function checkOutputs(paths: (string | undefined)[], force: boolean): void {
  for (const p of paths) {
    if (p && existsSync(p) && !force) throw new WardlensError('bad-request', `${p} already exists: choose another name or add --force to replace it.`, { file: p });
  }
}

/** Written to a temporary name beside the target, then renamed into place. */
export function writeOutput(path: string, text: string): string {
  const full = resolve(path);
  const temp = join(dirname(full), `.${basename(full)}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, full);
  return full;
}

export const n = (x: number) => x.toLocaleString('en-GB');
