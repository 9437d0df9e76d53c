// Bad input: every refused file gives status 'failed', an error naming file/row/column, and leaves the workspace file byte-for-byte as it was.
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFileResult, ImportOptions } from '../../src/shared/importing';
import { importFile } from '../../src/core/importers/importFile';
import { openWorkspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { cleanupTempDirs, scalar, sha256File, tableCounts, tempDir, walExists } from '../support/workspace';
import { xlsxBytes } from '../support/xlsx';

afterAll(cleanupTempDirs);

let baseDb: string;

// One workspace holding one real import, closed; each test works on its own copy in its own temp folder.
beforeAll(async () => {
  baseDb = path.join(tempDir(), 'base.wardlens.sqlite');
  const ws = openWorkspace(baseDb);
  const r = await importFile(ws, data.mpsBoroughRecent);
  expect(r.status).toBe('imported');
  ws.close();
});

/** Writes a file into a fresh temp folder. */
function fixture(name: string, content: string | Buffer): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

/** Attempts an import on a copy of the base workspace and checks that the workspace file did not change. */
async function attempt(file: string, options: ImportOptions = {}): Promise<ImportFileResult> {
  const dbPath = path.join(tempDir(), 'workspace.wardlens.sqlite');
  copyFileSync(baseDb, dbPath);
  expect(existsSync(`${dbPath}-wal`)).toBe(false);
  const before = sha256File(dbPath);
  const ws = openWorkspace(dbPath);
  const counts = tableCounts(ws.db);
  const result = await importFile(ws, file, options);
  expect(tableCounts(ws.db)).toEqual(counts);
  ws.close();
  expect(walExists(dbPath)).toBe(false); // checkpointed on close
  expect(sha256File(dbPath)).toBe(before);
  return result;
}

function expectFailure(r: ImportFileResult, code: string, where: { row?: number; column?: string } = {}) {
  expect(r.status).toBe('failed');
  expect(r.importId).toBeNull();
  expect(r.error?.code).toBe(code);
  expect(r.error?.message).toContain(r.file);
  if (where.row !== undefined) expect(r.error?.details?.row).toBe(where.row);
  if (where.column !== undefined) {
    expect(r.error?.details?.column).toBe(where.column);
    expect(r.error?.message).toContain(where.column);
  }
}

const MPS_HEADER = 'Borough,Major Category,Minor Category,201701,201702,201703';

describe('refused files leave the workspace unchanged', () => {
  it('an empty file', async () => {
    const r = await attempt(fixture('empty.csv', ''));
    expectFailure(r, 'bad-input', { row: 1 });
    expect(r.error?.message).toMatch(/empty/);
  });

  it('a file with a header and no rows', async () => {
    const r = await attempt(fixture('header only.csv', `${MPS_HEADER}\r\n`));
    expectFailure(r, 'bad-input', { row: 2 });
    expect(r.error?.message).toMatch(/no data rows/);
  });

  it('a police.uk file with a header and no rows', async () => {
    const r = await attempt(
      fixture(
        '2017-01-street.csv',
        'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n',
      ),
    );
    expectFailure(r, 'bad-input', { row: 2 });
  });

  it('a row cut short in an MPS file', async () => {
    const r = await attempt(
      fixture(
        'cut.csv',
        [
          MPS_HEADER,
          'Harrow,Burglary,Burglary - Residential,1,2,3',
          'Harrow,Robbery,Personal Property,4',
        ].join('\r\n'),
      ),
    );
    expectFailure(r, 'bad-input', { row: 3, column: '201702' });
  });

  it('text in a count column', async () => {
    const r = await attempt(
      fixture(
        'text.csv',
        [
          MPS_HEADER,
          'Harrow,Burglary,Burglary - Residential,1,2,3',
          'Brent,Burglary,Burglary - Residential,1,n/a,3',
        ].join('\n'),
      ),
    );
    expectFailure(r, 'bad-input', { row: 3, column: '201702' });
    expect(r.error?.details?.found).toBe('n/a');
  });

  it('a negative count', async () => {
    const r = await attempt(
      fixture('negative.csv', [MPS_HEADER, 'Harrow,Burglary,Burglary - Residential,1,2,-3'].join('\n')),
    );
    expectFailure(r, 'bad-input', { row: 2, column: '201703' });
    expect(r.error?.message).toMatch(/negative/);
  });

  it('a blank count in an MPS file', async () => {
    const r = await attempt(
      fixture('blank.csv', [MPS_HEADER, 'Harrow,Burglary,Burglary - Residential,1,,3'].join('\n')),
    );
    expectFailure(r, 'bad-input', { row: 2, column: '201702' });
  });

  it('a row that repeats an earlier row’s area and category', async () => {
    const rows = [
      MPS_HEADER,
      'Harrow,Burglary,Burglary - Residential,1,2,3',
      'Brent,Drugs,Other Drug Offences,1,1,1',
      'Harrow,Burglary,Burglary - Residential,1,2,3',
    ];
    const r = await attempt(fixture('twice.csv', rows.join('\n')));
    expectFailure(r, 'bad-input', { row: 4 });
    expect(r.error?.message).toMatch(/row 2/);
  });

  it('a police.uk row with an unreadable month', async () => {
    const header =
      'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
    const row = (month: string) =>
      `,${month},City of London Police,City of London Police,-0.1,51.5,On or near X,E01000001,City of London 001A,Anti-social behaviour,,`;
    const r = await attempt(
      fixture('2017-02-street.csv', [header, row('2017-02'), row('Feb 2017')].join('\n')),
    );
    expectFailure(r, 'bad-input', { row: 3, column: 'Month' });
  });

  it('a mapped sheet with an unreadable month', async () => {
    const file = fixture(
      'long.csv',
      'Ward,Month,Count\nHeadstone North,Jan-17,3\nHeadstone North,Sometime,4\n',
    );
    const r = await attempt(file, {
      mapping: { area: 'Ward', month: 'Month', count: 'Count', categoryValue: 'Burglary' },
    });
    expectFailure(r, 'bad-input', { row: 3, column: 'Month' });
  });

  it('a CSV with a quote that is never closed', async () => {
    const rows = [
      MPS_HEADER,
      ...Array.from({ length: 40 }, (_, i) => `Borough ${i},Burglary,Burglary - Residential,1,2,3`),
      'Harrow,"Robbery,Personal Property,1,2,3',
    ];
    const r = await attempt(fixture('quote.csv', rows.join('\n')));
    expectFailure(r, 'bad-input', { row: 42 });
  });

  it('an unknown layout', async () => {
    const r = await attempt(fixture('stock.csv', 'Item,Colour,Size\nTorch,black,3\n'));
    expectFailure(r, 'unknown-format', { row: 1 });
    expect(r.error?.message).toContain('Item, Colour, Size');
  });

  it('binary junk renamed .xlsx and renamed .csv', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256));
    const asXlsx = await attempt(fixture('junk.xlsx', junk));
    expectFailure(asXlsx, 'bad-input');
    expect(asXlsx.error?.message).toMatch(/xlsx/);
    const asCsv = await attempt(fixture('junk.csv', junk));
    expectFailure(asCsv, 'bad-input', { row: 1 });
    expect(asCsv.error?.message).toMatch(/not a text CSV/);
  });

  it('a sheet name the workbook does not have', async () => {
    const file = fixture(
      'book.xlsx',
      xlsxBytes(
        [
          ['Ward', 'Jan-17'],
          ['Headstone North', 3],
        ],
        'Data',
      ),
    );
    const r = await attempt(file, {
      mapping: { sheet: 'Burglary', area: 'Ward', monthsAcrossColumns: true, categoryValue: 'Burglary' },
    });
    expectFailure(r, 'bad-input');
    expect(r.error?.message).toContain('Data');
  });

  it('a file that does not exist', async () => {
    const r = await attempt(path.join(tempDir(), 'missing.csv'));
    expectFailure(r, 'not-found');
  });

  it('the same file again, under its own name or another', async () => {
    const again = await attempt(data.mpsBoroughRecent);
    expect(again.status).toBe('already-imported');
    expect(again.error).toBeNull();
    expect(again.importId).toBe(1);
    expect(again.warnings[0]).toMatch(/already imported/);
    const copy = path.join(tempDir(), 'renamed copy.csv');
    copyFileSync(data.mpsBoroughRecent, copy);
    expect((await attempt(copy)).status).toBe('already-imported');
  });
});

describe('hostile text', () => {
  it('stores an SQL-looking area name as a literal name; the imports table survives', async () => {
    const ws = openWorkspace(path.join(tempDir(), 'workspace.wardlens.sqlite'));
    const hostile = "'); DROP TABLE imports;--";
    const file = fixture(
      'hostile.csv',
      [
        MPS_HEADER,
        'Harrow,Burglary,Burglary - Residential,1,2,3',
        `"${hostile}",Burglary,Burglary - Residential,4,5,6`,
      ].join('\n'),
    );
    const r = await importFile(ws, file);
    expect(r.status).toBe('imported');
    expect(r.rowsStored + r.rowsRejected).toBe(2);
    expect(
      scalar(ws.db, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'imports'`),
    ).toBe(1);
    expect(scalar(ws.db, 'SELECT count(*) FROM imports')).toBe(1);
    const stored = scalar(
      ws.db,
      `SELECT sum(c.count) FROM monthly_counts c JOIN areas a ON a.id = c.area_id WHERE a.name = ?`,
      hostile,
    );
    const listed = r.unmatchedNames.some((u) => u.name === hostile);
    expect(stored === 15 || listed).toBe(true);
    ws.close();
  });
});
