// Changes within chance, marked on screen wherever a change is shown, and a % change chart
// that draws the wards that moved most. Real file: the MPS 2022-ward history (Apr 2010 –
// Feb 2024) with the 2022 ward and borough boundaries; Harrow's burglary. What the screen
// must show is worked out here from the raw CSV with the tests' own exact test
// (tests/support/exactChange.ts). Screenshots at 1366×768 in test-results/screenshots.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PALE } from '../../src/renderer/charts/chanceMarks';
import { MAX_SERIES } from '../../src/renderer/charts/figure';
import { pctChange, wardYear, withinChance } from '../support/exactChange';
import { readCsv, type RawTable } from '../support/raw';
import type { Session } from './support/browser';
import { download, fieldSelect as field } from './support/page';
import { dataDir, realFiles, screenshotDir, tempDir } from './support/paths';
import { waitForChart } from './support/pivot';
import { cliText, type Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';

const bounds = path.join(dataDir, 'boundaries');
const files = [
  realFiles.ward2022Historical,
  path.join(bounds, 'london_wards_2022_merged.geojson'),
  path.join(bounds, 'london_boroughs', 'london_boroughs.geojson'),
];

/** One view of the app (the others stay mounted, hidden, with controls of the same names). */
const view = (page: Page, id: string) => page.locator(`section.view[aria-labelledby="view-title-${id}"]`);

/** Each row of a table: its name (the row heading) and whether it carries the "~" mark. */
const marksOf = (rows: Locator) =>
  rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      name: (tr.querySelector('th')?.textContent ?? '').trim(),
      marked: tr.querySelector('.flag-not-significant .flag-marks')?.textContent === '~',
    })),
  );

