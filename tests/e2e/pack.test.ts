// The assessment pack from the app, in browser mode: Harrow, burglary and robbery, 2017
// against 2016, with four neighbours. The page draws every chart (PNG at an A4 page's width
// at 300 dpi, and SVG) and sends them with the request; the zip that comes back holds every
// file the command line writes for the same pack, plus a PNG and an SVG for each of its
// charts. The HTML report from the zip opens offline and is screenshotted, as is the result.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartData, ExportPackResult } from '../../src/shared/export';
import type { MethodName } from '../../src/shared/api';
import { toApiError } from '../../src/core/errors';
import { dispatch } from '../../src/core/handlers';
import { openWorkspace } from '../../src/core/store/workspace';
import { registerReportPdf, type PdfWindowFactory } from '../../src/main/pdf';
import { isAppFrame } from '../../src/main/security';
import { openBrowser, type Session } from './support/browser';
import { dataDir, repoRoot, tempDir } from './support/paths';
import { cliText, type Served } from './support/server';
import { HARROW_NEIGHBOURS, openHarrowAssessment } from './support/page';
import { closeWorkbench, openWorkbench } from './support/workbench';

const files = [
  path.join(dataDir, 'mps_borough', 'MPS Borough Level Crime (most recent 24 months).csv'),
  path.join(dataDir, 'mps_borough', 'MPS_Borough_Level_Crime_Historic.csv'),
  path.join(dataDir, 'population', 'housing-density-borough.csv'),
];
const NEIGHBOURS = HARROW_NEIGHBOURS;
const FOLDER = 'Harrow 2017 assessment pack';


/**
 * The desktop app's preload bridge, stood in for by a page script: engine calls and printing
 * go to functions the test exposes to the page (the engine's handlers on the same workspace,
 * and main's print handler), and the save dialog "chooses" `folder`.
 */
function desktopBridge(folder: string): string {
  return `(() => {
    window.wardlens = {
      invoke: (method, args) => window.wardlensTestInvoke(method, args),
      cancel() {},
      onProgress() { return () => {}; },
      onMenu() { return () => {}; },
      pathForFile() { throw new Error('No files are dropped in this test.'); },
      async chooseSavePath(name) { return ${JSON.stringify(folder)} + '/' + name; },
      async saveBytes() { return null; },
      printReportPdf: (reportPath) => window.wardlensTestPrint(reportPath),
    };
  })();`;
}

