// The workbench end to end, as an analyst uses it: import a real MPS extract, look at the
// data, pivot Harrow's wards by year and check every figure against the CLI, drill into a
// ward, save the pivot. Through the whole run the page may ask nothing of any other origin.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotResult } from '../../src/shared/pivot';
import type { Session } from './support/browser';
import { realFiles, screenshotDir, tempDir } from './support/paths';
import { cli, type Served } from './support/server';
import { expectTableMatches, waitForChart } from './support/pivot';
import { closeWorkbench, openWorkbench } from './support/workbench';

describe('the workbench in Chromium (browser mode)', () => {
  let dir: string;
  let db: string;
  let server: Served;
  let s: Session;

  beforeAll(async () => {
    dir = tempDir('workbench');
    db = path.join(dir, 'workspace.sqlite');
    ({ server, s } = await openWorkbench(db));
  });

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('opens an empty workspace on the Import view and shows which workspace it is', async () => {
    const { page } = s;
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Import' }).isVisible()).toBe(true);
    expect(await page.locator('.workspace-path').textContent()).toBe(db);
    await s.screenshot('01-import-empty');
  });

  it('imports a real MPS ward extract chosen through the Import view', async () => {
    const { page } = s;
    await page.getByTestId('import-input').setInputFiles(realFiles.ward2022);
    const card = page.getByRole('article', { name: path.basename(realFiles.ward2022) });
    await card.getByText('Recognised').waitFor();
    expect(await card.locator('.facts').textContent()).toContain('MPS ward counts');
    await s.screenshot('02-import-preview');

    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const result = page.getByRole('article', { name: `Result for ${path.basename(realFiles.ward2022)}` });
    await result.waitFor({ timeout: 60_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Imported into “MPS ward counts, Home Office categories, 2022 wards”');
    expect(text).toContain('18,707 rows read, 18,707 stored, 0 rejected');
    expect(text).toContain('Months: Jan 2024 – Dec 2025 (24 months)');
    expect(text).toContain('679 areas');
    await s.screenshot('03-import-result', { fullPage: true });
  });

  it('shows the dataset, its import and its month coverage in the Data view', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Data/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
    const card = page.getByRole('article', { name: 'MPS ward counts, Home Office categories, 2022 wards' });
    await expect.poll(() => card.locator('.imports-table tbody tr').count()).toBe(1);
    expect(await card.locator('.imports-table').textContent()).toContain(
      'MPS Ward Level Crime (most recent 24 months).csv',
    );
    expect(await card.locator('.coverage-grid td.cov-held').count()).toBe(24);
    expect(await card.locator('.coverage-grid td.cov-missing').count()).toBe(0);
    await s.screenshot('04-data', { fullPage: true });
  });

  it('pivots Harrow’s wards by year, figure for figure as the CLI gives them', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Pivot/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Pivot' }).waitFor();
    await page.getByLabel('Rows').selectOption('ward');
    await page.getByLabel('Columns').selectOption('year');
    await page.getByLabel('Filter on').selectOption('borough');
    await page.getByLabel('Filter value').fill('Harrow');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByText('Borough: Harrow').waitFor();

    const expected = cli<PivotResult>([
      'pivot',
      '--db',
      db,
      '--dataset',
      'mps-ward-ho-2022',
      '--rows',
      'ward',
      '--cols',
      'year',
      '--where',
      'borough=Harrow',
      '--format',
      'json',
    ]);
    expect(expected.rows).toHaveLength(22);
    await expectTableMatches(page, expected);
    await waitForChart(page);
    // The legend, drawn in the chart's second step, names the eight largest wards as the CLI's totals rank them.
    const largest = expected.rows
      .map((r, i) => [r.labels[0]!, expected.rowTotals[i]!.count] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name]) => name)
      .sort();
    expect((await page.locator('.pivot-chart-card .legendtext').allTextContents()).sort()).toEqual(largest);
    await s.screenshot('05-pivot-harrow-wards-by-year');

    // The chart saves as a print-size PNG, drawn in the page (no server, no other origin).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save chart as PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('crimes-by-ward-and-year-harrow.png');
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(2400);
    await s.screenshot('05b-pivot-harrow-full', { fullPage: true });
  });

  it('drills into a ward: its months across the categories, as the CLI gives them', async () => {
    const { page } = s;
    await page.locator('.pivot-table').getByRole('button', { name: 'Belmont', exact: true }).click();
    await page.getByRole('navigation', { name: 'Drill-down' }).getByText('Belmont').waitFor();
    const belmont = cli<PivotResult>([
      'pivot',
      '--db',
      db,
      '--dataset',
      'mps-ward-ho-2022',
      '--rows',
      'ward',
      '--where',
      'borough=Harrow',
      '--format',
      'json',
    ]).rows.find((r) => r.labels[0] === 'Belmont')!;
    const expected = cli<PivotResult>([
      'pivot',
      '--db',
      db,
      '--dataset',
      'mps-ward-ho-2022',
      '--rows',
      'month',
      '--cols',
      'major',
      '--where',
      'borough=Harrow',
      '--where',
      `ward=${belmont.keys[0]}`,
      '--format',
      'json',
    ]);
    expect(expected.rows).toHaveLength(24);
    await expectTableMatches(page, expected);
    expect(await page.locator('.pivot-table tbody th').first().textContent()).toBe('Jan 2024');
    await waitForChart(page);
    await s.screenshot('06-pivot-drill-belmont');
    await page
      .locator('.pivot-chart-card')
      .screenshot({ path: path.join(screenshotDir, '06e-chart-belmont-months.png') });

    // Small counts are marked, explained on hover, and described for screen readers by the key.
    const small = page.locator('.pivot-table tbody td.flag-small .cell-button').first();
    expect(await small.getAttribute('aria-describedby')).toContain('pivot-flag-small');
    expect(await small.getAttribute('title')).toContain('Small count: fewer than 10 crimes');
    expect(await small.locator('.flag-marks').textContent()).toBe('*');
    expect(await page.locator('#pivot-flag-small').textContent()).toContain('Small count');

    await page.getByRole('button', { name: '← Back' }).click();
    await page.locator('.pivot-table').getByRole('button', { name: 'Belmont', exact: true }).waitFor();
  });

  it('sorts by a column, largest first', async () => {
    const { page } = s;
    await page.locator('.pivot-table thead').getByRole('button', { name: /^2025/ }).click();
    await expect.poll(() => page.locator('.pivot-table tbody th').first().textContent()).toBe('Greenhill');
    expect(await page.locator('.pivot-table thead th[aria-sort="descending"]').textContent()).toContain(
      '2025',
    );
    await page.locator('.pivot-table thead').getByRole('button', { name: /^2025/ }).click();
    await expect.poll(() => page.locator('.pivot-table tbody th').first().textContent()).toBe('Kenton West');
  });

  it('drills from a month’s column total to the wards for that month', async () => {
    const { page } = s;
    await page.getByLabel('Columns').selectOption('month');
    const march = page.locator('.pivot-table tfoot td[data-col="2025-03"] .cell-button');
    await march.click();
    await page.getByRole('navigation', { name: 'Drill-down' }).getByText('Mar 2025').waitFor();
    const expected = cli<PivotResult>([
      'pivot',
      '--db',
      db,
      '--dataset',
      'mps-ward-ho-2022',
      '--rows',
      'ward',
      '--cols',
      'major',
      '--where',
      'borough=Harrow',
      '--from',
      '2025-03',
      '--to',
      '2025-03',
      '--format',
      'json',
    ]);
    await expectTableMatches(page, expected);
    await waitForChart(page);
    await s.screenshot('06b-pivot-drill-march-2025');
    await page
      .locator('.pivot-chart-card')
      .screenshot({ path: path.join(screenshotDir, '06d-chart-wards-by-category-march-2025.png') });
    await page.getByRole('button', { name: '← Back' }).click();
    await page.getByLabel('Columns').selectOption('year');
    await page.locator('td[data-col="2025"]').first().waitFor();
  });

  it('keeps a London-wide ward × month table quick by drawing only the rows in view', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Remove filter Borough: Harrow' }).click();
    await page.getByLabel('Columns').selectOption('month');
    const started = Date.now();
    await page.locator('.pivot-table[aria-rowcount="681"]').waitFor();
    await page.locator('.pivot-table td[data-col="2025-12"]').first().waitFor();
    const ms = Date.now() - started;
    const drawn = await page.locator('.pivot-table tbody tr:not(.spacer)').count();
    expect(drawn).toBeLessThan(120);
    expect(ms).toBeLessThan(10_000);
    await page.locator('.pivot-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => page.locator('.pivot-table tbody th').last().textContent()).not.toBe('');
    await s.screenshot('06c-pivot-london-ward-by-month');
    // Back to Harrow by year for the saved view below.
    await page.getByLabel('Columns').selectOption('year');
    await page.getByLabel('Filter on').selectOption('borough');
    await page.getByLabel('Filter value').fill('Harrow');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await expect.poll(() => page.locator('.pivot-table tbody tr:not(.spacer)').count()).toBe(22);
  });

  it('saves the pivot by name and opens it again', async () => {
    const { page } = s;
    await page.getByLabel('Save this pivot as').fill('Harrow wards by year');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved “Harrow wards by year”.').waitFor();
    await page.getByLabel('Columns').selectOption('');
    await page.getByLabel('Saved pivots').selectOption('Harrow wards by year');
    await page.getByText('Opened “Harrow wards by year”.').waitFor();
    await expect.poll(() => page.locator('.pivot-table thead th').count()).toBe(4);
    // A drill-down is no longer the saved pivot, and the box says so; back, and it is again.
    await page.locator('.pivot-table tbody th .row-button').first().click();
    await page.getByRole('navigation', { name: 'Drill-down' }).waitFor();
    expect(await page.getByLabel('Saved pivots').inputValue()).toBe('');
    expect(await page.getByText('Opened “Harrow wards by year”.').count()).toBe(0);
    await page.getByRole('button', { name: '← Back' }).click();
    await expect.poll(() => page.getByLabel('Saved pivots').inputValue()).toBe('Harrow wards by year');
  });

  it('can be driven from the keyboard, with a visible focus', async () => {
    const { page } = s;
    // A fresh load (the token stays in this tab's session) starts Tab from the top of the page.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Pivot' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to the view');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toContain('Data');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
    await s.screenshot('11-keyboard-focus');

    // A figure is a button to the keyboard too: it takes the focus, shows it, and Enter drills.
    const figure = page.locator('.pivot-table tbody td[data-col] [role="button"]').first();
    await figure.waitFor({ timeout: 60_000 });
    await figure.focus();
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    const title = (await figure.getAttribute('title'))!;
    // Its tooltip, which only a mouse would see, is written out under the table for the keyboard.
    expect(await page.locator('.figure-note').textContent()).toBe(title.split('\n').join(' · '));
    const where = title.split(':')[0]!;
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Drill-down' }).getByText(where.split(' · ')[0]!).waitFor();
    // The table the focus was in has gone: the focus moves on to "← Back", not to the page's top.
    await expect.poll(() => page.evaluate('document.activeElement.textContent')).toContain('Back');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('pivot-title');
    // And Space does the same, without scrolling the table.
    await page.locator('.pivot-table tbody td[data-col] [role="button"]').first().focus();
    await page.keyboard.press(' ');
    await page.getByRole('navigation', { name: 'Drill-down' }).waitFor();
    expect(await page.locator('.pivot-scroll').evaluate((el) => el.scrollTop)).toBe(0);
    await page.getByRole('button', { name: '← Back' }).click();
    // A figure with nothing behind it (the grand total) still takes the focus, to be read out.
    const grand = page.locator('.pivot-table tfoot td[data-col="total"] .cell-static');
    await grand.focus();
    expect(await page.locator('.figure-note').textContent()).toMatch(/^All: [\d,]+/);
    await grand.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: path.join(screenshotDir, '11b-keyboard-figure-note.png') });

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Data/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
  });

  it('asked nothing of any origin but its own server, and broke no CSP rule', () => {
    expect(s.requests.length).toBeGreaterThan(10);
    const foreign = s.requests.filter(
      (u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== server.origin,
    );
    expect(foreign).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
