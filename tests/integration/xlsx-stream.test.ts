// A large xlsx sheet is read in a stream (readers/xlsxStream.ts), not by SheetJS: the real
// 2018-ward MPS file (22,168 rows × 24 months), saved as xlsx as Excel would (numbers as
// numbers, text as shared strings), imports with every figure the CSV holds.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ImportFileResult } from '../../src/shared/importing';
import { importFile } from '../../src/core/importers/importFile';
import { streamSheetBytes } from '../../src/core/importers/readers/xlsx';
import { zipEntrySizes } from '../../src/core/importers/readers/zipSizes';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { monthColumns, readCsv, sumByMonth, type RawTable } from '../support/raw';
import { cleanupTempDirs, monthlyTotals, nonZero, scalar, tempDir, tempWorkspace } from '../support/workspace';

afterAll(cleanupTempDirs);

let raw: RawTable;
let file: string;
let ws: Workspace;
let result: ImportFileResult;

beforeAll(async () => {
  // The default threshold, whatever the environment says.
  delete process.env.WARDLENS_XLSX_STREAM_BYTES;
  raw = readCsv(data.mpsWard2018);
  const months = new Set(monthColumns(raw).map(([i]) => i));
  const rows = [raw.header, ...raw.rows.map((r) => r.map((c, i) => (months.has(i) ? Number(c) : c)))];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { dense: true }), 'Ward Level Crime');
  file = path.join(tempDir(), 'MPS Ward Level Crime (most recent 24 months).xlsx');
  writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Buffer);
  ws = tempWorkspace();
  result = await importFile(ws, file);
}, 180_000);
afterAll(() => ws?.close());

describe('a large MPS ward xlsx, read in a stream', () => {
  it('has a sheet large enough to be streamed at the default threshold', () => {
    const sizes = zipEntrySizes(readFileSync(file))!;
    expect(sizes.get('xl/worksheets/sheet1.xml')!).toBeGreaterThan(streamSheetBytes());
  });

  it('imports every row and every figure of the file', () => {
    expect(result.error?.message ?? null).toBeNull();
    expect(result.status).toBe('imported');
    expect(result.areas).toBe(632);
    const dataset = scalar(ws.db, 'SELECT dataset_id FROM imports WHERE id = ?', result.importId);
    const totals = monthlyTotals(ws.db, { dataset });
    expect(nonZero(totals.all)).toEqual(nonZero(sumByMonth(raw)));
    const harrow = raw.col('LookUp_BoroughName');
    expect(nonZero(totals.borough('Harrow'))).toEqual(nonZero(sumByMonth(raw, (r) => r[harrow] === 'Harrow')));
  });
});
