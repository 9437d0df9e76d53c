// Spreadsheets read through a column mapping: a partner's xlsx (title rows, Excel-date months, totals row) and a long csv.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../src/shared/importing';
import { importFile } from '../../src/core/importers/importFile';
import type { Workspace } from '../../src/core/store/workspace';
import { cleanupTempDirs, scalar, tableCounts, tempDir, tempWorkspace } from '../support/workspace';
import { excelMonthCell, writeXlsx } from '../support/xlsx';

afterAll(cleanupTempDirs);

const MONTHS: [number, number][] = [
  [2016, 11],
  [2016, 12],
  [2017, 1],
  [2017, 2],
  [2017, 3],
];
const yyyymm = ([y, m]: [number, number]) => y * 100 + m;

// Ward names as a partner might spell them → the gazetteer's ONS code for that ward.
const WARDS: [string, string, (number | null)[]][] = [
  ['HEADSTONE NORTH', 'E05000292', [3, 1, 4, 1, 5]],
  ['Headstone-South', 'E05000293', [2, 0, 7, 1, 8]],
  ['Stanmore Park.', 'E05000303', [0, 2, null, 3, 1]],
  [' wealdstone ', 'E05000304', [6, 5, 3, 5, 9]],
  ['ST MARKS', '', [1, 1, 1, 1, 1]], // St. Mark's (Kingston upon Thames): apostrophe and full stop dropped
];

function sumCells(cells: (number | null)[]): number {
  return cells.reduce<number>((a, b) => a + (b ?? 0), 0);
}

/** A partner's sheet: two title rows and a blank row above the header; months as Excel dates; a totals row. */
function writePartnerSheet(file: string): string {
  const wardRows = WARDS.map(([name, , cells]) => [name, ...cells, sumCells(cells)]);
  const unknown = ['Narnia Central', 1, 2, 3, 4, 5, 15];
  const totals = [
    'Total',
    ...MONTHS.map((_, i) => WARDS.reduce((a, [, , c]) => a + (c[i] ?? 0), 0) + Number(unknown[i + 1])),
    0,
  ];
  return writeXlsx(file, [
    ['Harrow Community Safety Partnership'],
    ['Residential burglary by ward, November 2016 to March 2017'],
    [],
    ['Ward', ...MONTHS.map(([y, m]) => excelMonthCell(y, m)), 'Total'],
    ...wardRows.slice(0, 2),
    unknown,
    ...wardRows.slice(2),
    ['Narnia Central', 0, 0, 1, 0, 0, 1],
    [],
    totals,
  ]);
}

const wardCode = (ws: Workspace, code: string, name: string) =>
  code ||
  (ws.db.prepare(`SELECT code FROM areas WHERE kind = 'ward' AND name = ?`).get(name) as { code: string })
    .code;

function storedByWardMonth(ws: Workspace, importId: number): Record<string, number> {
  const rows = ws.db
    .prepare(
      `SELECT a.code, c.month, c.count FROM monthly_counts c JOIN areas a ON a.id = c.area_id WHERE c.import_id = ?`,
    )
    .all(importId) as { code: string; month: number; count: number }[];
  return Object.fromEntries(rows.map((r) => [`${r.code} ${r.month}`, r.count]));
}

