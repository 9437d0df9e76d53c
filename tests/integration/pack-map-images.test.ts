// The ward map in the pack from the app, with Debian's Chromium standing in for the app's page:
// the engine's pack figures and maps (export/pack-charts) are drawn as the renderer draws them
// (the charts by plotly.js, the maps' PNGs from the engine's own SVG through an image and a
// canvas, as packMapImages.ts does), sent with the pack, checked and written. A PNG drawn from
// another picture, of the wrong size or missing stops the pack before any file is written.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartImage, MapImage, PackChart, PackMap } from '../../src/shared/export';
import { exportPack, packCharts } from '../../src/core/export/pack';
import { plotlySource } from '../../src/core/export/html/plotly';
import { dispatch } from '../../src/core/handlers';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir, repoRoot } from '../support/data';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

const CHROMIUM = '/usr/bin/chromium';
const B = path.join(dataDir, 'boundaries');
const ARGS = { dataset: 'mps-ward-ho-2022', area: 'Harrow', year: 2025, categories: ['Burglary', 'Robbery'] };
const SHOTS = path.join(repoRoot, 'test-results', 'screenshots');

let ws: Workspace;
let browser: Browser;
let charts: PackChart[];
let maps: PackMap[];
let images: ChartImage[];
let mapImages: MapImage[];

/** The page's drawing: Plotly for the charts, an image on a canvas for each map's SVG. */
async function drawInChromium(): Promise<void> {
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: plotlySource().code });
    const drawn = (await page.evaluate(`(async ({ charts, maps }) => {
      const images = [];
      for (const c of charts) {
        const figure = { data: c.figure.data, layout: c.figure.layout };
        const size = { width: c.width, height: c.height, imageDataOnly: true };
        const pngBase64 = await Plotly.toImage(figure, { ...size, format: 'png', scale: c.scale });
        const svg = await Plotly.toImage(figure, { ...size, format: 'svg', scale: 1 });
        images.push({ id: c.chart.id, fingerprint: c.fingerprint, pngBase64, svg });
      }
      const mapImages = [];
      for (const m of maps) {
        const url = URL.createObjectURL(new Blob([m.svg], { type: 'image/svg+xml' }));
        const image = new Image();
        image.src = url;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(m.width * m.scale);
        canvas.height = Math.round(m.height * m.scale);
        canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        const png = canvas.toDataURL('image/png');
        mapImages.push({ id: m.id, fingerprint: m.fingerprint, pngBase64: png.slice(png.indexOf(',') + 1) });
      }
      return { images, mapImages };
    })(${JSON.stringify({ charts, maps })})`)) as { images: ChartImage[]; mapImages: MapImage[] };
    ({ images, mapImages } = drawn);
  } finally {
    await page.close();
  }
}

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

