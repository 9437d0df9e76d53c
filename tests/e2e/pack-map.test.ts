// The ward heat map in the assessment pack from the app (browser mode): Harrow burglary, 2025
// against 2024, from the MPS 2022-ward file with the 2022 ward boundaries. The page turns the
// engine's SVG of the map into a PNG an A4 page wide at 300 dpi and sends it with the pack; the
// zip holds the map as PNG, SVG (the command line's very picture) and GeoJSON. The PNG is kept
// beside the screenshots to be looked at.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportPackResult } from '../../src/shared/export';
import type { Session } from './support/browser';
import { dataDir, repoRoot, tempDir } from './support/paths';
import { cliText, type Served } from './support/server';
import { fieldSelect } from './support/page';
import { closeWorkbench, openWorkbench } from './support/workbench';

const B = path.join(dataDir, 'boundaries');
const files = [
  path.join(
    dataDir,
    'mps_ward',
    '2022wards_202401-202512',
    'MPS Ward Level Crime (most recent 24 months).csv',
  ),
  path.join(B, 'london_wards_2022_merged.geojson'),
  path.join(B, 'london_boroughs', 'london_boroughs.geojson'),
];
const FOLDER = 'Harrow 2025 assessment pack';
const SHOTS = path.join(repoRoot, 'test-results', 'screenshots');

describe('the ward map in the pack from the app', () => {
  let dir: string;
  let server: Served;
  let s: Session;
  let cliSvg: string;
  let zip: Record<string, Uint8Array>;

  beforeAll(async () => {
    dir = tempDir('pack-map');
    const db = path.join(dir, 'workspace.sqlite');
    cliText(['import', '--db', db, ...files]);
    const cliFolder = path.join(dir, 'cli-pack');
    const cli = JSON.parse(
      cliText([
        'pack',
        '--db',
        db,
        '--area',
        'Harrow',
        '--year',
        '2025',
        '--categories',
        'Burglary',
        '--out',
        cliFolder,
        '--json',
      ]),
    ) as ExportPackResult;
    expect(cli.maps?.map((m) => m.id)).toEqual(['burglary-ward-map']);
    cliSvg = readFileSync(path.join(cliFolder, 'charts', 'burglary-ward-map.svg'), 'utf8');
    ({ server, s } = await openWorkbench(db));
  });

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('draws the map’s PNG in the page and sends it with the pack', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Assessment/ }).click();
    const view = page.locator('section[aria-labelledby="view-title-assessment"]');
    await fieldSelect(view, 'Borough').selectOption('Harrow');
    await fieldSelect(view, 'Crime type').selectOption('Burglary');
    await fieldSelect(view, 'Year').selectOption('2025');
    const block = page.locator('section[aria-labelledby="block-pack"]');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      block.getByRole('button', { name: 'Export assessment pack (1)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${FOLDER}.zip`);
    zip = unzipSync(readFileSync((await download.path())!));
    await block.getByRole('status', { name: 'Pack written' }).waitFor();
    await block.scrollIntoViewIfNeeded();
    await block.screenshot({ path: path.join(SHOTS, 'pack-map-result.png') });
    expect(s.problems).toEqual([]);
  });

  it('holds the map as PNG, SVG and GeoJSON, the SVG the command line’s and the PNG an A4 page wide', () => {
    const at = (ext: string) => zip[`${FOLDER}/charts/burglary-ward-map.${ext}`];
    expect(Buffer.from(at('svg')!).toString('utf8')).toBe(cliSvg);
    const png = Buffer.from(at('png')!);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    const height = Number(/<svg[^>]*\sheight="(\d+)"/.exec(cliSvg)![1]);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2480, 2 * height]);
    const geo = JSON.parse(Buffer.from(at('geojson')!).toString('utf8')) as { features: unknown[] };
    expect(geo.features).toHaveLength(22);
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(path.join(SHOTS, 'pack-map-from-app.png'), png);
  });
});
