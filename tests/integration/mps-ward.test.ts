// The three MPS ward files: totals against raw sums, boundary vintages, and the 2024 overlap superseded.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFileResult } from '../../src/shared/importing';
import { importFile } from '../../src/core/importers/importFile';
import { openWorkspace, type Workspace } from '../../src/core/store/workspace';
import { buildCli, wardlens } from '../support/cli';
import { data } from '../support/data';
import { monthColumns, readCsv, sumByMonth, type RawTable } from '../support/raw';
import {
  allCounts,
  cleanupTempDirs,
  monthlyTotals,
  nonZero,
  scalar,
  tempDir,
  tempWorkspace,
  total,
} from '../support/workspace';

afterAll(cleanupTempDirs);

// The big 2022-ward historical file (21k rows × 167 months) is imported once in this file. The
// 2018-ward file goes into a workspace of its own through the built CLI, in parallel on the other core.
let ws: Workspace;
let ws2018: Workspace;
let r2018: ImportFileResult;
let rHist: ImportFileResult;
let rRecent: ImportFileResult;
let raw2018: RawTable;
let rawHist: RawTable;
let rawRecent: RawTable;

beforeAll(async () => {
  const build = buildCli();
  expect(build.status, build.stderr).toBe(0);
  const db2018 = path.join(tempDir(), 'wards-2018.wardlens.sqlite');
  const cli2018 = wardlens('import', data.mpsWard2018, '--db', db2018, '--json');
  ws = tempWorkspace();
  rHist = await importFile(ws, data.mpsWard2022Historical);
  rRecent = await importFile(ws, data.mpsWard2022Recent);
  raw2018 = readCsv(data.mpsWard2018);
  rawHist = readCsv(data.mpsWard2022Historical);
  rawRecent = readCsv(data.mpsWard2022Recent);
  const run = await cli2018;
  expect(run.code, run.stderr).toBe(0);
  r2018 = (JSON.parse(run.stdout) as ImportFileResult[])[0]!;
  ws2018 = openWorkspace(db2018);
}, 120_000);
afterAll(() => {
  ws?.close();
  ws2018?.close();
});

const wsOf = (r: ImportFileResult) => (r === r2018 ? ws2018 : ws);
const datasetOf = (r: ImportFileResult) =>
  wsOf(r)
    .db.prepare(
      'SELECT d.id, d.key, d.boundary_vintage AS vintage, d.area_level AS level FROM datasets d JOIN imports i ON i.dataset_id = d.id WHERE i.id = ?',
    )
    .get(r.importId) as { id: number; key: string; vintage: string | null; level: string };

const boroughIs = (t: RawTable, name: string) => {
  const i = t.col('LookUp_BoroughName');
  return (row: string[]) => row[i] === name;
};
const rawCodes = (t: RawTable, where: (row: string[]) => boolean = () => true) =>
  new Set(t.rows.filter(where).map((r) => r[t.col('WardCode')]!));

