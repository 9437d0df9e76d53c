// The ward heat map in the assessment pack, as the command line writes it (the engine alone):
// Harrow, 2025 against 2024, from the MPS 2022-ward file with the 2022 ward boundaries. The map
// is the engine's SVG: one shape per ward, each filled with the class colour the engine's own
// choropleth gives that ward for the same question, the same legend, title and source line as
// the Assessment's map; each ward's figure checked against the raw file. Without boundaries the
// pack says the map is not drawn, and why, in its notes and its workbook.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportPackResult } from '../../src/shared/export';
import type { ChoroplethResult } from '../../src/shared/geo';
import { mapClassColours } from '../../src/shared/mapColours';
import { svgProblem } from '../../src/core/export/chartImages';
import { exportPack, IMAGES_NOTE } from '../../src/core/export/pack';
import { dispatch } from '../../src/core/handlers';
import type { Workspace } from '../../src/core/store/workspace';
import { data, dataDir, repoRoot } from '../support/data';
import { cleanupTempDirs, tempDir, tempWorkspace } from '../support/workspace';

const B = path.join(dataDir, 'boundaries');
const DATASET = 'mps-ward-ho-2022';
const ARGS = { dataset: DATASET, area: 'Harrow', year: 2025, categories: ['Burglary', 'Robbery'] };
/** Where the maps are kept to be looked at (as the e2e tests keep their screenshots). */
export const SHOTS = path.join(repoRoot, 'test-results', 'screenshots');

let ws: Workspace;
let bare: Workspace;
let folder: string;
let result: ExportPackResult;

/** Harrow's 2025 crimes of one major category by ward code, summed straight from the raw file. */
function rawWardTotals(major: string): Map<string, { name: string; total: number }> {
  const [header, ...lines] = readFileSync(data.mpsWard2022Recent, 'utf8').trim().split(/\r?\n/);
  const cols = header!.split(',');
  const months = cols.map((c, i) => (c.startsWith('2025') ? i : -1)).filter((i) => i >= 0);
  const totals = new Map<string, { name: string; total: number }>();
  for (const line of lines) {
    const cells = line.split(',');
    if (cells[4] !== 'Harrow' || cells[0] !== major) continue;
    const t = totals.get(cells[3]!) ?? { name: cells[2]!, total: 0 };
    t.total += months.reduce((s, i) => s + Number(cells[i]), 0);
    totals.set(cells[3]!, t);
  }
  return totals;
}

