// Boundary import on the real files: 2014 / 2018 / 2022 ward GeoJSON, boroughs, LSOAs, a British
// National Grid shapefile (bare and zipped) and a British National Grid GeoJSON, with codes linked and vintages told.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AreaGeometry, Position } from '../../src/shared/geo';
import { dispatch } from '../../src/core/handlers';
import { polygonsOf } from '../../src/core/geo/boundaryStore';
import { dataDir } from '../support/data';
import { makeZip } from '../support/zip';
import { cleanupTempDirs, scalar, tempDir, tempWorkspace } from '../support/workspace';

afterAll(cleanupTempDirs);

const B = path.join(dataDir, 'boundaries');
const wards2022 = path.join(B, 'london_wards_2022_merged.geojson');
const wards2014 = path.join(B, 'london_wards_2014_mapinfo', 'London_Ward_CityMerged_2014_wgs84_simplified10m.geojson');
const wards2018 = path.join(B, 'london_wards_2018_mapinfo', 'London_Ward_CityMerged_2018_wgs84_simplified10m.geojson');
const esri = path.join(B, 'statistical-gis-boundaries-london_ESRI_2011wards');
const harrow2022 = path.join(B, 'london_wards_2022_by_borough', 'E09000015.geojson');

const rawFeatures = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: Record<string, string>; geometry: AreaGeometry }[] }).features;

/** Planar centroid of a polygon's outer rings (area-weighted), for comparing two versions of a shape. */
function centroid(g: AreaGeometry): Position {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    const ring = poly[0]!;
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[i + 1]!;
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
  }
  return [cx / (3 * a), cy / (3 * a)];
}
const metres = (a: Position, b: Position) => Math.hypot((a[0] - b[0]) * 69_400, (a[1] - b[1]) * 111_250);

describe('ward GeoJSON in WGS84', () => {
  it('links all 704 features of the 2022 file to the gazetteer and tells the vintage from the codes', async () => {
    const ws = tempWorkspace();
    const r = await dispatch({ workspace: ws }, 'boundaries/import', { path: wards2022 });
    expect(r.status).toBe('imported');
    expect(r.codeProperty).toBe('WD25CD');
    expect(r.nameProperty).toBe('WD25NM');
    expect(r.set).toMatchObject({ kind: 'ward', vintage: '2022', sourceCrs: 'WGS84', polygons: 704 });
    expect(r.unmatchedCodes).toEqual([]);
    expect(r.areasWithoutPolygon).toEqual([]);
    // Every stored polygon is the file's own shape for that code, untouched.
    const stored = new Map(polygonsOf(ws.db, 'ward', '2022').map((p) => [p.code, p.geometry]));
    for (const f of rawFeatures(wards2022)) expect(stored.get(f.properties.WD25CD!)).toEqual(f.geometry);
    const again = await dispatch({ workspace: ws }, 'boundaries/import', { path: wards2022 });
    expect(again.status).toBe('already-imported');
    expect(scalar(ws.db, 'SELECT count(*) FROM boundary_polygons')).toBe(704);
    ws.close();
  });

  it('tells 2014 from 2018 wards, and refuses a vintage the codes do not fit, leaving nothing behind', async () => {
    const ws = tempWorkspace();
    await expect(dispatch({ workspace: ws }, 'boundaries/import', { path: wards2014, options: { vintage: '2022' } })).rejects.toThrow(/not 2022 wards.*fit 2014/);
    expect(scalar(ws.db, 'SELECT count(*) FROM boundary_sets') + scalar(ws.db, 'SELECT count(*) FROM boundary_polygons')).toBe(0);
    const r14 = await dispatch({ workspace: ws }, 'boundaries/import', { path: wards2014 });
    const r18 = await dispatch({ workspace: ws }, 'boundaries/import', { path: wards2018 });
    expect([r14.set.vintage, r14.set.polygons, r14.codeProperty]).toEqual(['2014', 630, 'GSS_Code']);
    expect([r18.set.vintage, r18.set.polygons, r18.codeProperty]).toEqual(['2018', 633, 'GSS_CODE']);
    const list = await dispatch({ workspace: ws }, 'boundaries/list', {});
    expect(list.map((s) => s.vintage)).toEqual(['2014', '2018']);
    ws.close();
  });

  it("a single borough's file lists only that borough's wards as missing (none here)", async () => {
    const ws = tempWorkspace();
    const r = await dispatch({ workspace: ws }, 'boundaries/import', { path: harrow2022 });
    expect(r.set).toMatchObject({ vintage: '2022', polygons: 22 });
    expect(r.areasWithoutPolygon).toEqual([]);
    ws.close();
  });

  it('boroughs and LSOAs: kind from the codes, LSOA areas created from the file with their borough', async () => {
    const ws = tempWorkspace();
    const b = await dispatch({ workspace: ws }, 'boundaries/import', { path: path.join(B, 'london_boroughs', 'london_boroughs.geojson') });
    expect(b.set).toMatchObject({ kind: 'borough', polygons: 33 });
    const l = await dispatch({ workspace: ws }, 'boundaries/import', { path: path.join(B, 'lsoa11_by_borough', 'E09000015.geojson') });
    expect(l.set).toMatchObject({ kind: 'lsoa', vintage: '2011', polygons: 137 });
    expect(l.areasAdded).toBe(137);
    expect(scalar(ws.db, "SELECT count(*) FROM areas a JOIN areas p ON p.id = a.parent_id WHERE a.kind = 'lsoa' AND p.code = 'E09000015'")).toBe(137);
    ws.close();
  });
});

