// The pivot's fast paths on the real 2022 ward file: a ward × month × category pivot reads
// each stored figure as a character (query.ts readCharacters) and builds its count cells in
// bulk, sharing one frozen cell per count and flags (measures.ts countCells). Every cell is
// checked against the figure the raw file gives, including figures too big to travel as one
// character, which must send the pivot down the ordinary JSON path with the same answer.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotResult, PivotSpec } from '../../src/shared/pivot';
import { runPivot } from '../../src/core/analysis/pivot/run';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { monthColumns, readCsv, type RawTable } from '../support/raw';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

let ward: RawTable;
let harrow: string[][];

beforeAll(() => {
  ward = readCsv(data.mpsWard2022Recent);
  harrow = ward.rows.filter((r) => r[ward.col('LookUp_BoroughName')] === 'Harrow');
});
afterAll(() => cleanupTempDirs());

const SPEC: PivotSpec = { dataset: 'mps-ward-ho-2022', rows: ['ward', 'month'], columns: ['category'], filters: { borough: ['Harrow'] } };

/** The raw figure of every (ward code, yyyy-mm, minor category) of these rows, added up where repeated. */
function rawFigures(rows: string[][]): Map<string, number> {
  const figures = new Map<string, number>();
  for (const row of rows) {
    for (const [i, m] of monthColumns(ward)) {
      const key = `${row[ward.col('WardCode')]}|${String(m).slice(0, 4)}-${String(m).slice(4)}|${row[ward.col('MinorText')]!.toUpperCase()}`;
      figures.set(key, (figures.get(key) ?? 0) + Number(row[i]));
    }
  }
  return figures;
}

/** Every cell of the pivot against the raw figures (a cell the file lacks must be 0). */
function expectEveryCell(result: PivotResult, figures: Map<string, number>): void {
  let seen = 0;
  result.rows.forEach((r, i) =>
    result.columns.forEach((c, j) => {
      // The file spells categories in capitals; the pivot shows them in title case (store/categoryNames.ts).
      const key = `${r.keys[0]}|${r.keys[1]}|${c.labels[0]!.toUpperCase()}`;
      if (figures.has(key)) seen++;
      expect(result.cells[i]![j]!.count, key).toBe(figures.get(key) ?? 0);
      expect(result.cells[i]![j]!.value, key).toBe(figures.get(key) ?? 0);
    }),
  );
  expect(seen).toBe(figures.size);
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Harrow's real rows with some figures replaced, written as an MPS ward file. */
function harrowFile(dir: string, name: string, changes: { row: number; month: number; figure: number }[]): { file: string; rows: string[][] } {
  const rows = harrow.map((r) => [...r]);
  const months = monthColumns(ward);
  for (const { row, month, figure } of changes) rows[row]![months[month]![0]]! = String(figure);
  const file = path.join(dir, name);
  writeFileSync(file, [ward.header, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n');
  return { file, rows };
}

describe('ward × month × category, each stored figure its own cell', () => {
  it('gives every figure of the real file, with small counts flagged and cells shared', async () => {
    const ws: Workspace = tempWorkspace();
    try {
      const results = await importFiles(ws, [data.mpsWard2022Recent]);
      expect(results[0]!.status).toBe('imported');
      const result = runPivot(ws.db, SPEC);
      const figures = rawFigures(harrow);
      expect(figures.size).toBeGreaterThan(10_000);
      expectEveryCell(result, figures);
      const cells = result.cells.flat();
      // Small counts are flagged; a stored zero is a figure, not a missing month.
      expect(cells.filter((c) => c.count < 10).every((c) => c.flags.join() === 'small')).toBe(true);
      expect(cells.filter((c) => c.count >= 10).every((c) => c.flags.length === 0)).toBe(true);
      // Equal cells are one frozen object, so a caller cannot change one cell through another.
      const zeros = cells.filter((c) => c.count === 0);
      expect(zeros.length).toBeGreaterThan(1);
      expect(new Set(zeros).size).toBe(1);
      expect(Object.isFrozen(zeros[0])).toBe(true);
    } finally {
      ws.close();
    }
  });

  it('gives figures too big for one character exactly (surrogate range, above it, past 0xFFFF)', async () => {
    const dir = tempDir();
    // 55,300 falls among the UTF-16 surrogates, 60,000 just above them, 70,000 needs two
    // units. Two and four of them, so the text's length alone would not give them away.
    const cases = [[55_300, 2], [60_000, 1], [70_000, 4]] as const;
    for (const [n, [figure, times]] of cases.entries()) {
      const ws: Workspace = tempWorkspace();
      try {
        const changes = Array.from({ length: times }, (_, k) => ({ row: 5 * n + 40 * k, month: n + k, figure }));
        const { file, rows } = harrowFile(dir, `MPS Ward Level Crime ${n}.csv`, changes);
        const results = await importFiles(ws, [file]);
        expect(results[0]!.status).toBe('imported');
        const result = runPivot(ws.db, SPEC);
        expectEveryCell(result, rawFigures(rows));
        expect(result.cells.flat().filter((c) => c.count === figure)).toHaveLength(times);
      } finally {
        ws.close();
      }
    }
  });
});
