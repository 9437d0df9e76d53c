// Hotspots on the real City of London points: hexagon counts, kernel density and Gi* recomputed
// here from the raw points (projected with proj4 directly), and the CLI writing GeoJSON and CSV.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HotspotResult, Position } from '../../src/shared/geo';
import { dispatch } from '../../src/core/handlers';
import { buildCli, wardlens } from '../support/cli';
import { data, dataDir } from '../support/data';
import { readCsv } from '../support/raw';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

afterAll(cleanupTempDirs);

const B = path.join(dataDir, 'boundaries');
const DATASET = 'policeuk-city-of-london-police';
// EPSG:27700 as the EPSG registry gives it (Helmert towgs84), written out here for the test.
const toBng = proj4('WGS84', '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs');

let result: HotspotResult;
let points: Position[];
let areasBefore: { code: string; name: string }[];
let areasAfter: { code: string; name: string }[];

beforeAll(async () => {
  const ws = tempWorkspace();
  // The boroughs a grid can cover: none before any boundary is imported, then those with polygons.
  areasBefore = await dispatch({ workspace: ws }, 'hotspots/areas', {});
  await dispatch({ workspace: ws }, 'import/files', { paths: [data.policeUkDir, path.join(B, 'london_wards_2022_merged.geojson'), path.join(B, 'london_boroughs', 'london_boroughs.geojson')] });
  areasAfter = await dispatch({ workspace: ws }, 'hotspots/areas', {});
  result = await dispatch({ workspace: ws }, 'hotspots/run', { dataset: DATASET, area: ['City of London'], months: { from: '2018-01', to: '2018-12' } });
  ws.close();
  points = [];
  for (const f of readdirSync(data.policeUkDir).filter((n) => n.startsWith('2018-'))) {
    const t = readCsv(path.join(data.policeUkDir, f));
    for (const r of t.rows) if (r[t.col('Longitude')] !== '') points.push(toBng.forward([Number(r[t.col('Longitude')]), Number(r[t.col('Latitude')])]) as Position);
  }
}, 120_000);

/** Inside a pointy-topped hexagon of apothem a: within a of the centre along each of three axes. */
const inHex = ([x, y]: Position, [cx, cy]: Position, a: number) =>
  [0, 60, 120].every((deg) => Math.abs((x - cx) * Math.cos((deg * Math.PI) / 180) + (y - cy) * Math.sin((deg * Math.PI) / 180)) <= a + 1e-6);

describe('the boroughs a hotspot grid can cover', () => {
  it('are those with polygons: every feature of the borough file, by name and code', () => {
    const file = JSON.parse(readFileSync(path.join(B, 'london_boroughs', 'london_boroughs.geojson'), 'utf8')) as { features: { properties: { GSS_CODE: string } }[] };
    expect(areasBefore).toEqual([]);
    expect(areasAfter.map((a) => a.code).sort()).toEqual(file.features.map((f) => f.properties.GSS_CODE).sort());
    expect(areasAfter.map((a) => a.name)).toContain('City of London');
  });
});