describe('British National Grid', () => {
  it('reads the 2011 shapefile, reprojects it, and its Harrow wards sit on the 2014 GeoJSON (made by GDAL) within metres', async () => {
    const ws = tempWorkspace();
    const r = await dispatch({ workspace: ws }, 'boundaries/import', { path: path.join(esri, 'London_Ward_CityMerged.shp'), options: { vintage: '2011', addAreas: true } });
    expect(r.set).toMatchObject({ kind: 'ward', vintage: '2011', sourceCrs: 'British National Grid', polygons: 625 });
    expect(r.codeProperty).toBe('GSS_CODE');
    // 54 of its codes were retired in 2014 (e.g. Kensington and Chelsea's): new wards, tagged 2011.
    expect(r.areasAdded).toBe(54);
    expect(scalar(ws.db, "SELECT count(*) FROM area_vintages WHERE vintage = '2011'")).toBe(625);
    const shp = new Map(polygonsOf(ws.db, 'ward', '2011').map((p) => [p.code, p.geometry]));
    const harrow = rawFeatures(wards2014).filter((f) => f.properties.LB_GSS_Code === 'E09000015');
    expect(harrow).toHaveLength(21);
    for (const f of harrow) expect(metres(centroid(shp.get(f.properties.GSS_Code!)!), centroid(f.geometry))).toBeLessThan(5);
    ws.close();
  });

  it('reads a zipped shapefile through import/files, as one set', async () => {
    const ws = tempWorkspace();
    const zip = path.join(tempDir(), 'boroughs.zip');
    const part = (ext: string) => ({ name: `London_Borough_Excluding_MHW${ext}`, data: readFileSync(path.join(esri, `London_Borough_Excluding_MHW${ext}`)) });
    writeFileSync(zip, makeZip(['.shp', '.shx', '.dbf', '.prj'].map(part)));
    const [r] = await dispatch({ workspace: ws }, 'import/files', { paths: [zip] });
    expect(r!.status).toBe('imported');
    expect(r!.rowsStored).toBe(33);
    expect(r!.dataset).toMatch(/Boundaries: boroughs \(borough\)/);
    const sets = await dispatch({ workspace: ws }, 'boundaries/list', {});
    expect(sets[0]).toMatchObject({ kind: 'borough', sourceCrs: 'British National Grid', polygons: 33 });
    ws.close();
  });

  it('reads GeoJSON in EPSG:27700: a square around each ONS grid reference contains ONS\'s longitude/latitude', async () => {
    const ws = tempWorkspace();
    const harrow = rawFeatures(harrow2022);
    const file = path.join(tempDir(), 'harrow-bng.geojson');
    const square = (e: number, n: number): Position[] => [[e - 10, n - 10], [e + 10, n - 10], [e + 10, n + 10], [e - 10, n + 10], [e - 10, n - 10]];
    writeFileSync(file, JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } },
      features: harrow.map((f) => ({ type: 'Feature', properties: { WD22CD: f.properties.WD25CD }, geometry: { type: 'Polygon', coordinates: [square(Number(f.properties.BNG_E), Number(f.properties.BNG_N))] } })),
    }));
    const r = await dispatch({ workspace: ws }, 'boundaries/import', { path: file });
    expect(r.set).toMatchObject({ sourceCrs: 'British National Grid', vintage: '2022', polygons: 22 });
    const stored = new Map(polygonsOf(ws.db, 'ward', '2022').map((p) => [p.code, p.bbox]));
    for (const f of harrow) {
      const [w, s, e, n] = stored.get(f.properties.WD25CD!)!;
      const [lon, lat] = [Number(f.properties.LONG), Number(f.properties.LAT)];
      expect(lon > w && lon < e && lat > s && lat < n).toBe(true);
    }
    ws.close();
  });
});

describe('bad boundary files', () => {
  it('names the file and feature, and keeps nothing', async () => {
    const ws = tempWorkspace();
    const dir = tempDir();
    const features = rawFeatures(harrow2022).slice(0, 5);
    (features[2]!.geometry as { coordinates: unknown }).coordinates = [[[0.1, 51.5], ['x', 51.6]]];
    writeFileSync(path.join(dir, 'broken.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    writeFileSync(path.join(dir, 'mapping.json'), JSON.stringify({ area: 'Ward' }));
    const results = await dispatch({ workspace: ws }, 'import/files', { paths: [path.join(dir, 'broken.geojson'), path.join(dir, 'mapping.json')] });
    expect(results[0]!.status).toBe('failed');
    expect(results[0]!.error).toMatchObject({ code: 'bad-input', details: { file: 'broken.geojson', row: 3, column: 'geometry' } });
    expect(results[0]!.error!.message).toMatch(/broken\.geojson.*feature 3/);
    expect(results[1]!.error).toMatchObject({ code: 'unknown-format' });
    expect(scalar(ws.db, 'SELECT count(*) FROM boundary_sets')).toBe(0);
    await expect(dispatch({ workspace: ws }, 'boundaries/import', { path: harrow2022, options: { codeProperty: 'WD25NM' } })).rejects.toThrow(/does not hold ONS/);
    ws.close();
  });
});
