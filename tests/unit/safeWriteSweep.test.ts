// The safe writer's sweep of temporary files left by killed exports: only this computer's
// leftovers whose process has gone, or any a day old; never a live export's, never other files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discardFiles, stageFile, sweepStaleTemps, writeFileSafely } from '../../src/core/export/safeWrite';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const folder = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'wardlens-sweep-'));
  dirs.push(d);
  return d;
};

/** The id of a process that has finished. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  expect(r.status).toBe(0);
  return r.pid!;
}

/**
 * A temporary name as stageFile makes it, with its process id (and host tag) replaced. Staged
 * in a folder of its own: staging sweeps, and would clear the leftovers made before.
 */
async function leftover(dir: string, pid: number, host?: string | null): Promise<string> {
  const staged = await stageFile(path.join(folder(), 'Boroughs by month.xlsx'), 'partial', 'xlsx');
  discardFiles([staged]);
  const m = /^(\..+\.)([0-9a-f]{6})-(\d+)-([0-9a-f]{8}\.wardlens-tmp)$/.exec(path.basename(staged.temp));
  expect(m, staged.temp).not.toBeNull();
  const tag = host === undefined ? `${m![2]}-` : host === null ? '' : `${host}-`;
  const name = `${m![1]}${tag}${pid}-${m![4]}`;
  writeFileSync(path.join(dir, name), 'partial');
  return name;
}

describe('sweeping stale temporary files', () => {
  it("removes this computer's leftovers whose process has gone, keeps live ones and other files", async () => {
    const dir = folder();
    const dead = await leftover(dir, deadPid());
    const oldStyle = await leftover(dir, deadPid(), null);
    const live = await leftover(dir, process.pid);
    const foreign = await leftover(dir, deadPid(), 'abc123');
    writeFileSync(path.join(dir, 'Boroughs by month.xlsx'), 'the analyst’s own file');
    writeFileSync(path.join(dir, '.notes.wardlens-tmp.txt'), 'not ours');

    const removed = sweepStaleTemps(dir).map((p) => path.basename(p));
    expect(removed.sort()).toEqual([dead, oldStyle].sort());
    expect(readdirSync(dir).sort()).toEqual(
      [live, foreign, 'Boroughs by month.xlsx', '.notes.wardlens-tmp.txt'].sort(),
    );
  });

  it("removes another computer's leftover only once it is a day old", async () => {
    const dir = folder();
    const foreign = await leftover(dir, deadPid(), 'abc123');
    expect(sweepStaleTemps(dir)).toEqual([]);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(path.join(dir, foreign), twoDaysAgo, twoDaysAgo);
    expect(sweepStaleTemps(dir).map((p) => path.basename(p))).toEqual([foreign]);
  });

  it('the next write to the folder sweeps, and leaves only the file written', async () => {
    const dir = folder();
    await leftover(dir, deadPid());
    await leftover(dir, deadPid());
    const out = path.join(dir, 'Wards.csv');
    const written = await writeFileSafely(out, 'Ward,Count\nBelmont,3\n', 'csv');
    expect(written.bytes).toBe(21);
    expect(readdirSync(dir)).toEqual(['Wards.csv']);
    expect(existsSync(out)).toBe(true);
  });

  it('a folder that cannot be listed is left alone', () => {
    expect(sweepStaleTemps(path.join(folder(), 'no such folder'))).toEqual([]);
  });
});