/** Each ward shape of the SVG: its fill and its hover title ("Roxbourne: 45"). */
function svgAreas(svg: string): { fill: string; name: string; value: string }[] {
  const group = /<g class="areas">([\s\S]*?)<\/g>/.exec(svg)![1]!;
  return [
    ...group.matchAll(/<path d="[^"]+" fill="([^"]+)"[^>]*><title>([^<]+): ([^<]+)<\/title><\/path>/g),
  ].map((m) => ({ fill: m[1]!, name: m[2]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&'), value: m[3]! }));
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

/** The engine's map for the Assessment's question, asked independently of the pack. */
const engineMap = (major: string) =>
  dispatch({ workspace: ws }, 'map/choropleth', {
    pivot: {
      dataset: DATASET,
      rows: ['ward'],
      columns: [],
      measure: 'count',
      months: { from: '2025-01', to: '2025-12' },
      filters: { borough: ['Harrow'], major: [major] },
    },
  }) as Promise<ChoroplethResult>;

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
  bare = tempWorkspace();
  // The 2022-ward figures with only the 2018 ward boundaries: the wrong set for these codes.
  const only = await dispatch({ workspace: bare }, 'import/files', {
    paths: [
      data.mpsWard2022Recent,
      path.join(B, 'london_wards_2018_mapinfo', 'London_Ward_CityMerged_2018_wgs84_simplified10m.geojson'),
    ],
  });
  expect(only.map((r) => r.status)).toEqual(['imported', 'imported']);
  folder = path.join(tempDir(), 'pack');
  result = await exportPack(ws.db, { ...ARGS, folder });
}, 180_000);

afterAll(() => {
  ws?.close();
  bare?.close();
  cleanupTempDirs();
});

describe('the ward map in the pack from the command line', () => {
  it('writes each category’s map as SVG and GeoJSON in the charts folder, and lists them', () => {
    const inCharts = readdirSync(path.join(folder, 'charts'));
    for (const id of ['burglary-ward-map', 'robbery-ward-map'])
      expect(inCharts.filter((f) => f.startsWith(`${id}.`)).sort()).toEqual([`${id}.geojson`, `${id}.svg`]);
    expect(result.maps?.map((m) => [m.id, m.title])).toEqual([
      ['burglary-ward-map', 'Burglary by ward, Harrow, 2025'],
      ['robbery-ward-map', 'Robbery by ward, Harrow, 2025'],
    ]);
    for (const m of result.maps!)
      for (const file of m.files) expect(result.files.map((f) => f.path)).toContain(file);
    expect(result.images).toEqual({ rendered: false, note: IMAGES_NOTE });
    mkdirSync(SHOTS, { recursive: true });
    for (const id of ['burglary', 'robbery'])
      writeFileSync(
        path.join(SHOTS, `pack-map-${id}.svg`),
        readFileSync(path.join(folder, 'charts', `${id}-ward-map.svg`)),
      );
  });

  it('draws every Harrow ward in the class colour the engine’s map gives it, with the raw file’s figure', async () => {
    const svg = readFileSync(path.join(folder, 'charts', 'burglary-ward-map.svg'), 'utf8');
    expect(svgProblem(svg)).toBeNull();
    const engine = await engineMap('Burglary');
    const colours = mapClassColours('count', engine.legend.classes);
    const areas = svgAreas(svg);
    const raw = rawWardTotals('BURGLARY');
    expect(raw.size).toBe(22);
    expect(areas).toHaveLength(22);
    expect(areas.map((a) => a.name).sort()).toEqual([...raw.values()].map((w) => w.name).sort());
    for (const f of engine.features.features) {
      const area = areas.find((a) => a.name === f.properties.name)!;
      expect(area.fill, f.properties.name).toBe(colours[f.properties.classIndex!]);
      expect(area.value).toBe(raw.get(f.properties.code)!.total.toLocaleString('en-GB'));
    }
    // Five classes, light to dark, every class in use.
    expect(new Set(areas.map((a) => a.fill)).size).toBe(5);
  });

  it('shows the Assessment map’s legend, title and source line', async () => {
    const svg = readFileSync(path.join(folder, 'charts', 'burglary-ward-map.svg'), 'utf8');
    const engine = await engineMap('Burglary');
    const legend = /<g class="legend">([\s\S]*?)<\/g>\n/.exec(svg)![1]!;
    expect(legend).toContain('>Crimes</text>');
    for (const c of engine.legend.classes) expect(legend).toContain(`>${c.label} (${c.areas} areas)</text>`);
    expect(legend).toContain('>Borough boundary</text>');
    expect(svg).toContain('<title>Burglary by ward, Harrow, 2025</title>');
    const total = [...rawWardTotals('BURGLARY').values()].reduce((s, w) => s + w.total, 0);
    expect(engine.features.features.reduce((s, f) => s + (f.properties.value ?? 0), 0)).toBe(total);
    // The source line, as the screen's map words it (wrapped across lines in the picture).
    const note = [...svg.matchAll(/<text x="40" y="\d+" font-size="15" fill="#4a5263">([^<]*)<\/text>/g)]
      .map((m) => m[1])
      .join(' ');
    expect(note).toBe(xmlText(`Source: ${engine.dataset.name}, Jan 2025 – Dec 2025. Classes: quantiles.`));
  });

  it('writes the wards’ figures and classes as GeoJSON, as the engine gives them', async () => {
    const geo = JSON.parse(readFileSync(path.join(folder, 'charts', 'robbery-ward-map.geojson'), 'utf8')) as {
      features: ChoroplethResult['features']['features'];
      wardlens: { legend: ChoroplethResult['legend'] };
    };
    const engine = await engineMap('Robbery');
    expect(geo.wardlens.legend).toEqual(engine.legend);
    expect(geo.features.map((f) => [f.properties.code, f.properties.value, f.properties.classIndex])).toEqual(
      engine.features.features.map((f) => [f.properties.code, f.properties.value, f.properties.classIndex]),
    );
    const raw = rawWardTotals('ROBBERY');
    for (const f of geo.features) expect(f.properties.value).toBe(raw.get(f.properties.code)!.total);
  });

  it('shows each map in the HTML report (and so in its PDF), the same picture scaled to the page', () => {
    const html = readFileSync(path.join(folder, 'Harrow 2025 report.html'), 'utf8');
    for (const id of ['burglary-ward-map', 'robbery-ward-map']) {
      const svg = readFileSync(path.join(folder, 'charts', `${id}.svg`), 'utf8');
      const figure = new RegExp(
        `<figure class="map" id="map-${id}">\\n(<svg [^>]*>)\\n([\\s\\S]*?</svg>)\\n</figure>`,
      ).exec(html);
      expect(figure, id).not.toBeNull();
      expect(figure![1]).toContain('width="100%"');
      expect(figure![1]).not.toContain('height=');
      expect(svg.slice(svg.indexOf('>\n') + 2)).toBe(figure![2]);
    }
    // The robbery section holds the robbery map, after its charts and before its tables.
    const robbery = html.slice(html.indexOf('<section class="category" id="robbery">'));
    expect(robbery.indexOf('id="map-robbery-ward-map"')).toBeGreaterThan(
      robbery.indexOf('id="chart-robbery-months"'),
    );
    expect(robbery.indexOf('id="map-robbery-ward-map"')).toBeLessThan(robbery.indexOf('<h3>Tables</h3>'));
  });

  it('says in the workbook and the charts README where the maps are', () => {
    const wb = XLSX.read(readFileSync(path.join(folder, 'Harrow 2025 tables.xlsx')));
    const contents = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Contents']!, { header: 1 }).flat();
    expect(
      contents.some((c) =>
        String(c).startsWith('Note: Each ward map is in the charts folder as an SVG image'),
      ),
    ).toBe(true);
    const sources = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Sources & caveats']!, { header: 1 });
    expect(sources.find((r) => r[0] === 'Ward maps')?.[1]).toMatch(/^Each ward map is in the charts folder/);
    const readme = readFileSync(path.join(folder, 'charts', 'README.txt'), 'utf8');
    expect(readme).toContain('burglary-ward-map.{svg,geojson}  Burglary by ward, Harrow, 2025');
  });
});

describe('a pack whose data’s ward boundaries are not held (only another year’s)', () => {
  it('says the map is not drawn and why, writes no map, and still writes the rest', async () => {
    const out = path.join(tempDir(), 'no-boundaries');
    const r = await exportPack(bare.db, { ...ARGS, folder: out });
    expect(r.maps).toEqual([]);
    expect(readdirSync(path.join(out, 'charts')).filter((f) => f.includes('ward-map'))).toEqual([]);
    const why =
      'the ward map is not drawn: none of these wards has a 2022 polygon in this workspace: import the 2022 ward boundaries first.';
    expect(r.notes).toEqual([
      `Burglary: ${why} Wardlens draws wards only on the boundary set their codes belong to.`,
      `Robbery: ${why} Wardlens draws wards only on the boundary set their codes belong to.`,
    ]);
    const wb = XLSX.read(readFileSync(path.join(out, 'Harrow 2025 tables.xlsx')));
    const contents = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Contents']!, { header: 1 }).flat();
    expect(contents).toContain(`Note: ${r.notes[0]}`);
    expect(contents.some((c) => String(c).includes('Each ward map'))).toBe(false);
    const html = readFileSync(path.join(out, 'Harrow 2025 report.html'), 'utf8');
    expect(html).toContain('Burglary: the ward map is not drawn');
    expect(existsSync(path.join(out, 'charts', 'burglary-wards.json'))).toBe(true);
  });
});

describe('the map in greyscale', () => {
  /** WCAG relative luminance: what a greyscale printer keeps of a colour. */
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.04045) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };

  it('keeps the classes in order, each clearly darker than the one before', () => {
    for (const k of [3, 5, 7]) {
      const shades = mapClassColours(
        'count',
        Array.from({ length: k }, (_, i) => ({ from: i, to: i })),
      ).map(luminance);
      // WCAG contrast between neighbouring classes: every step a visible one in grey.
      for (let i = 1; i < k; i++)
        expect((shades[i - 1]! + 0.05) / (shades[i]! + 0.05), `class ${i + 1} of ${k}`).toBeGreaterThan(1.25);
    }
  });

  it('hatches areas with no figure, so their grey never passes for a class', () => {
    const svg = readFileSync(path.join(folder, 'charts', 'burglary-ward-map.svg'), 'utf8');
    expect(svg).toMatch(/<pattern id="[^"]*no-figure"[^>]*>.*<line /);
  });
});
