// police.uk street-level CSVs: the whole City of London folder, checked against the raw rows.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFileResult } from '../../src/shared/importing';
import { dispatch } from '../../src/core/handlers';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { readCsv } from '../support/raw';
import { cleanupTempDirs, datasetId, scalar, tempWorkspace } from '../support/workspace';

afterAll(cleanupTempDirs);

interface RawCrime {
  crimeId: string;
  month: string;
  crimeType: string;
  lsoa: string;
}

let ws: Workspace;
let results: ImportFileResult[];
let raw: RawCrime[];
let files: string[];

beforeAll(async () => {
  ws = tempWorkspace();
  results = await dispatch({ workspace: ws }, 'import/files', { paths: [data.policeUkDir] });
  files = readdirSync(data.policeUkDir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  raw = files.flatMap((f) => {
    const t = readCsv(path.join(data.policeUkDir, f));
    return t.rows.map((r) => ({
      crimeId: r[t.col('Crime ID')]!,
      month: r[t.col('Month')]!,
      crimeType: r[t.col('Crime type')]!,
      lsoa: r[t.col('LSOA code')]!,
    }));
  });
});
afterAll(() => ws?.close());

const countBy = <T>(items: T[], key: (t: T) => string) => {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
};

describe('police.uk street-level folder (City of London, 2017–2018)', () => {
  it('imports the folder as 24 imports into one dataset', () => {
    expect(files).toHaveLength(24);
    expect(results).toHaveLength(24);
    expect(results.map((r) => r.file)).toEqual(files);
    for (const r of results)
      expect([r.file, r.status, r.format, r.error]).toEqual([r.file, 'imported', 'policeuk-street', null]);
    expect(new Set(results.map((r) => r.dataset))).toEqual(
      new Set(['police.uk incidents, City of London Police']),
    );
    expect(scalar(ws.db, 'SELECT count(*) FROM imports')).toBe(24);
    expect(scalar(ws.db, 'SELECT count(DISTINCT dataset_id) FROM imports')).toBe(1);
    // Each monthly file holds its own month only.
    for (const r of results)
      expect(r.months).toEqual({ first: r.file.slice(0, 7), last: r.file.slice(0, 7), count: 1 });
  });

  it('stores every row: 15,858 in all, 7,312 in 2017 and 8,546 in 2018', () => {
    const id = datasetId(ws.db, 'policeuk-city-of-london-police');
    expect(raw).toHaveLength(15_858); // PROVENANCE.md
    expect(results.reduce((n, r) => n + r.rowsStored, 0)).toBe(raw.length);
    expect(scalar(ws.db, 'SELECT count(*) FROM current_incidents WHERE dataset_id = ?', id)).toBe(raw.length);
    const byYear = countBy(raw, (r) => r.month.slice(0, 4));
    expect(byYear).toEqual({ 2017: 7_312, 2018: 8_546 });
    const stored = ws.db
      .prepare('SELECT month / 100 AS year, count(*) AS n FROM current_incidents GROUP BY year ORDER BY year')
      .all() as { year: number; n: number }[];
    expect(Object.fromEntries(stored.map((s) => [s.year, s.n]))).toEqual(byYear);
  });

  it('holds each month’s count as the raw files have it', () => {
    const rawByMonth = countBy(raw, (r) => r.month.replace('-', ''));
    const stored = ws.db
      .prepare('SELECT month, count(*) AS n FROM current_incidents GROUP BY month')
      .all() as { month: number; n: number }[];
    expect(Object.fromEntries(stored.map((s) => [String(s.month), s.n]))).toEqual(rawByMonth);
  });

  it('holds the count of every crime type as the raw files have it', () => {
    const stored = ws.db
      .prepare(
        'SELECT c.minor AS type, count(*) AS n FROM current_incidents i JOIN categories c ON c.id = i.category_id GROUP BY c.id',
      )
      .all() as { type: string; n: number }[];
    const rawTypes = countBy(raw, (r) => r.crimeType);
    expect(Object.keys(rawTypes)).toHaveLength(14);
    expect(Object.fromEntries(stored.map((s) => [s.type, s.n]))).toEqual(rawTypes);
    // A few of PROVENANCE.md's figures, as a second independent check.
    expect(rawTypes).toMatchObject({
      'Other theft': 3_269,
      'Anti-social behaviour': 3_043,
      Burglary: 574,
      'Possession of weapons': 124,
    });
    // Crime types by year, against the raw rows.
    const storedByYear = ws.db
      .prepare(
        `SELECT c.minor || ' ' || (i.month / 100) AS k, count(*) AS n FROM current_incidents i JOIN categories c ON c.id = i.category_id GROUP BY k`,
      )
      .all() as { k: string; n: number }[];
    expect(Object.fromEntries(storedByYear.map((s) => [s.k, s.n]))).toEqual(
      countBy(raw, (r) => `${r.crimeType} ${r.month.slice(0, 4)}`),
    );
  });

  it('stores rows without a Crime ID with a NULL crime_id, and rows without an LSOA with no area', () => {
    const blankIds = raw.filter((r) => r.crimeId === '').length;
    expect(blankIds).toBe(3_043);
    expect(scalar(ws.db, 'SELECT count(*) FROM incidents WHERE crime_id IS NULL')).toBe(blankIds);
    expect(scalar(ws.db, `SELECT count(*) FROM incidents WHERE crime_id = ''`)).toBe(0);
    expect(scalar(ws.db, 'SELECT count(DISTINCT crime_id) FROM incidents')).toBe(
      new Set(raw.filter((r) => r.crimeId).map((r) => r.crimeId)).size,
    );
    expect(scalar(ws.db, 'SELECT count(*) FROM incidents WHERE lsoa_id IS NULL')).toBe(
      raw.filter((r) => r.lsoa === '').length,
    );
    expect(raw.filter((r) => r.lsoa === '').length).toBe(991);
    // Neighbouring boroughs' LSOAs are kept, e.g. Camden 028B.
    expect(scalar(ws.db, `SELECT count(*) FROM areas WHERE kind = 'lsoa' AND name = 'Camden 028B'`)).toBe(1);
    expect(scalar(ws.db, `SELECT count(*) FROM areas WHERE kind = 'lsoa'`)).toBe(
      new Set(raw.filter((r) => r.lsoa).map((r) => r.lsoa)).size,
    );
  });

  it('reports the dataset through workspace/info', async () => {
    const info = await dispatch({ workspace: ws }, 'workspace/info', {});
    const d = info.datasets.find((x) => x.key === 'policeuk-city-of-london-police')!;
    expect(d).toMatchObject({
      kind: 'incidents',
      areaLevel: 'lsoa',
      imports: 24,
      currentRows: raw.length,
      supersededRows: 0,
      categories: 14,
      missingMonths: [],
    });
    expect(d.months).toEqual({ first: '2017-01', last: '2018-12', count: 24 });
  });
});
