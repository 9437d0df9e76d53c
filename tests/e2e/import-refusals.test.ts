// The Import view's refusals, as review 4 found them: a .parquet file was offered a mapping it
// could never use; a CSV with two bad counts named only the first. Both files are built from the
// real borough file in the test's own folder.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { monthColumns, readCsv } from '../support/raw';
import type { Session } from './support/browser';
import { dataDir, realFiles, screenshotDir, tempDir } from './support/paths';
import type { Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const boroughFile = path.join(dataDir, 'mps_borough', 'MPS Borough Level Crime (most recent 24 months).csv');

/** The real file with a bad count put in each of the given cells (rows as a spreadsheet numbers them). */
function badCopy(file: string, bad: [number, string, string][]): string {
  const lines = readFileSync(boroughFile, 'utf8').split(/\r?\n/);
  const header = lines[0]!.split(',');
  for (const [row, column, value] of bad) {
    const cells = lines[row - 1]!.split(',');
    cells[header.indexOf(column)] = value;
    lines[row - 1] = cells.join(',');
  }
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe('the Import view refuses what it cannot read, naming everything wrong', () => {
  let dir: string;
  let server: Served;
  let s: Session;

  beforeAll(async () => {
    dir = tempDir('refusals');
    ({ server, s } = await openWorkbench(path.join(dir, 'workspace.sqlite')));
  }, 120_000);

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('refuses a .parquet file at once, listing the kinds of file it reads, with no mapping offered', async () => {
    const { page } = s;
    const parquet = path.join(dir, 'recorded-crime-ward-historical.parquet');
    writeFileSync(parquet, Buffer.concat([Buffer.from('PAR1'), readFileSync(boroughFile), Buffer.from('PAR1')]));
    const bad = badCopy(path.join(dir, 'MPS Borough bad.csv'), [
      [58, '201702', 'n/a'],
      [301, '201706', '-3'],
    ]);
    await page.getByTestId('import-input').setInputFiles([parquet, bad]);
    const card = page.getByRole('article', { name: 'recorded-crime-ward-historical.parquet' });
    await card.getByText('Cannot read').waitFor({ timeout: 30_000 });
    const notice = card.getByRole('alert');
    expect(await notice.locator('.notice-title').textContent()).toBe('Wardlens cannot import this kind of file.');
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('recorded-crime-ward-historical.parquet: Wardlens reads CSV (.csv, .txt)');
    for (const words of ['Excel workbooks (.xlsx, .xlsm)', 'GeoJSON boundaries (.geojson, .json)', 'zipped shapefiles (.zip)'])
      expect(text).toContain(words);
    expect(await card.getByText('Needs a mapping').count()).toBe(0);
    expect(await card.getByText('Map the columns').count()).toBe(0);
    expect(await card.locator('.preview-scroll').count()).toBe(0);
    await page.getByRole('article', { name: 'MPS Borough bad.csv' }).getByText('Recognised').waitFor({ timeout: 30_000 });
    await s.screenshot('refusals-01-parquet', { fullPage: true });
  });

  it('names every bad cell of a CSV, row and column, and keeps nothing', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Import the 1 ready file' }).click();
    const result = page.getByRole('article', { name: 'Result for MPS Borough bad.csv' });
    await result.waitFor({ timeout: 60_000 });
    expect(await result.locator('.badge').textContent()).toBe('Not imported');
    const rows = await result.locator('table.bad-cells tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(rows).toEqual([
      ['58', '201702', 'expected a count (a whole number), found "n/a".'],
      ['301', '201706', 'counts cannot be negative, found -3.'],
    ]);
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('MPS Borough bad.csv: 2 cells cannot be read, so nothing from the file was imported.');
    // Nothing was kept: the sidebar still counts no datasets.
    expect(await page.locator('.workspace-stats').textContent()).toMatch(/^0 datasets/);
    await s.screenshot('refusals-02-bad-cells', { fullPage: true });
  });

  it('lists every bad cell of a mapped partner sheet in the check, before anything is imported', async () => {
    const { page } = s;
    // Harrow's residential burglary by 2022 ward in 2024 from the real ward file, two counts mistyped.
    const raw = readCsv(realFiles.ward2022);
    const months = monthColumns(raw).filter(([, m]) => m < 202500);
    const harrow = raw.rows.filter(
      (r) => r[raw.col('LookUp_BoroughName')] === 'Harrow' && r[raw.col('MinorText')] === 'RES BURGLARY OF A HOME',
    );
    const body: (string | number)[][] = harrow.map((r) => [r[raw.col('WardName')]!, ...months.map(([i]) => Number(r[i]))]);
    // Not in Belmont or Edgware, names London has in two boroughs (their rows are held back unread).
    const plain = body.map((r, i) => [r[0], i] as const).filter(([n]) => n !== 'Belmont' && n !== 'Edgware');
    const [first, last] = [plain[0]![1], plain.at(-1)![1]];
    body[first]![1] = 'n/a';
    body[last]![4] = '-2';
    const label = (m: number) => `${MONTHS[(m % 100) - 1]}-${String(m).slice(2, 4)}`;
    const file = path.join(dir, 'Harrow burglary two bad.xlsx');
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([['Residential burglary by ward, 2024'], [], ['Ward', ...months.map(([, m]) => label(m))], ...body]),
      'Burglary',
    );
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

    await page.getByTestId('import-input').setInputFiles(file);
    const card = page.getByRole('article', { name: 'Harrow burglary two bad.xlsx' });
    await card.getByText('Needs a mapping').waitFor({ timeout: 30_000 });
    await card.getByLabel('Area column').selectOption({ label: 'A: Ward' });
    await card.getByLabel('Months run across the columns').check();
    await card.getByLabel('The same for every row').check();
    await card.getByLabel('Category for every row').fill('Burglary - Residential');
    await card.getByLabel('Ward boundaries').selectOption('2022');
    const check = card.locator('.mapping-check');
    await check.locator('.check-bad').waitFor({ timeout: 30_000 });
    expect(await check.locator('.check-bad').textContent()).toBe(
      '✗ Harrow burglary two bad.xlsx: 2 cells cannot be read, so the import would refuse the file:',
    );
    // Rows as the spreadsheet numbers them: the header is row 3.
    expect(await check.locator('.check-warn li').allTextContents()).toEqual([
      `row ${first + 4}, column "${label(months[0]![1])}": expected a count (a whole number), found "n/a".`,
      `row ${last + 4}, column "${label(months[3]![1])}": counts cannot be negative, found -2.`,
    ]);
    expect(await card.getByText('Mapped', { exact: true }).count()).toBe(0);
    await check.screenshot({ path: path.join(screenshotDir, 'refusals-03-mapping-check-bad-cells.png') });
  });
});