describe('MPS ward files', () => {
  it('imports all three files, every row', () => {
    for (const r of [r2018, rHist, rRecent])
      expect([r.file, r.status, r.format, r.error]).toEqual([r.file, 'imported', 'mps-ward', null]);
    expect(r2018.rowsStored).toBe(raw2018.rows.length);
    expect(rHist.rowsStored).toBe(rawHist.rows.length);
    expect(rRecent.rowsStored).toBe(rawRecent.rows.length);
    // PROVENANCE.md row counts
    expect([raw2018.rows.length, rawHist.rows.length, rawRecent.rows.length]).toEqual([
      22_168, 21_118, 18_707,
    ]);
    expect(monthColumns(rawHist)).toHaveLength(167);
  });

  it('puts the 2018-ward file in a 2018-boundary dataset and both 2022-ward files in one 2022 dataset', () => {
    expect(datasetOf(r2018)).toMatchObject({ vintage: '2018', level: 'ward' });
    expect(datasetOf(rHist)).toMatchObject({ vintage: '2022', level: 'ward' });
    expect(datasetOf(rRecent).id).toBe(datasetOf(rHist).id);
    expect(datasetOf(r2018).key).not.toBe(datasetOf(rHist).key);
  });

  it('holds the 2018-ward file month by month, for London and for Harrow', () => {
    const totals = monthlyTotals(ws2018.db, { dataset: datasetOf(r2018).id });
    expect(nonZero(totals.all)).toEqual(nonZero(sumByMonth(raw2018)));
    expect(nonZero(totals.borough('Harrow'))).toEqual(
      nonZero(sumByMonth(raw2018, boroughIs(raw2018, 'Harrow'))),
    );
    // PROVENANCE.md: Harrow's 21 codes E05000285–E05000305; the file has 632 ward codes.
    expect([...rawCodes(raw2018, boroughIs(raw2018, 'Harrow'))].sort()).toEqual(
      Array.from({ length: 21 }, (_, i) => `E05000${285 + i}`),
    );
    expect(r2018.areas).toBe(rawCodes(raw2018).size);
    expect(r2018.areas).toBe(632);
    // All 632 codes are wards of the 2018 boundary set the workspace already knew (PROVENANCE.md).
    const in2018 = scalar(
      ws2018.db,
      `SELECT count(*) FROM areas a JOIN area_vintages v ON v.area_id = a.id AND v.vintage = '2018'
       WHERE a.kind = 'ward' AND a.code IN (SELECT value FROM json_each(?))`,
      JSON.stringify([...rawCodes(raw2018)]),
    );
    expect(in2018).toBe(632);
  });

  it('holds every figure of the 2022 historical file, month by month for London, Harrow and aviation', () => {
    // Every figure of this import is kept, the months a newer extract revised included.
    const kept = monthlyTotals(ws.db, { dataset: datasetOf(rHist).id, importId: rHist.importId! });
    expect(nonZero(kept.all)).toEqual(nonZero(sumByMonth(rawHist)));
    for (const borough of ['Harrow', 'Aviation Security (SO18)']) {
      const raw = sumByMonth(rawHist, boroughIs(rawHist, borough));
      expect(total(raw), borough).toBeGreaterThan(0);
      expect(nonZero(kept.borough(borough)), borough).toEqual(nonZero(raw));
    }
  });

  it('shows the historical file’s figures as current where no newer extract revises them (2016–2017)', () => {
    const current = monthlyTotals(ws.db, { dataset: datasetOf(rHist).id, first: 201601, last: 201712 });
    const in2016to17 = (m: number) => m >= 201601 && m <= 201712;
    expect(nonZero(current.all)).toEqual(nonZero(sumByMonth(rawHist), in2016to17));
    expect(nonZero(current.borough('Harrow'))).toEqual(
      nonZero(sumByMonth(rawHist, boroughIs(rawHist, 'Harrow')), in2016to17),
    );
  });

  it('lets the recent extract supersede Jan and Feb 2024, keeping the older figures as revisions', () => {
    const dataset = datasetOf(rHist).id;
    expect(rRecent.supersededMonths).toEqual(['2024-01', '2024-02']);
    const hist = sumByMonth(rawHist);
    const recent = sumByMonth(rawRecent);
    const current = monthlyTotals(ws.db, { dataset, first: 202312, last: 202512 });
    const kept = monthlyTotals(ws.db, { dataset, importId: rHist.importId!, first: 202401, last: 202402 });
    for (const month of [202401, 202402]) {
      expect(hist.get(month)).not.toBe(recent.get(month)); // the two extracts really differ
      expect(current.all.get(month)).toBe(recent.get(month));
      expect(kept.all.get(month)).toBe(hist.get(month));
      expect(
        scalar(
          ws.db,
          'SELECT import_id FROM dataset_months WHERE dataset_id = ? AND month = ?',
          dataset,
          month,
        ),
      ).toBe(rRecent.importId);
    }
    expect(current.all.get(202312)).toBe(hist.get(202312)); // the month before the overlap is unchanged
    expect(nonZero(current.all, (m) => m >= 202401)).toEqual(nonZero(recent));
    expect(nonZero(current.borough('Harrow'), (m) => m >= 202401)).toEqual(
      nonZero(sumByMonth(rawRecent, boroughIs(rawRecent, 'Harrow'))),
    );
    // Which import is current for each month: the historical file up to Dec 2023, the recent one after.
    const owners = ws.db
      .prepare(
        'SELECT import_id AS importId, min(month) AS first, max(month) AS last, count(*) AS months FROM dataset_months WHERE dataset_id = ? GROUP BY import_id ORDER BY first',
      )
      .all(dataset);
    expect(owners).toEqual([
      { importId: rHist.importId, first: 201004, last: 202312, months: 165 },
      { importId: rRecent.importId, first: 202401, last: 202512, months: 24 },
    ]);
    expect(
      scalar(
        ws.db,
        `SELECT count(*) FROM ${allCounts(ws.db)} WHERE import_id = ? AND month IN (202401, 202402)`,
        rHist.importId,
      ),
    ).toBeGreaterThan(0);
  });

  it('files the 2022 ward codes under the gazetteer’s 2022 wards, creating no new ward areas', () => {
    const codes = [...rawCodes(rawHist)];
    expect(codes).toHaveLength(679);
    expect([...rawCodes(rawRecent)].sort()).toEqual(codes.sort());
    const known = scalar(
      ws.db,
      `SELECT count(*) FROM areas a JOIN area_vintages v ON v.area_id = a.id AND v.vintage = '2022'
       WHERE a.kind = 'ward' AND a.code IN (SELECT value FROM json_each(?))`,
      JSON.stringify(codes),
    );
    expect(known).toBe(679);
    expect(rHist.areas).toBe(679);
    const gazetteer = JSON.parse(readFileSync(data.gazetteer, 'utf8')) as { wards: unknown[] };
    expect(scalar(ws.db, `SELECT count(*) FROM areas WHERE kind = 'ward'`)).toBe(gazetteer.wards.length);
    // Harrow: 22 wards in 2022 (E05013542–E05013563).
    expect([...rawCodes(rawRecent, boroughIs(rawRecent, 'Harrow'))].sort()).toEqual(
      Array.from({ length: 22 }, (_, i) => `E05013${542 + i}`),
    );
  });
});
