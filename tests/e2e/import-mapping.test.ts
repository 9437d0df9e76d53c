// Importing what no recogniser knows, and what is wrong: a partner's workbook mapped column
// by column in the Import view (and the mapping saved and used again), and a broken CSV
// whose error names the file, the row and the column to fix.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Locator } from 'playwright-core';
import type { Session } from './support/browser';
import { monthColumns, readCsv } from '../support/raw';
import { dataDir, realFiles, screenshotDir, tempDir } from './support/paths';
import type { Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';

/** A partner's workbook: a notes sheet first, then title rows above the header, ward codes, months across, a totals row. */
function partnerWorkbook(file: string, months: string[], wrongCode = 'E05099999'): string {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    book,
    XLSX.utils.aoa_to_sheet([['About this workbook'], ['Figures are provisional.']]),
    'Notes',
  );
  const rows = [
    ['Harrow Community Safety Partnership'],
    ['ASB incidents by ward, printed 3 Feb 2025'],
    [],
    ['Ward code', 'Ward', ...months],
    ['E05013542', 'Belmont', 7, 5, 8],
    ['E05013543', 'Canons', 40, 38, 45],
    [wrongCode, 'Harow Weald', 3, 4, 5],
    ['E05013544', 'Centenary', 12, 9, 14],
    ['Total', '', 62, 56, 72],
  ];
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'ASB by ward');
  writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return file;
}

/**
 * Harrow's 22 wards' residential burglary in 2024 from the real 2022-ward file, months across,
 * a totals row, Stanmore misspelt "Stanmoor"; with the ward names another borough also has
 * (from the real 2022 boundaries, not from Wardlens).
 */
function harrowSheet(file: string): { file: string; wards: string[]; inTwoBoroughs: Set<string> } {
  const raw = readCsv(realFiles.ward2022);
  const months = monthColumns(raw).filter(([, m]) => m < 202500);
  const harrow = raw.rows.filter(
    (r) => r[raw.col('LookUp_BoroughName')] === 'Harrow' && r[raw.col('MinorText')] === 'RES BURGLARY OF A HOME',
  );
  const body = harrow.map((r) => [
    r[raw.col('WardName')] === 'Stanmore' ? 'Stanmoor' : r[raw.col('WardName')]!,
    ...months.map(([i]) => Number(r[i])),
  ]);
  const sheet = [
    ['Residential burglary by ward, 2024'],
    [],
    ['Ward', ...months.map(([, m]) => `${MONTH_NAMES[(m % 100) - 1]}-${String(m).slice(2, 4)}`)],
    ...body,
    ['Total', ...months.map((_, i) => body.reduce((t, r) => t + (r[i + 1] as number), 0))],
  ];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sheet), 'Burglary');
  writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  const features = (
    JSON.parse(readFileSync(path.join(dataDir, 'boundaries', 'london_wards_2022_merged.geojson'), 'utf8')) as {
      features: { properties: { WD25NM: string; LAD25NM: string } }[];
    }
  ).features;
  const elsewhere = new Set(features.filter((f) => f.properties.LAD25NM !== 'Harrow').map((f) => f.properties.WD25NM));
  const wards = harrow.map((r) => r[raw.col('WardName')]!);
  return { file, wards, inTwoBoroughs: new Set(wards.filter((w) => elsewhere.has(w))) };
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

