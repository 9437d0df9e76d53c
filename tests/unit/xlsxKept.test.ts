// src/core/importers/readers/xlsxStream.ts: a large sheet small enough to keep is read from its
// XML once (the pass that finds its bounds keeps its cells); every read after hands out the
// very same rows, with progress and cancelling as a read of the file has them. A sheet with
// more cells than maxKeptCells is read from its XML again on every read, to the same rows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { openTable } from '../../src/core/importers/readers/open';
import type { SheetRow, TableSource } from '../../src/core/importers/readers/table';

const dir = mkdtempSync(join(tmpdir(), 'wardlens-xlsx-kept-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.WARDLENS_XLSX_KEEP_CELLS;
});

const ROWS = 60_000;
const path = join(dir, 'table.xlsx');

beforeAll(() => {
  const rows: (string | number)[][] = [['Ward', 'Count', 'Code']];
  for (let r = 1; r <= ROWS; r++) rows.push([`W${r}`, r, `E05${String(r).padStart(6, '0')}`]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { dense: true }), 'Counts');
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
});

/** The sheet, sent down the streaming reader whatever its size. */
function openSheet(): TableSource {
  process.env.WARDLENS_XLSX_STREAM_BYTES = '0';
  try {
    return openTable(path);
  } finally {
    delete process.env.WARDLENS_XLSX_STREAM_BYTES;
  }
}

async function readAll(source: TableSource, signal?: AbortSignal): Promise<{ rows: SheetRow[]; progress: number[] }> {
  const rows: SheetRow[] = [];
  const progress: number[] = [];
  for await (const row of source.rows(signal)) {
    rows.push(row);
    if (row.row % 5000 === 0) progress.push(source.progress().read);
  }
  return { rows, progress };
}

const sum = (rows: SheetRow[]) => rows.slice(1).reduce((s, r) => s + Number(r.cells[1]), 0);

function expectProgress(source: TableSource, progress: number[]): void {
  const { total } = source.progress();
  expect(progress.length).toBeGreaterThan(2);
  expect(progress[0]!).toBeLessThan(total / 2);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  expect(progress.every((p) => p > 0 && p <= total)).toBe(true);
  expect(source.progress().read).toBe(total);
}

describe('a large sheet read more than once', () => {
  it('small enough to keep: every read gives the very rows of the first pass, with progress', async () => {
    const source = openSheet();
    const first = await readAll(source);
    expect(first.rows.length).toBe(ROWS + 1);
    expect(first.rows[0]!.cells).toEqual(['Ward', 'Count', 'Code']);
    expect(sum(first.rows)).toBe((ROWS * (ROWS + 1)) / 2);
    expect(first.rows[777]!.cells).toEqual(['W777', 777, 'E05000777']);
    const second = await readAll(source);
    // The same row objects: a second parse of the XML would have made new ones.
    for (const i of [0, 1, 777, ROWS]) expect(second.rows[i]).toBe(first.rows[i]);
    expect(source.head[5]).toBe(first.rows[5]);
    expectProgress(source, first.progress);
    expectProgress(source, second.progress);
  });

  it('too large to keep: every read parses the XML again, to the same rows, with progress', async () => {
    process.env.WARDLENS_XLSX_KEEP_CELLS = String(ROWS); // fewer than the sheet's 3 × 60,001 cells
    const source = openSheet();
    const first = await readAll(source);
    const again = await readAll(source);
    expect(again.rows[777]).not.toBe(first.rows[777]);
    expect(again.rows).toEqual(first.rows);
    expect(sum(again.rows)).toBe((ROWS * (ROWS + 1)) / 2);
    expectProgress(source, again.progress);
    // And the same rows as a kept sheet gives.
    delete process.env.WARDLENS_XLSX_KEEP_CELLS;
    expect((await readAll(openSheet())).rows).toEqual(first.rows);
  });

  it('a sheet whose table spans too many cells (a stray cell far right) is not kept', async () => {
    const rows: (string | number | null)[][] = [['Ward', 'Count']];
    for (let r = 1; r < 400; r++) rows.push([`W${r}`, r]);
    const sheet = XLSX.utils.aoa_to_sheet(rows, { dense: true });
    XLSX.utils.sheet_add_aoa(sheet, [['stray']], { origin: 'XFD400' });
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Counts');
    const stray = join(dir, 'stray.xlsx');
    writeFileSync(stray, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    process.env.WARDLENS_XLSX_STREAM_BYTES = '0';
    const source = openTable(stray); // 400 rows × 16,384 columns: over the 5 million cells kept
    delete process.env.WARDLENS_XLSX_STREAM_BYTES;
    const first = await readAll(source);
    const again = await readAll(source);
    expect(first.rows.length).toBe(400);
    expect(first.rows[399]!.cells.length).toBe(16_384);
    expect(first.rows[399]!.cells[16_383]).toBe('stray');
    expect(again.rows[5]).not.toBe(first.rows[5]);
    expect(again.rows).toEqual(first.rows);
  });

  it('a read can be cancelled, kept or not', async () => {
    for (const limit of [undefined, '10']) {
      if (limit) process.env.WARDLENS_XLSX_KEEP_CELLS = limit;
      const source = openSheet();
      const stop = new AbortController();
      stop.abort();
      await expect(readAll(source, stop.signal)).rejects.toThrow(/abort/i);
    }
  });
});
