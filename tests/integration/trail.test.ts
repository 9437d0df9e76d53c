// The trail of a pivot cell: its source rows add back to the figure and point at the right
// cells of the real file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellTrail } from '../../src/core/analysis/trust/trail';
import { importFiles } from '../../src/core/importers/importFiles';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { readCsv } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

let ws: Workspace;
beforeAll(async () => {
  ws = tempWorkspace();
  const results = await importFiles(ws, [data.mpsBoroughHistoric, data.policeUkDir]);
  expect(results.every((r) => r.status === 'imported')).toBe(true);
});
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

describe('the trail from a figure to its sources', () => {
  it('traces a monthly-count cell to the file’s rows and month columns, adding up to the figure', () => {
    const pivot = { dataset: 'mps-borough-old', rows: ['borough' as const], columns: ['year' as const], filters: { borough: ['Harrow'], major: ['Burglary'] } };
    const trail = cellTrail(ws.db, { pivot, row: 0, column: 8, limit: 10_000 }); // 2016
    expect(trail.cell.columnLabels).toEqual(['2016']);
    expect(trail.sourceTotal).toBe(trail.cell.count);
    expect(trail.sourceRows.reduce((t, r) => t + r.count, 0)).toBe(trail.cell.count);
    expect(trail.truncated).toBe(false);
    const raw = readCsv(data.mpsBoroughHistoric);
    for (const r of trail.sourceRows) {
      const line = raw.rows[r.row! - 2]!; // row 1 is the header
      expect(line[raw.col('Borough')]).toBe('Harrow');
      expect(line[raw.col('Major Category')]).toBe('Burglary');
      expect(Number(line[raw.col(r.month.replace('-', ''))])).toBe(r.count);
    }
    expect(trail.extracts).toEqual([expect.objectContaining({ file: 'MPS_Borough_Level_Crime_Historic.csv', count: trail.cell.count })]);
    expect(trail.conditions).toContain('year = 2016');
  });

  it('filters incidents by borough through their LSOA', async () => {
    const { runPivot } = await import('../../src/core/analysis/pivot/run');
    const { readdirSync } = await import('node:fs');
    const result = runPivot(ws.db, { dataset: 'policeuk-city-of-london-police', rows: ['year'], columns: [], filters: { borough: ['City of London'] } });
    let expected = 0;
    for (const f of readdirSync(data.policeUkDir).filter((n) => n.endsWith('.csv'))) {
      const raw = readCsv(`${data.policeUkDir}/${f}`);
      expected += raw.rows.filter((r) => r[raw.col('LSOA name')]!.startsWith('City of London ')).length;
    }
    expect(result.grandTotal.count).toBe(expected);
    expect(expected).toBeGreaterThan(10_000);
  });

  it('traces an incident cell to the incidents themselves', () => {
    const pivot = { dataset: 'policeuk-city-of-london-police', rows: ['crime-type' as const], columns: ['year' as const] };
    const trail = cellTrail(ws.db, { pivot, row: -1, column: 0, limit: 20 }); // the 2017 column total
    // PROVENANCE.md: 7,312 rows in 2017.
    expect(trail.cell.count).toBe(7_312);
    expect(trail.sourceRowCount).toBe(7_312);
    expect(trail.sourceRows).toHaveLength(20);
    expect(trail.truncated).toBe(true);
    expect(trail.extracts).toHaveLength(12);
    expect(trail.sourceRows[0]!.file).toBe('2017-01-city-of-london-street.csv');
  });
});
