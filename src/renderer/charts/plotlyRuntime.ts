/**
 * plotly.js in the renderer: loaded once, bundled with the app (never a CDN), and drawn one
 * chart at a time. Plotly's official partial bundles keep the work small: charts (lines and
 * bars) use the basic bundle (scatter, bar, pie; a quarter of the full library), maps the geo
 * bundle (choropleth, scattergeo). Each is its own chunk, fetched and evaluated only when
 * asked for. Evaluating a bundle and Plotly's first drawing are the heaviest work the UI thread
 * ever does, so both happen once, while the app is idle after its first paint, and never
 * inside an analyst's click. Every chart then waits its turn and starts in a task of its own,
 * after the page has been laid out and painted, so a view with three charts hands the UI
 * thread back between them and Plotly never pays for laying out the rest of the page.
 */
import type { Data, Layout } from 'plotly.js';
import { FONT_FAMILY } from './figure';
import { OKABE_ITO, seriesStyle } from './palette';

export type PlotlyModule = typeof import('plotly.js');
/** Which bundle draws a figure: lines and bars, or maps. */
export type PlotlyKind = 'charts' | 'maps';

const MAP_TRACES = new Set(['choropleth', 'scattergeo']);

/** Maps need the geo bundle; everything else we draw is in the basic one. */
export const plotlyKindOf = (data: readonly Data[]): PlotlyKind =>
  data.some((d) => MAP_TRACES.has(String((d as { type?: unknown }).type))) ? 'maps' : 'charts';

const loaded: Partial<Record<PlotlyKind, Promise<PlotlyModule>>> = {};
const ready: Partial<Record<PlotlyKind, PlotlyModule>> = {};

/** The bundle for `kind`, evaluated on first use (or earlier, when the app is idle). */
export const loadPlotly = (kind: PlotlyKind): Promise<PlotlyModule> =>
  (loaded[kind] ??= (
    kind === 'maps'
      ? import('plotly.js-geo-dist-min').then((m) => (offlineGeo(), m.default))
      : import('plotly.js-basic-dist-min').then((m) => m.default)
  ).then((P) => (ready[kind] = P)));

/** Has this bundle been asked for yet? (Purging a chart must not load it.) */
export const plotlyRequested = (kind: PlotlyKind) => loaded[kind] ?? null;

/** The bundle, if it has been evaluated already (null otherwise): for work that cannot wait. */
export const plotlyIfLoaded = (kind: PlotlyKind) => ready[kind] ?? null;

/**
 * Plotly's geo plots fetch a world map (topojson) from its CDN before drawing anything. Our
 * maps draw only the workspace's own GeoJSON on an invisible base map, so hand Plotly an empty
 * world up front: it then never asks the web for one.
 */
function offlineGeo() {
  const layer = { type: 'GeometryCollection', geometries: [] };
  const empty = {
    type: 'Topology',
    arcs: [],
    objects: Object.fromEntries(
      ['land', 'ocean', 'coastlines', 'countries', 'lakes', 'rivers', 'subunits'].map((k) => [k, layer]),
    ),
  };
  const w = window as unknown as { PlotlyGeoAssets?: { topojson: Record<string, unknown> } };
  w.PlotlyGeoAssets ??= { topojson: {} };
  for (const name of ['world_110m', 'world_50m']) w.PlotlyGeoAssets.topojson[name] ??= empty;
}

/**
 * A fresh task after the next frame: the page React just changed (a new table, a view shown)
 * has been laid out and painted in a task of its own, so the layouts Plotly forces while it
 * measures text cover its own chart, not the whole page. (A hidden tab gets no frames: the
 * timeout stands in for one.)
 */
const afterNextFrame = () =>
  new Promise<void>((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      setTimeout(resolve, 0);
    };
    requestAnimationFrame(go);
    setTimeout(go, 100);
  });

let turn: Promise<unknown> = Promise.resolve();

/**
 * Runs one drawing after the ones queued before it, in a task of its own. `draw` is skipped
 * (and gives undefined) when `stillWanted` says the chart has changed or gone meanwhile, so a
 * quick run of selections draws only the last figure.
 */
