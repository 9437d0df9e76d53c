// The Assessment on a fresh workspace holding only the 2018-ward MPS file (Sep 2020–Aug 2022),
// in Chromium at 1366×768: it opens on Barking and Dagenham, burglary, 2021, and because 2020
// holds Sep–Dec only it sets no whole-year rise or rate change on screen; it compares Sep–Dec
// 2020 with Sep–Dec 2021 instead, with the raw file's counts. The rolling-year chart's count
// axis starts at zero.
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount } from '../../src/renderer/format/numbers';
import { readCsv, sumWide } from '../support/raw';
import type { Session } from './support/browser';
import { fieldSelect } from './support/page';
import { dataDir, screenshotDir, tempDir } from './support/paths';
import { cliText, type Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';

const file = path.join(dataDir, 'mps_ward', '2018wards_202009-202208', 'MPS Ward Level Crime (most recent 24 months).csv');

describe('the Assessment with a part year before the year shown (browser mode)', () => {
  let dir: string;
  let server: Served;
  let s: Session;
  let view: Locator;

  beforeAll(async () => {
    dir = tempDir('assessment-part-years');
    const db = path.join(dir, 'workspace.sqlite');
    cliText(['import', '--db', db, file]);
    ({ server, s } = await openWorkbench(db));
  }, 180_000);
  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('opens on 2021 and compares Sep–Dec of both years, not the whole years', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Assessment/ }).click();
    view = page.locator('section[aria-labelledby="view-title-assessment"]');
    await view.getByText(/ in Barking and Dagenham: 2021 against 2020$/).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.assessment.is-updating').count(), { timeout: 30_000 }).toBe(0);
    expect(await fieldSelect(view, 'Year').inputValue()).toBe('2021');

    const raw = readCsv(file);
    const burglary = (r: string[]) => r[raw.col('LookUp_BoroughName')] === 'Barking and Dagenham' && r[raw.col('MajorText')] === 'Burglary';
    const sepDec = (year: number) => sumWide(raw, (m) => m >= year * 100 + 9 && m <= year * 100 + 12, burglary);
    const tile = (id: string) => view.locator(`[data-fact="${id}"] .fact-value`).textContent();
    expect(await tile('change')).toBe('–');
    expect(await tile('rate-change')).toBe('–');
    expect(await tile('like-previous')).toBe(formatCount(sepDec(2020)));
    expect(await tile('like-current')).toBe(formatCount(sepDec(2021)));
    const quick = view.locator('section[aria-labelledby="block-quick-facts"]');
    await expect.poll(() => quick.getByText('Like for like: Sep–Dec 2020 against Sep–Dec 2021').count()).toBe(1);
    const whole = await quick.locator('.findings-text').first().textContent();
    expect(whole).toContain('The data holds only Sep–Dec of 2020');
    expect(whole).not.toMatch(/\b(rose|fell)\b|rate change/);
    await s.screenshot('assessment-part-years');
    await quick.screenshot({ path: path.join(screenshotDir, 'assessment-part-years-quick-facts.png') });
  });

  it('gives no ward rises or falls between a part year and a whole one', async () => {
    const wards = view.locator('section[aria-labelledby="block-wards"]');
    await wards.scrollIntoViewIfNeeded();
    expect(await wards.getByText('Not given: a year lacks months.').count()).toBe(2);
    await wards.screenshot({ path: path.join(screenshotDir, 'assessment-part-years-wards.png') });
  });

  it('draws the rolling-year count axis from zero', async () => {
    const chart = s.page.locator('.js-plotly-plot').nth(1);
    await chart.scrollIntoViewIfNeeded();
    await expect.poll(() => chart.locator('.ytick').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    const ticks = await chart.locator('.ytick text').allTextContents();
    expect(ticks[0]).toBe('0');
    await chart.screenshot({ path: path.join(screenshotDir, 'assessment-part-years-rolling.png') });
  });

  it('broke no CSP rule and threw nothing in the page', () => {
    expect(s.problems).toEqual([]);
  });
});
