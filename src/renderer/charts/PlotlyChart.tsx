/**
 * Draws a figure with plotly.js, bundled with the app (never a CDN). Plotly is loaded on
 * first use, so the app opens fast and only the Pivot view pays for the chart library.
 */
import { useEffect, useRef, useState } from 'react';
import type { Config } from 'plotly.js';
import type { PivotFigure } from './figure';
import { dataUrlBytes } from './imageBytes';

type PlotlyModule = typeof import('plotly.js');
let plotly: Promise<PlotlyModule> | null = null;
const loadPlotly = () => (plotly ??= import('plotly.js-dist-min').then((m) => (offlineGeo(), m.default)));

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

/** Drawn 1,200 px wide; PNGs are saved at twice that (20 cm at 300 dpi), SVGs as drawn. */
const EXPORT_WIDTH = 1200;

export function PlotlyChart({ figure, fileName }: { figure: PivotFigure; fileName: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const height = typeof figure.layout.height === 'number' ? figure.layout.height : 420;

  useEffect(() => {
    let cancelled = false;
    const el = host.current;
    const config: Partial<Config> = {
      responsive: true,
      displaylogo: false,
      modeBarButtonsToRemove: [
        'select2d',
        'lasso2d',
        'autoScale2d',
        'toggleSpikelines',
        'hoverCompareCartesian',
        'hoverClosestCartesian',
      ],
      toImageButtonOptions: { format: 'png', filename: fileName, width: EXPORT_WIDTH, height, scale: 2 },
    };
    loadPlotly()
      .then((P) => {
        if (!cancelled && el) return P.react(el, figure.data, figure.layout, config);
      })
      .then(() => !cancelled && setProblem(null))
      .catch((err: Error) => !cancelled && setProblem(`The chart could not be drawn: ${err.message}`));
    return () => {
      cancelled = true;
    };
  }, [figure, fileName, height]);

  useEffect(() => {
    const el = host.current;
    return () => {
      if (el && plotly) void plotly.then((P) => P.purge(el));
    };
  }, []);

  async function save(format: 'png' | 'svg') {
    const el = host.current;
    if (!el) return;
    const P = await loadPlotly();
    // `scale` (twice the pixels for print) is a real option that the typings leave out.
    const options = { format, width: EXPORT_WIDTH, height, scale: format === 'png' ? 2 : 1 };
    const bridge = window.wardlens;
    try {
      if (bridge?.saveBytes) {
        // Desktop: the native save dialog, so the file lands where the report is being written.
        const url = await P.toImage(el, options);
        const saved = await bridge.saveBytes(`${fileName}.${format}`, [format], dataUrlBytes(url));
        setSaved(saved ? `Saved to ${saved}` : null);
      } else {
        await P.downloadImage(el, { ...options, filename: fileName });
      }
    } catch (err) {
      setProblem(`The chart could not be saved: ${(err as Error).message}`);
    }
  }

  return (
    <figure className="chart">
      <div
        ref={host}
        className="chart-plot"
        style={{ minHeight: height }}
        role="img"
        aria-label={`${figure.title}. ${figure.sourceNote}`}
      />
      <figcaption className="chart-caption">
        {figure.caveat && <span className="chart-caveat">{figure.caveat} </span>}
        <span className="chart-actions">
          <button type="button" className="link-button" onClick={() => void save('png')}>
            Save chart as PNG
          </button>
          <button type="button" className="link-button" onClick={() => void save('svg')}>
            Save as SVG
          </button>
        </span>
      </figcaption>
      {saved && (
        <p className="hint" role="status">
          {saved}
        </p>
      )}
      {problem && <p role="alert">{problem}</p>}
    </figure>
  );
}
