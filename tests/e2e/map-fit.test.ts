// The Map's and the Hotspots' choices read whole at 1366×768, as the Pivot's do: a reviewer found
// the Map's Measure cut to "Change in rate pe…". On the real files: the 2022-ward MPS counts, the
// City of London's police.uk crimes, and the 2022 ward and the borough boundaries.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser';
import { fit } from './support/fit';
import { fieldSelect } from './support/page';
import { dataDir, realFiles, tempDir } from './support/paths';
import { cliText, type Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';

const bounds = path.join(dataDir, 'boundaries');
const wards2022 = path.join(bounds, 'london_wards_2022_merged.geojson');
const boroughs = path.join(bounds, 'london_boroughs', 'london_boroughs.geojson');
const policeDir = path.join(dataDir, 'policeuk_street_cityoflondon');

/** One view of the app (the others stay mounted, hidden, with controls of the same names). */
const view = (page: Page, id: string) => page.locator(`section.view[aria-labelledby="view-title-${id}"]`);

/**
 * Every select of a row of controls reads whole whichever option is chosen, inside its card, and
 * no two fields of a line overlap. Returns how many selects there are.
 */
async function expectWhole(controls: Locator): Promise<number> {
  const selects = await controls.locator('select').all();
  for (const select of selects) {
    const f = await fit(select, true);
    expect(f.width, f.chosen).toBeGreaterThanOrEqual(f.need - 0.5);
    expect(f.right, f.chosen).toBeLessThanOrEqual(f.cardRight);
  }
  const boxes = await controls.locator(':scope > label').evaluateAll((labels) =>
    labels.map((l) => {
      const b = l.getBoundingClientRect();
      return { left: b.left, right: b.right, top: b.top, text: l.textContent ?? '' };
    }),
  );
  for (let i = 1; i < boxes.length; i++) {
    const [a, b] = [boxes[i - 1]!, boxes[i]!];
    if (Math.abs(a.top - b.top) < 1) expect(b.left, `${a.text} | ${b.text}`).toBeGreaterThanOrEqual(a.right);
  }
  return selects.length;
}

describe('the Map and Hotspots forms read whole at 1366×768', () => {
  let dir: string;
  let server: Served;
  let s: Session;

  beforeAll(async () => {
    dir = tempDir('map-fit');
    const db = path.join(dir, 'workspace.sqlite');
    cliText(['import', '--db', db, realFiles.ward2022, policeDir, boroughs]);
    cliText(['boundaries', 'import', wards2022, '--db', db, '--vintage', '2022']);
    ({ server, s } = await openWorkbench(db));
  }, 300_000);

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('shows every Map choice whole, the longest measure included, with the chosen one in a tooltip', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Map/ }).click();
    const map = view(page, 'map');
    const measure = fieldSelect(map, 'Measure');
    await measure.waitFor();
    // The longest measure: the one the reviewer saw cut off.
    const longest = await measure.evaluate(
      (sel) => [...sel.options].reduce((a, b) => (b.text.length > a.text.length ? b : a)).value,
    );
    await measure.selectOption(longest);
    const controls = map.locator('.map-form .pivot-controls');
    // Dataset, Areas, Borough, Crime type, Measure, From, To.
    expect(await expectWhole(controls)).toBe(7);
    const f = await fit(measure, false);
    expect(f.title).toBe(f.chosen);
    expect(f.chosen).toMatch(/^Change in rate per 1,000 residents/);
    await map.locator('.map-table').waitFor({ timeout: 120_000 });
    await s.screenshot('map-fit-01-controls');
  }, 180_000);

  it('shows every Hotspots choice whole, Gi*’s multiple-testing choice included', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Hotspots/ }).click();
    const hotspots = view(page, 'hotspots');
    const method = fieldSelect(hotspots, 'Method');
    await method.waitFor();
    await method.selectOption('gistar');
    await fieldSelect(hotspots, 'Multiple testing').waitFor();
    let selects = 0;
    for (const row of await hotspots.locator('.hotspot-form > .pivot-controls').all())
      selects += await expectWhole(row);
    // Dataset, From, To, Crime type; Method, Multiple testing.
    expect(selects).toBe(6);
    await s.screenshot('map-fit-02-hotspots-controls');
  }, 120_000);
});
