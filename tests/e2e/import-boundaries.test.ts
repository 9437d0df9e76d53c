// Boundary files through the Import view, on the real files in ../shared/data/boundaries: the
// 2022 ward GeoJSON and the borough GeoJSON dropped together, every figure on screen checked
// against counts taken here from the raw GeoJSON and the gazetteer the app ships; the Map
// view then draws Harrow's wards. A zipped ESRI shapefile of the older (2011) ward set lists
// the codes that match no ward, counted here from its .dbf. A broken GeoJSON shows the
// engine's error naming file and feature, and leaves the boundary sets as they were. No
// request may leave the server's origin.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoundarySet } from '../../src/shared/geo';
import type { Session } from './support/browser';
import { dataDir, realFiles, repoRoot, tempDir } from './support/paths';
import { cli, type Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';

const bounds = path.join(dataDir, 'boundaries');
const wards2022 = path.join(bounds, 'london_wards_2022_merged.geojson');
const boroughs = path.join(bounds, 'london_boroughs', 'london_boroughs.geojson');
const esri2011 = path.join(bounds, 'statistical-gis-boundaries-london_ESRI_2011wards');
const WARDS = 'mps-ward-ho-2022';

interface Gazetteer {
  boroughs: { code: string; name: string }[];
  wards: { code: string; name: string; boroughCode: string; vintages: string[] }[];
}
const gazetteer = JSON.parse(
  readFileSync(path.join(repoRoot, 'resources', 'gazetteer', 'london-areas.json'), 'utf8'),
) as Gazetteer;

interface RawCollection {
  features: { properties: Record<string, unknown> }[];
}
const readCollection = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as RawCollection;

/** The property whose name says it is the feature's own code (WD25CD, GSS_CODE). */
function codesOf(doc: RawCollection, property: RegExp): string[] {
  return doc.features.map((f) => {
    const key = Object.keys(f.properties).find((k) => property.test(k))!;
    return String(f.properties[key]).trim().toUpperCase();
  });
}

/** A .dbf's character column, read straight from the dBase III layout (header, 32-byte field descriptors, fixed-width records). */
function dbfColumn(file: string, column: string): string[] {
  const b = readFileSync(file);
  const records = b.readUInt32LE(4);
  const headerLength = b.readUInt16LE(8);
  const recordLength = b.readUInt16LE(10);
  let offset = 1; // each record starts with its deletion flag
  let field: { offset: number; length: number } | null = null;
  for (let d = 32; b[d] !== 0x0d; d += 32) {
    const name = b.toString('latin1', d, d + 11).replace(/\0.*$/, '');
    const length = b[d + 16]!;
    if (name === column) field = { offset, length };
    offset += length;
  }
  if (!field) throw new Error(`${file} has no column ${column}`);
  return Array.from({ length: records }, (_, i) => {
    const at = headerLength + i * recordLength + field.offset;
    return b
      .toString('latin1', at, at + field.length)
      .trim()
      .toUpperCase();
  });
}

const uk = (n: number) => n.toLocaleString('en-GB');
const view = (page: Page, id: string) => page.locator(`section.view[aria-labelledby="view-title-${id}"]`);
const resultFor = (page: Page, file: string) =>
  page.getByRole('article', { name: `Boundary result for ${file}` });
const boundarySets = (db: string) => cli<BoundarySet[]>(['boundaries', 'list', '--db', db, '--json']);

describe('boundary files through the Import view (browser mode)', () => {
  let dir: string;
  let db: string;
  let server: Served;
  let s: Session;

  beforeAll(async () => {
    dir = tempDir('import-boundaries');
    db = path.join(dir, 'workspace.sqlite');
    // The counts for the Map view come through the CLI; the boundaries through the Import view.
    const r = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'bin', 'wardlens.js'), 'import', '--db', db, realFiles.ward2022],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    ({ server, s } = await openWorkbench(db));
    await s.page.getByRole('button', { name: /^Import/ }).click();
    await s.page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
  });

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('takes the 2022 ward and the borough GeoJSON as boundary files, with no column mapping', async () => {
    const { page } = s;
    await page.getByTestId('import-input').setInputFiles([wards2022, boroughs]);
    for (const file of [wards2022, boroughs]) {
      const card = page.getByRole('article', { name: path.basename(file), exact: true });
      await card.getByText('Boundary file').waitFor();
      expect(await card.textContent()).toContain('GeoJSON boundaries');
      expect(await card.textContent()).not.toContain('Map the columns');
      expect(await card.getByLabel('Ward set (year)').inputValue()).toBe('');
    }
    await s.screenshot('60-import-boundary-files');
  });

  it('imports them and says what was stored, figure for figure against the raw files and the gazetteer', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Import 2 files' }).click();
    const wards = resultFor(page, path.basename(wards2022));
    const boro = resultFor(page, path.basename(boroughs));
    await wards.waitFor({ timeout: 90_000 });
    await boro.waitFor({ timeout: 90_000 });

    // Wards: features in the file, codes the gazetteer knows, and 2022 wards the file leaves out.
    const wardCodes = codesOf(readCollection(wards2022), /^WD\d\dCD$/i);
    const known = new Set(gazetteer.wards.map((w) => w.code));
    const linked = new Set(wardCodes.filter((c) => known.has(c))).size;
    const unmatched = wardCodes.filter((c) => !known.has(c)).length;
    const noPolygon = gazetteer.wards.filter(
      (w) => w.vintages.includes('2022') && !wardCodes.includes(w.code),
    ).length;
    const wardText = (await wards.textContent()) ?? '';
    expect(wardText).toContain('Boundaries stored');
    expect(wardText).toContain(
      `${uk(wardCodes.length)} features read (WGS84); ${uk(linked)} ward polygons stored as the 2022 ward set.`,
    );
    expect(await wards.getByTestId('unmatched-count').textContent()).toBe(uk(unmatched));
    expect(await wards.getByTestId('without-polygon-count').textContent()).toBe(uk(noPolygon));
    expect(wardText).toContain('“WD25CD”');

    const boroughCodes = codesOf(readCollection(boroughs), /^GSS_CODE$/i);
    const knownBoroughs = new Set(gazetteer.boroughs.map((b) => b.code));
    const boroughsLinked = new Set(boroughCodes.filter((c) => knownBoroughs.has(c))).size;
    const boroText = (await boro.textContent()) ?? '';
    expect(boroText).toContain(
      `${uk(boroughCodes.length)} features read (WGS84); ${uk(boroughsLinked)} borough polygons stored.`,
    );
    expect(await boro.getByTestId('unmatched-count').textContent()).toBe(
      uk(boroughCodes.filter((c) => !knownBoroughs.has(c)).length),
    );
    expect(await boro.getByTestId('without-polygon-count').textContent()).toBe(
      uk(gazetteer.boroughs.filter((b) => !boroughCodes.includes(b.code)).length),
    );

    // The workspace holds what the screen says.
    const sets = boundarySets(db);
    expect(sets.map((x) => [x.kind, x.vintage, x.polygons]).sort()).toEqual([
      ['borough', null, boroughsLinked],
      ['ward', '2022', linked],
    ]);
    // Both imported: the list of files to import is empty again.
    expect(await page.getByRole('region', { name: 'Files to import' }).count()).toBe(0);
    await s.screenshot('61-import-boundary-results', { fullPage: true });
  });

  it('points to the Map view, which then draws Harrow’s 2022 wards', async () => {
    const { page } = s;
    await resultFor(page, path.basename(wards2022))
      .getByRole('button', { name: 'Open the Map view' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Map' }).waitFor();
    await view(page, 'map').getByLabel('Dataset').selectOption(WARDS);
    const form = view(page, 'map');
    // The select under the caption "Borough", matched whole.
    await form
      .locator('label.field')
      .filter({ has: page.locator('span', { hasText: /^Borough$/ }) })
      .locator('select')
      .selectOption('Harrow');
    const harrow = readCollection(wards2022).features.filter((f) => f.properties.LAD25NM === 'Harrow').length;
    const map = page.getByRole('region', { name: 'Heat map' });
    // One shape per Harrow ward, and one more for the borough outline drawn over them.
    await expect.poll(() => map.locator('.choroplethlocation').count(), { timeout: 60_000 }).toBe(harrow + 1);
    await s.screenshot('62-map-after-boundary-import');
  });

  it('imports a zipped ESRI shapefile and lists the codes that match no ward, as counted from its .dbf', async () => {
    const { page } = s;
    const stem = 'London_Ward_CityMerged';
    const parts = Object.fromEntries(
      ['shp', 'dbf', 'prj', 'cpg'].map((ext) => [
        `${stem}.${ext}`,
        new Uint8Array(readFileSync(path.join(esri2011, `${stem}.${ext}`))),
      ]),
    );
    const zip = path.join(dir, 'wards-2011.zip');
    writeFileSync(zip, zipSync(parts));
    const codes = dbfColumn(path.join(esri2011, `${stem}.dbf`), 'GSS_CODE');
    const known = new Set(gazetteer.wards.map((w) => w.code));
    const unmatched = codes.filter((c) => !known.has(c));

    await page.getByRole('button', { name: /^Import/ }).click();
    await page.getByTestId('import-input').setInputFiles(zip);
    const card = page.getByRole('article', { name: 'wards-2011.zip', exact: true });
    expect(await card.textContent()).toContain('Zipped ESRI shapefile boundaries');
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const result = resultFor(page, 'wards-2011.zip');
    await result.waitFor({ timeout: 90_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(
      `${uk(codes.length)} features read (British National Grid); ${uk(codes.length - unmatched.length)} ward polygons stored`,
    );
    expect(await result.getByTestId('unmatched-count').textContent()).toBe(uk(unmatched.length));
    const listed = await result
      .getByRole('table', { name: 'Codes that match no area' })
      .locator('tbody tr td:nth-child(2)')
      .allTextContents();
    expect(listed.sort()).toEqual([...unmatched].sort());
    await s.screenshot('63-import-zipped-shapefile', { fullPage: true });
  });

  it('imports the same zip as the 2011 ward set when the analyst names the year and adds the wards it lacks', async () => {
    const { page } = s;
    const zip = path.join(dir, 'wards-2011.zip');
    const codes = dbfColumn(path.join(esri2011, 'London_Ward_CityMerged.dbf'), 'GSS_CODE');
    const known = new Set(gazetteer.wards.map((w) => w.code));
    const missing = new Set(codes.filter((c) => !known.has(c))).size;
    await page.getByTestId('import-input').setInputFiles(zip);
    const card = page.getByRole('article', { name: 'wards-2011.zip', exact: true });
    await card.getByLabel('Ward set (year)').selectOption('2011');
    await card.getByLabel(/Add the wards this workspace does not know/).check();
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const result = resultFor(page, 'wards-2011.zip');
    await result.waitFor({ timeout: 90_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(
      `${uk(codes.length)} features read (British National Grid); ${uk(new Set(codes).size)} ward polygons stored as the 2011 ward set. ${uk(missing)} new wards added.`,
    );
    expect(await result.getByTestId('unmatched-count').textContent()).toBe('0');
    expect(
      boundarySets(db)
        .filter((x) => x.vintage === '2011')
        .map((x) => x.polygons),
    ).toEqual([new Set(codes).size]);
  });

  it('asks for the ward set’s year when a file mixes wards of two sets, pointing at the field', async () => {
    const { page } = s;
    // Harrow's 2022 wards with ten 2014 wards of boroughs whose wards changed: no one set holds them all.
    const wards2014 = path.join(
      bounds,
      'london_wards_2014_mapinfo',
      'London_Ward_CityMerged_2014_wgs84_simplified10m.geojson',
    );
    const in2022 = new Set(gazetteer.wards.filter((w) => w.vintages.includes('2022')).map((w) => w.code));
    const harrow = readCollection(wards2022).features.filter((f) => f.properties.LAD25NM === 'Harrow');
    // Their properties named as the 2022 file names them, so only the year is in doubt.
    const older = readCollection(wards2014)
      .features.filter((f) => !in2022.has(String(f.properties.GSS_Code)))
      .slice(0, 10)
      .map((f) => ({
        ...f,
        properties: {
          WD25CD: f.properties.GSS_Code,
          WD25NM: f.properties.Name,
          LAD25CD: f.properties.LB_GSS_Code,
        },
      }));
    const mixed = path.join(dir, 'mixed-wards.geojson');
    writeFileSync(mixed, JSON.stringify({ type: 'FeatureCollection', features: [...harrow, ...older] }));
    const before = boundarySets(db);

    await page.getByTestId('import-input').setInputFiles(mixed);
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const result = resultFor(page, 'mixed-wards.geojson');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getByRole('alert').textContent()).toContain('give the set');
    const card = page.getByRole('article', { name: 'mixed-wards.geojson', exact: true });
    expect(await card.locator('.field-asked').getByText('Ward set (year)').count()).toBe(1);
    expect(await card.textContent()).toContain('Choose the ward set’s year above');
    expect(boundarySets(db)).toEqual(before);
    await s.screenshot('65-import-asks-for-ward-year', { fullPage: true });
    await card.getByRole('button', { name: /^Remove/ }).click();
  });

  it('asks which property holds the code when no property holds one ONS code per feature', async () => {
    const { page } = s;
    const doc = readCollection(boroughs);
    // Names only: no property holds the features' ONS codes.
    const uncoded = path.join(dir, 'uncoded-boroughs.geojson');
    writeFileSync(
      uncoded,
      JSON.stringify({
        ...doc,
        features: doc.features.map((f) => ({ ...f, properties: { NAME: f.properties.NAME } })),
      }),
    );
    const before = boundarySets(db);
    await page.getByTestId('import-input').setInputFiles(uncoded);
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const result = resultFor(page, 'uncoded-boroughs.geojson');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getByRole('alert').textContent()).toContain(
      'say which with the code property option (properties: NAME)',
    );
    const card = page.getByRole('article', { name: 'uncoded-boroughs.geojson', exact: true });
    expect(await card.locator('.field-asked').getByText('Property holding the code').count()).toBe(1);
    expect(boundarySets(db)).toEqual(before);
    await card.getByRole('button', { name: /^Remove/ }).click();
  });

  it('shows a broken GeoJSON’s error with its file and feature, and leaves the workspace unchanged', async () => {
    const { page } = s;
    const doc = JSON.parse(readFileSync(boroughs, 'utf8')) as {
      features: { geometry: { type: string; coordinates: unknown[][] } }[];
    };
    // Feature 5's outline gets a corner that is not two numbers, as a hand-edited file might.
    const g = doc.features[4]!.geometry;
    const outline = (
      g.type === 'MultiPolygon' ? (g.coordinates[0] as unknown[][])[0] : g.coordinates[0]
    ) as unknown[];
    outline[2] = ['51.5', null];
    const broken = path.join(dir, 'broken-boroughs.geojson');
    writeFileSync(broken, JSON.stringify(doc));
    const before = boundarySets(db);

    await page.getByTestId('import-input').setInputFiles(broken);
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const result = resultFor(page, 'broken-boroughs.geojson');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain('Not imported');
    const alert = result.getByRole('alert');
    const message = (await alert.textContent()) ?? '';
    expect(message).toContain('broken-boroughs.geojson');
    expect(message).toContain('feature 5');
    expect(message).toContain('not two numbers');
    expect(message).toContain('the workspace is unchanged');
    expect(await alert.locator('.error-where').textContent()).toContain('Feature5');
    // The file stays in the list, to import again once mended; nothing was stored.
    expect(await page.getByRole('article', { name: 'broken-boroughs.geojson', exact: true }).count()).toBe(1);
    expect(boundarySets(db)).toEqual(before);
    await s.screenshot('64-import-broken-geojson', { fullPage: true });
  });

  it('asked nothing of any origin but its own server, and broke no CSP rule', () => {
    const foreign = s.requests.filter(
      (u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== server.origin,
    );
    expect(s.requests.length).toBeGreaterThan(10);
    expect(foreign).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