describe('mapped and broken imports in Chromium', () => {
  let dir: string;
  let server: Served;
  let s: Session;

  beforeAll(async () => {
    dir = tempDir('mapping');
    ({ server, s } = await openWorkbench(path.join(dir, 'workspace.sqlite')));
    await s.page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
  });

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('maps an unrecognised workbook column by column, saves the mapping, and imports it', async () => {
    const { page } = s;
    const file = partnerWorkbook(path.join(dir, 'partner ASB Q1.xlsx'), ['Jan-24', 'Feb-24', 'Mar-24']);
    await page.getByTestId('import-input').setInputFiles(file);
    const card = page.getByRole('article', { name: 'partner ASB Q1.xlsx' });
    await card.getByText('Needs a mapping').waitFor();

    await card.getByLabel('Sheet').selectOption('ASB by ward');
    await card.getByRole('cell', { name: 'Harrow Community Safety Partnership' }).waitFor();
    // The header is guessed below the sheet's title rows: the first row of labels above figures.
    await expect.poll(() => card.getByLabel('Header row').inputValue()).toBe('4');
    await card.getByLabel('Area column').selectOption({ label: 'A: Ward code' });
    await card.getByLabel('Months run across the columns').check();
    await card.getByLabel('The same for every row').check();
    await card.getByLabel('Category for every row').fill('Anti-social behaviour');
    await card.getByLabel('Import into the dataset named').fill('Harrow ASB (partner)');
    await card.getByText('✓ The mapping reads this file').waitFor();
    // Before importing, the check says what the import will refuse: the mistyped code's row.
    // Rows would be refused, so the first line says so: never a plain ✓.
    expect(await card.locator('.check-good').textContent()).toBe(
      '✓ The mapping reads this file, but 1 of its 4 rows would not be stored:',
    );
    expect(await card.locator('.check-rest').textContent()).toBe(
      '3 wards recognised, in 3 of its 4 rows. 1 totals row will be skipped. It will be imported into “Harrow ASB (partner)”.',
    );
    expect(await card.locator('.check-warn li').allTextContents()).toEqual([
      '1 code matches no ward in the workspace’s wards — E05099999 — its row would not be stored.',
    ]);
    await card.getByLabel('Save this mapping as').fill('Partner ASB sheet');
    await card.getByRole('button', { name: 'Save mapping' }).click();
    await card.getByText('Saved as “Partner ASB sheet”.').waitFor();
    await s.screenshot('07-import-mapping', { fullPage: true });

    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const result = page.getByRole('article', { name: 'Result for partner ASB Q1.xlsx' });
    await result.waitFor({ timeout: 60_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Imported into “Harrow ASB (partner)”');
    expect(text).toContain('Spreadsheet, mapped by hand');
    // The mistyped code's row is rejected; the totals row is skipped and named, as no ward.
    expect(text).toContain('5 rows read, 3 stored, 1 rejected, 1 skipped: not a ward (Total).');
    expect(text).toContain('Months: Jan 2024 – Mar 2024 (3 months)');
    expect(await result.getByRole('row', { name: 'E05099999 1' }).count()).toBe(1);
    await s.screenshot('08-import-mapped-result', { fullPage: true });
  });

  it('uses the saved mapping for the next quarter’s workbook', async () => {
    const { page } = s;
    const file = partnerWorkbook(
      path.join(dir, 'partner ASB Q2.xlsx'),
      ['Apr-24', 'May-24', 'Jun-24'],
      'E05088888',
    );
    await page.getByTestId('import-input').setInputFiles(file);
    const card = page.getByRole('article', { name: 'partner ASB Q2.xlsx' });
    await card.getByText('Needs a mapping').waitFor();
    await card.getByLabel('Use a saved mapping').selectOption('Partner ASB sheet');
    await card.getByLabel('Import into the dataset named').fill('Harrow ASB (partner)');
    await card.getByText('✓ The mapping reads this file').waitFor();
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const result = page.getByRole('article', { name: 'Result for partner ASB Q2.xlsx' });
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain('Months: Apr 2024 – Jun 2024 (3 months)');

    await page.getByRole('button', { name: /^Data/ }).click();
    const dataset = page.getByRole('article', { name: 'Harrow ASB (partner)' });
    await expect.poll(() => dataset.locator('.coverage-grid td.cov-held').count()).toBe(6);
    expect(await dataset.locator('.imports-table tbody tr').count()).toBe(2);
    await s.screenshot('09-data-mapped', { fullPage: true });
    await page.getByRole('button', { name: /^Import/ }).click();
  });

  it('fails the mapping check on a count the import would refuse, with the import’s own error', async () => {
    const { page } = s;
    const file = path.join(dir, 'partner burglary n-a.xlsx');
    const book = XLSX.utils.book_new();
    const rows = [
      ['Harrow Council burglary partner return'],
      ['Produced by the Community Safety Team'],
      [],
      ['Ward', 'Month', 'Category', 'Count'],
      ['Canons', 'Jan-24', 'Burglary', 12],
      ['Centenary', 'Jan-24', 'Burglary', 'n/a'],
      ['Greenhill', 'Jan-24', 'Burglary', 31],
      ['Total', '', '', 43],
    ];
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Return');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    await page.getByTestId('import-input').setInputFiles(file);
    const card = page.getByRole('article', { name: 'partner burglary n-a.xlsx' });
    await card.getByText('Needs a mapping').waitFor();
    try {
      await checkBadCount(card);
    } finally {
      // Off the list, so the next tests' "Import 1 file" is theirs alone.
      await card.getByRole('button', { name: 'Remove partner burglary n-a.xlsx from the list' }).click();
    }
    await card.waitFor({ state: 'detached' });
  });

  async function checkBadCount(card: Locator) {
    expect(await card.getByLabel('Header row').inputValue()).toBe('4');
    await card.getByLabel('Area column').selectOption({ label: 'A: Ward' });
    await card.getByLabel('Ward boundaries').selectOption('2022');
    await card.getByLabel('Month column').selectOption({ label: 'B: Month' });
    await card.getByLabel('Count column').selectOption({ label: 'D: Count' });
    await card.getByRole('combobox', { name: /^Category column/ }).selectOption({ label: 'C: Category' });
    const bad = card.locator('.check-bad');
    await bad.waitFor();
    expect(await bad.textContent()).toBe(
      '✗ partner burglary n-a.xlsx (row 6, column "Count"): expected a count (a whole number), found "n/a". What to do: Put a whole number of 0 or more there, then import the file again.',
    );
    expect(await card.locator('.check-good').count()).toBe(0);
    await card.locator('.mapping-check').screenshot({ path: path.join(screenshotDir, '07e-mapping-check-bad-count.png') });
  }

  it('shows a broken file’s error with the file, the row and the column to fix', async () => {
    const { page } = s;
    const bad = path.join(dir, 'ward extract.csv');
    writeFileSync(
      bad,
      [
        'MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,202401,202402',
        'BURGLARY,BURGLARY - RESIDENTIAL,Belmont,E05013542,Harrow,4,6',
        'BURGLARY,BURGLARY - RESIDENTIAL,Canons,E05013543,Harrow,3,1O',
        '',
      ].join('\n'),
    );
    await page.getByTestId('import-input').setInputFiles(bad);
    const card = page.getByRole('article', { name: 'ward extract.csv' });
    await card.getByText('Recognised').waitFor();
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const result = page.getByRole('article', { name: 'Result for ward extract.csv' });
    await result.waitFor({ timeout: 60_000 });
    const alert = result.getByRole('alert');
    const where = await alert
      .locator('.error-where')
      .evaluate((dl) =>
        Object.fromEntries(
          [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
        ),
      );
    expect(where).toEqual({
      File: 'ward extract.csv',
      Row: '3',
      Column: '202402',
      Found: '“1O”',
      Expected: 'a whole number of 0 or more',
    });
    expect(await alert.textContent()).toContain(
      'What to do: Put a whole number of 0 or more there, then import the file again.',
    );
    expect(await result.textContent()).toContain('Not imported');
    await s.screenshot('10-import-bad-file', { fullPage: true });
  });

  it('shows live progress while a large extract imports, and Cancel stops it cleanly', async () => {
    const { page } = s;
    await page.getByTestId('import-input').setInputFiles(realFiles.ward2022Historical);
    const card = page.getByRole('article', { name: path.basename(realFiles.ward2022Historical) });
    await card.getByText('Recognised').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const progress = page.locator('.progress-label');
    await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toMatch(/[\d,]+ rows read, \d+%/);
    await s.screenshot('12-import-progress');
    await page.getByRole('button', { name: 'Cancel' }).click();
    const cancelled = page.getByRole('article', {
      name: `Result for ${path.basename(realFiles.ward2022Historical)}`,
    });
    await cancelled.getByText('Cancelled', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await cancelled.textContent()).toContain('nothing from it was kept');
    await s.screenshot('13-import-cancelled');
    // Nothing half-imported: the workspace still holds only the partner dataset.
    await page.getByRole('button', { name: /^Data/ }).click();
    await expect.poll(() => page.locator('.dataset-card').count()).toBe(1);
    await page.getByRole('button', { name: /^Import/ }).click();
  });

  it('says before the import which ward names it would refuse, misspelt or in two boroughs, as the import then does', async () => {
    const { page } = s;
    const sheet = harrowSheet(path.join(dir, 'Harrow burglary misspelt.xlsx'));
    await page.getByTestId('import-input').setInputFiles(sheet.file);
    const card = page.getByRole('article', { name: 'Harrow burglary misspelt.xlsx' });
    await card.getByText('Needs a mapping').waitFor();
    expect(await card.getByLabel('Header row').inputValue()).toBe('3');
    await card.getByLabel('Area column').selectOption({ label: 'A: Ward' });
    await card.getByLabel('Months run across the columns').check();
    await card.getByLabel('The same for every row').check();
    await card.getByLabel('Category for every row').fill('Burglary - Residential');
    await card.getByLabel('Import into the dataset named').fill('Harrow burglary (partner)');
    await card.getByText('✓ The mapping reads this file').waitFor();

    const n = sheet.wards.length;
    const twice = sheet.wards.filter((w) => sheet.inTwoBoroughs.has(w));
    expect([n, twice]).toEqual([22, ['Belmont', 'Edgware']]);
    const check = card.locator('.mapping-check');
    const recognised = (k: number) => `${k} wards recognised, in ${k} of its ${n} rows. 1 totals row will be skipped.`;
    // No ward boundaries chosen: names the 2014 and 2018 wards also had are held back, pointing at the choice.
    const [unmatched, sets] = await check.locator('.check-warn li').allTextContents();
    expect(unmatched).toBe('1 name matches no ward in the workspace’s wards — Stanmoor — its row would not be stored.');
    const held = /^(\d+) ward names are in more than one set of ward boundaries \(2014, 2018 or 2022\) — .+ and \d+ more — their (\d+) rows would not be stored: choose the Ward boundaries above\.$/.exec(sets!);
    expect(held, sets).not.toBeNull();
    expect(held![1]).toBe(held![2]);
    expect(await check.locator('.check-rest').textContent()).toContain(recognised(n - 1 - Number(held![1])));
    expect(await check.locator('.check-good').textContent()).toBe(
      `✓ The mapping reads this file, but ${1 + Number(held![1])} of its ${n} rows would not be stored:`,
    );
    await check.screenshot({ path: path.join(screenshotDir, '07a-mapping-check-ward-sets.png') });

    await card.getByLabel('Ward boundaries').selectOption('2022');
    await check.locator('.check-rest', { hasText: recognised(n - 3) }).waitFor();
    expect(await check.locator('.check-warn li').allTextContents()).toEqual([
      '1 name matches no ward in the 2022 wards — Stanmoor — its row would not be stored.',
      '2 ward names belong to wards in more than one borough — Belmont (Harrow or Sutton) and Edgware (Barnet or Harrow) — their 2 rows would not be stored: say the Borough above.',
    ]);
    await check.scrollIntoViewIfNeeded();
    await check.screenshot({ path: path.join(screenshotDir, '07b-mapping-check-refused.png') });
    await s.screenshot('07c-mapping-check-refused', { fullPage: true });

    // Saying the borough settles Belmont and Edgware; the misspelt name stays refused.
    await card.getByRole('combobox', { name: /^Borough/ }).selectOption({ label: 'Every row is in one borough…' });
    await card.getByRole('textbox', { name: 'Every row is in' }).fill('Harrow');
    await check.locator('.check-rest', { hasText: recognised(n - 1) }).waitFor();
    expect(await check.locator('.check-warn li').allTextContents()).toEqual([
      '1 name matches no ward in the 2022 wards — Stanmoor — its row would not be stored.',
    ]);
    await check.screenshot({ path: path.join(screenshotDir, '07d-mapping-check-borough.png') });

    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const result = page.getByRole('article', { name: 'Result for Harrow burglary misspelt.xlsx' });
    await result.waitFor({ timeout: 60_000 });
    const text = (await result.textContent()) ?? '';
    // Stanmoor is rejected; the totals row is skipped, as no ward, not rejected.
    expect(text).toContain(`${n + 1} rows read, ${n - 1} stored, 1 rejected, 1 skipped: not a ward (Total).`);
    expect(await result.getByRole('row', { name: 'Stanmoor 1' }).count()).toBe(1);
  });

  it('asked nothing of any origin but its own server, and broke no CSP rule', () => {
    const foreign = s.requests.filter(
      (u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== server.origin,
    );
    expect(foreign).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
