// The built command on real police.uk files: the import read and encoded on a thread of its
// own stores exactly what the import on one thread stores, errors included, and
// `wardlens imports delete` takes an import back out.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { DeletedImport, ImportFileResult } from '../../src/shared/importing';
import { buildCli } from '../support/cli';
import { data, repoRoot } from '../support/data';
import { parseCsvText } from '../support/raw';
import { cleanupTempDirs, tempDir } from '../support/workspace';

function run(args: string[], thread: '0' | '1'): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = tempDir('wardlens-home-');
  const env = { ...process.env, WARDLENS_HOME: home, XDG_DATA_HOME: home, WARDLENS_IMPORT_THREAD: thread };
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, 'bin', 'wardlens.js'), ...args], { env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const incidents = (db: string) =>
  new Database(db, { readonly: true }).prepare('SELECT * FROM incidents ORDER BY id').raw().all();

beforeAll(() => {
  expect(buildCli().status).toBe(0);
}, 120_000);
afterAll(() => cleanupTempDirs());

describe('police.uk import on an encoding thread', () => {
  it('stores the same incidents as the import on one thread, as many as the raw files hold', async () => {
    const dir = tempDir();
    const [one, two] = [path.join(dir, 'one.sqlite'), path.join(dir, 'two.sqlite')];
    const [a, b] = await Promise.all([run(['import', data.policeUkDir, '--db', one, '--json'], '0'), run(['import', data.policeUkDir, '--db', two, '--json'], '1')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const strip = (r: ImportFileResult[]) => r.map(({ seconds: _s, quality: _q, ...rest }: ImportFileResult & { quality?: unknown }) => rest);
    expect(strip(JSON.parse(b.stdout))).toEqual(strip(JSON.parse(a.stdout)));
    const rows = incidents(two);
    expect(rows).toEqual(incidents(one));
    const raw = readdirSync(data.policeUkDir)
      .filter((f) => f.endsWith('.csv'))
      .reduce((n, f) => n + parseCsvText(readFileSync(path.join(data.policeUkDir, f), 'utf8')).length - 1, 0);
    expect(rows.length).toBe(raw);
  }, 120_000);

  it('refuses a bad row the same way, naming the row and column, and keeps nothing', async () => {
    const dir = tempDir();
    const source = readFileSync(path.join(data.policeUkDir, '2017-01-city-of-london-street.csv'), 'utf8').split('\n');
    source[150] = source[150]!.replace('2017-01', '2017-13');
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, source.join('\n'));
    for (const thread of ['0', '1'] as const) {
      const db = path.join(dir, `bad-${thread}.sqlite`);
      const r = await run(['import', bad, '--db', db, '--json'], thread);
      expect(r.code).toBe(1);
      const [result] = JSON.parse(r.stdout) as ImportFileResult[];
      expect(result!.error).toMatchObject({ code: 'bad-input', details: { row: 151, column: 'Month' } });
      expect(result!.rowsRead).toBe(150);
      expect(incidents(db)).toEqual([]);
    }
  }, 120_000);
});

describe('wardlens imports delete', () => {
  it('deletes an import and says which months went with it', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'w.sqlite');
    const files = readdirSync(data.policeUkDir).filter((f) => f.endsWith('.csv')).sort().slice(0, 2).map((f) => path.join(data.policeUkDir, f));
    const imported = await run(['import', ...files, '--db', db, '--json'], '0');
    const [first, second] = JSON.parse(imported.stdout) as ImportFileResult[];
    const r = await run(['imports', 'delete', '--db', db, '--import', String(second!.importId), '--json'], '0');
    expect(r.code).toBe(0);
    const deleted = JSON.parse(r.stdout) as DeletedImport;
    expect(deleted).toMatchObject({ importId: second!.importId, rowsRemoved: second!.rowsStored, emptiedMonths: ['2017-02'], datasetRemoved: false });
    expect(incidents(db).length).toBe(first!.rowsStored);
    const text = await run(['imports', 'delete', '--db', db, '--import', String(first!.importId)], '0');
    expect(text.stdout).toMatch(/^Deleted import \d+ \(2017-01-city-of-london-street\.csv\) from police\.uk incidents, City of London Police: [\d,]+ rows removed\./);
    expect(text.stdout).toMatch(/No other import holds Jan 2017/);
    const missing = await run(['imports', 'delete', '--db', db, '--import', '999'], '0');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no import 999/);
  }, 120_000);
});