/** A PNG's size from its IHDR chunk (after the 8-byte signature and the chunk's length and type). */
function pngSize(png: Buffer) {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');


describe('the assessment pack from the app (browser mode)', () => {
  let dir: string;
  let db: string;
  let server: Served;
  let s: Session;
  /** The same pack from the command line: what the app's pack must hold, and its charts. */
  let expected: ExportPackResult;
  let expectedFiles: string[];
  let zip: Record<string, Uint8Array>;
  let unpacked: string;

  beforeAll(async () => {
    dir = tempDir('pack');
    db = path.join(dir, 'workspace.sqlite');
    cliText(['import', '--db', db, ...files]);
    const cliFolder = path.join(dir, 'cli-pack');
    expected = JSON.parse(
      cliText([
        'pack',
        '--db',
        db,
        '--area',
        'Harrow',
        '--year',
        '2017',
        '--categories',
        'Burglary,Robbery',
        '--neighbours',
        NEIGHBOURS.join(','),
        '--out',
        cliFolder,
        '--json',
      ]),
    ) as ExportPackResult;
    expectedFiles = expected.files.map((f) => path.relative(cliFolder, f.path).split(path.sep).join('/'));
    ({ server, s } = await openWorkbench(db));
  });

  afterAll(async () => {
    await closeWorkbench({ s, server }, dir);
  });

  it('writes the pack for burglary and robbery from the Assessment, charts drawn in the page', async () => {
    const { page } = s;
    await openHarrowAssessment(page);

    const block = page.locator('section[aria-labelledby="block-pack"]');
    await block.getByLabel('Robbery', { exact: true }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      block.getByRole('button', { name: 'Export assessment pack (2)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${FOLDER}.zip`);
    zip = unzipSync(readFileSync((await download.path())!));

    const result = block.getByRole('status', { name: 'Pack written' });
    await result.getByText(`Downloaded ${FOLDER}.zip`).waitFor();
    await result.getByText(`${expected.charts.length} charts as PNG (A4 width at 300 dpi) and SVG`).waitFor();
    await result.getByText(/The PDF report comes from the Wardlens desktop app/).waitFor();
    await block.scrollIntoViewIfNeeded();
    await block.screenshot({ path: path.join(repoRoot, 'test-results', 'screenshots', 'pack-result.png') });
    expect(s.problems).toEqual([]);
  });

  it('holds every file of the command line’s pack, and a PNG and an SVG for each chart', () => {
    const names = Object.keys(zip)
      .map((n) => n.slice(FOLDER.length + 1))
      .sort();
    const ids = expected.charts.map((c) => c.chart.id);
    expect(ids).toHaveLength(6); // months, rolling year, neighbours × 2 (a borough dataset: no wards)
    expect(names).toEqual(
      [...expectedFiles, ...ids.flatMap((id) => [`charts/${id}.png`, `charts/${id}.svg`])].sort(),
    );
    // The images went up with the request: more than the 1 MB other requests are held to, so
    // the pack route's own limit is what let them through.
    const imageBytes = names
      .filter((n) => /\.(png|svg)$/.test(n))
      .reduce((sum, n) => sum + zip[`${FOLDER}/${n}`]!.length, 0);
    expect(imageBytes).toBeGreaterThan(1024 * 1024);
    const readme = Buffer.from(zip[`${FOLDER}/charts/README.txt`]!).toString('utf8');
    expect(readme).toContain('as a PNG image (2,480 pixels wide');
  });

  it('draws each PNG an A4 page wide at 300 dpi, the same chart as its SVG, which carries its title', () => {
    for (const { chart } of expected.charts as { chart: ChartData }[]) {
      const png = Buffer.from(zip[`${FOLDER}/charts/${chart.id}.png`]!);
      const svg = Buffer.from(zip[`${FOLDER}/charts/${chart.id}.svg`]!).toString('utf8');
      const { width, height } = pngSize(png);
      expect(width, chart.id).toBe(2480);
      // The SVG is the same drawing at 1 CSS pixel per unit, the PNG at twice that.
      const svgWidth = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)?.[1]);
      const svgHeight = Number(/<svg[^>]*\sheight="(\d+)"/.exec(svg)?.[1]);
      expect(svgWidth, chart.id).toBe(1240);
      expect(height, chart.id).toBe(2 * svgHeight);
      expect(height, chart.id).toBeGreaterThan(800);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg, chart.id).toContain(xmlText(chart.title));
      expect(svg, chart.id).toContain(xmlText(chart.sourceNote.slice(0, 40)));
      expect(svg).not.toMatch(/<script|\son\w+=|https?:\/\/(?!www\.w3\.org\/)/i);
      // Every series is drawn: one trace per series in the SVG.
      expect((svg.match(/class="trace /g) ?? []).length, chart.id).toBe(chart.series.length);
    }
  });

  it('has an HTML report that opens offline and links each chart’s images', async () => {
    unpacked = path.join(dir, 'unzipped');
    for (const [name, bytes] of Object.entries(zip)) {
      mkdirSync(path.dirname(path.join(unpacked, name)), { recursive: true });
      writeFileSync(path.join(unpacked, name), bytes);
    }
    const report = path.join(unpacked, FOLDER, 'Harrow 2017 report.html');
    const html = readFileSync(report, 'utf8');
    for (const { chart } of expected.charts)
      for (const ext of ['png', 'svg']) expect(html).toContain(`href="charts/${chart.id}.${ext}"`);
    const shots = path.join(repoRoot, 'test-results', 'screenshots');
    // Two of the images themselves, kept beside the screenshots to be looked at.
    for (const id of ['burglary-months', 'robbery-neighbours'])
      writeFileSync(path.join(shots, `pack-image-${id}.png`), zip[`${FOLDER}/charts/${id}.png`]!);
    const page = await s.context.newPage();
    const before = s.requests.length;
    await page.goto(`file://${report}`);
    await page.waitForFunction('document.documentElement.getAttribute("data-charts-drawn") === "6"');
    expect(s.requests.slice(before).filter((u) => !u.startsWith('file://'))).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'pack-report.png') });
    await page.locator('#burglary h3', { hasText: 'Charts' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'pack-report-charts.png') });
    // As printed (Print → Save as PDF): the width inside an A4 page's margins (180 mm), the
    // print stylesheet, the charts redrawn to fit.
    await page.setViewportSize({ width: 680, height: 962 });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    const A4 = { x: 0, width: 680, height: 962 }; // 180 × 255 mm
    await page.screenshot({
      path: path.join(shots, 'pack-report-print.png'),
      fullPage: true,
      clip: { ...A4, y: 0 },
    });
    const charts = (await page.evaluate(
      "[...document.querySelectorAll('#burglary h3')].find((h) => h.textContent === 'Charts').getBoundingClientRect().top + window.scrollY",
    )) as number;
    await page.screenshot({
      path: path.join(shots, 'pack-report-print-charts.png'),
      fullPage: true,
      clip: { ...A4, y: charts - 10 },
    });
    const widths = (await page.evaluate(
      '[...document.querySelectorAll(".chart svg.main-svg")].map((s) => s.getBoundingClientRect().width)',
    )) as number[];
    expect(Math.max(...widths)).toBeLessThanOrEqual(680);
    await page.close();
  });
  it('from the desktop app, writes the pack into the chosen folder and prints the report to PDF', async () => {
    // Electron cannot run here, so its parts are stood in for: the preload bridge is a page
    // script whose calls reach the engine's handlers on the same workspace (in place of IPC
    // to the engine's thread), the folder "chosen" in the save dialog is a temp folder, and
    // the print goes through main's own handler (src/main/pdf.ts) with a Chromium page as
    // the hidden window.
    const out = path.join(dir, 'desktop');
    mkdirSync(out);
    const desktop = await openBrowser();
    const workspace = openWorkspace(db);
    let handler: ((event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown) | null =
      null;
    const factory: PdfWindowFactory = () => {
      const ready = desktop.context.newPage();
      return {
        loadFile: async (file) => void (await (await ready).goto(`file://${file}`)),
        webContents: {
          executeJavaScript: async (code) => (await ready).evaluate(code),
          printToPDF: async (o) =>
            (await ready).pdf({
              format: o.pageSize,
              printBackground: o.printBackground,
              preferCSSPageSize: true,
            }),
        },
        destroy: () => void ready.then((p) => p.close()),
      };
    };
    registerReportPdf({ handle: (_channel, listener) => (handler = listener) }, isAppFrame, factory);
    try {
      const { page } = desktop;
      await page.exposeFunction('wardlensTestInvoke', async (method: MethodName, args: never) => {
        try {
          return { ok: true, result: await dispatch({ workspace }, method, args) };
        } catch (err) {
          return { ok: false, error: toApiError(err) };
        }
      });
      await page.exposeFunction('wardlensTestPrint', (reportPath: string) =>
        handler!({ senderFrame: { url: 'wardlens://app/index.html' } }, reportPath),
      );
      await page.addInitScript({ content: desktopBridge(out) });
      await page.goto(server.url);
      await openHarrowAssessment(page);
      const block = page.locator('section[aria-labelledby="block-pack"]');
      await block.getByText('and the same report as PDF').waitFor();
      await block.getByLabel('Robbery', { exact: true }).check();
      await block.getByRole('button', { name: 'Export assessment pack (2)' }).click();
      const folder = path.join(out, FOLDER);
      const pdf = path.join(folder, 'Harrow 2017 report.pdf');
      const result = block.getByRole('status', { name: 'Pack written' });
      await result.getByText(`PDF written: ${pdf}`).waitFor({ timeout: 60_000 });
      const written = readdirSync(folder, { recursive: true }).map(String);
      await result.getByText(`Saved ${written.length - 2} files to ${folder}`).waitFor(); // less the PDF and the charts folder
      await block.scrollIntoViewIfNeeded();
      await block.screenshot({
        path: path.join(repoRoot, 'test-results', 'screenshots', 'pack-result-desktop.png'),
      });
      const ids = expected.charts.map((c) => c.chart.id);
      expect(written.sort()).toEqual(
        [
          ...expectedFiles,
          ...ids.flatMap((id) => [`charts/${id}.png`, `charts/${id}.svg`]),
          'Harrow 2017 report.pdf',
          'charts',
        ].sort(),
      );
      const bytes = readFileSync(pdf);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(7);
      expect(pages).toBeLessThanOrEqual(16);
      expect(
        desktop.requests.filter(
          // Plotly hands each drawn PNG over as a blob: of the page itself.
          (u) =>
            !u.startsWith(server.origin) &&
            !u.startsWith(`blob:${server.origin}/`) &&
            !u.startsWith('file://'),
        ),
      ).toEqual([]);
      expect(desktop.problems).toEqual([]);
    } finally {
      await desktop.close();
      workspace.close();
    }
  });
});
