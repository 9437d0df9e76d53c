// What a reviewer found at 1366×768, held fixed in Chromium on the real files: the Data view's
// Boroughs tile counted the police's own areas ("Unknown", the airports, "Aviation Security
// (SO18)") as boroughs; the Revisions view shaded rows with no key to say what the shading means;
// the Pivot's Measure box and long dataset names were cut off.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RevisionReport } from '../../src/shared/revisions';
import { readCsv } from '../support/raw';
import type { Session } from './support/browser';
import { fit } from './support/fit';
import { fieldSelect } from './support/page';
import { dataDir, realFiles, screenshotDir, tempDir } from './support/paths';
import { cli, cliText, type Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';

const boroughFiles = [
  'MPS Borough Level Crime (Historical).csv',
  'MPS Borough Level Crime (most recent 24 months).csv',
].map((f) => path.join(dataDir, 'mps_borough_newcat', f));
const ward2018 = path.join(
  dataDir,
  'mps_ward',
  '2018wards_202009-202208',
  'MPS Ward Level Crime (most recent 24 months).csv',
);
const boroughPopulations = path.join(dataDir, 'population', 'housing-density-borough.csv');
const WARD_2022 = 'MPS ward counts, Home Office categories, 2022 wards';

// Spelt loosely on purpose: "Barking & Dagenham" and "Barking and Dagenham" are one borough.
const loose = (name: string) =>
  name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '');

/** London's boroughs by ONS code (E09) from the GLA's table, and the raw files' borough names that are none of them. */
function boroughsAndPoliceAreas(): { boroughs: number; policeAreas: string[] } {
  const pop = readCsv(boroughPopulations);
  const london = new Set(
    pop.rows.filter((r) => /^E09/.test(r[pop.col('Code')]!)).map((r) => loose(r[pop.col('Name')]!)),
  );
  const named = [
    ...boroughFiles.map((f) => [f, 'BoroughName']),
    [realFiles.ward2022, 'LookUp_BoroughName'],
    [ward2018, 'LookUp_BoroughName'],
  ].flatMap(([file, column]) => {
    const t = readCsv(file!);
    return t.rows.map((r) => r[t.col(column!)]!.trim());
  });
  return {
    boroughs: london.size,
    policeAreas: [...new Set(named.filter((n) => !london.has(loose(n))))].sort(),
  };
}

