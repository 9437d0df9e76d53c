// What the Pivot and the Map open on, with the real 2018-wards MPS file (Sep 2020 – Aug 2022)
// and only the 2022 ward boundaries imported: the Pivot's opening period never puts a part year
// beside a whole one, and the Map says above itself how many wards have no outline and which
// boundaries to import. Once a 2022-wards dataset is in, the Map opens on that one, whole.
// (Real files imported by the CLI; the expected figures are worked out here from the raw files.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser';
import { fieldSelect } from './support/page';
import { dataDir, realFiles, tempDir } from './support/paths';
import { waitForChart } from './support/pivot';
import { cliText, type Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';

const wards2018 = path.join(dataDir, 'mps_ward', '2018wards_202009-202208', 'MPS Ward Level Crime (most recent 24 months).csv');
const bounds2022 = path.join(dataDir, 'boundaries', 'london_wards_2022_merged.geojson');
const view = (page: Page, name: string) => page.locator(`section.view[aria-labelledby="view-title-${name}"]`);
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The raw file's months ("YYYYMM" header columns) and its distinct ward codes. */
function rawWards(file: string) {
  const text = readFileSync(file, 'utf8');
  const [header, ...lines] = text.split(/\r?\n/);
  const months = header!.split(',').filter((c) => /^\d{6}$/.test(c));
  const codes = new Set(lines.map((l) => /\bE05\d{6}\b/.exec(l)?.[0]).filter((c): c is string => !!c));
  return { months, codes };
}

describe('what the Pivot and the Map open on (Chromium, browser mode)', () => {
  let dir: string;
  let db: string;
  let server: Served;
  let s: Session;
  const raw = rawWards(wards2018);

  beforeAll(async () => {
    dir = tempDir('defaults');
    db = path.join(dir, 'workspace.sqlite');
    cliText(['import', '--db', db, wards2018]);
    cliText(['import', '--db', db, bounds2022]);
    ({ server, s } = await openWorkbench(db));
  }, 300_000);

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  async function open(name: 'Pivot' | 'Map') {
    await s.page.goto('about:blank');
    await s.page.goto(server.url);
    await s.page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await s.page.getByRole('heading', { level: 1, name }).waitFor();
  }

  it('opens the Pivot on the one whole year the file holds, by month: no part year beside it', async () => {
    // The calendar years all twelve of whose months the raw file holds.
    const whole = [...new Set(raw.months.map((m) => m.slice(0, 4)))].filter(
      (y) => raw.months.filter((m) => m.startsWith(y)).length === 12,
    );
    expect(whole).toEqual(['2021']);
    await open('Pivot');
    const pivot = view(s.page, 'pivot');
    await waitForChart(s.page);
    expect(await fieldSelect(pivot, 'Columns').inputValue()).toBe('month');
    expect(await fieldSelect(pivot, 'From').inputValue()).toBe('2021-01');
    expect(await fieldSelect(pivot, 'To').inputValue()).toBe('2021-12');
    const heads = (await pivot.locator('table thead th[scope="col"]').allTextContents()).map((t) => t.trim());
    const monthHeads = heads.filter((h) => /^[A-Z][a-z]{2} \d{4}/.test(h)).map((h) => h.slice(0, 8));
    expect(monthHeads).toEqual(MONTH_NAMES.map((m) => `${m} ${whole[0]}`));
    await s.screenshot('defaults-pivot');
    expect(s.problems).toEqual([]);
  }, 120_000);

  it('says above the Map how many wards have no outline and which boundaries to import', async () => {
    const outlined = new Set(
      (JSON.parse(readFileSync(bounds2022, 'utf8')) as { features: { properties: { WD25CD: string } }[] }).features.map(
        (f) => f.properties.WD25CD,
      ),
    );
    const missing = [...raw.codes].filter((c) => !outlined.has(c)).length;
    expect([raw.codes.size, missing]).toEqual([632, 483]);
    await open('Map');
    const map = s.page.getByRole('region', { name: 'Heat map' });
    const banner = map.getByRole('status', { name: 'Areas not on this map' });
    await banner.waitFor({ timeout: 120_000 });
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain(`${missing} of ${raw.codes.size} wards have no outline: import the 2018 ward boundaries`);
    expect(text).toContain(`colour classes are worked out from those ${raw.codes.size - missing} alone`);
    // Above the map, not under it: the banner comes before the chart in the card.
    const [bannerTop, chartTop] = await Promise.all([banner.boundingBox(), map.locator('.chart-plot').boundingBox()]);
    expect(bannerTop!.y).toBeLessThan(chartTop!.y);
    expect(await map.locator('.choroplethlocation').count()).toBe(raw.codes.size - missing);
    // The legend's classes hold the wards drawn, and the notes say so.
    expect(await map.getByLabel('Notes on this map').textContent()).toContain(
      `worked out from the ${raw.codes.size - missing} wards drawn, not all ${raw.codes.size}`,
    );
    await s.screenshot('defaults-map-gaps');
    await banner.getByRole('button', { name: 'Go to the Import view' }).click();
    await s.page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    expect(s.problems).toEqual([]);
  }, 180_000);

  it('opens the Map on a dataset whose ward outlines are all held, once there is one', async () => {
    cliText(['import', '--db', db, realFiles.ward2022]);
    await open('Map');
    const form = view(s.page, 'map');
    const map = s.page.getByRole('region', { name: 'Heat map' });
    await expect.poll(() => map.locator('.choroplethlocation').count(), { timeout: 120_000 }).toBeGreaterThan(600);
    const chosen = await fieldSelect(form, 'Dataset').locator('option:checked').textContent();
    expect(chosen).toMatch(/2022/);
    expect(await map.getByRole('status', { name: 'Areas not on this map' }).count()).toBe(0);
    await s.screenshot('defaults-map-whole');
    expect(s.problems).toEqual([]);
  }, 300_000);
});
