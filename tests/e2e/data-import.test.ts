// The Import and Data views in Chromium (browser mode) on real files: a cut-down extract is
// named as such and can be undone (from its result card and from the Data view), leaving the
// figures as they were; "Choose files…" shows its focus ring; the Data view lists each
// dataset's areas and categories with counts worked out here from the raw files; population
// tables read as years, regions and new codes; a batch of 24 police.uk files has one total.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser';
import { dataDir, ensureScreenshotDir, repoRoot, tempDir } from './support/paths';
import { cli, cliText, type Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';
import { readCsv } from '../support/raw';

const WARD_2018 = path.join(dataDir, 'mps_ward', '2018wards_202009-202208', 'MPS Ward Level Crime (most recent 24 months).csv');
const POP_BOROUGH = path.join(dataDir, 'population', 'housing-density-borough.csv');
const POP_WARD = path.join(dataDir, 'population', 'housing-density-ward.csv');
const POLICE = path.join(dataDir, 'policeuk_street_cityoflondon');
const DATASET = 'MPS ward counts, Home Office categories, 2018 wards';
const KEY = 'mps-ward-ho-2018';

/** The raw file, read by the tests' own CSV reader (tests/support/raw.ts), apart from Wardlens's. */
function rawCsv(file: string): { header: string[]; rows: string[][] } {
  const t = readCsv(file);
  return { header: t.header.map((h) => h.trim()), rows: t.rows };
}
const ward = rawCsv(WARD_2018);
const monthCols = ward.header.flatMap((h, i) => (/^\d{6}$/.test(h) ? [i] : []));
const withCrimes = (rows: string[][]) => rows.filter((r) => monthCols.some((c) => Number(r[c]) > 0));
const distinctIn = (rows: string[][], col: string) => new Set(withCrimes(rows).map((r) => r[ward.header.indexOf(col)])).size;
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthName = (yyyymm: string) => `${SHORT[Number(yyyymm.slice(4)) - 1]} ${yyyymm.slice(0, 4)}`;
const en = (n: number) => n.toLocaleString('en-GB');

describe('the Import and Data views', () => {
  let dir: string;
  let db: string;
  let cutFile: string;
  let server: Served;
  let s: Session;
  const pivot = () => cliText(['pivot', '--db', db, '--dataset', KEY, '--rows', 'ward', '--cols', 'year', '--format', 'csv']);
  let before: string;
  /** Where the page is scrolled to now (the session's screenshot goes back to the top first). */
  const shotHere = (name: string) => s.page.screenshot({ path: path.join(ensureScreenshotDir(), `${name}.png`) });

  beforeAll(async () => {
    dir = tempDir('data-import');
    db = path.join(dir, 'workspace.sqlite');
    cliText(['import', '--db', db, WARD_2018]);
    before = pivot();
    // The header and the first 4 data rows of the 2018-ward file: one ward, a few categories.
    cutFile = path.join(dir, 'ward extract (cut).csv');
    writeFileSync(cutFile, `${readFileSync(WARD_2018, 'utf8').split(/\r?\n/).slice(0, 5).join('\n')}\n`);
    ({ server, s } = await openWorkbench(db));
    await s.page.locator('.nav-button', { hasText: /^Import/ }).click();
    await s.page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('shows a focus ring round “Choose files…” when the keyboard reaches it', async () => {
    const { page } = s;
    const input = page.getByTestId('import-input');
    for (let i = 0; i < 30 && !(await input.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await input.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    // The label round the focused input: the element the analyst sees as “Choose files…”.
    const ring = (await page.evaluate(
      `(() => { const st = getComputedStyle(document.activeElement.closest('label')); return { style: st.outlineStyle, width: parseFloat(st.outlineWidth), colour: st.outlineColor }; })()`,
    )) as { style: string; width: number; colour: string };
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(ring.colour).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    await s.screenshot('data-import-01-focus-ring');
  });

  it('says a cut-down extract replaces whole months with one ward, and undoes it from the result card', async () => {
    const { page } = s;
    await page.getByTestId('import-input').setInputFiles(cutFile);
    await page.getByRole('article', { name: path.basename(cutFile) }).getByText('Recognised').waitFor();
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const result = page.getByRole('article', { name: `Result for ${path.basename(cutFile)}` });
    await result.waitFor({ timeout: 60_000 });
    const first = ward.header[monthCols[0]!]!;
    const last = ward.header[monthCols.at(-1)!]!;
    const cut = ward.rows.slice(0, 4);
    const expected =
      `This file replaces ${monthName(first)} – ${monthName(last)} (${monthCols.length} months), but holds ` +
      `${distinctIn(cut, 'WardCode')} ward where the figures it replaces held ${en(distinctIn(ward.rows, 'WardCode'))}, ` +
      `and ${distinctIn(cut, 'MinorText')} categories where they held ${distinctIn(ward.rows, 'MinorText')}. If it is a cut-down extract, undo this import.`;
    const alert = result.getByRole('alert');
    expect(await alert.textContent()).toContain(expected);
    expect(pivot()).not.toBe(before);
    await s.screenshot('data-import-02-cut-down-warning');

    await alert.getByRole('button', { name: 'Undo this import' }).click();
    const ask = result.getByRole('group', { name: `Remove ${path.basename(cutFile)}?` });
    expect(await ask.textContent()).toContain('Any months it replaced go back to the figures of the earlier extract');
    await s.screenshot('data-import-03-undo-confirm');
    await ask.getByRole('button', { name: 'Remove the import' }).click();
    await result.getByText('Undone: taken out of').waitFor();
    expect(await result.getByRole('status').textContent()).toContain(`went back to the earlier figures from ${path.basename(WARD_2018)}`);
    expect(pivot()).toBe(before);
    await s.screenshot('data-import-04-undone');
  }, 120_000);

  it('takes an import back out from the Data view’s imports table, after saying what will happen', async () => {
    const { page } = s;
    // Imported again through the app (the page learns of imports it makes, not the CLI's).
    await page.getByTestId('import-input').setInputFiles(cutFile);
    await page.getByRole('article', { name: path.basename(cutFile) }).getByText('Recognised').waitFor();
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    await page.getByRole('article', { name: `Result for ${path.basename(cutFile)}` }).getByRole('alert').waitFor({ timeout: 60_000 });
    expect(pivot()).not.toBe(before);
    await page.locator('.nav-button', { hasText: /^Data/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
    const card = page.getByRole('article', { name: DATASET });
    const row = card.locator('.imports-table tr', { hasText: path.basename(cutFile) });
    await row.waitFor();
    await row.getByRole('button', { name: 'Remove this import' }).click();
    const ask = card.getByRole('group', { name: `Remove ${path.basename(cutFile)}?` });
    expect(await ask.textContent()).toContain('Any months it replaced go back to the figures of the earlier extract');
    // "Keep it" keeps it, and the keyboard returns to the button.
    await ask.getByRole('button', { name: 'Keep it' }).click();
    expect(await row.getByRole('button', { name: 'Remove this import' }).evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(pivot()).not.toBe(before);
    await row.getByRole('button', { name: 'Remove this import' }).click();
    await ask.scrollIntoViewIfNeeded();
    await shotHere('data-import-05-remove-confirm');
    await ask.getByRole('button', { name: 'Remove the import' }).click();
    await card.getByRole('status').getByText(/went back to the earlier figures/).waitFor();
    expect(await card.locator('.imports-table tr', { hasText: path.basename(cutFile) }).count()).toBe(0);
    expect(pivot()).toBe(before);
  }, 120_000);

  it('lists the dataset’s wards (searchable) and its categories with one count, in plain words', async () => {
    const { page } = s;
    const card = page.getByRole('article', { name: DATASET });
    const wards = distinctIn(ward.rows, 'WardCode');
    // Real boroughs only (the GLA's E09 names): a ward file's borough column may also name the MPS's own
    // units ("Aviation Security (SO18)" in the 2022-ward files), which the summary no longer counts as a borough.
    const pop = rawCsv(POP_BOROUGH);
    const london = new Set(pop.rows.filter((r) => r[0]!.startsWith('E09')).map((r) => r[1]));
    const boroughs = new Set(
      withCrimes(ward.rows)
        .map((r) => r[ward.header.indexOf('LookUp_BoroughName')])
        .filter((b) => london.has(b)),
    ).size;
    const categories = distinctIn(ward.rows, 'MinorText');
    const facts = (await card.locator('.facts').textContent()) ?? '';
    expect(facts).toContain(`Ward (${en(wards)} wards)`);
    expect(facts).toContain(`${categories} with figures (Home Office categories (MPS))`);
    const text = (await card.textContent()) ?? '';
    expect(text).not.toMatch(/mps-ho scheme|“mps-ho”/);
    const areas = card.locator('details.area-list');
    expect(await areas.locator('summary').textContent()).toBe(`Areas: ${en(wards)} wards in ${boroughs} boroughs`);
    await areas.locator('summary').click();
    await areas.getByRole('searchbox').fill('Harrow');
    const harrowRows = new Set(
      withCrimes(ward.rows).filter((r) => r[ward.header.indexOf('LookUp_BoroughName')] === 'Harrow').map((r) => r[ward.header.indexOf('WardCode')]),
    ).size;
    // Every Harrow ward, found by its borough (and any ward elsewhere with Harrow in its name).
    await expect.poll(async () => areas.locator('section', { hasText: /^Harrow/ }).locator('li').count()).toBe(harrowRows);
    const cats = card.locator('details.categories');
    expect(await cats.locator('summary').textContent()).toBe(
      `Categories: ${categories} categories with figures in this dataset (Home Office categories (MPS))`,
    );
    await cats.locator('summary').click();
    expect(await cats.locator('li').count()).toBe(categories);
    await areas.scrollIntoViewIfNeeded();
    await shotHere('data-import-06-areas-categories');
  });

  it('reads population tables as years, regions and new ward codes, with a batch total', async () => {
    const { page } = s;
    await page.locator('.nav-button', { hasText: /^Import/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await page.getByTestId('import-input').setInputFiles([POP_BOROUGH, POP_WARD]);
    await page.getByRole('article', { name: path.basename(POP_WARD) }).getByText('Recognised').waitFor();
    await page.getByRole('button', { name: 'Import 2 files' }).click();
    const boroughResult = page.getByRole('article', { name: `Result for ${path.basename(POP_BOROUGH)}` });
    const wardResult = page.getByRole('article', { name: `Result for ${path.basename(POP_WARD)}` });
    await wardResult.waitFor({ timeout: 60_000 });
    const b = rawCsv(POP_BOROUGH);
    const years = b.rows.map((r) => Number(r[2]));
    const text = (await boroughResult.textContent()) ?? '';
    expect(text).toContain(`Years: ${Math.min(...years)}–${Math.max(...years)}`);
    expect(text).not.toMatch(/no months|0 categories|Names not matched|Took 0 seconds/);
    for (const code of new Set(b.rows.map((r) => r[0]!).filter((c) => !c.startsWith('E09')))) expect(text).toContain(code);
    expect(await boroughResult.locator('.warnings li', { hasText: 'Population years held' }).count()).toBe(0);
    // Ward codes the shipped gazetteer does not hold: listed, on request.
    const gazetteer = readFileSync(path.join(repoRoot, 'resources', 'gazetteer', 'london-areas.json'), 'utf8');
    const w = rawCsv(POP_WARD);
    const added = [...new Set(w.rows.map((r) => r[0]!))].filter((c) => !gazetteer.includes(`"${c}"`));
    const list = wardResult.locator('details.added-areas');
    expect(await list.locator('summary').textContent()).toBe(`${added.length} ward codes new to Wardlens’s London gazetteer, added as new areas`);
    await list.locator('summary').click();
    expect(await list.locator('tbody tr').count()).toBe(added.length);
    const total = page.getByLabel('All files together');
    expect(await total.textContent()).toContain('2 files of 2 imported into “Population figures”');
    await wardResult.scrollIntoViewIfNeeded();
    await shotHere('data-import-07-population-result');

    await page.locator('.nav-button', { hasText: /^Data/ }).click();
    const pop = page.getByRole('article', { name: 'Population figures' });
    const boroughCodes = new Set(b.rows.map((r) => r[0]!).filter((c) => c.startsWith('E09'))).size;
    const wardCodes = new Set(w.rows.map((r) => r[0]!).filter((c) => c.startsWith('E05'))).size;
    await expect.poll(async () => pop.locator('.facts').textContent()).toContain(`${boroughCodes} boroughs and ${wardCodes} wards`);
    const table = (await pop.locator('.imports-table').textContent()) ?? '';
    expect(table).not.toContain('no months');
    expect(table).toContain(`${Math.min(...years)}–${Math.max(...years)}`);
    await pop.scrollIntoViewIfNeeded();
    // Cards below the first are painted as they scroll near (content-visibility): let it paint.
    await page.waitForTimeout(300);
    await shotHere('data-import-08-population-card');
  }, 120_000);

  it('says why nothing can be imported yet, in good English, with no “0 files” button', async () => {
    const { page } = s;
    await page.locator('.nav-button', { hasText: /^Import/ }).click();
    const odd = path.join(dir, 'partner notes.csv');
    writeFileSync(odd, 'Colour,Shape\nred,square\n');
    await page.getByTestId('import-input').setInputFiles(odd);
    await page.getByRole('article', { name: 'partner notes.csv' }).getByText('Needs a mapping').waitFor();
    const button = page.locator('.action-bar button');
    expect(await button.textContent()).toBe('Import');
    expect(await button.isDisabled()).toBe(true);
    expect(await page.locator('#import-waiting').textContent()).toBe('Nothing to import yet: 1 file still needs a mapping or could not be read.');
    await s.screenshot('data-import-09-nothing-ready');
    await page.getByRole('button', { name: 'Remove partner notes.csv from the list' }).click();
  });

  it('takes a police.uk download as a folder, shows progress and Cancel on the first screen, then one total', async () => {
    const { page } = s;
    const files = readdirSync(POLICE).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(POLICE, f));
    expect(files.length).toBe(24);
    // The folder, as the analyst has it after unzipping the download: "Choose a folder…".
    await page.getByTestId('import-folder-input').setInputFiles(POLICE);
    await expect.poll(async () => page.locator('.file-card').getByText('Recognised').count(), { timeout: 60_000 }).toBe(24);
    // Every CSV of the folder, in month order.
    const cards = await page.locator('.file-card h3').allTextContents();
    expect(cards.filter((c) => c.endsWith('.csv'))).toEqual(files.map((f) => path.basename(f)));
    await page.getByRole('button', { name: 'Import 24 files' }).click();
    const progress = page.locator('.progress-card');
    await progress.waitFor();
    const box = await progress.getByRole('button', { name: 'Cancel' }).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    await s.screenshot('data-import-10-batch-progress');
    const total = page.getByLabel('All files together');
    await total.waitFor({ timeout: 120_000 });
    const rows = files.reduce((n, f) => n + rawCsv(f).rows.length, 0);
    const text = (await total.textContent()) ?? '';
    expect(text).toContain('24 files of 24 imported into “police.uk incidents, City of London Police”');
    expect(text).toContain(`${en(rows)} rows read`);
    // Above the first file's card.
    const totalBox = (await total.boundingBox())!;
    const firstCard = (await page.locator('.result-card').first().boundingBox())!;
    expect(totalBox.y).toBeLessThan(firstCard.y);
    const info = cli<{ datasets: { key: string; currentRows: number }[] }>(['info', '--db', db, '--json']);
    expect(info.datasets.find((d) => d.key.startsWith('policeuk'))?.currentRows).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Import results' }).scrollIntoViewIfNeeded();
    await shotHere('data-import-11-batch-total');
  }, 240_000);
});