describe('the views read whole at 1366×768', () => {
  let dir: string;
  let db: string;
  let server: Served;
  let s: Session;

  beforeAll(async () => {
    dir = tempDir('fit');
    db = path.join(dir, 'workspace.sqlite');
    // Two extracts of the 2022-ward counts sharing Jan–Feb 2024 (for Revisions), the borough files
    // (with "Unknown" and the airports), the 2018-ward file (a second long dataset name).
    cliText([
      'import',
      '--db',
      db,
      ...boroughFiles,
      ward2018,
      realFiles.ward2022,
      realFiles.ward2022Historical,
    ]);
    ({ server, s } = await openWorkbench(db));
  }, 300_000);

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('counts boroughs as boroughs in the Data view, and the police’s own areas apart', async () => {
    const { page } = s;
    const expected = boroughsAndPoliceAreas();
    expect(expected.policeAreas).toEqual([
      'Aviation Security (SO18)',
      'London Heathrow and London City Airports',
      'Unknown',
    ]);
    await page.getByRole('button', { name: /^Data/ }).click();
    const tile = (name: string) =>
      page
        .locator('.summary-strip > div', { has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) })
        .locator('dd');
    await tile('Boroughs').waitFor();
    expect(await tile('Boroughs').textContent()).toBe(String(expected.boroughs));
    // "Unknown" is the MPS's label for crimes with no borough recorded, not a police area: the tile says so.
    const places = expected.policeAreas.filter((n) => n !== 'Unknown');
    expect(await tile('Not boroughs').textContent()).toBe(
      `${expected.policeAreas.length} (police areas ${places.map((n) => `“${n}”`).join(', ')}; “Unknown”: crimes with no borough recorded)`,
    );
    // One dataset's card counts the same way: the borough files hold 32 boroughs (the MPS does not police
    // the City), 1 police area (the airports) and "Unknown".
    const card = page.getByRole('article', { name: 'MPS borough counts, Home Office categories' });
    const counts = '32 boroughs, 1 police area and “Unknown” (no borough recorded)';
    await expect
      .poll(() => card.locator('details.area-list summary').textContent(), { timeout: 30_000 })
      .toBe(`Areas: ${counts}`);
    const facts = (await card.locator('.facts').textContent()) ?? '';
    expect(facts).toContain(`Borough (${counts})`);
    // The tile's names wrap inside the view rather than run off it.
    const box = (await page.locator('.summary-strip > .police-areas').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    await s.screenshot('fit-01-data-boroughs');
  });

  it('shows the Pivot’s dataset and measure whole, with the full name in a tooltip', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Pivot/ }).click();
    const view = page.locator('section[aria-labelledby="view-title-pivot"]');
    const dataset = fieldSelect(view, 'Dataset');
    const measure = fieldSelect(view, 'Measure');
    await dataset.selectOption({ label: WARD_2022 });
    await measure.selectOption({ label: '% change on a year earlier' });
    await page.locator('.pivot-table tbody tr').first().waitFor({ timeout: 60_000 });
    // Every dataset's name and every measure fit their boxes, not only the one chosen, and the
    // tooltip says the chosen one whole.
    for (const [select, caption] of [
      [dataset, 'Dataset'],
      [measure, 'Measure'],
    ] as const) {
      const f = await fit(select, true);
      expect(f.width, `${caption}: ${f.chosen}`).toBeGreaterThanOrEqual(f.need - 0.5);
      expect(f.right).toBeLessThanOrEqual(f.cardRight);
      expect(f.title).toBe(f.chosen);
    }
    expect((await fit(dataset, false)).chosen).toBe(WARD_2022);
    // So does every other choice of the form ("Financial year", "Minor category", the months).
    await measure.selectOption({ label: 'Rate per 1,000 residents' });
    await fieldSelect(view, 'Population year').waitFor();
    const controls = view.locator('.pivot-controls select');
    expect(await controls.count()).toBe(7);
    for (const select of await controls.all()) {
      const f = await fit(select, true);
      expect(f.width, f.chosen).toBeGreaterThanOrEqual(f.need - 0.5);
      expect(f.right).toBeLessThanOrEqual(f.cardRight);
    }
    await measure.selectOption({ label: '% change on a year earlier' });
    await s.screenshot('fit-02-pivot-controls');
    await measure.selectOption({ label: 'Crimes (count)' });
  });

  it('keys the Revisions view’s shaded months beside the table, in the words of the rows’ tooltips', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Revisions/ }).click();
    const view = page.locator('section[aria-labelledby="view-title-revisions"]');
    await view.locator('#rev-summary').waitFor({ timeout: 60_000 });
    const key = view.getByRole('list', { name: 'Key to the shaded rows' });
    await key.waitFor();
    const report = cli<RevisionReport>([
      'revisions',
      '--db',
      db,
      '--dataset',
      'mps-ward-ho-2022',
      '--format',
      'json',
    ]);
    const rows = await view.locator('.revision-months tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const entry = tr.ownerDocument.getElementById(tr.getAttribute('aria-describedby') ?? '');
        return {
          shaded: tr.classList.contains('is-revised'),
          title: tr.getAttribute('title') ?? '',
          described: entry?.textContent ?? '',
          inKey: entry?.closest('ul.revision-key') !== null,
        };
      }),
    );
    expect(rows.map((r) => r.shaded)).toEqual(report.byMonth.map((m) => m.figuresChanged > 0));
    expect(rows.some((r) => r.shaded)).toBe(true);
    const entries = await key.locator('li').allTextContents();
    for (const r of rows) {
      // The screen reader hears the row's key entry, which is the tooltip's words after "Shaded row:".
      expect(r.inKey).toBe(true);
      expect(r.described).toBe(`${r.shaded ? 'Shaded row' : 'Plain row'}: ${r.title}`);
      expect(entries).toContain(r.described);
    }
    expect(rows.find((r) => r.shaded)!.title).toMatch(/^Revised: /);
    // Beside the table, in view without scrolling sideways.
    const table = (await view.locator('.revision-months').boundingBox())!;
    const keyBox = (await key.boundingBox())!;
    expect(keyBox.x).toBeGreaterThanOrEqual(table.x + table.width);
    expect(keyBox.x + keyBox.width).toBeLessThanOrEqual(1366);
    expect(keyBox.y).toBeLessThan(table.y + table.height);
    // The dataset and both extracts' choices (long file names) read whole in their boxes.
    for (const caption of ['Dataset', 'Older extract', 'Newer extract']) {
      const f = await fit(fieldSelect(view, caption), true);
      expect(f.width, `${caption}: ${f.chosen}`).toBeGreaterThanOrEqual(f.need - 0.5);
      expect(f.right).toBeLessThanOrEqual(f.cardRight);
      expect(f.title).toBe(f.chosen);
    }
    await s.screenshot('fit-03-revisions-key');
  });
});