export function drawInTurn<T>(
  kind: PlotlyKind,
  draw: (P: PlotlyModule) => T | Promise<T>,
  stillWanted: () => boolean = () => true,
) {
  const run = turn.then(async () => {
    if (!stillWanted()) return undefined;
    const P = await loadPlotly(kind);
    await afterNextFrame();
    return stillWanted() ? draw(P) : undefined;
  });
  turn = run.catch(() => undefined);
  return run;
}

/** A throwaway chart, drawn off-screen (as an analyst's chart is: it can be hovered) and removed. */
async function drawOffScreen(P: PlotlyModule, data: Data[], layout: Partial<Layout>): Promise<void> {
  const el = document.createElement('div');
  el.setAttribute('aria-hidden', 'true');
  el.style.cssText = 'position:fixed;left:-10000px;top:0;width:640px;height:420px;contain:strict;';
  document.body.append(el);
  try {
    await P.newPlot(
      el,
      data,
      {
        width: 640,
        height: 420,
        title: { text: 'Warm-up', x: 0, xanchor: 'left' },
        font: { family: FONT_FAMILY, size: 12 },
        margin: { l: 120, r: 140, t: 56, b: 92 },
        annotations: [
          {
            text: 'Source: warm-up',
            xref: 'paper',
            yref: 'paper',
            x: 0,
            y: 0,
            yshift: -52,
            showarrow: false,
          },
        ],
        ...layout,
      },
      { displaylogo: false },
    );
  } finally {
    P.purge(el);
    el.remove();
  }
}

const listOf = <T>(n: number, name: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => name(i));

/**
 * Plotly's first drawing pays for set-up that every later one reuses (its style sheet, the
 * nodes it measures text with, code that has been run often enough to be compiled): pay it
 * off-screen, on throwaway charts the size and shape of ours (eight stacked, patterned series
 * of thirty bars; eight lines across two years of months, with a legend; a ward map in classes
 * with marks), so the analyst's first real chart costs what any later one does.
 */
function warmUpFigures(): { bars: Data[]; lines: Data[]; value: Partial<Layout['xaxis']> } {
  const areas = listOf(30, (i) => `Warm-up area ${i + 1}`);
  const months = listOf(
    24,
    (i) =>
      `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][i % 12]} ${2022 + Math.floor(i / 12)}`,
  );
  const bars: Data[] = listOf(8, (n) => `Series ${n + 1}`).map((name, n) => {
    const style = seriesStyle(n);
    return {
      type: 'bar',
      orientation: 'h',
      name,
      y: areas,
      x: areas.map((_, i) => ((i * 7 + n * 3) % 11) + 1),
      textposition: 'none',
      marker: {
        color: style.colour,
        line: { color: '#1d2330', width: 0.5 },
        pattern: { shape: style.pattern, fillmode: 'overlay', fgcolor: '#ffffff', size: 7, solidity: 0.3 },
      },
      hovertemplate: `${name}<br>%{y}: %{x}<extra></extra>`,
    };
  });
  const lines: Data[] = listOf(8, (n) => `Line ${n + 1}`).map((name, n) => {
    const style = seriesStyle(n);
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name,
      x: months,
      y: months.map((_, i) => ((i * 5 + n * 7) % 13) + 2),
      line: { color: style.colour, dash: style.dash, width: 2.5 },
      marker: { symbol: style.marker, size: 7, color: style.colour },
    };
  });
  const value = {
    automargin: false,
    ticklabeloverflow: 'allow' as const,
    tickformat: ',d',
    gridcolor: '#e3e6eb',
  };
  return { bars, lines, value };
}

const CATEGORY_AXIS = { type: 'category' as const, automargin: false };

const warmUpBars = (P: PlotlyModule) => {
  const { bars, value } = warmUpFigures();
  return drawOffScreen(P, bars, {
    barmode: 'stack',
    yaxis: { ...CATEGORY_AXIS, autorange: 'reversed' },
    xaxis: value,
  });
};

