// Points to areas on the real City of London police.uk points: each point's LSOA (from the raw
// file) contains it, and the ward and borough Wardlens assigns are the ones a brute-force
// ray-casting test over every raw polygon finds.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignAreasResult, Position } from '../../src/shared/geo';
import { buildAggregateSql } from '../../src/core/analysis/pivot/query';
import { dispatch } from '../../src/core/handlers';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir } from '../support/data';
import { readCsv } from '../support/raw';
import { cleanupTempDirs, scalar, tempWorkspace } from '../support/workspace';

afterAll(cleanupTempDirs);

const B = path.join(dataDir, 'boundaries');
const DATASET = 'policeuk-city-of-london-police';

interface RawShape {
  code: string;
  box: [number, number, number, number];
  polygons: Position[][][];
}

function loadShapes(file: string, codeProperty: string): RawShape[] {
  const fc = JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: Record<string, string>; geometry: { type: string; coordinates: unknown } }[] };
  return fc.features.map((f) => {
    const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Position[][][];
    const all = polygons.flat(2);
    const box: [number, number, number, number] = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
    return { code: f.properties[codeProperty]!, box, polygons };
  });
}

/** Even-odd ray casting, written here independently of the library Wardlens uses. */
function inRing([x, y]: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const inShape = (p: Position, s: RawShape) =>
  p[0] >= s.box[0] && p[0] <= s.box[2] && p[1] >= s.box[1] && p[1] <= s.box[3] && s.polygons.some((rings) => inRing(p, rings[0]!) && !rings.slice(1).some((h) => inRing(p, h)));

/** Distance in degrees from a point to a shape's nearest edge: a point "on" a boundary belongs to either side. */
function edgeDistance([x, y]: Position, s: RawShape): number {
  let best = Infinity;
  for (const rings of s.polygons) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0, y0] = ring[i]!;
        const [x1, y1] = ring[i + 1]!;
        const len = (x1 - x0) ** 2 + (y1 - y0) ** 2;
        const t = len ? Math.max(0, Math.min(1, ((x - x0) * (x1 - x0) + (y - y0) * (y1 - y0)) / len)) : 0;
        best = Math.min(best, Math.hypot(x - (x0 + t * (x1 - x0)), y - (y0 + t * (y1 - y0))));
      }
    }
  }
  return best;
}

interface RawRow {
  lon: number;
  lat: number;
  lsoa: string;
}

let ws: Workspace;
let assigned: AssignAreasResult;
let raw: RawRow[];
let allRows: number;
const wards = loadShapes(path.join(B, 'london_wards_2022_merged.geojson'), 'WD25CD');
const boroughs = loadShapes(path.join(B, 'london_boroughs', 'london_boroughs.geojson'), 'GSS_CODE');
const cityLsoas = loadShapes(path.join(B, 'lsoa11_by_borough', 'E09000001.geojson'), 'LSOA11CD');

beforeAll(async () => {
  ws = tempWorkspace();
  const results = await dispatch({ workspace: ws }, 'import/files', {
    paths: [data.policeUkDir, path.join(B, 'london_wards_2022_merged.geojson'), path.join(B, 'london_boroughs', 'london_boroughs.geojson')],
  });
  expect(results.every((r) => r.status === 'imported')).toBe(true);
  assigned = await dispatch({ workspace: ws }, 'incidents/assign-areas', { dataset: DATASET });
  raw = [];
  allRows = 0;
  for (const f of readdirSync(data.policeUkDir).filter((n) => n.endsWith('.csv'))) {
    const t = readCsv(path.join(data.policeUkDir, f));
    const [lon, lat, lsoa] = [t.col('Longitude'), t.col('Latitude'), t.col('LSOA code')];
    for (const r of t.rows) {
      allRows++;
      if (r[lon] !== '') raw.push({ lon: Number(r[lon]), lat: Number(r[lat]), lsoa: r[lsoa]! });
    }
  }
}, 120_000);