beforeAll(async () => {
  ws = tempWorkspace();
  const imported = await dispatch({ workspace: ws }, 'import/files', {
    paths: [
      data.mpsWard2022Recent,
      path.join(B, 'london_wards_2022_merged.geojson'),
      path.join(B, 'london_boroughs', 'london_boroughs.geojson'),
    ],
  });
  expect(imported.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
  ({ charts, maps = [] } = packCharts(ws.db, ARGS));
  if (!existsSync(CHROMIUM)) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  await drawInChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  ws?.close();
  cleanupTempDirs();
});

describe.skipIf(!existsSync(CHROMIUM))('the ward map in the pack from the app', () => {
  it('offers each category’s map, the very SVG the command line’s pack holds, to be drawn an A4 page wide', async () => {
    expect(maps.map((m) => [m.id, m.title])).toEqual([
      ['burglary-ward-map', 'Burglary by ward, Harrow, 2025'],
      ['robbery-ward-map', 'Robbery by ward, Harrow, 2025'],
    ]);
    const plain = path.join(tempDir(), 'plain');
    const cli = await exportPack(ws.db, { ...ARGS, folder: plain });
    for (const m of maps) {
      expect(m.width * m.scale).toBe(2480);
      expect(readFileSync(path.join(plain, 'charts', `${m.id}.svg`), 'utf8')).toBe(m.svg);
    }
    // The map is no chart of Plotly's: the charts are the command line's, as ever.
    expect(charts.map((c) => c.chart)).toEqual(cli.charts.map((c) => c.chart));
    expect(charts.some((c) => c.chart.id.includes('map'))).toBe(false);
  });

  it('writes each map as PNG (from its SVG), SVG and GeoJSON, and says so', async () => {
    const folder = path.join(tempDir(), 'with images');
    const r = await exportPack(ws.db, { ...ARGS, folder, images, mapImages });
    for (const [i, m] of maps.entries()) {
      const png = readFileSync(path.join(folder, 'charts', `${m.id}.png`));
      expect(png.equals(Buffer.from(mapImages[i]!.pngBase64, 'base64'))).toBe(true);
      expect(pngSize(png)).toEqual({ width: 2480, height: 2 * m.height });
      expect(r.maps![i]!.files.map((f) => path.basename(f)).sort()).toEqual(
        ['geojson', 'png', 'svg'].map((e) => `${m.id}.${e}`),
      );
    }
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(
      path.join(SHOTS, 'pack-map-burglary.png'),
      readFileSync(path.join(folder, 'charts', 'burglary-ward-map.png')),
    );
    const readme = readFileSync(path.join(folder, 'charts', 'README.txt'), 'utf8');
    expect(readme).toContain('robbery-ward-map.{png,svg,geojson}  Robbery by ward, Harrow, 2025');
    const wb = XLSX.read(readFileSync(path.join(folder, 'Harrow 2025 tables.xlsx')));
    const sources = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Sources & caveats']!, { header: 1 });
    expect(sources.find((row) => row[0] === 'Ward maps')?.[1]).toMatch(
      /as a PNG image \(2,480 pixels wide, for Word\)/,
    );
  });

  it('shows the map in the HTML report, drawn without a script, within an A4 page when printed', async () => {
    const folder = path.join(tempDir(), 'report');
    await exportPack(ws.db, { ...ARGS, folder, images, mapImages });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      const requests: string[] = [];
      page.on('request', (r) => void (r.url().startsWith('file:') || requests.push(r.url())));
      await page.goto(`file://${path.join(folder, 'Harrow 2025 report.html')}`);
      await page.waitForFunction('document.documentElement.getAttribute("data-charts-drawn") === "8"');
      const map = page.locator('#map-burglary-ward-map');
      expect(await map.locator('g.areas path').count()).toBe(22);
      await map.screenshot({ path: path.join(SHOTS, 'pack-report-map.png') });
      await page.emulateMedia({ media: 'print' });
      // A page as wide as A4 less the report's 15 mm print margins: 180 mm, 680 CSS pixels.
      await page.setViewportSize({ width: 680, height: 1123 });
      const box = (await map.locator('svg').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(680);
      expect(box.width).toBeGreaterThan(560);
      expect(box.height).toBeCloseTo((box.width * maps[0]!.height) / maps[0]!.width, 0);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  const refusals: [string, (m: MapImage[]) => MapImage[], RegExp][] = [
    [
      'a PNG of a picture that has changed since',
      (m) => [{ ...m[0]!, fingerprint: '0'.repeat(64) }, m[1]!],
      /"burglary-ward-map" was drawn from figures that have changed since/,
    ],
    ['a map with no PNG', (m) => [m[0]!], /"robbery-ward-map" was not sent/],
    [
      'the other map’s PNG (another size)',
      (m) => [m[0]!, { ...m[1]!, pngBase64: m[0]!.pngBase64 }],
      /"robbery-ward-map" is 2480 × \d+ pixels, not the 2480 × \d+/,
    ],
    [
      'a PNG for no map of the pack',
      (m) => [...m, { ...m[0]!, id: 'x-ward-map' }],
      /"x-ward-map", which is not a map of this pack/,
    ],
  ];
  it.each(refusals)('refuses %s, writing nothing', async (_, spoil, message) => {
    const folder = path.join(tempDir(), 'refused');
    await expect(
      exportPack(ws.db, { ...ARGS, folder, images, mapImages: spoil(structuredClone(mapImages)) }),
    ).rejects.toThrow(message);
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
  });
});
