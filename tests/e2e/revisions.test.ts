// The Revisions view end to end. First a workspace whose only multi-extract dataset (the two
// old-scheme MPS borough files) has extracts covering different months: the view says so and
// offers nothing to compare. Then the two 2022-ward files, imported newest first (the order
// that used to make the historical file read as "now"): the view lists only that dataset and
// shows its comparison without a click, "was" the historical figure and "now" the 24-month
// file's, as read here from the raw CSVs and as `wardlens revisions` gives it.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RevisionReport } from '../../src/shared/revisions';
import { formatCount } from '../../src/renderer/format/numbers';
import { readCsv, sumWide, type RawTable } from '../support/raw';
import type { Session } from './support/browser';
import { fieldSelect } from './support/page';
import { dataDir, realFiles, tempDir } from './support/paths';
import { cli, cliText, type Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';

const boroughFiles = [
  path.join(dataDir, 'mps_borough', 'MPS_Borough_Level_Crime_Historic.csv'),
  path.join(dataDir, 'mps_borough', 'MPS Borough Level Crime (most recent 24 months).csv'),
];
const WARD = 'mps-ward-ho-2022';
const WARD_NAME = 'MPS ward counts, Home Office categories, 2022 wards';
const view = (s: Session) => s.page.locator('section[aria-labelledby="view-title-revisions"]');

async function openRevisions(s: Session) {
  await s.page.getByRole('button', { name: /^Revisions/ }).click();
  await s.page.getByRole('heading', { level: 1, name: 'Revisions' }).waitFor();
}

/** A raw file's figure for one ward, minor category and month (names compared without case). */
function rawCell(t: RawTable, ward: string, borough: string, minor: string, month: string): number {
  const [w, b, c] = ['WardName', 'LookUp_BoroughName', 'MinorText'].map((h) => t.col(h));
  const m = Number(month.replace('-', ''));
  const same = (a: string | undefined, x: string) => (a ?? '').trim().toLowerCase() === x.toLowerCase();
  return sumWide(t, (x) => x === m, (row) => same(row[w!], ward) && same(row[b!], borough) && same(row[c!], minor));
}

describe('the Revisions view in Chromium (browser mode)', () => {
  let dir: string;
  let db: string;
  let server: Served | undefined;
  let s: Session | undefined;

  beforeAll(() => {
    dir = tempDir('revisions');
    db = path.join(dir, 'workspace.sqlite');
    cliText(['import', '--db', db, ...boroughFiles]);
  });

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('says plainly that no dataset has extracts sharing a month', async () => {
    ({ server, s } = await openWorkbench(db));
    await openRevisions(s);
    const v = view(s);
    await v.getByText('No dataset has two extracts that share a month').waitFor();
    await v.getByText('The extracts of this dataset cover different months (Jan 2008 – Dec 2016 and Jan 2017 – Dec 2018)').waitFor();
    expect(await v.locator('select').count()).toBe(0);
    expect(await v.getByRole('button', { name: 'Compare extracts' }).count()).toBe(0);
    await s.screenshot('rev-none', { fullPage: true });
    expect(s.problems).toEqual([]);
    await s.close();
    await server.stop();
    s = undefined;
    server = undefined;
  });

  it('shows the ward extracts’ comparison straight away, the historical file as “was”', async () => {
    // Newest first: the historical file is imported last.
    cliText(['import', '--db', db, realFiles.ward2022]);
    cliText(['import', '--db', db, realFiles.ward2022Historical]);
    ({ server, s } = await openWorkbench(db));
    await openRevisions(s);
    const v = view(s);
    // No click: the default pair's comparison appears by itself.
    await v.locator('#rev-summary').waitFor({ timeout: 60_000 });
    const options = await fieldSelect(v, 'Dataset').locator('option').allTextContents();
    expect(options).toEqual([WARD_NAME]);
    const summary = (await v.locator('[aria-labelledby="rev-summary"] > p').textContent()) ?? '';
    expect(summary).toMatch(
      /^From recorded-crime-ward-historical\.csv \(Apr 2010 – Feb 2024, .*\) to MPS Ward Level Crime \(most recent 24 months\)\.csv \(Jan 2024 – Dec 2025, /,
    );
    await s.screenshot('rev-default', { fullPage: false });

    const older = readCsv(realFiles.ward2022Historical);
    const newer = readCsv(realFiles.ward2022);
    const months = await v.locator('.revision-months tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
    );
    expect(months.map((r) => r.slice(0, 3))).toEqual(
      [202401, 202402].map((m) => [
        m === 202401 ? 'Jan 2024' : 'Feb 2024',
        formatCount(sumWide(older, (x) => x === m)),
        formatCount(sumWide(newer, (x) => x === m)),
      ]),
    );

    // Every row of the largest revisions: "Was" from the historical file, "Now" from the 24-month one.
    const largest = await v.locator('.revision-largest tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        month: tr.children[0]!.textContent ?? '',
        ward: tr.children[1]!.firstChild?.textContent ?? '',
        borough: (tr.children[1]!.querySelector('.muted')?.textContent ?? '').replace(/^\s*\(|\)\s*$/g, ''),
        category: tr.children[2]!.textContent ?? '',
        was: tr.children[3]!.textContent ?? '',
        now: tr.children[4]!.textContent ?? '',
      })),
    );
    expect(largest.length).toBe(25);
    for (const r of largest) {
      const month = r.month === 'Jan 2024' ? '2024-01' : '2024-02';
      const label = `${r.month} ${r.ward} ${r.category}`;
      expect(r.was, label).toBe(formatCount(rawCell(older, r.ward, r.borough, r.category, month)));
      expect(r.now, label).toBe(formatCount(rawCell(newer, r.ward, r.borough, r.category, month)));
    }

    // "Compare extracts" still chooses another pair: asked the wrong way round, it is turned round.
    const extract = async (caption: string, file: string) => {
      const select = fieldSelect(v, caption);
      const value = await select.locator('option', { hasText: file }).getAttribute('value');
      await select.selectOption(value!);
    };
    await extract('Older extract', 'MPS Ward Level Crime');
    await extract('Newer extract', 'recorded-crime-ward-historical');
    await v.getByRole('button', { name: 'Compare extracts' }).click();
    await v.getByText('so it is the newer extract').waitFor({ timeout: 60_000 });
    expect(await v.locator('[aria-labelledby="rev-summary"] > p').textContent()).toBe(summary);
    await s.screenshot('rev-turned', { fullPage: false });
    expect(s.problems).toEqual([]);

    // The same figures as the command line gives.
    const shown = largest.slice(0, 5).map((r) => [r.was, r.now]);
    await server.stop();
    const report = cli<RevisionReport>(['revisions', '--db', db, '--dataset', WARD, '--format', 'json']);
    const cliLargest = [...report.rows].sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference)).slice(0, 5);
    expect(cliLargest.map((r) => [formatCount(r.old), formatCount(r.new)])).toEqual(shown);
    expect(report.from.file).toBe(path.basename(realFiles.ward2022Historical));
  }, 400_000);
});