describe('police.uk points to areas', () => {
  it('counts every row: in a ward, without coordinates, or outside every polygon', () => {
    expect(assigned.incidents).toBe(allRows);
    expect(assigned.noLocation).toBe(allRows - raw.length);
    expect(assigned.noLocation).toBe(991);
    expect(assigned.assigned + assigned.outside + assigned.noLocation).toBe(assigned.incidents);
    expect(assigned.vintage).toBe('2022');
    expect(assigned.boroughFrom).toBe('borough-polygons');
    expect(assigned.notes[0]).toMatch(/snap points/);
    // One row per distinct location, not per incident.
    expect(scalar(ws.db, 'SELECT count(*) FROM incident_places')).toBe(new Set(raw.map((r) => `${r.lon},${r.lat}`)).size);
    expect(scalar(ws.db, "SELECT boundary_vintage FROM datasets WHERE key = ?", DATASET)).toBe('2022');
  });

  it("each point lies in its own LSOA's polygon, or within metres of it (where the LSOA file has it)", () => {
    const byCode = new Map(cityLsoas.map((s) => [s.code, s]));
    const checked = raw.filter((r) => byCode.has(r.lsoa));
    expect(checked.length).toBeGreaterThan(10_000);
    const misses = checked.filter((r) => !inShape([r.lon, r.lat], byCode.get(r.lsoa)!));
    // police.uk codes each snap point against full-resolution boundaries that run to the middle of
    // the Thames; these polygons are generalised and stop at the river bank. So a few snap points
    // on boundary streets and bridges (London Bridge, Blackfriars) fall just outside: all within 150 m.
    expect(misses.length / checked.length).toBeLessThan(0.03);
    const distinct = new Set(misses.map((r) => `${r.lon},${r.lat}`));
    expect(distinct.size).toBeLessThan(20);
    for (const r of misses) expect(edgeDistance([r.lon, r.lat], byCode.get(r.lsoa)!) * 111_000).toBeLessThan(150);
  });

  it('gives each point the ward and borough that brute-force ray casting over every polygon finds', () => {
    const stored = ws.db
      .prepare(
        `SELECT i.longitude AS lon, i.latitude AS lat, w.code AS ward, b.code AS borough, count(*) AS n FROM incidents i
         JOIN incident_places ip ON ip.dataset_id = i.dataset_id AND ip.longitude = i.longitude AND ip.latitude = i.latitude
         LEFT JOIN areas w ON w.id = ip.ward_id LEFT JOIN areas b ON b.id = ip.borough_id
         GROUP BY 1, 2, 3, 4`,
      )
      .all() as { lon: number; lat: number; ward: string | null; borough: string | null; n: number }[];
    let outside = 0;
    for (const s of stored) {
      const p: Position = [s.lon, s.lat];
      for (const [shapes, got] of [[wards, s.ward], [boroughs, s.borough]] as const) {
        const hits = shapes.filter((shape) => inShape(p, shape)).map((shape) => shape.code);
        if (hits.length === 1 && got === hits[0]) continue;
        // Only a point on a shared edge may disagree with even-odd ray casting; it must touch the shape given.
        if (got !== null) expect(edgeDistance(p, shapes.find((x) => x.code === got)!)).toBeLessThan(1e-9);
        else expect(hits).toEqual([]);
      }
      if (s.ward === null) outside += s.n;
    }
    expect(outside).toBe(assigned.outside);
    expect(assigned.outside).toBeGreaterThan(0);
  });

  it('pivots by ward: every incident once, with no-location and outside rows of their own', async () => {
    const pivot = await dispatch({ workspace: ws }, 'pivot/run', { dataset: DATASET, rows: ['ward'], columns: [] });
    const byKey = new Map(pivot.rows.map((r, i) => [r.keys[0], pivot.rowTotals[i]!.count]));
    expect(pivot.grandTotal.count).toBe(allRows);
    expect(byKey.get('no-location')).toBe(991);
    expect(byKey.get('outside')).toBe(assigned.outside);
    for (const w of assigned.wards) expect(byKey.get(w.code)).toBe(w.incidents);
    // Read from the base rows (wards by LSOA are not summarised), the ward join is a
    // primary-key lookup per incident, never a scan.
    const { sql, params } = buildAggregateSql({ datasetId: 1, kind: 'incidents', dimensions: ['ward', 'lsoa'], filters: {}, firstMonth: 201701, lastMonth: 201812 });
    const plan = ws.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH ip USING PRIMARY KEY \(dataset_id=\? AND longitude=\? AND latitude=\?\)/);
    const map = await dispatch({ workspace: ws }, 'map/choropleth', { pivot: { dataset: DATASET, rows: ['ward'], columns: [], filters: { year: ['2018'] } } });
    expect(map.vintage).toBe('2022');
    expect(map.unmapped.map((u) => u.code).sort()).toEqual(['no-location', 'outside']);
    expect(map.features.features.find((f) => f.properties.code === 'E05009292')!.properties.value).toBe(
      pivot.rows.length ? (await dispatch({ workspace: ws }, 'pivot/run', { dataset: DATASET, rows: ['ward'], columns: [], filters: { year: ['2018'], ward: ['E05009292'] } })).grandTotal.count : null,
    );
    const bishopsgate = await dispatch({ workspace: ws }, 'pivot/run', { dataset: DATASET, rows: ['year'], columns: [], filters: { ward: ['Bishopsgate'] } });
    expect(bishopsgate.grandTotal.count).toBe(assigned.wards.find((w) => w.name === 'Bishopsgate')!.incidents);
  });

  it('re-assigns to another ward set, and the map then refuses the old one', async () => {
    const ws2 = tempWorkspace();
    await dispatch({ workspace: ws2 }, 'import/files', { paths: [path.join(data.policeUkDir, '2017-01-city-of-london-street.csv')] });
    await expect(dispatch({ workspace: ws2 }, 'incidents/assign-areas', { dataset: DATASET })).rejects.toThrow(/no ward boundaries/);
    await dispatch({ workspace: ws2 }, 'import/files', {
      paths: [path.join(B, 'london_wards_2014_mapinfo', 'London_Ward_CityMerged_2014_wgs84_simplified10m.geojson'), path.join(B, 'london_wards_2022_merged.geojson')],
    });
    const a14 = await dispatch({ workspace: ws2 }, 'incidents/assign-areas', { dataset: DATASET, vintage: '2014' });
    expect(a14.vintage).toBe('2014');
    expect(a14.boroughFrom).toBe('ward-parent');
    // The City was one ward (E09000001) in the 2014 City-merged set.
    expect(a14.wards[0]!.code).toBe('E09000001');
    await expect(
      dispatch({ workspace: ws2 }, 'map/choropleth', { pivot: { dataset: DATASET, rows: ['ward'], columns: [] }, vintage: '2022' }),
    ).rejects.toThrow(/2014 set; they cannot be drawn on 2022 polygons/);
    ws2.close();
  });
});
