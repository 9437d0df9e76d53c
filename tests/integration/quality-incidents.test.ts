// The data-quality report on the real City of London police.uk files: repeated Crime IDs,
// implausible jumps and points outside every ward, each checked against what this test
// reads from the raw CSVs and the raw boundary GeoJSON (its own ray casting); and the
// summary an import returns.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFileResult } from '../../src/shared/importing';
import type { QualityFinding } from '../../src/shared/quality';
import type { Position } from '../../src/shared/geo';
import { importResultText } from '../../src/cli/format';
import { qualityReport } from '../../src/core/analysis/trust/quality';
import { dispatch } from '../../src/core/handlers';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir } from '../support/data';
import { readCsv } from '../support/raw';
import { cleanupTempDirs, tempWorkspace } from '../support/workspace';

const DATASET = 'policeuk-city-of-london-police';
const POLICE_NAME = 'police.uk incidents, City of London Police';
const WARDS = path.join(dataDir, 'boundaries', 'london_wards_2022_merged.geojson');

interface RawRow {
  file: string;
  cells: string[];
}

const rawRows: RawRow[] = [];
let header: string[] = [];
let ws: Workspace;
let imported: ImportFileResult[];

const finding = (check: QualityFinding['check']) => qualityReport(ws.db, DATASET).findings.find((f) => f.check === check)!;

beforeAll(async () => {
  for (const file of readdirSync(data.policeUkDir).filter((f) => f.endsWith('.csv')).sort()) {
    const t = readCsv(path.join(data.policeUkDir, file));
    header = t.header;
    for (const cells of t.rows) rawRows.push({ file, cells });
  }
  ws = tempWorkspace();
  imported = await dispatch({ workspace: ws }, 'import/files', { paths: [data.policeUkDir] });
  expect(imported.every((r) => r.status === 'imported')).toBe(true);
}, 120_000);
afterAll(() => {
  ws.close();
  cleanupTempDirs();
});

const col = (name: string) => header.findIndex((h) => h.trim() === name);

