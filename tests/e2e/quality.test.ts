// The data-quality report in the app: an import's result says what the check found and leads
// to the Data view's quality panel, which reads as plain findings with what to do about them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser';
import { dataDir, realFiles, repoRoot, screenshotDir, tempDir } from './support/paths';
import type { Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';

const WARD_DATASET = 'MPS ward counts, Home Office categories, 2022 wards';
const POLICE_DATASET = 'police.uk incidents, City of London Police';

describe('the data-quality report in Chromium (browser mode)', () => {
  let dir: string;
  let db: string;
  let server: Served;
  let s: Session;

  beforeAll(async () => {
    dir = tempDir('quality');
    db = path.join(dir, 'workspace.sqlite');
    // The borough series and the police.uk files first, by the CLI; the ward file through the app.
    const police = path.join(dataDir, 'policeuk_street_cityoflondon');
    const borough = path.join(dataDir, 'mps_borough_newcat', 'MPS Borough Level Crime (most recent 24 months).csv');
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'wardlens.js'), 'import', '--db', db, borough, police], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(police).length).toBeGreaterThan(20);
    ({ server, s } = await openWorkbench(db));
  });

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('shows the check in the import result, with its headlines', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Import/ }).first().click();
    await page.getByTestId('import-input').setInputFiles(realFiles.ward2022);
    const file = path.basename(realFiles.ward2022);
    await page.getByRole('article', { name: file }).getByText('Recognised').waitFor();
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const result = page.getByRole('article', { name: `Result for ${file}` });
    await result.waitFor({ timeout: 90_000 });
    const quality = result.getByLabel(`Data quality of ${WARD_DATASET}`);
    const text = (await quality.textContent()) ?? '';
    expect(text).toMatch(/\d+ warnings?, \d+ notes?; \d+ checks? clear\./);
    expect(text).toMatch(/Ward figures are [\d,]+ \([\d.]+%\) short of the borough totals/);
    await quality.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'quality-01-import-result.png') });
  });

  it('leads from the import result to the dataset’s quality panel in the Data view', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Show the quality report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
    const panel = page.getByRole('article', { name: WARD_DATASET }).getByRole('region', { name: 'Data quality' });
    await expect.poll(() => panel.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await panel.locator('.quality-finding').first().waitFor();
    const findings = await panel.locator('.quality-finding .quality-title').allTextContents();
    expect(findings.some((t) => t.includes('short of the borough totals'))).toBe(true);
    expect(await panel.getByText('What to do').count()).toBe(findings.length);
    // The figures behind a finding read in words, not field names.
    await panel.locator('.quality-finding', { hasText: 'short of the borough totals' }).getByText(/^The figures/).click();
    const headings = await panel.locator('.quality-figures th').allTextContents();
    expect(headings).toEqual(['Borough', 'Borough total', 'Ward total', 'Shortfall', 'Shortfall %']);
    await page.screenshot({ path: path.join(screenshotDir, 'quality-02-ward-panel.png') });
  });

  it('reads well for police.uk incidents: repeated Crime IDs, no location, boundaries needed', async () => {
    const { page } = s;
    const panel = page.getByRole('article', { name: POLICE_DATASET }).getByRole('region', { name: 'Data quality' });
    await panel.locator('.quality-finding').first().waitFor();
    const titles = (await panel.locator('.quality-finding .quality-title').allTextContents()).join('\n');
    expect(titles).toMatch(/\d+ Crime IDs appear on more than one row/);
    expect(titles).toMatch(/991 of 15,858 incidents have no location/);
    expect(titles).toMatch(/needs ward boundaries/);
    expect(await panel.locator('.quality-clear li').count()).toBeGreaterThan(0);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'quality-03-police-panel.png') });
  });
});
