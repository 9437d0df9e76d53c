// Maps and hotspots end to end, on real data: the 2022-ward MPS counts, 24 months of police.uk
// street-level crimes for the City of London, and the real ward and borough boundaries. The
// assessment refuses to draw 2022 wards while only 2014 polygons are loaded, then draws them
// once the 2022 set is imported; a click on a ward drills into it;
// the incidents are placed in wards from the Hotspots view, and a Gi* run over three boroughs
// is drawn, checked against the CLI and against counts taken straight from the raw CSVs, and
// exported as PNG, SVG, GeoJSON and csv. No request may leave the server's origin.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoroplethResult, HotspotCellProperties, HotspotResult } from '../../src/shared/geo';
import type { PivotResult } from '../../src/shared/pivot';
import type { Session } from './support/browser';
import { dataDir, realFiles, repoRoot, tempDir } from './support/paths';
import { cli, type Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';
import { download, fieldSelect } from './support/page';
import { cliText } from './support/server';

const bounds = path.join(dataDir, 'boundaries');
const wards2014 = path.join(bounds, 'london_wards_2014_mapinfo', 'London_Ward_CityMerged_2014_wgs84_simplified10m.geojson');
const wards2022 = path.join(bounds, 'london_wards_2022_merged.geojson');
const boroughs = path.join(bounds, 'london_boroughs', 'london_boroughs.geojson');
const policeDir = path.join(dataDir, 'policeuk_street_cityoflondon');
const POLICE = 'policeuk-city-of-london-police';
const WARDS = 'mps-ward-ho-2022';
const AREA = ['City of London', 'Islington', 'Tower Hamlets'];

/** One view of the app (the others stay mounted, hidden, with controls of the same names). */
const view = (page: Page, id: string) => page.locator(`section.view[aria-labelledby="view-title-${id}"]`);


/** police.uk rows for 2018 straight from the CSVs: every row, and those with no coordinates. */
function rawPoliceCounts(): { rows: number; noLocation: number } {
  let rows = 0;
  let noLocation = 0;
  for (const f of readdirSync(policeDir).filter((n) => n.startsWith('2018-'))) {
    const wb = XLSX.read(readFileSync(path.join(policeDir, f)), { type: 'buffer', raw: true });
    const table = XLSX.utils.sheet_to_json<Record<string, string>>(wb.Sheets[wb.SheetNames[0]!]!, { defval: '' });
    rows += table.length;
    noLocation += table.filter((r) => String(r.Longitude).trim() === '').length;
  }
  return { rows, noLocation };
}

/** The pivot table inside `scope`, figure for figure against the CLI's answer (counts, UK format). */
async function expectDetailMatches(scope: Locator, expected: PivotResult) {
  const key = (keys: string[]) => keys.join('|');
  const last = `td[data-row="${key(expected.rows.at(-1)!.keys)}"][data-col="${key(expected.columns.at(-1)!.keys)}"]`;
  await scope.locator(last).first().waitFor({ timeout: 30_000 });
  const onScreen = new Map(
    await scope.locator('.pivot-table td[data-row]').evaluateAll((tds) =>
      tds.map((td) => [`${td.getAttribute('data-row')}@${td.getAttribute('data-col')}`, td.querySelector('.cell-text')?.textContent ?? ''] as const),
    ),
  );
  const shown = (v: number | null) => (v === null ? '–' : v.toLocaleString('en-GB'));
  expected.rows.forEach((r, i) =>
    expected.columns.forEach((c, k) =>
      expect(onScreen.get(`${key(r.keys)}@${key(c.keys)}`), `${r.labels} × ${c.labels}`).toBe(shown(expected.cells[i]![k]!.value)),
    ),
  );
}

const field = fieldSelect;
const yearOf = (form: Locator) => field(form, 'Year').inputValue();

/** Hovers and clicks the middle of a map area as the analyst would (Plotly picks the area under the pointer). */
async function clickArea(page: Page, area: Locator) {
  const box = (await area.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

describe('maps and hotspots in Chromium (browser mode)', () => {
  let dir: string;
  let db: string;
  let server: Served;
  let s: Session;
  let shownHotspots: { cells: number; hot99: string } | null = null;

  beforeAll(async () => {
    dir = tempDir('maps');
    db = path.join(dir, 'workspace.sqlite');
    // Data in through the CLI; the 2022 ward boundaries come later, through the Import view.
    cliText(['import', '--db', db, realFiles.ward2022, policeDir, boroughs]);
    cliText(['boundaries', 'import', wards2014, '--db', db, '--vintage', '2014']);
    ({ server, s } = await openWorkbench(db));
  });

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('will not draw 2022-ward counts on 2014 polygons: the assessment says the 2022 set is missing', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Assessment/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Assessment' }).waitFor();
    await view(page, 'assessment').getByLabel('Borough').selectOption('Harrow');
    const block = page.getByRole('region', { name: 'Ward map' });
    // The block redraws as the form settles on its defaults, so wait for the notice's whole text.
    const blockText = async () => (await block.textContent()) ?? '';
    await expect
      .poll(blockText, { timeout: 60_000 })
      .toContain('never draws them on another year’s ward boundaries');
    const text = await blockText();
    expect(text).toContain('The ward map is not drawn');
    expect(text).toContain('2022');
    expect(await block.locator('.choroplethlocation').count()).toBe(0);
    await block.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'screenshots', '40-ward-map-missing-vintage.png') });
  });

  it('draws the ward map once the 2022 ward boundaries are imported', async () => {
    // Through the CLI here (tests/e2e/import-boundaries.test.ts covers the Import view), then a reload.
    cliText(['boundaries', 'import', wards2022, '--db', db]);
    // A fresh load of the app (the address with its token is the same page, so leave it first).
    await s.page.goto('about:blank');
    await s.page.goto(server.url);
    await s.page.getByRole('heading', { level: 1, name: 'Pivot' }).waitFor();
  });

  it('draws Harrow’s ward map in the assessment on the 2022 polygons, as the CLI classes it', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Assessment/ }).click();
    await view(page, 'assessment').getByLabel('Borough').selectOption('Harrow');
    // Robbery: some of Harrow's wards have fewer than 10, so the small-count marks show.
    await field(view(page, 'assessment'), 'Crime type').selectOption('ROBBERY');
    const block = page.getByRole('region', { name: 'Ward map' });
    await block.getByText('ROBBERY by ward, Harrow').first().waitFor({ timeout: 60_000 });
    await block.locator('.choroplethlocation').first().waitFor({ state: 'attached', timeout: 60_000 });
    // Harrow has 22 wards in the 2022 set; the borough outline is drawn over them.
    const form = view(page, 'assessment');
    const category = await form.getByLabel('Crime type').inputValue();
    const year = await yearOf(form);
    const expected = cli<ChoroplethResult>([
      'map', '--db', db, '--dataset', WARDS, '--rows', 'ward', '--where', 'borough=Harrow', '--where', `major=${category}`,
      '--from', `${year}-01`, '--to', `${year}-12`, '--json',
    ]);
    expect(expected.vintage).toBe('2022');
    expect(expected.features.features).toHaveLength(22);
    // 22 ward shapes and the borough outline drawn over them.
    expect(await block.locator('.choroplethlocation').count()).toBe(22 + 1);
    // The legend's classes are the engine's, edges and all.
    const legend = await block.locator('.legendtext').allTextContents();
    for (const c of expected.legend.classes) expect(legend).toContain(`${c.label} (${c.areas} areas)`);
    const small = expected.features.features.filter((f) => f.properties.small).length;
    expect(small).toBeGreaterThan(0);
    const marks = await block.locator('.main-svg text').evaluateAll((ts) => ts.filter((t) => t.textContent === '*').length);
    expect(marks).toBe(small);
    expect(await block.textContent()).toContain('* Small count: fewer than 10 crimes');
    expect(await block.textContent()).toContain('Drawn on the 2022 ward boundaries');
    await block.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'screenshots', '41-assessment-ward-map.png') });
  });

  it('drills into a ward from the assessment map: its months across the categories, as the CLI gives them', async () => {
    const { page } = s;
    const block = page.getByRole('region', { name: 'Ward map' });
    await clickArea(page, block.locator('.choroplethlocation').nth(5));
    const heading = block.locator('#area-detail-title');
    await heading.waitFor({ timeout: 30_000 });
    const name = ((await heading.textContent()) ?? '').trim();
    const form = view(page, 'assessment');
    const year = await yearOf(form);
    const category = await form.getByLabel('Crime type').inputValue();
    const all = cli<PivotResult>([
      'pivot', '--db', db, '--dataset', WARDS, '--rows', 'ward', '--where', 'borough=Harrow', '--format', 'json',
    ]);
    const ward = all.rows.find((r) => r.labels[0] === name);
    expect(ward, `"${name}" is a Harrow ward`).toBeDefined();
    const expected = cli<PivotResult>([
      'pivot', '--db', db, '--dataset', WARDS, '--rows', 'month', '--cols', 'major', '--where', 'borough=Harrow',
      '--where', `major=${category}`, '--where', `ward=${ward!.keys[0]}`, '--from', `${year}-01`, '--to', `${year}-12`, '--format', 'json',
    ]);
    // Months with no such crime in the ward have no row, in the CLI as on screen.
    expect(expected.rows.length).toBeGreaterThan(6);
    await expectDetailMatches(block.locator('.ward-detail'), expected);
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'screenshots', '42-assessment-ward-drill.png') });
  });

  it('drills into a ward from the Map view, with small counts marked and borough outlines on top', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Map/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Map' }).waitFor();
    await view(page, 'map').getByLabel('Dataset').selectOption(WARDS);
    await field(view(page, 'map'), 'Borough').selectOption('Harrow');
    const map = page.getByRole('region', { name: 'Heat map' });
    await expect.poll(() => map.locator('.choroplethlocation').count(), { timeout: 60_000 }).toBe(22 + 1);
    await s.screenshot('43-map-harrow-wards');
    await clickArea(page, map.locator('.choroplethlocation').nth(3));
    const detail = view(page, 'map').locator('.ward-detail');
    await detail.locator('.pivot-table').waitFor({ timeout: 30_000 });
    const months = await detail.locator('.pivot-table tbody th[scope="row"]').allTextContents();
    expect(months.map((m) => m.trim())).toContain('Jan 2025');
    await detail.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'screenshots', '44-map-ward-drill.png') });
  });

  it('places the incidents in wards and draws Gi* hotspots over three boroughs at once, with outlines on top', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Hotspots/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Hotspots' }).waitFor();
    await page.getByRole('button', { name: 'Place incidents in wards and boroughs' }).click();
    for (const b of AREA) await page.getByRole('checkbox', { name: b }).check({ timeout: 60_000 });
    const out = page.getByRole('region', { name: 'Hotspot map' });
    await expect
      .poll(async () => (await out.locator('.gtitle').textContent().catch(() => '')) ?? '', { timeout: 60_000 })
      .toContain('City of London, Islington, Tower Hamlets');
    // The snap-point caveat is on screen, not only in the exports.
    expect(await out.locator('.snap-note').textContent()).toContain('snap points');
    await s.screenshot('45-hotspots-gistar', { fullPage: true });
  });

  it('shows what the CLI and the raw CSVs say: incidents, cells, hot spots', async () => {
    const { page } = s;
    const out = page.getByRole('region', { name: 'Hotspot map' });
    const expected = cli<Pick<HotspotResult, 'summary'>>([
      'hotspots', '--db', db, '--dataset', POLICE, '--area', AREA.join(','), '--from', '2018-01', '--to', '2018-12',
      '--cell', '250', '--out', path.join(dir, 'cli-hotspots.geojson'), '--json',
    ]);
    const raw = rawPoliceCounts();
    expect(expected.summary.incidents).toBe(raw.rows);
    expect(expected.summary.noLocation).toBe(raw.noLocation);
    const facts = (await out.locator('.fact-list').textContent()) ?? '';
    expect(facts).toContain(`Incidents chosen${raw.rows.toLocaleString('en-GB')}`);
    expect(facts).toContain(`No location${raw.noLocation.toLocaleString('en-GB')}`);
    expect(facts).toContain(`Cells${expected.summary.cells.toLocaleString('en-GB')} of 250 m`);
    const hot99 = (await out.locator('.gi-table tbody tr').first().locator('td').first().textContent()) ?? '';
    expect(hot99).toBe(expected.summary.hot[99].toLocaleString('en-GB'));
    expect(expected.summary.hot[99]).toBeGreaterThan(0);
    shownHotspots = { cells: expected.summary.cells, hot99 };
  });

  it('exports the hotspot map as PNG and SVG, and the cells as GeoJSON and csv', async () => {
    const { page } = s;
    const out = page.getByRole('region', { name: 'Hotspot map' });
    const png = await download(page, () => out.getByRole('button', { name: 'Save chart as PNG' }).click());
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.bytes.readUInt32BE(16)).toBe(2400);
    const svg = await download(page, () => out.getByRole('button', { name: 'Save as SVG' }).click());
    expect(svg.name.endsWith('.svg')).toBe(true);
    expect(svg.bytes.toString('utf8')).toContain('Getis-Ord Gi*');

    const geo = await download(page, () => out.getByRole('button', { name: 'GeoJSON' }).click());
    expect(geo.name.endsWith('.geojson')).toBe(true);
    const fc = JSON.parse(geo.bytes.toString('utf8')) as { features: { properties: HotspotCellProperties }[] };
    expect(fc.features).toHaveLength(shownHotspots!.cells);
    const csv = await download(page, () => out.getByRole('button', { name: 'CSV' }).click());
    const sheet = XLSX.read(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''), { type: 'string', raw: true });
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(sheet.Sheets[sheet.SheetNames[0]!]!, { raw: false });
    expect(Object.keys(rows[0]!)).toContain('gi_bin');
    expect(rows).toHaveLength(shownHotspots!.cells);
    // The file's 99% hot cells are those the screen counted, and its cells are the GeoJSON's.
    expect(rows.filter((r) => r.gi_bin === '3').length.toLocaleString('en-GB')).toBe(shownHotspots!.hot99);
    expect(rows.map((r) => r.cell_id)).toEqual(fc.features.map((f) => f.properties.id));
    // Every counted incident is in exactly one cell.
    const inCells = fc.features.reduce((n, f) => n + f.properties.count, 0);
    expect(await out.locator('.fact-list').textContent()).toContain(`In the grid${inCells.toLocaleString('en-GB')}`);
  });

  it('switches to kernel density and hexagon counts without a new run, stating the bandwidth', async () => {
    const { page } = s;
    const out = page.getByRole('region', { name: 'Hotspot map' });
    await view(page, 'hotspots').getByLabel('Method').selectOption('density');
    await expect.poll(async () => (await out.locator('.gtitle').textContent()) ?? '').toContain('Kernel density');
    expect(await out.textContent()).toContain('bandwidth 500 m (the default: twice the cell size)');
    await s.screenshot('46-hotspots-density', { fullPage: true });
    await view(page, 'hotspots').getByLabel('Method').selectOption('counts');
    await expect.poll(async () => (await out.locator('.gtitle').textContent()) ?? '').toContain('Hexagon counts');
    await s.screenshot('47-hotspots-counts', { fullPage: true });
  });

  it('asked nothing of any origin but its own server, and broke no CSP rule', () => {
    const foreign = s.requests.filter(
      (u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== server.origin,
    );
    expect(foreign).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
