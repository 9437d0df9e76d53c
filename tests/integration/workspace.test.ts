// Workspaces: migrations and pragmas, refusing newer or foreign files, re-imports that change nothing.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/handlers';
import { importFile } from '../../src/core/importers/importFile';
import { latestVersion, migrations } from '../../src/core/store/migrations';
import { workspaceInfo } from '../../src/core/store/info';
import { openWorkspace } from '../../src/core/store/workspace';
import { WardlensError } from '../../src/core/errors';
import { data } from '../support/data';
import { cleanupTempDirs, sha256File, tableCounts, tempDir, tempWorkspace } from '../support/workspace';

afterAll(cleanupTempDirs);

function openError(file: string, options = {}): WardlensError {
  try {
    openWorkspace(file, options).close();
  } catch (err) {
    if (err instanceof WardlensError) return err;
    throw err;
  }
  throw new Error(`expected ${file} to be refused`);
}

describe('a new workspace', () => {
  it('is migrated to the latest schema version, in WAL mode with foreign keys on', () => {
    const ws = tempWorkspace();
    expect(latestVersion).toBe(migrations.at(-1)!.version);
    expect(latestVersion).toBeGreaterThan(0);
    expect(ws.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(workspaceInfo(ws).schemaVersion).toBe(latestVersion);
    ws.close();
  });

  it('holds the London gazetteer: 33 boroughs and every ward with its boundary sets', () => {
    const gazetteer = JSON.parse(readFileSync(data.gazetteer, 'utf8')) as {
      boroughs: unknown[];
      wards: { vintages: string[] }[];
    };
    const ws = tempWorkspace();
    const info = workspaceInfo(ws);
    expect(info.areas.boroughs).toBe(33);
    expect(gazetteer.boroughs).toHaveLength(33);
    expect(info.areas.wards).toBe(gazetteer.wards.length);
    expect(info.areas.wardVintages).toEqual(['2014', '2018', '2022']);
    const vintages = gazetteer.wards.reduce((n, w) => n + w.vintages.length, 0);
    expect((ws.db.prepare('SELECT count(*) AS n FROM area_vintages').get() as { n: number }).n).toBe(
      vintages,
    );
    expect(info.datasets).toEqual([]);
    expect(info.imports).toEqual([]);
    ws.close();
  });

  it('enforces foreign keys', () => {
    const ws = tempWorkspace();
    expect(() =>
      ws.db
        .prepare(
          'INSERT INTO monthly_counts (import_id, dataset_id, area_id, borough_id, month, category_id, count) VALUES (999, 999, 1, 1, 201701, 999, 1)',
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    ws.close();
  });

  it('is opened again as it was, without re-running migrations', async () => {
    const ws = tempWorkspace();
    expect((await importFile(ws, data.mpsBoroughRecent)).status).toBe('imported');
    const counts = tableCounts(ws.db);
    ws.close();
    const again = openWorkspace(ws.path);
    expect(tableCounts(again.db)).toEqual(counts);
    expect(again.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    again.close();
  });
});

describe('files that are not this version’s workspaces', () => {
  it('refuses a workspace made by a newer Wardlens, leaving it untouched', () => {
    const ws = tempWorkspace();
    ws.close();
    const raw = new Database(ws.path);
    raw.pragma(`user_version = ${latestVersion + 1}`);
    raw.close();
    const before = sha256File(ws.path);
    const e = openError(ws.path);
    expect(e.code).toBe('workspace-too-new');
    expect(e.message).toContain(ws.path);
    expect(e.message).toMatch(/newer version of Wardlens/);
    expect(e.message).toContain(String(latestVersion + 1));
    expect(sha256File(ws.path)).toBe(before);
  });

  it('refuses an SQLite file that is not a Wardlens workspace', () => {
    const file = path.join(tempDir(), 'other.sqlite');
    const raw = new Database(file);
    raw.exec(
      "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('A');",
    );
    raw.close();
    const e = openError(file);
    expect(e.code).toBe('workspace-invalid');
    expect(e.message).toContain(file);
    const check = new Database(file, { readonly: true });
    expect(check.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all()).toEqual([
      { name: 'customers' },
    ]);
    check.close();
  });

  it('refuses a file that is not SQLite at all', () => {
    const file = path.join(tempDir(), 'notes.wardlens.sqlite');
    writeFileSync(file, 'These are my notes, not a database.\n'.repeat(200));
    const e = openError(file);
    expect(e.code).toBe('workspace-invalid');
    expect(e.message).toContain(file);
  });

  it('refuses to create a workspace when one must exist', () => {
    const file = path.join(tempDir(), 'missing.wardlens.sqlite');
    expect(openError(file, { mustExist: true }).code).toBe('not-found');
  });
});

describe('importing the same file twice', () => {
  it('reports already-imported and changes nothing', async () => {
    const ws = tempWorkspace();
    const [first] = await dispatch({ workspace: ws }, 'import/files', { paths: [data.mpsBoroughRecent] });
    expect(first!.status).toBe('imported');
    const counts = tableCounts(ws.db);
    const info = workspaceInfo(ws);
    const [second] = await dispatch({ workspace: ws }, 'import/files', { paths: [data.mpsBoroughRecent] });
    expect(second).toMatchObject({
      status: 'already-imported',
      importId: first!.importId,
      dataset: first!.dataset,
      error: null,
      rowsStored: 0,
    });
    expect(tableCounts(ws.db)).toEqual(counts);
    expect(workspaceInfo(ws)).toEqual(info);
    ws.close();
  });

  it('refuses a call with no paths as a bad request', async () => {
    const ws = tempWorkspace();
    await expect(dispatch({ workspace: ws }, 'import/files', { paths: [] })).rejects.toMatchObject({
      code: 'bad-request',
    });
    ws.close();
  });
});
