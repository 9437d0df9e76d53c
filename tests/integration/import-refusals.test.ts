// What review 4 found in the import's words, on real files: a .parquet was offered a mapping it
// could never use, and the refusal listed only .csv and .xlsx; a partner sheet's "Total" row and
// a population table's regions were counted as "rejected"; a CSV with two bad cells named only
// the first. Each bad file is built here, in a temp folder, from a real one.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/core/importers/importFile';
import { importFiles } from '../../src/core/importers/importFiles';
import { previewFile } from '../../src/core/importers/preview';
import { readableExtensions } from '../../src/core/importers/fileTypes';
import { isBoundaryFile } from '../../src/core/geo/sources';
import type { ApiError } from '../../src/shared/errors';
import type { ColumnMapping } from '../../src/shared/importing';
import type { Workspace } from '../../src/core/store/workspace';
import { batchRowsText, skippedText } from '../../src/renderer/views/import/leftOut';
import { data } from '../support/data';
import { monthColumns, readCsv } from '../support/raw';
import { cleanupTempDirs, scalar, sha256File, tableCounts, tempDir, tempWorkspace } from '../support/workspace';
import { writeXlsx } from '../support/xlsx';

afterAll(cleanupTempDirs);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Runs an import that must be refused and checks the workspace did not change at all. */
async function refused(ws: Workspace, file: string) {
  const before = tableCounts(ws.db);
  const imports = scalar(ws.db, 'SELECT count(*) FROM imports');
  const r = await importFile(ws, file);
  expect(r.status).toBe('failed');
  expect(tableCounts(ws.db)).toEqual(before);
  expect(scalar(ws.db, 'SELECT count(*) FROM imports')).toBe(imports);
  return r;
}

describe('a kind of file Wardlens does not read', () => {
  let ws: Workspace;
  let parquet: string;
  beforeAll(() => {
    ws = tempWorkspace();
    // A parquet file's own marks round real figures: what the MPS's parquet download looks like to a reader.
    const body = readFileSync(data.mpsBoroughRecent);
    parquet = path.join(tempDir(), 'recorded-crime-ward-historical.parquet');
    writeFileSync(parquet, Buffer.concat([Buffer.from('PAR1'), body, Buffer.from('PAR1')]));
  });

  it('is refused at its first look, naming the file and every kind the importers read', async () => {
    const error = (await previewFile(ws, parquet).then(
      () => null,
      (e: { toApiError(): ApiError }) => e.toApiError(),
    ))!;
    expect(error, 'the preview must refuse the file, not offer a mapping').not.toBeNull();
    expect(error.code).toBe('unreadable-file');
    expect(error.details).toEqual({ file: 'recorded-crime-ward-historical.parquet', found: '.parquet' });
    expect(error.message).toMatch(/^recorded-crime-ward-historical\.parquet: Wardlens reads /);
    expect(error.message).toContain('“.parquet” is none of these');
    // Every extension the importers take is named, boundaries and zips too, in words an analyst knows.
    for (const ext of readableExtensions()) expect(error.message).toContain(ext);
    expect(error.message).toContain('GeoJSON boundaries (.geojson, .json)');
    expect(error.message).toContain('zipped shapefiles (.zip)');
    expect(error.message).toContain('Excel workbooks (.xlsx, .xlsm)');
  });

  it('names only kinds the importers really take', async () => {
    const dir = tempDir();
    const tables = readableExtensions().filter((e) => !isBoundaryFile(`x${e}`) && e !== '.zip');
    expect(tables).toEqual(['.csv', '.txt', '.xlsx', '.xlsm']);
    for (const ext of ['.csv', '.txt']) {
      const file = path.join(dir, `borough${ext}`);
      writeFileSync(file, readFileSync(data.mpsBoroughRecent));
      expect((await previewFile(ws, file)).format).toBe('mps-borough-old');
    }
    for (const ext of ['.geojson', '.json', '.shp']) expect(isBoundaryFile(`boundaries${ext}`)).toBe(true);
  });

  it('is refused by the import with the same words, the workspace unchanged', async () => {
    const r = await refused(ws, parquet);
    expect(r.error?.code).toBe('unreadable-file');
    expect(r.error?.message).toContain('GeoJSON');
  });
});

/**
 * Harrow's residential burglary by ward from the real 2018-ward file, months across, a "Total"
 * row under it; `bad` puts text in cells: [ward row (0 = the first), month column (0 = the first), text].
 */
