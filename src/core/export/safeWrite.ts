/**
 * Writing export files so that an analyst never loses a file and never finds half of one:
 * an existing file is replaced only when asked (force); every file is first written whole
 * to a hidden temporary name in the same folder, flushed to disk, then renamed into place
 * (atomic on one file system), so a failed, cancelled or killed export leaves nothing
 * under the final name. A pack stages all its files before renaming any. A killed export
 * leaves its temporary file behind; the next write to that folder sweeps such leftovers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, linkSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { WrittenFile } from '../../shared/export';
import { WardlensError } from '../errors';

export type Content = Buffer | string | AsyncIterable<Buffer | string>;

export interface StagedFile {
  path: string;
  temp: string;
  kind: WrittenFile['kind'];
  bytes: number;
}

/** Refuses early, before any work is done, if a file would be overwritten without force. */
export function checkTargets(paths: string[], force: boolean): void {
  for (const path of paths) {
    if (!isAbsolute(path))
      throw new WardlensError('bad-request', `Give the full path of the file to write, not "${path}".`);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory())
      throw new WardlensError('bad-request', `${path} is a folder, not a file: choose a file name.`, {
        file: path,
      });
    if (!force) throw exists(path);
  }
}

const exists = (path: string) =>
  new WardlensError(
    'bad-request',
    `${path} already exists and was left as it is. Choose another name, or replace it (--force on the command line).`,
    { file: path },
  );

/** Writes the content whole to a hidden temporary file beside `path`. */
export async function stageFile(
  path: string,
  content: Content,
  kind: WrittenFile['kind'],
): Promise<StagedFile> {
  sweepStaleTemps(dirname(path));
  const temp = join(
    dirname(path),
    `.${basename(path)}.${HOST}-${process.pid}-${randomBytes(4).toString('hex')}.wardlens-tmp`,
  );
  let bytes = 0;
  let handle;
  try {
    handle = await open(temp, 'wx');
    const chunks = typeof content === 'string' || Buffer.isBuffer(content) ? [content] : content;
    for await (const chunk of chunks) {
      const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      await handle.write(data);
      bytes += data.length;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    return { path, temp, kind, bytes };
  } catch (err) {
    await handle?.close().catch(() => undefined);
    removeQuietly(temp);
    throw asWriteError(err, path);
  }
}

/**
 * This computer, as a short tag in temporary names: a folder on a network share may hold
 * another computer's export in progress, whose process id means nothing here.
 */
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 6);
const TEMP_NAME = /^\..+\.(?:([0-9a-f]{6})-)?(\d+)-[0-9a-f]{8}\.wardlens-tmp$/;
/** Any leftover this old is surely abandoned, whoever made it: no export takes a day. */
const ABANDONED_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes temporary files that a killed Wardlens left in `dir`: those of this computer whose
 * process has gone, and any a day old (a leftover whose process id has since been reused,
 * even by this process, whose threads may be writing beside it). Best effort: a folder that
 * cannot be listed, or a file that cannot be removed, is left alone.
 */
export function sweepStaleTemps(dir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    const pid = Number(m[2]);
    const thisHost = m[1] === undefined || m[1] === HOST;
    const abandoned = thisHost && !processAlive(pid);
    if (abandoned || ageOf(path, now) > ABANDONED_AGE_MS) {
      if (removeQuietly(path)) removed.push(path);
    }
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, but another user's
  }
}

function ageOf(path: string, now: number): number {
  try {
    return now - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Moves staged files to their final names; without force, never over an existing file. */
export function commitFiles(staged: StagedFile[], force: boolean): WrittenFile[] {
  const written: WrittenFile[] = [];
  try {
    for (const s of staged) {
      if (force) renameSync(s.temp, s.path);
      else placeWithoutReplacing(s);
      written.push({ path: s.path, kind: s.kind, bytes: s.bytes });
    }
    return written;
  } catch (err) {
    discardFiles(staged);
    throw asWriteError(err, staged[written.length]?.path ?? '');
  }
}

/**
 * A hard link fails if the name is taken, so a file that appeared since the check is not
 * replaced; some file systems (FAT sticks, some shares) have no links: check, then rename.
 */
function placeWithoutReplacing(s: StagedFile): void {
  try {
    linkSync(s.temp, s.path);
    removeQuietly(s.temp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw exists(s.path);
    if (
      code !== 'EPERM' &&
      code !== 'ENOTSUP' &&
      code !== 'EXDEV' &&
      code !== 'ENOSYS' &&
      code !== 'EOPNOTSUPP'
    )
      throw err;
    if (existsSync(s.path)) throw exists(s.path);
    renameSync(s.temp, s.path);
  }
}

export function discardFiles(staged: StagedFile[]): void {
  for (const s of staged) removeQuietly(s.temp);
}

function removeQuietly(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false; // already gone
  }
}

/** One file, checked, staged and committed. */
export async function writeFileSafely(
  path: string,
  content: Content,
  kind: WrittenFile['kind'],
  force = false,
): Promise<WrittenFile> {
  checkTargets([path], force);
  const staged = await stageFile(path, content, kind);
  return commitFiles([staged], force)[0]!;
}

/** File-system errors in plain words, naming the file. */
export function asWriteError(err: unknown, path: string): WardlensError {
  if (err instanceof WardlensError) return err;
  const e = err as NodeJS.ErrnoException;
  const folder = dirname(path);
  const words: Record<string, string> = {
    ENOENT: `The folder ${folder} does not exist.`,
    ENOTDIR: `${folder} is not a folder.`,
    EACCES: `Wardlens may not write to ${folder} (permission denied).`,
    EPERM: `Wardlens may not write ${path} (permission denied).`,
    EROFS: `${folder} is on a read-only disk.`,
    ENOSPC: `The disk holding ${folder} is full.`,
    EBUSY: `${path} is open in another program (Excel?): close it and try again.`,
    EISDIR: `${path} is a folder, not a file.`,
    ENOTEMPTY: `${path} is a folder, not a file.`,
  };
  const message = (e?.code && words[e.code]) ?? `${path} could not be written: ${e?.message ?? String(err)}`;
  return new WardlensError(
    'bad-request',
    `${message}${/[.!?]$/.test(message) ? '' : '.'} Nothing was written.`,
    { file: path },
  );
}
