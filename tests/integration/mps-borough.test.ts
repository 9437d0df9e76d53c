// MPS borough files, both layouts, imported from ../shared/data and checked against raw-file sums.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFileResult } from '../../src/shared/importing';
import { importFiles } from '../../src/core/importers/importFiles';
import { workspaceInfo } from '../../src/core/store/info';
import type { Workspace } from '../../src/core/store/workspace';
import { data } from '../support/data';
import { inYear, readCsv, sumByMonth, sumWide, type RawTable } from '../support/raw';
import {
  cleanupTempDirs,
  datasetId,
  monthlyTotals,
  nonZero,
  scalar,
  tempWorkspace,
} from '../support/workspace';

afterAll(cleanupTempDirs);

/** Current figures of a dataset over a month range, optionally for one borough (by name). */
function currentSum(ws: Workspace, dataset: number, first: number, last: number, borough?: string): number {
  return scalar(
    ws.db,
    `SELECT sum(c.count) FROM current_monthly_counts c JOIN areas b ON b.id = c.borough_id
     WHERE c.dataset_id = ? AND c.month BETWEEN ? AND ? AND (? IS NULL OR b.name = ?)`,
    dataset,
    first,
    last,
    borough ?? null,
    borough ?? null,
  );
}

describe('MPS borough files, older categories (2008–2016 and 2017–2018)', () => {
  let ws: Workspace;
  let results: ImportFileResult[];
  let historic: RawTable;
  let recent: RawTable;
  let id: number;

  beforeAll(async () => {
    ws = tempWorkspace();
    results = await importFiles(ws, [data.mpsBoroughDir]);
    historic = readCsv(data.mpsBoroughHistoric);
    recent = readCsv(data.mpsBoroughRecent);
    id = datasetId(ws.db, 'mps-borough-old');
  });
  afterAll(() => ws.close());

  it('imports both files into one dataset', () => {
    expect(results.map((r) => [r.status, r.format, r.error])).toEqual([
      ['imported', 'mps-borough-old', null],
      ['imported', 'mps-borough-old', null],
    ]);
    expect(new Set(results.map((r) => r.dataset)).size).toBe(1);
    expect(scalar(ws.db, 'SELECT count(*) FROM datasets')).toBe(1);
    expect(scalar(ws.db, 'SELECT count(DISTINCT dataset_id) FROM imports')).toBe(1);
    const byName = Object.fromEntries(results.map((r) => [r.file, r]));
    expect(byName[path.basename(data.mpsBoroughHistoric)]!.rowsStored).toBe(historic.rows.length);
    expect(byName[path.basename(data.mpsBoroughRecent)]!.rowsStored).toBe(recent.rows.length);
    expect(historic.rows.length).toBe(1056); // PROVENANCE.md
    expect(recent.rows.length).toBe(1050);
  });

  it('holds each year’s total as the raw file has it (2016 from the Historic file, 2017 and 2018 from the recent one)', () => {
    const y2016 = sumWide(historic, inYear(2016));
    const y2017 = sumWide(recent, inYear(2017));
    expect(y2016).toBeGreaterThan(0);
    expect(currentSum(ws, id, 201601, 201612)).toBe(y2016);
    expect(currentSum(ws, id, 201701, 201712)).toBe(y2017);
    expect(currentSum(ws, id, 201801, 201812)).toBe(sumWide(recent, inYear(2018)));
    expect(currentSum(ws, id, 200801, 201812)).toBe(
      sumWide(historic, () => true) + sumWide(recent, () => true),
    );
  });

  it('holds Harrow’s figures month by month', () => {
    const harrow = monthlyTotals(ws.db, { dataset: id }).borough('Harrow');
    for (const table of [historic, recent]) {
      const b = table.col('Borough');
      const months = new Set(sumByMonth(table).keys());
      expect(nonZero(harrow, (m) => months.has(m))).toEqual(
        nonZero(sumByMonth(table, (row) => row[b] === 'Harrow')),
      );
    }
  });

  it('maps the renamed minor categories to one category each, without double counting', () => {
    const spellings = new Set<string>();
    for (const t of [historic, recent])
      for (const r of t.rows) spellings.add(`${r[t.col('Major Category')]}|${r[t.col('Minor Category')]}`);
    // Twelve renamings between the files (see tests/unit/names.test.ts); everything else is spelled alike.
    expect(spellings.size).toBe(46);
    const categories = scalar(
      ws.db,
      'SELECT count(DISTINCT category_id) FROM monthly_counts WHERE dataset_id = ?',
      id,
    );
    expect(categories).toBe(spellings.size - 12);
    expect(categories).toBeLessThan(spellings.size);
    const same = ws.db
      .prepare(
        `SELECT count(DISTINCT category_id) AS n FROM category_spellings WHERE minor IN ('Burglary in a Dwelling', 'Burglary - Residential')`,
      )
      .get() as { n: number };
    expect(same.n).toBe(1);
    // Residential burglary, 2016 (old spelling) and 2017 (new spelling), from one category.
    const cat = scalar(
      ws.db,
      `SELECT category_id FROM category_spellings WHERE minor = 'Burglary in a Dwelling'`,
    );
    const sumCat = (first: number, last: number) =>
      scalar(
        ws.db,
        'SELECT sum(count) FROM current_monthly_counts WHERE dataset_id = ? AND category_id = ? AND month BETWEEN ? AND ?',
        id,
        cat,
        first,
        last,
      );
    const minorIs = (t: RawTable, name: string) => (row: string[]) => row[t.col('Minor Category')] === name;
    expect(sumCat(201601, 201612)).toBe(
      sumWide(historic, inYear(2016), minorIs(historic, 'Burglary in a Dwelling')),
    );
    expect(sumCat(201701, 201712)).toBe(
      sumWide(recent, inYear(2017), minorIs(recent, 'Burglary - Residential')),
    );
  });

  it('keeps the airports as an area of their own, with a warning', () => {
    const airports = 'London Heathrow and London City Airports';
    const recentResult = results.find((r) => r.file === path.basename(data.mpsBoroughRecent))!;
    expect(recentResult.warnings.join(' ')).toContain(airports);
    const b = recent.col('Borough');
    expect(currentSum(ws, id, 201701, 201812, airports)).toBe(
      sumWide(
        recent,
        () => true,
        (row) => row[b] === airports,
      ),
    );
    expect(
      scalar(
        ws.db,
        `SELECT count(*) FROM areas WHERE kind = 'borough' AND name = ? AND code IS NULL`,
        airports,
      ),
    ).toBe(1);
  });

  it('reports the dataset in workspaceInfo with contiguous months and no revisions', () => {
    const d = workspaceInfo(ws).datasets.find((x) => x.key === 'mps-borough-old')!;
    expect(d).toMatchObject({
      imports: 2,
      kind: 'counts',
      areaLevel: 'borough',
      categoryScheme: 'mps-old',
      supersededRows: 0,
      missingMonths: [],
      revisedMonths: [],
    });
    expect(d.months).toEqual({ first: '2008-01', last: '2018-12', count: 132 });
  });
});

