// Reading the pivot table off the screen and holding it against the CLI's JSON for the same
// question: every cell, row total and column total, as the UI formats them.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PivotCell, PivotResult } from '../../../src/shared/pivot';

/** The CLI's count as the table shows it: UK thousands separators. */
const shown = (c: PivotCell) =>
  c.value === null ? '–' : c.value.toLocaleString('en-GB', { maximumFractionDigits: 0 });

export async function expectTableMatches(page: Page, expected: PivotResult): Promise<void> {
  const rowKey = (i: number) => expected.rows[i]!.keys.join('|');
  const colKey = (k: number) => expected.columns[k]!.keys.join('|');
  // Wait for this result, not the one before: the last cell must be on screen.
  const lastRow = expected.rows.length - 1;
  const lastCol = expected.columns.length - 1;
  await page
    .locator(`td[data-row="${rowKey(lastRow)}"][data-col="${colKey(lastCol)}"]`)
    .first()
    .waitFor({ timeout: 30_000 });
  await expect
    .poll(() => page.locator('.pivot-table tbody tr:not(.spacer)').count())
    .toBe(expected.rows.length);

  const onScreen = await page
    .locator('.pivot-table td[data-row]')
    .evaluateAll((tds) =>
      tds.map(
        (td) =>
          [
            `${td.getAttribute('data-row')}@${td.getAttribute('data-col')}`,
            td.querySelector('.cell-text')?.textContent ?? '',
          ] as const,
      ),
    );
  const table = new Map(onScreen);
  expected.rows.forEach((_, i) =>
    expected.columns.forEach((_, k) => {
      expect(
        table.get(`${rowKey(i)}@${colKey(k)}`),
        `${expected.rows[i]!.labels} × ${expected.columns[k]!.labels}`,
      ).toBe(shown(expected.cells[i]![k]!));
    }),
  );
  if (expected.columns.length > 1)
    expected.rowTotals.forEach((t, i) => expect(table.get(`${rowKey(i)}@total`)).toBe(shown(t)));
  if (expected.rows.length > 1) {
    expected.columnTotals.forEach((t, k) => expect(table.get(`total@${colKey(k)}`)).toBe(shown(t)));
    if (expected.columns.length > 1) expect(table.get('total@total')).toBe(shown(expected.grandTotal));
  }
}

/** Plotly has drawn: its SVG is in the page with at least one trace. */
export async function waitForChart(page: Page): Promise<void> {
  await page.locator('.chart-plot .main-svg .trace').first().waitFor({ state: 'attached', timeout: 30_000 });
}
