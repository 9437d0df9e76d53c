// The Assessment across datasets of different years and category spellings, in Chromium: the
// 2022-ward file (Jan 2024 – Dec 2025, UPPER CASE), the 2018-ward file (Sep 2020 – Aug 2022,
// Title Case, same Home Office scheme) and the old-scheme MPS borough files (2008 – 2018).
// Switching dataset after picking a borough must move the Year box to the new dataset's
// latest full year, and the heading and quick facts must be for exactly what the form shows,
// with the CLI's figures for that question. The crime types offered are the dataset's own.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Findings } from '../../src/shared/findings';
import { formatCount, formatMeasure } from '../../src/renderer/format/numbers';
import { inYear, readCsv, sumWide, type RawTable } from '../support/raw';
import type { Session } from './support/browser';
import { fieldSelect } from './support/page';
import { dataDir, screenshotDir, tempDir } from './support/paths';
import { cli, cliText, type Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';

const files = {
  ward2022: path.join(
    dataDir,
    'mps_ward',
    '2022wards_202401-202512',
    'MPS Ward Level Crime (most recent 24 months).csv',
  ),
  ward2018: path.join(
    dataDir,
    'mps_ward',
    '2018wards_202009-202208',
    'MPS Ward Level Crime (most recent 24 months).csv',
  ),
  oldRecent: path.join(dataDir, 'mps_borough', 'MPS Borough Level Crime (most recent 24 months).csv'),
  oldHistoric: path.join(dataDir, 'mps_borough', 'MPS_Borough_Level_Crime_Historic.csv'),
};
const KEYS = { ward2022: 'mps-ward-ho-2022', ward2018: 'mps-ward-ho-2018', old: 'mps-borough-old' };

/** A raw file's names as the engine keys them: case and spacing aside. */
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const rawMajors = (t: RawTable) => [...new Set(t.rows.map((r) => norm(r[t.col('MajorText')]!)))].sort();

describe('the Assessment when the dataset changes (browser mode)', () => {
  let dir: string;
  let db: string;
  let server: Served;
  let s: Session;
  let view: Locator;
  /** The CLI's answer to each question the page will ask, worked out before the server opens the file. */
  const expected: Record<string, Findings> = {};

  const facts = (dataset: string, year: number) =>
    cli<Findings>([
      'facts',
      '--db',
      db,
      '--dataset',
      dataset,
      '--area',
      'Harrow',
      '--category',
      'Burglary',
      '--year',
      String(year),
      '--format',
      'json',
    ]);

  beforeAll(async () => {
    dir = tempDir('assessment-datasets');
    db = path.join(dir, 'workspace.sqlite');
    cliText(['import', '--db', db, files.ward2022, files.ward2018, files.oldRecent, files.oldHistoric]);
    expected.ward2022 = facts(KEYS.ward2022, 2025);
    expected.old = facts(KEYS.old, 2018);
    expected.ward2018 = facts(KEYS.ward2018, 2021);
    ({ server, s } = await openWorkbench(db));
  }, 180_000);

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  /** The page once settled: its heading, quick facts and the form's boxes. */
  async function shown(page: Page) {
    await expect.poll(() => page.locator('.assessment.is-updating').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator('.status-line').count(), { timeout: 30_000 }).toBe(0);
    const tiles = await page
      .locator('[data-fact]')
      .evaluateAll((els) =>
        els.map((e) => [
          e.getAttribute('data-fact') ?? '',
          (e.querySelector('.fact-value') ?? e).textContent ?? '',
        ]),
      );
    return {
      heading: (await view.locator('.assessment-title strong').textContent())!,
      facts: Object.fromEntries(tiles) as Record<string, string>,
      dataset: await fieldSelect(view, 'Dataset').inputValue(),
      year: await fieldSelect(view, 'Year').inputValue(),
      category: await fieldSelect(view, 'Crime type').inputValue(),
      yearOptions: await fieldSelect(view, 'Year').locator('option').allTextContents(),
    };
  }

  const asCli = (f: Findings) => ({
    previous: formatCount(f.quickFacts.previous),
    current: formatCount(f.quickFacts.current),
    // A part year against a whole one is no change: the card leaves it blank.
    change: f.quickFacts.flags.includes('incomplete') ? '–' : formatMeasure('change', f.quickFacts.change),
    percent: formatMeasure('pct-change', f.quickFacts.percentChange.value),
  });

  async function majorOptions(): Promise<string[]> {
    return fieldSelect(view, 'Crime type')
      .locator('optgroup[label="Major categories"] option')
      .allTextContents();
  }

  it('opens on the 2022-ward data: its latest full year and its own crime types, once each', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Assessment/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Assessment' }).waitFor();
    view = page.locator('section[aria-labelledby="view-title-assessment"]');
    await fieldSelect(view, 'Borough').selectOption('Harrow');
    await view.getByText(/ in Harrow: 2025 against 2024$/).waitFor({ timeout: 30_000 });
    const page1 = await shown(page);
    expect(page1).toMatchObject({ dataset: KEYS.ward2022, year: '2025', yearOptions: ['2025'] });
    expect(page1.heading).toBe(`${expected.ward2022!.category.label} in Harrow: 2025 against 2024`);
    expect(page1.facts).toMatchObject(asCli(expected.ward2022!));

    const raw = readCsv(files.ward2022);
    const majors = await majorOptions();
    expect(majors.map(norm).sort()).toEqual(rawMajors(raw));
    // The pack offers the same crime types, and nothing of the 2018-ward file (e.g. "Bigamy").
    const pack = view.locator('section[aria-labelledby="block-pack"] .check-option');
    expect((await pack.allTextContents()).map((t) => norm(t)).sort()).toEqual(rawMajors(raw));
    const minors = await fieldSelect(view, 'Crime type')
      .locator('optgroup[label="Minor categories"] option')
      .allTextContents();
    expect(minors.some((m) => /bigamy/i.test(m))).toBe(false);
    expect(new Set(minors).size).toBe(minors.length);
    await s.screenshot('assessment-datasets-2022');
    await view.locator('section[aria-labelledby="block-pack"]').scrollIntoViewIfNeeded();
    await view
      .locator('section[aria-labelledby="block-pack"]')
      .screenshot({ path: path.join(screenshotDir, 'assessment-datasets-2022-pack.png') });
  });

  it('moves to 2018 on the old-scheme borough data, and shows 2018 with the CLI’s figures', async () => {
    const { page } = s;
    await fieldSelect(view, 'Dataset').selectOption(KEYS.old);
    await view.getByText('Burglary in Harrow: 2018 against 2017').waitFor({ timeout: 30_000 });
    const page2 = await shown(page);
    expect(page2).toMatchObject({ dataset: KEYS.old, year: '2018', category: 'Burglary' });
    expect(page2.yearOptions[0]).toBe('2018');
    expect(page2.facts).toMatchObject(asCli(expected.old!));
    // And the CLI's count is the raw file's: Harrow's burglary over 2018's twelve month columns.
    const raw = readCsv(files.oldRecent);
    const harrow = (row: string[]) =>
      row[raw.col('Borough')] === 'Harrow' && row[raw.col('Major Category')] === 'Burglary';
    expect(expected.old!.quickFacts.current).toBe(sumWide(raw, inYear(2018), harrow));
    expect((await majorOptions()).sort()).toEqual(
      [...new Set(raw.rows.map((r) => r[raw.col('Major Category')]!))].sort(),
    );
    await s.screenshot('assessment-datasets-old-scheme');
  });

  it('moves to 2021 on the 2018-ward data, keeping burglary in that file’s spelling', async () => {
    const { page } = s;
    await fieldSelect(view, 'Dataset').selectOption(KEYS.ward2018);
    await view.getByText(/ in Harrow: 2021 against 2020$/).waitFor({ timeout: 30_000 });
    const page3 = await shown(page);
    expect(page3).toMatchObject({ dataset: KEYS.ward2018, year: '2021', yearOptions: ['2021'] });
    expect(norm(page3.category)).toBe('burglary');
    expect(page3.heading).toBe(`${expected.ward2018!.category.label} in Harrow: 2021 against 2020`);
    expect(page3.facts).toMatchObject(asCli(expected.ward2018!));
    const majors = await majorOptions();
    expect(majors.map(norm).sort()).toEqual(rawMajors(readCsv(files.ward2018)));
    expect(majors.filter((m) => norm(m) === 'burglary')).toHaveLength(1);
    await s.screenshot('assessment-datasets-2018-wards');
    for (const block of ['caveats', 'sources', 'pack']) {
      const section = view.locator(`section[aria-labelledby="block-${block}"]`);
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({
        path: path.join(screenshotDir, `assessment-datasets-2018-wards-${block}.png`),
      });
    }
  });

  it('broke no CSP rule and threw nothing in the page', () => {
    expect(s.problems).toEqual([]);
  });
});
