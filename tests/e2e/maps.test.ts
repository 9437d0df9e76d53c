// Maps and hotspots end to end, on real data: the 2022-ward MPS counts, 24 months of police.uk
// street-level crimes for the City of London, and the real ward and borough boundaries. The
// assessment refuses to draw 2022 wards while only 2014 polygons are loaded, then draws them
// once the 2022 set is imported; a click on a ward drills into it;
// the incidents are placed in wards from the Hotspots view, and a Gi* run over three boroughs
// is drawn, checked against the CLI and against counts taken straight from the raw CSVs, and
// exported as PNG, SVG, GeoJSON and csv. No request may leave the server's origin.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoroplethResult, HotspotCellProperties, HotspotResult } from '../../src/shared/geo';
import type { PivotResult } from '../../src/shared/pivot';
import type { Session } from './support/browser';
import { dataDir, ensureScreenshotDir, realFiles, repoRoot, tempDir } from './support/paths';
import { cli, type Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';
import { download, fieldSelect } from './support/page';
import { cliText } from './support/server';

const bounds = path.join(dataDir, 'boundaries');
const wards2014 = path.join(bounds, 'london_wards_2014_mapinfo', 'London_Ward_CityMerged_2014_wgs84_simplified10m.geojson');
const wards2022 = path.join(bounds, 'london_wards_2022_merged.geojson');
const boroughs = path.join(bounds, 'london_boroughs', 'london_boroughs.geojson');
const policeDir = path.join(dataDir, 'policeuk_street_cityoflondon');
const wardPopulations = path.join(dataDir, 'population', 'housing-density-ward.csv');
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

/** Is this element the one with the keyboard's focus? */
const hasFocus = (el: Locator) => el.evaluate((e) => e.ownerDocument.activeElement === e);

/** Presses Tab until `target` has the focus (at most `limit` times); false if it never does. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<boolean> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await hasFocus(target)) return true;
  }
  return false;
}

/** Where an element is drawn on the page. */
const boxOf = async (el: Locator) => (await el.boundingBox())!;

/** The Map view's question as the CLI asks it: its dataset, Harrow's wards, its period, and any more filters. */
async function mapArgs(page: Page, db: string, more: string[] = []) {
  const form = view(page, 'map');
  const from = await field(form, 'From').inputValue();
  const to = await field(form, 'To').inputValue();
  return ['--db', db, '--dataset', WARDS, '--rows', 'ward', '--where', 'borough=Harrow', ...more, '--from', from, '--to', to];
}

/** The table under the map, row by row: area code and the figure as shown. */
async function tableFigures(page: Page): Promise<Map<string, string>> {
  const rows = view(page, 'map').locator('.map-table tbody tr');
  return new Map(
    await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-code') ?? '', tr.querySelector('.map-value')?.textContent ?? ''] as const),
    ),
  );
}

/** A figure as the app writes it: UK format, and a change signed (+31, −25, 0). */
function ukFigure(measure: ChoroplethResult['measure'], v: number | null): string {
  if (v === null) return '–';
  const text = Math.abs(v).toLocaleString('en-GB');
  if (measure !== 'change') return v.toLocaleString('en-GB');
  return v > 0 ? `+${text}` : v < 0 ? `−${text}` : text;
}