describe('a mapped xlsx with months across the columns', () => {
  const mapping: ColumnMapping = {
    headerRow: 4,
    area: 'Ward',
    monthsAcrossColumns: true,
    categoryValue: 'Burglary',
  };

  it('stores each ward’s months, matching variant spellings, skipping the totals row and listing unknown names', async () => {
    const ws = tempWorkspace();
    const file = writePartnerSheet(path.join(tempDir(), 'Harrow burglary by ward.xlsx'));
    const r = await importFile(ws, file, { mapping });
    expect([r.status, r.format, r.dataset, r.error]).toEqual([
      'imported',
      'mapped',
      'Harrow burglary by ward',
      null,
    ]);
    expect(r.months).toEqual({ first: '2016-11', last: '2017-03', count: 5 });
    expect(r.rowsRead).toBe(WARDS.length + 3); // wards, two unknown rows, the totals row
    expect(r.rowsStored).toBe(WARDS.length);
    // The two unknown rows are rejected; the totals row is skipped, not rejected: it is no ward.
    expect(r.rowsRejected).toBe(2);
    expect(r.unmatchedNames).toEqual([{ name: 'Narnia Central', rows: 2 }]);
    expect(r.skipped).toMatchObject({ rows: 1, notA: 'ward', names: [{ name: 'Total', rows: 1 }] });
    expect(r.warnings.join(' ')).toMatch(/1 row skipped: not a ward \(Total\)/);
    expect(r.warnings.join(' ')).toMatch(/1 blank count cell/);

    const expected: Record<string, number> = {};
    for (const [, code, cells] of WARDS) {
      const c = wardCode(ws, code, "St. Mark's");
      cells.forEach((v, i) => {
        if (v) expected[`${c} ${yyyymm(MONTHS[i]!)}`] = v;
      });
    }
    expect(storedByWardMonth(ws, r.importId!)).toEqual(expected);
    const grand = WARDS.reduce((a, [, , c]) => a + sumCells(c), 0);
    expect(
      scalar(ws.db, 'SELECT sum(count) FROM current_monthly_counts WHERE import_id = ?', r.importId),
    ).toBe(grand);
    // Harrow's wards are filed under Harrow; one category, as the mapping says.
    expect(
      scalar(
        ws.db,
        `SELECT count(*) FROM monthly_counts c JOIN areas b ON b.id = c.borough_id WHERE c.import_id = ? AND b.code = 'E09000015'`,
        r.importId,
      ),
    ).toBe(Object.keys(expected).length - 5);
    expect(ws.db.prepare(`SELECT scheme, major, minor FROM categories`).all()).toEqual([
      { scheme: 'mapped', major: 'Burglary', minor: 'Burglary' },
    ]);
    const d = ws.db
      .prepare('SELECT kind, area_level AS level, category_scheme AS scheme FROM datasets')
      .get();
    expect(d).toEqual({ kind: 'counts', level: 'ward', scheme: 'mapped' });
    ws.close();
  });

  it('refuses a mapping whose header row holds no months, naming the file and row', async () => {
    const ws = tempWorkspace();
    const file = writePartnerSheet(path.join(tempDir(), 'partner.xlsx'));
    const before = tableCounts(ws.db);
    const r = await importFile(ws, file, { mapping: { ...mapping, headerRow: 2 } });
    expect(r.status).toBe('failed');
    expect(r.error?.message).toContain('partner.xlsx');
    expect(tableCounts(ws.db)).toEqual(before);
    ws.close();
  });
});

describe('a mapped long csv with months as text', () => {
  const mapping: ColumnMapping = { area: 'Ward', month: 'Month', category: 'Offence', count: 'Count' };

  it('adds up rows split over one ward, month and category, reading "Jan-17" style months', async () => {
    const ws = tempWorkspace();
    const file = path.join(tempDir(), 'offences by month.csv');
    const rows: [string, string, string, string][] = [
      ['Headstone North', 'Jan-17', 'Burglary', '3'],
      ['HEADSTONE NORTH', 'Jan-17', 'burglary', '2'],
      ['Headstone North', 'Feb-17', 'Robbery', '1'],
      ['Wealdstone', 'Mar-17', 'Burglary', '1,204'],
      ['Wealdstone', 'Mar-17', 'Robbery', '0'],
      ['Queensbury Ward X', 'Mar-17', 'Robbery', '9'],
      ['Grand Total', 'Mar-17', 'All', '1219'],
    ];
    writeFileSync(
      file,
      [
        'Ward,Month,Offence,Count',
        ...rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')),
      ].join('\r\n'),
    );
    const r = await importFile(ws, file, { mapping });
    expect([r.status, r.format, r.error]).toEqual(['imported', 'mapped', null]);
    expect(r.months).toEqual({ first: '2017-01', last: '2017-03', count: 3 });
    expect(r.unmatchedNames).toEqual([{ name: 'Queensbury Ward X', rows: 1 }]);
    const stored = ws.db
      .prepare(
        `SELECT a.code, c.month, k.minor, c.count FROM monthly_counts c JOIN areas a ON a.id = c.area_id JOIN categories k ON k.id = c.category_id ORDER BY a.code, c.month, k.minor`,
      )
      .all();
    expect(stored).toEqual([
      { code: 'E05000292', month: 201701, minor: 'Burglary', count: 5 },
      { code: 'E05000292', month: 201702, minor: 'Robbery', count: 1 },
      { code: 'E05000304', month: 201703, minor: 'Burglary', count: 1204 },
    ]);
    ws.close();
  });

  it('reads borough names when the mapping says the areas are boroughs', async () => {
    const ws = tempWorkspace();
    const file = path.join(tempDir(), 'boroughs.csv');
    writeFileSync(
      file,
      'Borough,Month,Count\nHarrow,January 2017,10\nKensington & Chelsea,2017-01,7\nBrent,201701,4\n',
    );
    const r = await importFile(ws, file, {
      mapping: {
        area: 'Borough',
        areaLevel: 'borough',
        month: 'Month',
        count: 'Count',
        categoryValue: 'Burglary',
      },
    });
    expect([r.status, r.rowsStored, r.unmatchedNames]).toEqual(['imported', 3, []]);
    const stored = ws.db
      .prepare(
        `SELECT a.code, c.count FROM monthly_counts c JOIN areas a ON a.id = c.area_id WHERE c.month = 201701 ORDER BY a.code`,
      )
      .all();
    expect(stored).toEqual([
      { code: 'E09000005', count: 4 },
      { code: 'E09000015', count: 10 },
      { code: 'E09000020', count: 7 },
    ]);
    ws.close();
  });
});