describe('changes within chance, marked on screen (Harrow burglary, real ward file)', () => {
  let dir: string;
  let server: Served;
  let s: Session;
  let raw: RawTable;
  const year = (y: number) => wardYear(raw, 'Harrow', 'BURGLARY', y);

  beforeAll(async () => {
    dir = tempDir('change-marks');
    const db = path.join(dir, 'workspace.sqlite');
    cliText(['import', '--db', db, ...files]);
    raw = readCsv(realFiles.ward2022Historical);
    ({ server, s } = await openWorkbench(db));
  }, 180_000);

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('draws Belmont on the % change chart, and each change within chance hollow', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Pivot/ }).click();
    const pivot = view(page, 'pivot');
    await pivot.getByRole('heading', { level: 1, name: 'Pivot' }).waitFor();
    await field(pivot, 'Rows').selectOption('ward');
    await field(pivot, 'Columns').selectOption('year');
    for (const [dim, value] of [['borough', 'Harrow'], ['major', 'BURGLARY']] as const) {
      await pivot.getByLabel('Filter on').selectOption(dim);
      // Typed as the raw file spells it; once the dataset's values are offered, the chip takes the table's spelling.
      if (dim === 'major')
        await expect.poll(() => pivot.locator('datalist option[value="Burglary"]').count(), { timeout: 30_000 }).toBe(1);
      await pivot.getByLabel('Filter value').fill(value);
      await pivot.getByRole('button', { name: 'Add filter' }).click();
    }
    await expect
      .poll(() => pivot.locator('ul.chips').textContent(), { timeout: 30_000 })
      .toContain('Major category: Burglary');
    await field(pivot, 'From').selectOption('2022-01');
    await field(pivot, 'To').selectOption('2023-12');
    await field(pivot, 'Measure').selectOption('pct-change');
    await expect.poll(() => pivot.locator('.pivot-table thead th').count(), { timeout: 30_000 }).toBe(4);
    await waitForChart(page);
    const chart = pivot.locator('.pivot-chart-card');
    await expect.poll(async () => (await chart.locator('.gtitle').textContent()) ?? '', { timeout: 30_000 }).toContain('% change');

    // What should be drawn, from the raw file: the 8 wards whose % change moved most either way.
    const counts = [2021, 2022, 2023].map(year);
    const changes = (w: string) =>
      [0, 1].map((y) => {
        const [before, after] = [counts[y]!.get(w)!, counts[y + 1]!.get(w)!];
        return { pct: pctChange(before, after), chance: withinChance(before, after) };
      });
    const biggest = (w: string) => Math.max(-1, ...changes(w).map((c) => (c.pct === null ? -1 : Math.abs(c.pct))));
    const expected = [...counts[2]!.keys()].sort((a, b) => biggest(b) - biggest(a)).slice(0, MAX_SERIES);
    expect(expected).toContain('Belmont');

    // What is drawn: Plotly's own traces, read from the chart in the page.
    type Trace = { name: string; x: string[]; y: (number | null)[]; showlegend?: boolean };
    const traces = await chart.locator('.js-plotly-plot').evaluate((gd) =>
      (gd as unknown as { data: Trace[] }).data.map((t) => ({ name: t.name, x: t.x, y: t.y, showlegend: t.showlegend })),
    );
    // The lines have legend entries; the hollow points drawn over them have none.
    const lines = traces.filter((t) => t.showlegend !== false);
    const hollow = new Set(traces.filter((t) => t.showlegend === false).flatMap((t) => t.x.map((x) => `${t.name}@${x}`)));
    expect(lines.map((t) => t.name).sort()).toEqual([...expected].sort());
    expect((await chart.locator('.legendtext').allTextContents()).sort()).toEqual([...expected].sort());
    for (const t of lines)
      t.y.forEach((v, i) =>
        expect(hollow.has(`${t.name}@${t.x[i]}`), `${t.name} ${2022 + i}`).toBe(v !== null && changes(t.name)[i]!.chance),
      );
    expect(hollow.has('Belmont@2023')).toBe(false);
    // The chart says what it kept and what a hollow marker means (and so does its PNG: the note is in the figure).
    const note = (await chart.locator('.annotation-text').allTextContents()).join(' ');
    expect(note).toContain(`The chart shows the ${MAX_SERIES} of 22 wards with the largest % changes, up or down`);
    expect(note).toContain('~ Hollow marker: not significant');
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'change-marks-1-pivot-chart.png') });
    // The saved PNG is the same figure, marks and note and all: kept for a look at print size.
    const png = await download(page, () => pivot.getByRole('button', { name: 'Save chart as PNG' }).click());
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    writeFileSync(path.join(screenshotDir, 'change-marks-1c-saved-chart.png'), png.bytes);

    // No columns: one bar a ward, its % change on the same span a year earlier (Jan 2021 – Dec
    // 2022 against Jan 2022 – Dec 2023); a bar within chance pale.
    await field(pivot, 'Columns').selectOption('');
    await expect.poll(() => pivot.locator('.pivot-table thead th').count(), { timeout: 30_000 }).toBe(2);
    const before = [counts[0]!, counts[1]!];
    const span = (c: Map<string, number>[], w: string) => c.reduce((n, m) => n + m.get(w)!, 0);
    const bars = async () =>
      chart.locator('.js-plotly-plot').evaluate((gd) => {
        const [t] = (gd as unknown as { data: { type: string; x: (number | null)[]; y: string[]; marker: { opacity?: number[] } }[] }).data;
        return t ? { type: t.type, x: t.x, y: t.y, opacity: t.marker.opacity ?? null } : null;
      });
    await expect.poll(async () => (await bars())?.type, { timeout: 30_000 }).toBe('bar');
    const drawn = (await bars())!;
    expect(drawn.y).toHaveLength(22);
    drawn.y.forEach((ward, i) => {
      const [was, now] = [span(before, ward), span([counts[1]!, counts[2]!], ward)];
      expect(drawn.x[i]!, ward).toBeCloseTo(pctChange(was, now)!, 9);
      expect(drawn.opacity?.[i] ?? 1, ward).toBe(withinChance(was, now) ? PALE : 1);
    });
    expect(drawn.opacity).not.toBeNull();
    expect((await chart.locator('.annotation-text').allTextContents()).join(' ')).toContain('~ Pale bar: not significant');
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'change-marks-1b-pivot-bars.png') });
  });

  it('marks the Assessment’s ward tables where a change is within chance, Greenhill and Stanmore among them', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Assessment/ }).click();
    const assessment = view(page, 'assessment');
    await field(assessment, 'Borough').selectOption('Harrow');
    await field(assessment, 'Crime type').selectOption({ label: 'Burglary' });
    await field(assessment, 'Year').selectOption('2023');
    const tables = assessment.locator('.ward-tables');
    await expect.poll(() => tables.locator('.ward-table tbody tr').count(), { timeout: 60_000 }).toBe(15);
    await expect.poll(() => page.locator('.assessment.is-updating').count(), { timeout: 60_000 }).toBe(0);
    await assessment.getByText('Burglary in Harrow: 2023 against 2022').waitFor({ timeout: 60_000 });

    const [y22, y23] = [year(2022), year(2023)];
    const rows = await marksOf(tables.locator('.ward-table tbody tr'));
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['Greenhill', 'Stanmore']));
    for (const r of rows) expect(r.marked, r.name).toBe(withinChance(y22.get(r.name)!, y23.get(r.name)!));
    // Greenhill's "−11.1%" carries the mark, and its tooltip says what it means.
    const greenhill = tables.locator('.ward-table tbody tr', { has: page.locator('th', { hasText: /^Greenhill$/ }) }).first();
    const pct = greenhill.locator('td').nth(3);
    expect(await pct.locator('.cell-text').textContent()).toBe('−11.1%');
    expect(await pct.locator('.flag-not-significant').getAttribute('title')).toContain('Not significant');
    expect(await assessment.locator('.ward-tables + .hint').textContent()).toContain('~ Not significant');
    await assessment.locator('#block-wards').evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(screenshotDir, 'change-marks-2-assessment-wards.png') });
  });

  it('marks the Map table’s changes within chance', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Map/ }).click();
    const map = view(page, 'map');
    await field(map, 'Borough').selectOption('Harrow');
    await field(map, 'Crime type').selectOption({ label: 'Burglary' });
    await field(map, 'Measure').selectOption('change');
    await field(map, 'From').selectOption('2023-01');
    await field(map, 'To').selectOption('2023-12');
    const heat = page.getByRole('region', { name: 'Heat map' });
    await expect
      .poll(async () => (await heat.locator('.gtitle').textContent()) ?? '', { timeout: 60_000 })
      .toContain('Change in crimes on a year earlier by ward — Harrow, Burglary, Jan 2023 – Dec 2023');
    await map.locator('.map-table summary').click();
    const rows = map.locator('.map-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(22);

    const [y22, y23] = [year(2022), year(2023)];
    const marks = await marksOf(rows);
    for (const r of marks) expect(r.marked, r.name).toBe(withinChance(y22.get(r.name)!, y23.get(r.name)!));
    expect(marks.filter((r) => r.marked).map((r) => r.name)).toEqual(expect.arrayContaining(['Greenhill', 'Stanmore']));
    expect(await map.locator('.map-table .hint').last().textContent()).toContain('~ Not significant');
    await map.locator('.map-table table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'change-marks-3-map-table.png') });
    expect(s.problems).toEqual([]);
  });
});