/** The CLI's map figures as the table shows them (small counts starred). */
const shownFigures = (m: ChoroplethResult) =>
  new Map(
    m.features.features.map((f) => [
      f.properties.code,
      ukFigure(m.measure, f.properties.value) + (f.properties.small ? ' *' : ''),
    ]),
  );

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
    // With the GLA ward populations, which are for the 2011/2014 wards: no use for 2022-ward rates.
    cliText(['import', '--db', db, realFiles.ward2022, policeDir, boroughs, wardPopulations]);
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
    // All of it at one reading: the block may redraw between two readings as the form settles.
    const notice = (t: string) =>
      t.includes('never draws them on another year’s ward boundaries') &&
      t.includes('The ward map is not drawn') &&
      t.includes('2022');
    await expect.poll(async () => notice(await blockText()), { timeout: 60_000 }).toBe(true);
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
    await field(view(page, 'assessment'), 'Crime type').selectOption('Robbery');
    const block = page.getByRole('region', { name: 'Ward map' });
    await block.getByText('Robbery by ward, Harrow').first().waitFor({ timeout: 60_000 });
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

    // The same drill-down from the keyboard, through the map's table, for another ward.
    const summary = block.locator('details.map-table > summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    const other = block.locator('details.map-table tbody button').filter({ hasNotText: name }).first();
    const otherName = ((await other.textContent()) ?? '').trim();
    await other.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => ((await heading.textContent()) ?? '').trim()).toBe(otherName);
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

  it('opens a second ward from the map, then closes the panel, and the map stays as it was', async () => {
    const { page } = s;
    const map = page.getByRole('region', { name: 'Heat map' });
    const heading = view(page, 'map').locator('#area-detail-title');
    const first = ((await heading.textContent()) ?? '').trim();
    // A ward's box centre can fall in its neighbour: try wards in turn until another one opens.
    let second = first;
    for (let k = 8; k < 22 && second === first; k++) {
      const ward = map.locator('.choroplethlocation').nth(k);
      await ward.scrollIntoViewIfNeeded();
      await clickArea(page, ward);
      await expect
        .poll(async () => ((await heading.textContent()) ?? '').trim(), { timeout: 5_000 })
        .not.toBe(first)
        .catch(() => undefined);
      second = ((await heading.textContent()) ?? '').trim();
    }
    expect(second).not.toBe(first);
    const detail = view(page, 'map').locator('.ward-detail');
    await detail.locator('.pivot-table').waitFor({ timeout: 30_000 });
    await detail.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => detail.count()).toBe(0);
    // The app is still there (closing once blanked it), map and all.
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Map' }).isVisible()).toBe(true);
    expect(await map.locator('.choroplethlocation').count()).toBe(22 + 1);
    expect(s.problems).toEqual([]);
  });

  it('gives the map as a table whose figures are the CLI’s, and opens a ward’s drill-down from the keyboard alone', async () => {
    const { page } = s;
    const expectedMap = cli<ChoroplethResult>(['map', ...(await mapArgs(page, db)), '--json']);
    // From the Map button in the sidebar, Tab by Tab, as a keyboard user gets there.
    await page.getByRole('button', { name: /^Map/ }).focus();
    const summary = view(page, 'map').locator('.map-table summary');
    expect(await tabTo(page, summary), 'Tab reaches "Show the figures as a table"').toBe(true);
    expect(await summary.textContent()).toBe('Show the figures as a table');
    await page.keyboard.press('Enter');
    const table = view(page, 'map').locator('.map-table table');
    await table.waitFor();
    expect(await tableFigures(page)).toEqual(shownFigures(expectedMap));
    // Highest first: the first ward button is the ward the CLI gives the largest count.
    const top = expectedMap.features.features.reduce((a, b) => ((b.properties.value ?? -1) > (a.properties.value ?? -1) ? b : a));
    const firstWard = table.locator('tbody tr').first().getByRole('button');
    expect(await tabTo(page, firstWard, 5), 'Tab reaches the first ward').toBe(true);
    expect(await firstWard.textContent()).toBe(top.properties.name);
    await s.screenshot('48-map-table-keyboard', { fullPage: true });
    await page.keyboard.press('Enter');
    const detail = view(page, 'map').locator('.ward-detail');
    const heading = detail.locator('#area-detail-title');
    await expect.poll(async () => (await heading.textContent())?.trim(), { timeout: 30_000 }).toBe(top.properties.name);
    // The keyboard goes with the figures, not back to the top of the page.
    await expect.poll(() => hasFocus(heading)).toBe(true);
    // The drill-down is the ward's months across the categories, over the map's period.
    const form = view(page, 'map');
    const expected = cli<PivotResult>([
      'pivot', '--db', db, '--dataset', WARDS, '--rows', 'month', '--cols', 'major', '--where', 'borough=Harrow',
      '--where', `ward=${top.properties.code}`, '--from', await field(form, 'From').inputValue(),
      '--to', await field(form, 'To').inputValue(), '--format', 'json',
    ]);
    expect(expected.rows.length).toBe(12);
    await expectDetailMatches(detail, expected);
    await detail.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'screenshots', '49-map-table-drill.png') });
    // Close from the keyboard: the focus goes back to the ward it came from.
    expect(await tabTo(page, detail.getByRole('button', { name: 'Close' }), 3)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => detail.count()).toBe(0);
    expect(await hasFocus(firstWard)).toBe(true);
  });

  it('filters the map by crime type, with the CLI’s figures, and shades a change on a scale centred on zero', async () => {
    const { page } = s;
    const form = view(page, 'map');
    await field(form, 'Crime type').selectOption('Burglary');
    const map = page.getByRole('region', { name: 'Heat map' });
    await expect.poll(async () => (await map.locator('.gtitle').textContent()) ?? '', { timeout: 60_000 }).toContain('Burglary');
    const burglary = cli<ChoroplethResult>(['map', ...(await mapArgs(page, db, ['--where', 'major=BURGLARY'])), '--json']);
    await expect.poll(() => tableFigures(page), { timeout: 30_000 }).toEqual(shownFigures(burglary));
    await field(form, 'Measure').selectOption('change');
    await expect.poll(async () => (await map.locator('.gtitle').textContent()) ?? '', { timeout: 60_000 }).toContain('Change in crimes');
    const change = cli<ChoroplethResult>(['map', ...(await mapArgs(page, db, ['--where', 'major=BURGLARY'])), '--measure', 'change', '--json']);
    await expect.poll(() => tableFigures(page), { timeout: 30_000 }).toEqual(shownFigures(change));
    // Falls in blue, rises in red: the swatch of each class, read from the legend as drawn.
    // A choropleth's swatch is filled with a gradient of its colour scale: one colour, both stops.
    const swatches = await map.locator('.legend .traces').evaluateAll((ts) => {
      const swatchColour = (t: (typeof ts)[number]) => {
        const id = /url\("?#([^")]+)"?\)/.exec(t.querySelector('.legendpoints path')?.getAttribute('style') ?? '')?.[1];
        const stop = id ? t.ownerDocument.getElementById(id)?.querySelector('stop') : null;
        return `${stop?.getAttribute('stop-color') ?? ''} ${stop?.getAttribute('style') ?? ''}`;
      };
      return ts.map((t) => [t.querySelector('.legendtext')?.textContent ?? '', swatchColour(t)] as const);
    });
    for (const c of change.legend.classes) {
      const fill = swatches.find(([name]) => name === `${c.label} (${c.areas} areas)`)?.[1] ?? '';
      expect(fill, `a swatch for ${c.label}`).not.toBe('');
      const rgb = fill.match(/rgb\((\d+), ?(\d+), ?(\d+)\)/)?.slice(1).map(Number);
      const hex = fill.match(/#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i)?.slice(1).map((h) => parseInt(h, 16));
      const [r, , b] = rgb ?? hex ?? [];
      expect(r, `the colour of ${c.label}: ${fill}`).toBeDefined();
      if (c.to < 0) expect(b!, `${c.label} is a fall: blue`).toBeGreaterThan(r!);
      if (c.from > 0) expect(r!, `${c.label} is a rise: red`).toBeGreaterThan(b!);
    }
    await map.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'screenshots', '50-map-burglary-change.png') });
    await field(form, 'Crime type').selectOption('');
  });

  it('says once, above the map, that rates need populations for the 2022 wards, not a note per ward', async () => {
    const { page } = s;
    const form = view(page, 'map');
    await field(form, 'Measure').selectOption('rate');
    const map = page.getByRole('region', { name: 'Heat map' });
    const blank = map.locator('.map-blank');
    await blank.waitFor({ timeout: 60_000 });
    const expected = cli<ChoroplethResult>(['map', ...(await mapArgs(page, db)), '--measure', 'rate', '--json']);
    expect(expected.features.features.every((f) => f.properties.value === null)).toBe(true);
    const text = (await blank.textContent()) ?? '';
    expect(text).toContain('Nothing is shaded: no ward on this map has a figure for “crimes per 1,000 residents”');
    expect(text).toContain('Rates need ward populations for the 2022 wards');
    const notes = await blank.locator('li').allTextContents();
    expect(notes).toEqual(expected.notes);
    expect(notes.filter((n) => /population/i.test(n))).toHaveLength(1);
    for (const f of expected.features.features) expect(text).not.toContain(f.properties.code);
    // Above the map, not under it.
    expect((await boxOf(blank)).y).toBeLessThan((await boxOf(map.locator('.chart-plot'))).y);
    await s.screenshot('51-map-rate-no-population');
    await field(form, 'Measure').selectOption('count');
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
    // The legend sits beside the map's frame, over neither the frame nor a hexagon.
    // The legend is added in a drawing step of its own: wait until the chart says it is done.
    await out.locator('.chart-plot:not([data-drawing])').waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await out.locator('g.legend').boundingBox()) !== null, { timeout: 30_000 }).toBe(true);
    const legend = await boxOf(out.locator('g.legend'));
    const frame = await boxOf(out.locator('.geo .bg rect'));
    expect(legend.x).toBeGreaterThanOrEqual(frame.x + frame.width);
    expect(legend.x + legend.width).toBeLessThanOrEqual((await boxOf(out.locator('.chart-plot'))).x + (await boxOf(out.locator('.chart-plot'))).width);
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
    writeFileSync(path.join(ensureScreenshotDir(), '46-hotspots-exported.png'), png.bytes);
    const svg = await download(page, () => out.getByRole('button', { name: 'Save as SVG' }).click());
    expect(svg.name.endsWith('.svg')).toBe(true);
    expect(svg.bytes.toString('utf8')).toContain('Getis-Ord Gi*');
    // In the exported image too: the SVG drawn on a page of its own, its legend measured against the map.
    const shown = await s.context.newPage();
    try {
      await shown.setContent(svg.bytes.toString('utf8'));
      const svgLegend = await boxOf(shown.locator('g.legend'));
      const svgFrame = await boxOf(shown.locator('.geo .bg rect'));
      expect(svgLegend.x).toBeGreaterThanOrEqual(svgFrame.x + svgFrame.width);
      expect(svgLegend.x + svgLegend.width).toBeLessThanOrEqual(1200);
    } finally {
      await shown.close();
    }

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
