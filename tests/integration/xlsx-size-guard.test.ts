// The xlsx size guard: a sheet over the limit is refused as 'too-large' (suggesting CSV) before SheetJS reads it.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { cleanupTempDirs, sha256File, tableCounts, tempDir, walExists } from '../support/workspace';
import { xlsxBytes } from '../support/xlsx';
import { zipEntrySizes } from '../../src/core/importers/readers/zipSizes';

// The limit is read when the reader module loads, so set a small one first (16 KB of sheet XML).
const LIMIT = 16 * 1024;
process.env.WARDLENS_MAX_SHEET_BYTES = String(LIMIT);
const { importFile } = await import('../../src/core/importers/importFile');
delete process.env.WARDLENS_MAX_SHEET_BYTES; // read once at load: do not leak it to other test files

afterAll(cleanupTempDirs);

const mapping = { area: 'Ward', monthsAcrossColumns: true, categoryValue: 'Burglary' };
const sheet = (rows: number) => [
  ['Ward', 'Jan-17', 'Feb-17'],
  ...Array.from({ length: rows }, () => ['Headstone North', 1, 2]),
];

let baseDb: string;
beforeAll(async () => {
  baseDb = path.join(tempDir(), 'base.wardlens.sqlite');
  const ws = openWorkspace(baseDb);
  expect((await importFile(ws, data.mpsBoroughRecent)).status).toBe('imported');
  ws.close();
});

describe('xlsx size guard', () => {
  it('refuses a sheet over the limit with code too-large, suggesting CSV, and changes nothing', async () => {
    const bytes = xlsxBytes(sheet(2_000));
    expect(zipEntrySizes(bytes)!.get('xl/worksheets/sheet1.xml')).toBeGreaterThan(LIMIT);
    const file = path.join(tempDir(), 'big partner sheet.xlsx');
    writeFileSync(file, bytes);
    const dbPath = path.join(tempDir(), 'workspace.wardlens.sqlite');
    copyFileSync(baseDb, dbPath);
    const before = sha256File(dbPath);
    const ws = openWorkspace(dbPath);
    const counts = tableCounts(ws.db);
    const r = await importFile(ws, file, { mapping });
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('too-large');
    expect(r.error?.message).toContain('big partner sheet.xlsx');
    expect(r.error?.message).toMatch(/CSV/);
    expect(tableCounts(ws.db)).toEqual(counts);
    ws.close();
    expect(walExists(dbPath)).toBe(false);
    expect(sha256File(dbPath)).toBe(before);
  });

  it('reads a sheet under the limit', async () => {
    const bytes = xlsxBytes(sheet(10));
    expect(zipEntrySizes(bytes)!.get('xl/worksheets/sheet1.xml')).toBeLessThan(LIMIT);
    const file = path.join(tempDir(), 'small partner sheet.xlsx');
    writeFileSync(file, bytes);
    const ws = openWorkspace(path.join(tempDir(), 'workspace.wardlens.sqlite'));
    const r = await importFile(ws, file, { mapping });
    expect([r.status, r.rowsStored, r.error]).toEqual(['imported', 10, null]);
    ws.close();
  });
});
