// The Map view before it can draw: on an empty workspace it says there is no crime data and no
// boundaries, each with the way to the Import view; with crimes but no boundaries it says only
// that; once borough boundaries are in, the borough map is drawn. (Real files, imported by the CLI.)
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser';
import { dataDir, tempDir } from './support/paths';
import { cliText, type Served } from './support/server';
import { closeWorkbench, openWorkbench } from './support/workbench';

const boroughCrimes = path.join(dataDir, 'mps_borough_newcat', 'MPS Borough Level Crime (most recent 24 months).csv');
const boroughs = path.join(dataDir, 'boundaries', 'london_boroughs', 'london_boroughs.geojson');
const mapView = (page: Page) => page.locator('section.view[aria-labelledby="view-title-map"]');

describe('the Map view with nothing to draw (Chromium, browser mode)', () => {
  let dir: string;
  let db: string;
  let server: Served;
  let s: Session;

  beforeAll(async () => {
    dir = tempDir('map-empty');
    db = path.join(dir, 'workspace.sqlite');
    ({ server, s } = await openWorkbench(db));
  });

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  async function openMap() {
    await s.page.goto('about:blank');
    await s.page.goto(server.url);
    await s.page.getByRole('button', { name: /^Map/ }).click();
    await s.page.getByRole('heading', { level: 1, name: 'Map' }).waitFor();
  }

  it('says there is no crime data and no boundaries yet, and goes to the Import view', async () => {
    await openMap();
    const empty = mapView(s.page).locator('.map-empty');
    await empty.waitFor();
    await expect.poll(async () => (await empty.textContent()) ?? '').toContain('No boundaries yet');
    const text = (await empty.textContent()) ?? '';
    expect(text).toContain('No crime data yet: import the MPS ward or borough monthly files');
    expect(text).toContain('No boundaries yet: import ward boundaries (GeoJSON or zipped shapefile) in the Import view');
    expect(await mapView(s.page).locator('select').count()).toBe(0);
    await s.screenshot('52-map-empty');
    await empty.getByRole('button', { name: 'Go to the Import view' }).click();
    await s.page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    expect(await mapView(s.page).isVisible()).toBe(false);
  });

  it('with crimes but no boundaries, says only that the boundaries are missing', async () => {
    cliText(['import', '--db', db, boroughCrimes]);
    await openMap();
    const empty = mapView(s.page).locator('.map-empty');
    await expect.poll(async () => (await empty.textContent().catch(() => '')) ?? '', { timeout: 30_000 }).toContain('No boundaries yet');
    expect(await empty.textContent()).not.toContain('No crime data');
    // No form and no error: nothing to choose until there is something to draw on.
    expect(await mapView(s.page).locator('select').count()).toBe(0);
    expect(await mapView(s.page).locator('[role="alert"]').count()).toBe(0);
    await s.screenshot('53-map-no-boundaries');
  });

  it('draws the borough map once borough boundaries are imported', async () => {
    cliText(['import', '--db', db, boroughs]);
    await openMap();
    const map = s.page.getByRole('region', { name: 'Heat map' });
    await expect.poll(() => map.locator('.choroplethlocation').count(), { timeout: 60_000 }).toBeGreaterThan(30);
    expect(await mapView(s.page).locator('.map-empty').count()).toBe(0);
    expect(s.problems).toEqual([]);
  });
});
