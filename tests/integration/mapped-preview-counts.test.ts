// The mapping check reads every stored row's counts as the import reads them: a count the
// import would refuse ("n/a") fails the check with the import's own error, before any import.
// The partner sheet is made at run time from the real 2022-ward MPS file, laid out as a
// partner sends it: title rows above the header, "Jan-24" months, a totals row.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../src/shared/importing';
import { importFile } from '../../src/core/importers/importFile';
import { previewFile } from '../../src/core/importers/preview';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { monthColumns, readCsv, type RawTable } from '../support/raw';
import { cleanupTempDirs, scalar, tempDir, tempWorkspace } from '../support/workspace';
import { writeXlsx } from '../support/xlsx';

const MINOR = 'RES BURGLARY OF A HOME';
const MONTHS: [number, string][] = [
  [202401, 'Jan-24'],
  [202402, 'Feb-24'],
];
const TITLE_ROWS = [['Harrow Council burglary partner return'], ['Produced by the Community Safety Team'], []];
const HEADER = ['Ward', 'Month', 'Category', 'Count'];
const MAPPING: ColumnMapping = {
  area: 'Ward', month: 'Month', count: 'Count', category: 'Category', areaLevel: 'ward', vintage: '2022', boroughValue: 'Harrow',
};

let raw: RawTable;
let ws: Workspace;
/** Harrow's residential burglaries by ward and month, from the raw file: the sheet's data rows. */
let rows: [string, string, string, number][];

beforeAll(() => {
  raw = readCsv(data.mpsWard2022Recent);
  const columns = monthColumns(raw);
  const harrow = raw.rows.filter((r) => r[raw.col('LookUp_BoroughName')] === 'Harrow' && r[raw.col('MinorText')] === MINOR);
  rows = MONTHS.flatMap(([month, label]) => {
    const [col] = columns.find(([, m]) => m === month)!;
    return harrow.map((r): [string, string, string, number] => [r[raw.col('WardName')]!, label, 'Residential burglary', Number(r[col])]);
  });
  ws = tempWorkspace();
});
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

/** The partner's sheet; `bad` puts "n/a" in that data row's count. Returns the file and the sheet row of the "n/a". */
function partnerSheet(name: string, bad?: number): { file: string; badRow: number } {
  const body = rows.map((r, i) => (i === bad ? [r[0], r[1], r[2], 'n/a'] : r));
  const total = rows.reduce((t, r, i) => t + (i === bad ? 0 : r[3]), 0);
  const sheet = [...TITLE_ROWS, HEADER, ...body, ['Total', '', '', total]];
  const file = writeXlsx(path.join(tempDir(), name), sheet);
  return { file, badRow: TITLE_ROWS.length + 2 + (bad ?? 0) };
}

describe('a partner sheet with title rows above its header', () => {
  it('has its header row guessed: the first row of labels above rows of figures', async () => {
    const { file } = partnerSheet('partner-burglary.xlsx');
    const preview = await previewFile(ws, file);
    expect(preview.format).toBeNull();
    expect(preview.headerRow).toBe(TITLE_ROWS.length + 1);
    expect(preview.rows.find((r) => r.row === preview.headerRow)!.cells).toEqual(HEADER);
  });

  it('passes the check and imports the raw file’s figures when every count is a number', async () => {
    expect(rows).toHaveLength(2 * 22);
    const { file } = partnerSheet('partner-burglary-clean.xlsx');
    const { headerRow } = await previewFile(ws, file);
    const mapping = { ...MAPPING, headerRow };
    const check = await previewFile(ws, file, undefined, mapping);
    expect(check.problem).toBeNull();
    expect(check.areas).toMatchObject({ rows: rows.length + 1, rowsStored: rows.length, totalsRows: 1, areas: 22, unmatched: [] });
    const result = await importFile(ws, file, { mapping, dataset: 'Partner clean' });
    expect(result.status, result.error?.message).toBe('imported');
    expect(result.rowsStored).toBe(check.areas!.rowsStored);
    const total = rows.reduce((t, r) => t + r[3], 0);
    expect(scalar(ws.db, 'SELECT sum(count) FROM current_monthly_counts WHERE import_id = ?', result.importId)).toBe(total);
  });

  it('fails the check on an "n/a" count with the error the import gives, naming file, row and column', async () => {
    const bad = 25;
    const { file, badRow } = partnerSheet('partner-burglary-na.xlsx', bad);
    const { headerRow } = await previewFile(ws, file);
    const mapping = { ...MAPPING, headerRow };
    const imports = scalar(ws.db, 'SELECT count(*) FROM imports');

    const check = await previewFile(ws, file, undefined, mapping);
    expect(check.areas).toBeUndefined();
    expect(check.problem).toBe(
      `partner-burglary-na.xlsx (row ${badRow}, column "Count"): expected a count (a whole number), found "n/a".`,
    );
    expect(check.problemAt).toEqual({ file: 'partner-burglary-na.xlsx', row: badRow, column: 'Count', expected: 'a whole number of 0 or more', found: 'n/a' });

    const result = await importFile(ws, file, { mapping, dataset: 'Partner n/a' });
    expect(result.status).toBe('failed');
    expect(result.error?.message).toBe(check.problem);
    expect(result.error?.details).toEqual(check.problemAt);
    expect(scalar(ws.db, 'SELECT count(*) FROM imports')).toBe(imports);
  });
});