describe('hotspots over the City of London', () => {
  it('counts each 2018 point in the hexagon that holds it, and reports those outside the grid', () => {
    const cells = result.cells.features.map((f) => f.properties);
    expect(result.parameters).toMatchObject({ cell: 250, bandwidth: 500, correction: 'fdr' });
    expect(result.parameters.area).toEqual([{ code: 'E09000001', name: 'City of London' }]);
    // Each cell's exact centre from its axial id: 250 m between neighbours, rows 250·√3/2 m apart.
    const centre = (id: string): Position => {
      const [q, r] = id.split(',').map(Number) as [number, number];
      return [250 * (q + r / 2), ((250 * Math.sqrt(3)) / 2) * r];
    };
    const counts = new Map(cells.map((c) => [c.id, 0]));
    let outside = 0;
    for (const c of cells) expect([c.easting, c.northing]).toEqual(centre(c.id).map(Math.round));
    for (const p of points) {
      const home = cells.find((c) => inHex(p, centre(c.id), 125));
      if (home) counts.set(home.id, counts.get(home.id)! + 1);
      else outside++;
    }
    for (const c of cells) expect(c.count).toBe(counts.get(c.id));
    expect(result.summary.outsideGrid).toBe(outside);
    expect(result.summary.points + result.summary.outsideGrid).toBe(points.length);
    expect(result.summary.incidents).toBe(8546);
    expect(result.summary.noLocation).toBe(8546 - points.length);
  });

  it('has Gi* z-scores, p-values and FDR bins as the formula gives them', () => {
    const cells = result.cells.features.map((f) => f.properties);
    const x = cells.map((c) => c.count);
    const n = x.length;
    const mean = x.reduce((a, b) => a + b, 0) / n;
    const s = Math.sqrt(x.reduce((a, b) => a + b * b, 0) / n - mean * mean);
    // Neighbours by distance between centres: the cell itself and the hexagons 250 m away.
    const z = cells.map((ci) => {
      const nb = cells.filter((cj) => Math.hypot(ci.easting - cj.easting, ci.northing - cj.northing) <= 251);
      const w = nb.length;
      const local = nb.reduce((a, c) => a + c.count, 0);
      return (local - mean * w) / (s * Math.sqrt((n * w - w * w) / (n - 1)));
    });
    cells.forEach((c, i) => expect(c.z).toBeCloseTo(z[i]!, 3));
    // Benjamini–Hochberg at each level, then the strongest level a cell passes.
    const sorted = cells.map((c) => c.p).sort((a, b) => a - b);
    const threshold = (alpha: number) => {
      let t = -1;
      sorted.forEach((p, k) => (p <= ((k + 1) * alpha) / n ? (t = p) : null));
      return t;
    };
    const [t99, t95, t90] = [threshold(0.01), threshold(0.05), threshold(0.1)];
    for (const c of cells) {
      const level = c.p <= t99 ? 3 : c.p <= t95 ? 2 : c.p <= t90 ? 1 : 0;
      expect(c.bin).toBe(level === 0 ? 0 : Math.sign(c.z) * level);
    }
    expect(result.summary.hot[99]).toBeGreaterThan(0);
    expect(cells.filter((c) => c.bin === 3).every((c) => c.label === 'Hot spot (99% confidence)')).toBe(true);
  });

  it('gives quartic kernel densities per km²', () => {
    const h = 500;
    for (const c of result.cells.features.map((f) => f.properties).filter((_, i) => i % 7 === 0)) {
      let d = 0;
      for (const [px, py] of points) {
        const u = ((px - c.easting) ** 2 + (py - c.northing) ** 2) / (h * h);
        if (u < 1) d += (3 / (Math.PI * h * h)) * (1 - u) ** 2;
      }
      // The test uses the rounded centre; a metre moves the density by well under 1%.
      expect(Math.abs(c.density - d * 1e6)).toBeLessThanOrEqual(Math.max(1, d * 1e6 * 0.01));
    }
  });

  it('draws each hexagon in WGS84 around its own centre, with ward and borough outlines over the grid', () => {
    const toWgs = (e: number, n: number) => toBng.inverse([e, n]) as Position;
    for (const f of result.cells.features) {
      const ring = f.geometry.coordinates[0] as Position[];
      expect(ring).toHaveLength(7);
      const [lon, lat] = toWgs(f.properties.easting, f.properties.northing);
      const lons = ring.map((p) => p[0]);
      const lats = ring.map((p) => p[1]);
      expect(lon > Math.min(...lons) && lon < Math.max(...lons) && lat > Math.min(...lats) && lat < Math.max(...lats)).toBe(true);
    }
    expect(result.outlines.boroughs.features.map((b) => b.properties.code)).toContain('E09000001');
    expect(result.outlines.wards.features.length).toBeGreaterThan(25);
    expect(result.notes.join(' ')).toMatch(/not cut at ward or borough boundaries/);
  });
});

describe('wardlens hotspots', () => {
  it('writes the cells as GeoJSON and CSV', async () => {
    expect(buildCli().status).toBe(0);
    const dir = tempDir();
    const db = path.join(dir, 'ws.sqlite');
    const imp = await wardlens('import', '--db', db, path.join(data.policeUkDir, '2018-06-city-of-london-street.csv'), path.join(B, 'london_boroughs', 'london_boroughs.geojson'));
    expect(imp.code, imp.stderr).toBe(0);
    const out = path.join(dir, 'cells.geojson');
    const csv = path.join(dir, 'cells.csv');
    const r = await wardlens('hotspots', '--db', db, '--dataset', DATASET, '--area', 'E09000001', '--where', 'crime-type=Other theft', '--cell', '200', '--out', out, '--csv', csv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/hexagons of 200 m/);
    const geo = JSON.parse(readFileSync(out, 'utf8')) as { features: unknown[]; wardlens: { parameters: { cell: number } } };
    expect(geo.wardlens.parameters.cell).toBe(200);
    const table = readCsv(csv);
    expect(table.header).toEqual(['cell_id', 'easting', 'northing', 'longitude', 'latitude', 'count', 'density_per_km2', 'gi_z', 'gi_p', 'gi_bin', 'class']);
    expect(table.rows).toHaveLength(geo.features.length);
    const again = await wardlens('hotspots', '--db', db, '--dataset', DATASET, '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});