describe('data-quality report: police.uk incidents', () => {
  it('finds the Crime IDs on more than one row, telling exact copies from rows that disagree', () => {
    const byId = new Map<string, string[][]>();
    for (const r of rawRows) {
      const id = r.cells[col('Crime ID')]!;
      if (id !== '') byId.set(id, [...(byId.get(id) ?? []), r.cells]);
    }
    const repeated = [...byId.values()].filter((rows) => rows.length > 1);
    const exact = repeated.filter((rows) => new Set(rows.map((c) => JSON.stringify(c))).size === 1);
    const extra = repeated.reduce((t, rows) => t + rows.length - 1, 0);
    expect(repeated.length).toBeGreaterThan(0);

    const f = finding('duplicates');
    expect(f.severity).toBe('warning');
    expect(f.items).toHaveLength(repeated.length);
    expect(f.items.filter((i) => i.rowsDiffer === 'no')).toHaveLength(exact.length);
    expect(f.items.reduce((t, i) => t + (i.rows as number) - 1, 0)).toBe(extra);
    expect(f.title).toBe(
      `${repeated.length} Crime IDs appear on more than one row (${extra} extra rows, ${((100 * extra) / rawRows.length).toFixed(1)}%)`,
    );
    expect(f.detail).toMatch(/anti-social behaviour/);
    expect(f.meaning).toMatch(/counted/);
    expect(f.action).toMatch(/caveats/);
  });

  it('reports the month-to-month jumps of a crime type that the raw counts show', () => {
    const counts = new Map<string, Map<string, number>>();
    for (const r of rawRows) {
      const type = r.cells[col('Crime type')]!;
      const month = r.cells[col('Month')]!;
      const m = counts.get(type) ?? new Map<string, number>();
      m.set(month, (m.get(month) ?? 0) + 1);
      counts.set(type, m);
    }
    const expected: string[] = [];
    for (const [type, months] of counts) {
      const series = [...months].sort(([a], [b]) => a.localeCompare(b));
      for (let i = 1; i < series.length; i++) {
        const [[, a], [to, b]] = [series[i - 1]!, series[i]!];
        if (Math.max(a, b) >= 30 && Math.max(a, b) >= 4 * Math.max(Math.min(a, b), 1)) expected.push(`${type} ${to} ${a}→${b}`);
      }
    }
    const got = finding('category-jumps').items.map((i) => `${i.category} ${i.to} ${i.before}→${i.after}`);
    expect(got.sort()).toEqual(expected.sort());
    expect(expected).toContain('Burglary 2018-09 42→8');
  });

  it('counts the rows without a location', () => {
    const noPoint = rawRows.filter((r) => r.cells[col('Longitude')] === '').length;
    expect(finding('incident-locations').items[0]).toEqual({ incidents: rawRows.length, withoutPoint: noPoint, withoutLsoa: noPoint });
  });

  it('says points outside every boundary need ward boundaries while none are loaded', () => {
    const f = finding('outside-boundaries');
    expect(f.severity).toBe('note');
    expect(f.title).toMatch(/needs ward boundaries/);
    expect(f.action).toContain('wardlens boundaries import');
    expect(f.action).toContain(`wardlens assign-areas --dataset ${DATASET}`);
  });

  it('returns a summary of the check with the import, once per dataset, on its last file', () => {
    const withSummary = imported.filter((r) => r.quality);
    expect(withSummary).toHaveLength(1);
    expect(withSummary[0]).toBe(imported.at(-1));
    const q = withSummary[0]!.quality!;
    const report = qualityReport(ws.db, DATASET);
    expect(q.dataset.key).toBe(DATASET);
    for (const severity of ['warning', 'note', 'ok'] as const) expect(q.counts[severity]).toBe(report.findings.filter((f) => f.severity === severity).length);
    expect(q.headlines.map((h) => h.title)).toContain(finding('duplicates').title);
    // Warnings first, then notes; clear checks are counted, not listed.
    expect(q.headlines.map((h) => h.severity)).toEqual([...Array(q.counts.warning).fill('warning'), ...Array(q.counts.note).fill('note')]);
    expect(q.seconds).toBeGreaterThanOrEqual(0);
  });

  it('prints the summary under the import result on the command line', () => {
    const text = importResultText(imported.at(-1)!);
    const q = imported.at(-1)!.quality!;
    expect(text).toContain(`data quality of "${POLICE_NAME}": ${q.counts.warning} warnings, ${q.counts.note} notes, ${q.counts.ok} checks clear`);
    for (const h of q.headlines) expect(text).toContain(h.title);
    expect(text).toContain(`the full report: wardlens check --dataset ${DATASET}`);
    expect(importResultText(imported[0]!)).not.toContain('data quality');
  });

  it('leaves the checks that read every row for the full report when a dataset is over the after-import limit', () => {
    const quick = qualityReport(ws.db, DATASET, { incidentLimit: rawRows.length - 1 });
    expect(quick.skipped).toEqual({ checks: ['areas-appear-disappear', 'category-jumps', 'duplicates', 'incident-locations', 'outside-boundaries'], incidents: rawRows.length });
    expect(quick.findings.map((f) => f.check)).toEqual(['missing-months', 'partial-months', 'unmatched-names', 'conflicting-extracts']);
    expect(qualityReport(ws.db, DATASET, { incidentLimit: rawRows.length }).skipped).toBeUndefined();
  });

  it('after the incidents are placed in wards, counts the points outside every ward polygon', async () => {
    const [boundaries] = await dispatch({ workspace: ws }, 'import/files', { paths: [WARDS] });
    expect(boundaries!.status).toBe('imported');
    expect(finding('outside-boundaries').title).toBe('Incidents not yet placed in wards');
    await dispatch({ workspace: ws }, 'incidents/assign-areas', { dataset: DATASET });

    // This test's own even-odd ray casting over every raw polygon.
    const fc = JSON.parse(readFileSync(WARDS, 'utf8')) as { features: { geometry: { type: string; coordinates: unknown } }[] };
    const shapes = fc.features.map((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Position[][][]);
    const inRing = ([x, y]: Position, ring: Position[]) => {
      let inside = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    };
    const inAnyWard = (p: Position) => shapes.some((polygons) => polygons.some((rings) => inRing(p, rings[0]!) && !rings.slice(1).some((h) => inRing(p, h))));
    const located = rawRows.filter((r) => r.cells[col('Longitude')] !== '');
    const verdict = new Map<string, boolean>();
    let outside = 0;
    for (const r of located) {
      const key = `${r.cells[col('Longitude')]},${r.cells[col('Latitude')]}`;
      if (!verdict.has(key)) verdict.set(key, inAnyWard([Number(r.cells[col('Longitude')]), Number(r.cells[col('Latitude')])]));
      if (!verdict.get(key)) outside++;
    }
    expect(outside).toBeGreaterThan(0);

    const f = finding('outside-boundaries');
    expect(f.severity).toBe('warning');
    expect(f.title).toBe(`${outside.toLocaleString('en-GB')} of ${located.length.toLocaleString('en-GB')} located incidents (${((100 * outside) / located.length).toFixed(1)}%) fall outside every 2022 ward`);
    expect(f.items.reduce((t, i) => t + (i.incidents as number), 0)).toBe(outside);
    expect(f.items).toHaveLength([...verdict.values()].filter((inside) => !inside).length);
    expect(f.meaning).toMatch(/no ward/);

    // A location with no place row stands for incidents imported after the placing.
    const [lon, lat] = [Number(located[0]!.cells[col('Longitude')]), Number(located[0]!.cells[col('Latitude')])];
    const there = located.filter((r) => Number(r.cells[col('Longitude')]) === lon && Number(r.cells[col('Latitude')]) === lat).length;
    ws.db.prepare('DELETE FROM incident_places WHERE longitude = ? AND latitude = ?').run(lon, lat);
    const later = finding('outside-boundaries');
    expect(later.detail).toContain(`${there.toLocaleString('en-GB')} incident${there === 1 ? '' : 's'} from extracts imported since`);
    expect(later.action).toContain('place the incidents again');
  });

  it('names a month that holds far fewer incidents than the months around it', () => {
    const byMonth = new Map<string, number>();
    for (const r of rawRows) byMonth.set(r.cells[col('Month')]!, (byMonth.get(r.cells[col('Month')]!) ?? 0) + 1);
    expect(finding('partial-months').severity).toBe('ok');
    // Cut June 2017 to 100 incidents, as an extract taken before the month was recorded would be.
    ws.db.prepare("DELETE FROM incidents WHERE id IN (SELECT id FROM incidents WHERE month = 201706 ORDER BY id LIMIT ?)").run(byMonth.get('2017-06')! - 100);
    // The six months either side of June 2017, from the raw files.
    const around = ['2016-12', '2017-01', '2017-02', '2017-03', '2017-04', '2017-05', '2017-07', '2017-08', '2017-09', '2017-10', '2017-11', '2017-12']
      .filter((m) => byMonth.has(m))
      .map((m) => byMonth.get(m)!)
      .sort((a, b) => a - b);
    const f = finding('partial-months');
    expect(f.severity).toBe('warning');
    expect(f.detail).toBe('Jun 2017 (100) holds under half the crimes of the months around.');
    expect(f.items).toEqual([{ month: '2017-06', crimes: 100, typicalMonth: around[Math.floor(around.length / 2)] }]);
  });
});