describe('MPS borough files, Home Office categories (2010–2023 and 2023–2025)', () => {
  let ws: Workspace;
  let results: ImportFileResult[];
  let hist: RawTable;
  let recent: RawTable;
  let id: number;

  beforeAll(async () => {
    ws = tempWorkspace();
    results = await importFiles(ws, [data.mpsNewcatHistorical, data.mpsNewcatRecent]);
    hist = readCsv(data.mpsNewcatHistorical);
    recent = readCsv(data.mpsNewcatRecent);
    id = datasetId(ws.db, 'mps-borough-ho');
  });
  afterAll(() => ws.close());

  it('imports both files into one dataset, every row', () => {
    expect(results.map((r) => [r.status, r.format])).toEqual([
      ['imported', 'mps-borough'],
      ['imported', 'mps-borough'],
    ]);
    expect(results.map((r) => r.rowsStored)).toEqual([hist.rows.length, recent.rows.length]);
    expect([hist.rows.length, recent.rows.length]).toEqual([931, 1013]); // PROVENANCE.md
    expect(results[1]!.supersededMonths).toEqual([]);
  });

  it('holds per-file, per-year and per-borough totals as the raw files have them', () => {
    expect(currentSum(ws, id, 201004, 202302)).toBe(sumWide(hist, () => true));
    expect(currentSum(ws, id, 202303, 202502)).toBe(sumWide(recent, () => true));
    const b = hist.col('BoroughName');
    for (const year of [2016, 2017, 2022]) {
      expect(currentSum(ws, id, year * 100 + 1, year * 100 + 12)).toBe(sumWide(hist, inYear(year)));
      expect(currentSum(ws, id, year * 100 + 1, year * 100 + 12, 'Harrow')).toBe(
        sumWide(hist, inYear(year), (r) => r[b] === 'Harrow'),
      );
    }
    // PROVENANCE.md: the 'Unknown' borough carries 10,313 (2016) and 12,787 (2017); the airports 0.
    expect(currentSum(ws, id, 201601, 201612, 'Unknown')).toBe(10_313);
    expect(currentSum(ws, id, 201701, 201712, 'Unknown')).toBe(12_787);
    expect(currentSum(ws, id, 201601, 201712, 'London Heathrow and London City Airports')).toBe(0);
  });

  it('holds every month, for London and for Harrow, as the two files have them', () => {
    const totals = monthlyTotals(ws.db, { dataset: id });
    const london = new Map([...sumByMonth(hist), ...sumByMonth(recent)]);
    expect(nonZero(totals.all)).toEqual(nonZero(london));
    const harrow = (t: RawTable) => sumByMonth(t, (r) => r[t.col('BoroughName')] === 'Harrow');
    expect(nonZero(totals.borough('Harrow'))).toEqual(nonZero(new Map([...harrow(hist), ...harrow(recent)])));
  });
});