const warmUpLines = (P: PlotlyModule) => {
  const { lines, value } = warmUpFigures();
  return drawOffScreen(P, lines, { xaxis: { ...CATEGORY_AXIS, tickangle: -45 }, yaxis: value });
};

/**
 * A map the size of London's wards: 340 round areas of 22 points each (some as multipolygons),
 * in five classes and "no figure", with a few marks. Size matters here, unlike for the charts:
 * V8 compiles Plotly's projection and styling code for speed only once it has run through
 * thousands of points, and a toy map left the analyst's first ward map (680 areas, 15,000
 * points) paying for that, half as slow again as every later one.
 */
function warmUpMapFigure(): { data: Data[]; layout: Partial<Layout> } {
  const area = (i: number): number[][][] => {
    const [x, y] = [(i % 20) * 0.01, 51 + Math.floor(i / 20) * 0.01];
    const ring = listOf(22, (k) => [x + 0.004 * Math.cos((k * Math.PI) / 11), y + 0.004 * Math.sin((k * Math.PI) / 11)]);
    return [[...ring, ring[0]!]];
  };
  const cells = listOf(340, (i) => ({
    type: 'Feature',
    properties: { code: `W${i}` },
    geometry: i % 10 === 0 ? { type: 'MultiPolygon', coordinates: [area(i)] } : { type: 'Polygon', coordinates: area(i) },
  }));
  const classes: Data[] = listOf(6, (c) => c).map((c) => {
    const mine = cells.filter((_, i) => i % 6 === c);
    return {
      type: 'choropleth',
      name: `Class ${c + 1}`,
      geojson: { type: 'FeatureCollection', features: mine },
      featureidkey: 'properties.code',
      locations: mine.map((f) => f.properties.code),
      z: mine.map(() => 1),
      text: mine.map((f) => f.properties.code),
      hovertemplate: '%{text}<extra></extra>',
      colorscale: [
        [0, OKABE_ITO[c]!],
        [1, OKABE_ITO[c]!],
      ],
      showscale: false,
      marker: { line: { color: '#9aa3b2', width: 0.4 } },
    } as unknown as Data;
  });
  const marks = {
    type: 'scattergeo',
    lon: [0.005, 0.015],
    lat: [51.005, 51.015],
    mode: 'text',
    text: ['*', '*'],
    showlegend: false,
  } as unknown as Data;
  const geo = { visible: false, fitbounds: 'locations', projection: { type: 'mercator' } };
  return { data: [...classes, marks], layout: { geo } as Partial<Layout> };
}

/** Three times: the compiler wants to see code run often, not once over much. */
const MAP_WARM_UPS = 3;

const warmUpMap = (P: PlotlyModule) => {
  const { data, layout } = warmUpMapFigure();
  return drawOffScreen(P, data, layout);
};

let preloading = false;

/**
 * After the first paint, when the browser is idle: evaluate Plotly's bundles and draw the
 * throwaway charts, each in a task of its own. `<html data-charts-ready>` says when this one-off start-up work is
 * over (the responsiveness test starts timing the analyst's interactions from there).
 */
export function preloadPlotlyWhenIdle(): void {
  if (preloading || typeof window === 'undefined') return;
  preloading = true;
  const idle = (f: () => void) =>
    'requestIdleCallback' in window ? window.requestIdleCallback(f, { timeout: 3000 }) : setTimeout(f, 200);
  const ready = () => document.documentElement.setAttribute('data-charts-ready', '');
  requestAnimationFrame(() =>
    setTimeout(() =>
      idle(() => {
        // Tasks with the UI thread handed back before each: each bundle's evaluation, each warm-up.
        // The geo bundle is asked for only when its turn comes, after the charts' warm-up.
        void drawInTurn('charts', warmUpBars);
        void drawInTurn('charts', warmUpLines);
        const maps = listOf(MAP_WARM_UPS, () => drawInTurn('maps', warmUpMap));
        void Promise.allSettled(maps).then(ready);
      }),
    ),
  );
}
