// The Assessment and the trust panels end to end: import both MPS borough files and the GLA
// borough populations, open Harrow's burglary assessment for 2017 with four neighbours, export
// its tables and charts, trace a pivot figure to its source rows, read the data-quality panel
// and the revisions view. The figures on screen are held against the CLI's for the same
// question (run once the server has stopped). No request may leave the server's origin.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Findings } from '../../src/shared/findings';
import { formatCount, formatMeasure, formatRate } from '../../src/renderer/format/numbers';
import type { Session } from './support/browser';
import { dataDir, screenshotDir, tempDir } from './support/paths';
import { cli, cliText, type Served } from './support/server';
import { download, HARROW_NEIGHBOURS, openHarrowAssessment } from './support/page';
import { waitForChart } from './support/pivot';
import { closeWorkbench, openWorkbench } from './support/workbench';

const files = [
  path.join(dataDir, 'mps_borough', 'MPS Borough Level Crime (most recent 24 months).csv'),
  path.join(dataDir, 'mps_borough', 'MPS_Borough_Level_Crime_Historic.csv'),
  path.join(dataDir, 'population', 'housing-density-borough.csv'),
];
const boundaries = path.join(dataDir, 'boundaries', 'london_boroughs', 'london_boroughs.geojson');
const NEIGHBOURS = HARROW_NEIGHBOURS;