function partnerSheet(file: string, bad: [number, number, string][] = []) {
  const raw = readCsv(data.mpsWard2018);
  const months = monthColumns(raw);
  const harrow = raw.rows.filter(
    (r) => r[raw.col('LookUp_BoroughName')] === 'Harrow' && r[raw.col('MinorText')] === 'Domestic Burglary',
  );
  const body: (string | number)[][] = harrow.map((r) => [r[raw.col('WardName')]!, ...months.map(([i]) => Number(r[i]))]);
  const total = body.reduce((t, r) => t + r.slice(1).reduce<number>((a, b) => a + Number(b), 0), 0);
  for (const [ward, month, text] of bad) body[ward]![month + 1] = text;
  writeXlsx(file, [
    ['Harrow Community Safety Partnership: residential burglary by ward'],
    [],
    ['Ward', ...months.map(([, m]) => `${MONTHS[(m % 100) - 1]}-${String(m).slice(2, 4)}`)],
    ...body,
    ['Total', ...months.map((_, i) => body.reduce((t, r) => t + Number(r[i + 1]), 0))],
  ]);
  return { wards: body.length, total };
}

const PARTNER_MAPPING: ColumnMapping = {
  headerRow: 3, area: 'Ward', areaLevel: 'ward', vintage: '2018', boroughValue: 'Harrow',
  monthsAcrossColumns: true, categoryValue: 'Residential burglary',
};

describe('rows that are no area of the file’s level', () => {
  it('skips a partner sheet’s "Total" row and names it, rejecting nothing', async () => {
    const ws = tempWorkspace();
    const file = path.join(tempDir(), 'Harrow burglary by ward.xlsx');
    const sheet = partnerSheet(file);
    expect(sheet.wards).toBe(21); // Harrow's 21 wards of 2018
    const mapping = PARTNER_MAPPING;
    const r = await importFile(ws, file, { mapping });
    expect(r.status, r.error?.message).toBe('imported');
    expect([r.rowsRead, r.rowsStored, r.rowsRejected]).toEqual([sheet.wards + 1, sheet.wards, 0]);
    expect(r.unmatchedNames).toEqual([]);
    expect(r.skipped).toEqual({
      rows: 1, notA: 'ward', names: [{ name: 'Total', rows: 1 }],
      message: '1 row skipped: not a ward (Total), so nothing is counted twice.',
    });
    expect(r.warnings).toContain(r.skipped!.message);
    expect(skippedText(r.skipped!)).toBe('1 skipped: not a ward (Total)');
    // The figures are the wards' own, the total not added in twice.
    expect(scalar(ws.db, 'SELECT sum(count) FROM current_monthly_counts WHERE import_id = ?', r.importId)).toBe(sheet.total);
    expect(batchRowsText([r])).toBe(`${sheet.wards + 1} rows read, ${sheet.wards} stored, 0 rejected, 1 skipped: not a ward (Total)`);
  });

  it('does not call a population table’s regions “rejected” in a batch with a crime file', async () => {
    const ws = tempWorkspace();
    const results = await importFiles(ws, [data.mpsBoroughRecent, data.populationBorough]);
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
    const raw = readCsv(data.populationBorough);
    const regions = raw.rows.filter((r) => /^E(12|13|92)/.test(r[raw.col('Code')]!));
    expect(regions.length).toBe(156); // London (E12), Inner and Outer London (E13), 52 years each
    const crime = readCsv(data.mpsBoroughRecent).rows.length;
    const read = crime + raw.rows.length;
    const stored = crime + raw.rows.length - regions.length;
    const text = batchRowsText(results);
    // Until the population importer says its regions as skipped rows, they are its "not stored"; never "rejected".
    expect(text).toMatch(
      new RegExp(
        `^${read.toLocaleString('en-GB')} rows read, ${stored.toLocaleString('en-GB')} stored, 0 rejected, ` +
          `(156 population rows not stored|156 skipped: not a borough, ward or LSOA \\(London.*\\))$`,
      ),
    );
  });
});

