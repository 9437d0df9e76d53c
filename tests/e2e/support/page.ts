// What several suites do on the page: find a form's select by its caption, catch a download,
// and set up Harrow's burglary assessment for 2017 with four neighbours.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The select under a field's caption, matched whole ("Year" is also the start of "Years"). */
export const fieldSelect = (scope: Locator, caption: string) =>
  scope.locator('label.field').filter({ has: scope.page().locator('span', { hasText: new RegExp(`^${caption}$`) }) }).locator('select');

/** The file a click downloads: its suggested name and bytes. */
export async function download(page: Page, click: () => Promise<void>) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

export const HARROW_NEIGHBOURS = ['Brent', 'Barnet', 'Ealing', 'Hillingdon'];

/** The Assessment for Harrow's burglary in 2017 with four neighbours, as the analyst sets it up. */
export async function openHarrowAssessment(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: /^Assessment/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Assessment' }).waitFor();
  const view = page.locator('section[aria-labelledby="view-title-assessment"]');
  await fieldSelect(view, 'Borough').selectOption('Harrow');
  await fieldSelect(view, 'Crime type').selectOption('Burglary');
  await fieldSelect(view, 'Year').selectOption('2017');
  await view.locator('.neighbour-pick summary').click();
  for (const n of HARROW_NEIGHBOURS) await view.locator('.neighbour-pick').getByLabel(n, { exact: true }).check();
  await view.locator('.neighbour-pick summary').click();
  await expect.poll(() => page.locator('.neighbour-table tbody tr').count(), { timeout: 30_000 }).toBe(5);
  return view;
}