describe('the Assessment and the trust panels in Chromium (browser mode)', () => {
  let dir: string;
  let db: string;
  let server: Served;
  let s: Session;
  // What the screen showed, held against the CLI at the end.
  let facts: Record<string, string> = {};
  let neighbourRows: string[][] = [];

  beforeAll(async () => {
    dir = tempDir('assessment');
    db = path.join(dir, 'workspace.sqlite');
    // The borough boundaries go in through the CLI (the map, not the boundary import, is under test here).
    cliText(['import', '--db', db, boundaries]);
    ({ server, s } = await openWorkbench(db));
  });

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('imports both MPS borough files and the borough populations', async () => {
    const { page } = s;
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await page.getByTestId('import-input').setInputFiles(files);
    await page.getByRole('button', { name: 'Import 3 files' }).click();
    for (const f of files)
      await page
        .getByRole('article', { name: `Result for ${path.basename(f)}` })
        .waitFor({ timeout: 90_000 });
  });

  it('shows Harrow’s burglary assessment for 2017 with four neighbours', async () => {
    const { page } = s;
    await openHarrowAssessment(page);
    const table = page.locator('.neighbour-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 30_000 }).toBe(5);
    await expect.poll(() => page.locator('.assessment.is-updating').count()).toBe(0);
    await page.getByText('Burglary in Harrow: 2017 against 2016').waitFor();

    facts = Object.fromEntries(
      await page
        .locator('[data-fact]')
        .evaluateAll((els) =>
          els.map((e) => [
            e.getAttribute('data-fact') ?? '',
            (e.querySelector('.fact-value') ?? e).textContent ?? '',
          ]),
        ),
    );
    neighbourRows = await table
      .locator('tbody tr, tfoot tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
      );
    expect(facts['significance']).toContain('not statistically significant');
    // RAG reads without colour: a word in every rated row.
    for (const row of neighbourRows.slice(0, 5)) expect(row[8]).toMatch(/^(Red|Amber|Green) · /);

    await waitForChart(page);
    await s.screenshot('20-assessment-top');
    await s.screenshot('21-assessment-full', { fullPage: true });
    await page
      .locator('section[aria-labelledby="block-months"]')
      .screenshot({ path: path.join(screenshotDir, '22-assessment-months.png') });
    await page
      .locator('section[aria-labelledby="block-neighbours"]')
      .screenshot({ path: path.join(screenshotDir, '23-assessment-neighbours.png') });
  });

  it('exports the neighbour table to xlsx and csv as browser downloads', async () => {
    const { page } = s;
    const block = page.locator('section[aria-labelledby="block-neighbours"]');
    const xlsx = await download(page, () => block.getByRole('button', { name: 'Excel (xlsx)' }).click());
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const book = XLSX.read(xlsx.bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
    const harrow = rows.find((r) => r.includes('Harrow'));
    expect(harrow).toBeDefined();
    expect(harrow).toContain(1995);
    expect(harrow).toContain(2046);
    for (const n of NEIGHBOURS) expect(rows.some((r) => r.includes(n))).toBe(true);

    const csv = await download(page, () => block.getByRole('button', { name: 'CSV' }).click());
    expect(csv.name).toMatch(/\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString('utf8');
    const line = text.split(/\r?\n/).find((l) => l.startsWith('Harrow') || l.startsWith('"Harrow'));
    expect(line).toBeDefined();
    expect(line).toMatch(/1995/);
    expect(line).toMatch(/2046/);
    await page.getByText(/^Downloaded .*\.csv$/).waitFor();
  });

  it('saves the months chart as a print-size PNG and as an SVG with its title', async () => {
    const { page } = s;
    const block = page.locator('section[aria-labelledby="block-months"]');
    const png = await download(page, () => block.getByRole('button', { name: 'Save chart as PNG' }).click());
    expect(png.name).toMatch(/\.png$/);
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.bytes.readUInt32BE(16)).toBe(2400);
    expect(png.bytes.readUInt32BE(20)).toBe(800);
    const svg = await download(page, () => block.getByRole('button', { name: 'Save as SVG' }).click());
    expect(svg.name).toMatch(/\.svg$/);
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text.includes('Burglary in Harrow by month: 2017 against 2016')).toBe(true);
    expect(text.includes('Source: MPS borough counts')).toBe(true);
  });

  it('exports the assessment pack for two crime types as one zip', async () => {
    const { page } = s;
    const block = page.locator('section[aria-labelledby="block-pack"]');
    await block.getByLabel('Robbery', { exact: true }).check();
    const zip = await download(page, () =>
      block.getByRole('button', { name: 'Export assessment pack (2)' }).click(),
    );
    expect(zip.name).toBe('Harrow 2017 assessment pack.zip');
    expect(zip.bytes.subarray(0, 2).toString()).toBe('PK');
    await block.getByText(/^Downloaded /).waitFor();
  });

  it('exports the pivot, and traces a figure to source rows that add up to it', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Pivot/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Pivot' }).waitFor();
    await page.locator('.pivot-table td[data-col="2018"]').first().waitFor({ timeout: 30_000 });

    const xlsx = await download(page, () =>
      page.locator('.pivot-table-card').getByRole('button', { name: 'Excel (xlsx)' }).click(),
    );
    const book = XLSX.read(xlsx.bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
    const harrowCell = page.locator('.pivot-table tr', { hasText: 'Harrow' }).locator('td[data-col="2018"]');
    const shown = (await harrowCell.locator('.cell-text').textContent())!;
    const harrow = rows.find((r) => r[0] === 'Harrow');
    expect(harrow).toBeDefined();
    expect(harrow).toContain(Number(shown.replace(/,/g, '')));

    await harrowCell.hover();
    await harrowCell.getByRole('button', { name: /^Show source of/ }).click();
    const panel = page.getByRole('dialog', { name: 'Where this figure came from' });
    const check = panel.locator('.trail-check');
    await check.waitFor({ timeout: 30_000 });
    expect(await check.textContent()).toContain(`add up to ${shown}, the figure shown.`);
    expect(await panel.textContent()).toContain('MPS Borough Level Crime (most recent 24 months).csv');
    const counts = await panel
      .locator('.trail-rows tbody tr td:last-child')
      .evaluateAll((tds) => tds.map((td) => Number((td.textContent ?? '').replace(/,/g, ''))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(Number(shown.replace(/,/g, '')));
    await s.screenshot('24-pivot-show-source');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('shows the data-quality panel for each crime dataset in the Data view', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Data/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
    const panel = page.getByRole('region', { name: 'Data quality' }).first();
    await panel.locator('.quality-finding').first().waitFor({ timeout: 30_000 });
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/Warning|Note|OK/);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(screenshotDir, '25-data-quality.png') });
  });

  it('opens the Revisions view and compares the dataset’s two extracts', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Revisions/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Revisions' }).waitFor();
    // These two extracts share no month: the view says so in plain words rather than erring.
    await page.getByText('The extracts of this dataset cover different months').waitFor();
    await s.screenshot('26-revisions', { fullPage: true });
  });

  it('draws the borough heat map offline from imported boundaries, and saves it as PNG and SVG', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Map/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Map' }).waitFor();
    const map = page.getByRole('region', { name: 'Heat map' });
    await map.locator('.choroplethlocation').first().waitFor({ state: 'attached', timeout: 30_000 });
    expect(await map.locator('.choroplethlocation').count()).toBeGreaterThanOrEqual(32);
    await map.getByText('Not on the map (no boundary)').waitFor();
    await s.screenshot('27-map-boroughs');
    const svg = await download(page, () => map.getByRole('button', { name: 'Save as SVG' }).click());
    expect(svg.bytes.toString('utf8').includes('Crimes by borough')).toBe(true);
    const png = await download(page, () => map.getByRole('button', { name: 'Save chart as PNG' }).click());
    expect(png.bytes.readUInt32BE(16)).toBe(2400);
  });

  it('asked nothing of any origin but its own server, and broke no CSP rule', () => {
    const foreign = s.requests.filter(
      (u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== server.origin,
    );
    expect(foreign).toEqual([]);
    expect(s.problems).toEqual([]);
  });

  it('showed the same figures as the CLI gives for the same question', async () => {
    // The CLI opens the same workspace file; the stopped server stays stopped at the end.
    await server.stop();
    const f = cli<Findings>([
      'facts',
      '--db',
      db,
      '--area',
      'Harrow',
      '--category',
      'Burglary',
      '--year',
      '2017',
      '--neighbours',
      NEIGHBOURS.join(','),
      '--format',
      'json',
    ]);
    const q = f.quickFacts;
    expect(facts).toMatchObject({
      previous: formatCount(q.previous),
      current: formatCount(q.current),
      change: formatMeasure('change', q.change),
      percent: formatMeasure('pct-change', q.percentChange.value),
      'previous-rate': formatRate(q.previousRate!),
      'current-rate': formatRate(q.currentRate!),
      'rate-change': formatMeasure('rate-change', q.rateChange),
    });
    const expected = [...f.neighbours!.rows, f.neighbours!.london!].map((r) => [
      r.name,
      formatCount(r.previous),
      formatRate(r.previousRate!),
      formatCount(r.current),
      formatRate(r.currentRate!),
      formatMeasure('change', r.change),
      formatMeasure('pct-change', r.percentChange.value),
      formatMeasure('rate-change', r.rateChange),
    ]);
    const onScreen = neighbourRows.map((r) => [r[0]!.replace(' (this borough)', ''), ...r.slice(1, 8)]);
    expect(onScreen).toEqual(expected);
    const rags = f.neighbours!.rows.map((r) => r.rag);
    expect(neighbourRows.slice(0, 5).map((r) => r[8]!.split(' ')[0]!.toLowerCase())).toEqual(rags);
  });
});