/** The real borough file with bad counts put in: { row (as a spreadsheet shows it): [month column, value] }. */
function badCopy(name: string, bad: [number, string, string][]) {
  const lines = readFileSync(data.mpsBoroughRecent, 'utf8').split(/\r?\n/);
  const header = lines[0]!.split(',');
  for (const [row, column, value] of bad) {
    const cells = lines[row - 1]!.split(',');
    cells[header.indexOf(column)] = value;
    lines[row - 1] = cells.join(',');
  }
  const file = path.join(tempDir(), name);
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe('a CSV with several bad cells', () => {
  it('names every one of them, each with its row and column, and keeps nothing', async () => {
    const ws = tempWorkspace();
    const file = badCopy('MPS Borough bad.csv', [
      [58, '201702', 'n/a'],
      [301, '201706', '-3'],
    ]);
    const before = sha256File(file);
    const r = await refused(ws, file);
    expect(sha256File(file)).toBe(before);
    expect(r.error?.code).toBe('bad-input');
    expect(r.error?.message.split('\n')).toEqual([
      'MPS Borough bad.csv: 2 cells cannot be read, so nothing from the file was imported. Mend them all, then import it again:',
      '  row 58, column "201702": expected a count (a whole number), found "n/a".',
      '  row 301, column "201706": counts cannot be negative, found -3.',
    ]);
    expect(r.error?.details).toMatchObject({ file: 'MPS Borough bad.csv', row: 58, column: '201702' });
    expect(r.error?.details?.cells).toEqual([
      { row: 58, column: '201702', expected: 'a whole number of 0 or more', found: 'n/a', problem: 'expected a count (a whole number), found "n/a".' },
      { row: 301, column: '201706', expected: 'a whole number of 0 or more', found: '-3', problem: 'counts cannot be negative, found -3.' },
    ]);
    expect(scalar(ws.db, 'SELECT count(*) FROM monthly_counts')).toBe(0);
  });

  it('lists the first 20 and says how many more', async () => {
    const ws = tempWorkspace();
    const bad = Array.from({ length: 27 }, (_, i): [number, string, string] => [10 + 3 * i, '201801', 'x']);
    const r = await refused(ws, badCopy('many bad.csv', bad));
    expect(r.error?.details?.cells?.map((c) => c.row)).toEqual(bad.slice(0, 20).map(([row]) => row));
    expect(r.error?.details?.moreCells).toBe(7);
    const lines = r.error!.message.split('\n');
    expect(lines[0]).toContain('27 cells cannot be read');
    expect(lines).toHaveLength(22);
    expect(lines.at(-1)).toBe('  … and 7 more.');
  });

  it('names a blank borough with the bad counts, each in its place', async () => {
    const ws = tempWorkspace();
    const r = await refused(ws, badCopy('blank borough.csv', [
      [100, 'Borough', ''],
      [200, '201803', '12abc'],
    ]));
    expect(r.error?.message.split('\n').slice(1)).toEqual([
      '  row 100, column "Borough": this cell is blank.',
      '  row 200, column "201803": expected a count (a whole number), found "12abc".',
    ]);
    expect(r.error?.details?.cells?.map((c) => [c.row, c.column, c.expected])).toEqual([
      [100, 'Borough', 'a name'],
      [200, '201803', 'a whole number of 0 or more'],
    ]);
  });

  it('names every bad cell of a mapped partner sheet, in the check before the import and in the import', async () => {
    const ws = tempWorkspace();
    const file = path.join(tempDir(), 'Harrow burglary two bad.xlsx');
    partnerSheet(file, [
      [2, 0, 'n/a'],
      [15, 5, 'tbc'],
    ]);
    // Header on row 3: ward 2 is on row 6, ward 15 on row 19; months from column B ("Sep-20").
    const expected = [
      '  row 6, column "Sep-20": expected a count (a whole number), found "n/a".',
      '  row 19, column "Feb-21": expected a count (a whole number), found "tbc".',
    ];
    const check = await previewFile(ws, file, undefined, PARTNER_MAPPING);
    expect(check.problem?.split('\n').slice(1)).toEqual(expected);
    const before = tableCounts(ws.db);
    const r = await importFile(ws, file, { mapping: PARTNER_MAPPING });
    expect(r.status).toBe('failed');
    expect(r.error?.message).toBe(check.problem);
    expect(r.error?.details?.cells?.map((c) => c.row)).toEqual([6, 19]);
    expect(tableCounts(ws.db)).toEqual(before);
  });

  it('still refuses a file with one bad cell in the words it always had', async () => {
    const ws = tempWorkspace();
    const r = await refused(ws, badCopy('one bad.csv', [[58, '201702', 'n/a']]));
    expect(r.error?.message).toBe('one bad.csv (row 58, column "201702"): expected a count (a whole number), found "n/a".');
    expect(r.error?.details?.cells).toBeUndefined();
  });
});
