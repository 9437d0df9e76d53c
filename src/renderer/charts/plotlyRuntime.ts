/**
 * plotly.js in the renderer: loaded once, bundled with the app (never a CDN), and drawn one
 * chart at a time. Evaluating the library and Plotly's first drawing are the heaviest work
 * the UI thread ever does, so both happen once, while the app is idle after its first paint,
 * and never inside an analyst's click. Every chart then waits its turn and starts in a task
 * of its own, so a view with three charts hands the UI thread back between them.
 */
import type { Data, Layout } from 'plotly.js';

type PlotlyModule = typeof import('plotly.js');

let plotly: Promise<PlotlyModule> | null = null;

/** The library, evaluated on first use (or earlier, when the app is idle). */
export const loadPlotly = () =>
  (plotly ??= import('plotly.js-dist-min').then((m) => (offlineGeo(), m.default)));

/** Has the library been asked for yet? (Purging a chart must not load it.) */
export const plotlyRequested = () => plotly;

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

/** A fresh task: whatever ran before (evaluation, another chart) has ended and input can be handled. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

let turn: Promise<unknown> = Promise.resolve();

/**
 * Runs one drawing after the ones queued before it, in a task of its own. `draw` is skipped
 * (and gives undefined) when `stillWanted` says the chart has changed or gone meanwhile, so a
 * quick run of selections draws only the last figure.
 */
export function drawInTurn<T>(
  draw: (P: PlotlyModule) => T | Promise<T>,
  stillWanted: () => boolean = () => true,
) {
  const run = turn.then(async () => {
    if (!stillWanted()) return undefined;
    const P = await loadPlotly();
    await nextTask();
    return stillWanted() ? draw(P) : undefined;
  });
  turn = run.catch(() => undefined);
  return run;
}

/** A throwaway chart, drawn off-screen and removed. */
async function drawOffScreen(P: PlotlyModule, data: Data[], layout: Partial<Layout>): Promise<void> {
  const el = document.createElement('div');
  el.setAttribute('aria-hidden', 'true');
  el.style.cssText = 'position:fixed;left:-10000px;top:0;width:480px;height:320px;';
  document.body.append(el);
  try {
    await P.newPlot(
      el,
      data,
      { width: 480, height: 320, title: { text: 'Warm-up' }, ...layout },
      { staticPlot: true },
    );
  } finally {
    P.purge(el);
    el.remove();
  }
}

/**
 * Plotly's first drawing pays for set-up that every later one reuses (its style sheet, the
 * nodes it measures text with, compiled code paths): pay it off-screen, on throwaway charts
 * like ours (a line and bars; a ward map), so the analyst's first real chart costs what any
 * other does.
 */
const warmUpCharts = (P: PlotlyModule) => {
  const x = ['Jan 2022', 'Feb 2022', 'Mar 2022'];
  return drawOffScreen(
    P,
    [
      { type: 'scatter', mode: 'lines+markers', x, y: [1, 3, 2] },
      { type: 'bar', orientation: 'h', y: x, x: [2, 1, 3] },
    ],
    {},
  );
};

const warmUpMaps = (P: PlotlyModule) => {
  const square = [
    [
      [0, 51],
      [0.1, 51],
      [0.1, 51.1],
      [0, 51.1],
      [0, 51],
    ],
  ];
  const geojson = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { code: 'W' }, geometry: { type: 'Polygon', coordinates: square } },
    ],
  };
  const map = { type: 'choropleth', geojson, featureidkey: 'properties.code', locations: ['W'], z: [1] };
  const geo = { visible: false, fitbounds: 'locations', projection: { type: 'mercator' } };
  return drawOffScreen(P, [map as unknown as Data], { geo } as Partial<Layout>);
};

let preloading = false;

/**
 * After the first paint, when the browser is idle: evaluate Plotly, then (in a later task)
 * draw the throwaway chart. `<html data-charts-ready>` says when this one-off start-up work is
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
        // Three tasks, each with the UI thread handed back before it: evaluation, then each warm-up.
        void drawInTurn(warmUpCharts);
        void drawInTurn(warmUpMaps).then(ready, ready);
      }),
    ),
  );
}
