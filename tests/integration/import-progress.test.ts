// An MPS ward file is read twice (its ward codes, to know its boundary set; then its figures):
// a large xlsx sheet the second time from the rows kept by the first (readers/remember.ts), a
// CSV file from the file again. Either way the import must report its progress as it goes and
// stop, keeping nothing, when cancelled: the real 2018-ward file (22,168 rows × 24 months), as
// CSV and saved as an xlsx large enough to be streamed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ImportProgress } from '../../src/shared/importing';
import { importFile } from '../../src/core/importers/importFile';
import { data } from '../support/data';
import { monthColumns, readCsv, sumByMonth } from '../support/raw';
import { cleanupTempDirs, monthlyTotals, nonZero, scalar, tempDir, tempWorkspace } from '../support/workspace';

afterAll(cleanupTempDirs);

let xlsxFile: string;

beforeAll(() => {
  delete process.env.WARDLENS_XLSX_STREAM_BYTES;
  const raw = readCsv(data.mpsWard2018);
  const months = new Set(monthColumns(raw).map(([i]) => i));
  const rows = [raw.header, ...raw.rows.map((r) => r.map((c, i) => (months.has(i) ? Number(c) : c)))];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { dense: true }), 'Ward Level Crime');
  xlsxFile = path.join(tempDir(), 'MPS Ward Level Crime (most recent 24 months).xlsx');
  writeFileSync(xlsxFile, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Buffer);
}, 120_000);

const files = () => [
  ['CSV', data.mpsWard2018],
  ['xlsx', xlsxFile],
] as const;

describe('an MPS ward import, read twice', () => {
  for (const [kind, file] of [['CSV', 0], ['xlsx', 1]] as const) {
    it(`${kind}: reports its progress as it goes and stores every figure`, async () => {
      const ws = tempWorkspace();
      try {
        const events: ImportProgress[] = [];
        const result = await importFile(ws, files()[file][1], {}, { onProgress: (p) => events.push({ ...p }) });
        expect(result.error?.message ?? null).toBeNull();
        expect(result.rowsRead).toBe(22_168);
        // Progress is reported at most every 100 ms: a fast machine may see only a few.
        expect(events.length).toBeGreaterThan(0);
        for (let i = 1; i < events.length; i++) {
          expect(events[i]!.rows).toBeGreaterThanOrEqual(events[i - 1]!.rows);
          expect(events[i]!.percent!).toBeGreaterThanOrEqual(events[i - 1]!.percent!);
        }
        for (const e of events) {
          // Rows and per cent move together: a replay that ran ahead of its rows would not.
          expect(e.percent!).toBeGreaterThan(0);
          expect(e.percent!).toBeLessThanOrEqual(100);
          expect(Math.abs(e.percent! - (100 * e.rows) / 22_168)).toBeLessThan(40);
        }
        const raw = readCsv(data.mpsWard2018);
        const dataset = scalar(ws.db, 'SELECT dataset_id FROM imports WHERE id = ?', result.importId);
        expect(nonZero(monthlyTotals(ws.db, { dataset }).all)).toEqual(nonZero(sumByMonth(raw)));
      } finally {
        ws.close();
      }
    }, 120_000);

    it(`${kind}: cancelled part way, keeps nothing`, async () => {
      const ws = tempWorkspace();
      try {
        const stop = new AbortController();
        let seen = 0;
        const result = await importFile(ws, files()[file][1], {}, {
          signal: stop.signal,
          onProgress: (p) => {
            seen = p.rows;
            stop.abort();
          },
        });
        expect(result.status).toBe('failed');
        expect(result.error?.code).toBe('cancelled');
        expect(seen).toBeGreaterThan(0);
        expect(seen).toBeLessThan(22_168);
        for (const table of ['imports', 'monthly_counts', 'monthly_totals', 'superseded_counts']) {
          expect(scalar(ws.db, `SELECT count(*) FROM ${table}`), table).toBe(0);
        }
      } finally {
        ws.close();
      }
    }, 120_000);
  }
});