describe('the Assessment reads whole at 1366×768, and each view opens at its top', () => {
  let dir: string;
  let server: Served;
  let s: Session;

  beforeAll(async () => {
    dir = tempDir('fit-assessment');
    const db = path.join(dir, 'workspace.sqlite');
    // The borough files and the 2022-ward files: the longest dataset name, "Barking and Dagenham",
    // and two extracts sharing Jan–Feb 2024, so the Revisions view is longer than the window.
    cliText(['import', '--db', db, ...boroughFiles, realFiles.ward2022, realFiles.ward2022Historical, boroughPopulations]);
    ({ server, s } = await openWorkbench(db));
  }, 300_000);

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('shows the Assessment’s dataset, borough, crime type and years whole, with the names in tooltips', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Assessment/ }).click();
    const view = page.locator('section[aria-labelledby="view-title-assessment"]');
    const dataset = fieldSelect(view, 'Dataset');
    await dataset.waitFor({ timeout: 60_000 });
    await dataset.selectOption({ label: WARD_2022 });
    await fieldSelect(view, 'Borough').selectOption('Barking and Dagenham');
    // The longest crime type the dataset holds, whichever it is.
    const crime = fieldSelect(view, 'Crime type');
    const longest = await crime.evaluate((sel) =>
      [...sel.options].reduce((a, o) => (o.text.length > a.text.length ? o : a)).value,
    );
    await crime.selectOption(longest);
    await fieldSelect(view, 'Years').selectOption({ label: 'Financial (Apr–Mar)' });
    await view.locator('.assessment-block').first().waitFor({ timeout: 60_000 });
    const controls = view.locator('.assessment-form .pivot-controls select');
    expect(await controls.count()).toBe(7);
    for (const select of await controls.all()) {
      const f = await fit(select, true);
      expect(f.width, f.chosen).toBeGreaterThanOrEqual(f.need - 0.5);
      expect(f.right).toBeLessThanOrEqual(f.cardRight);
    }
    for (const select of [dataset, crime]) {
      const f = await fit(select, false);
      expect(f.title).toBe(f.chosen);
    }
    expect((await fit(dataset, false)).chosen).toBe(WARD_2022);
    expect((await fit(fieldSelect(view, 'Borough'), false)).chosen).toBe('Barking and Dagenham');
    await s.screenshot('fit-04-assessment-controls');
  });

  it('opens a view from the sidebar at its top, and a view returned to where it was left', async () => {
    const { page } = s;
    const scrollY = () => page.evaluate<number>('window.scrollY');
    const headingInView = async (name: string) => {
      const box = (await page.getByRole('heading', { level: 1, name }).boundingBox())!;
      return box.y >= 0 && box.y + box.height <= 768;
    };
    // The Assessment scrolled down to its ward tables, as the reviewer had it.
    await page.evaluate('window.scrollTo(0, 600)');
    await expect.poll(scrollY).toBe(600);
    expect(await headingInView('Assessment')).toBe(false);
    for (const [view, heading] of [
      ['Revisions', 'Revisions'],
      ['Pivot', 'Pivot'],
      ['Map', 'Map'],
    ] as const) {
      await page.getByRole('button', { name: new RegExp(`^${view}`) }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      // Long enough to open far down, as it did (the reviewer saw it 580 px down).
      if (view === 'Revisions') {
        await page.locator('#rev-summary').waitFor({ timeout: 60_000 });
        expect(await page.evaluate<number>('document.documentElement.scrollHeight')).toBeGreaterThan(768 + 400);
      }
      expect(await scrollY(), view).toBe(0);
      expect(await headingInView(heading), view).toBe(true);
      if (view === 'Revisions') await page.screenshot({ path: path.join(screenshotDir, 'fit-05-revisions-opens-at-top.png') });
    }
    // Back to the Pivot, left at its top; then to the Assessment: where the analyst left it, not
    // at the top and not where the Pivot was; and the Pivot where it was left in turn.
    await page.getByRole('button', { name: /^Pivot/ }).click();
    expect(await scrollY()).toBe(0);
    await page.evaluate('window.scrollTo(0, 250)');
    await expect.poll(scrollY).toBe(250);
    await page.getByRole('button', { name: /^Assessment/ }).click();
    await expect.poll(scrollY).toBe(600);
    await page.getByRole('button', { name: /^Pivot/ }).click();
    await expect.poll(scrollY).toBe(250);
  });
});
