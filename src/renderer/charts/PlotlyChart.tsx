/**
 * Draws a figure with plotly.js, bundled with the app (never a CDN). Plotly is evaluated
 * while the app is idle after start-up (see plotlyRuntime), and each chart draws in its turn,
 * in a task of its own; an existing chart is updated in place (Plotly.react), never rebuilt.
 */
import { useEffect, useRef, useState } from 'react';
import type { Config } from 'plotly.js';
import type { PivotFigure } from './figure';
import { dataUrlBytes } from './imageBytes';
import { canvasTextWidth, withLegendRoom } from './legendRoom';
import {
  drawInTurn,
  loadPlotly,
  plotlyIfLoaded,
  plotlyKindOf,
  plotlyRequested,
  preloadPlotlyWhenIdle,
  type PlotlyKind,
} from './plotlyRuntime';

// This module is part of the first bundle: ask for Plotly as soon as the app is idle.
preloadPlotlyWhenIdle();

/** Drawn 1,200 px wide; PNGs are saved at twice that (20 cm at 300 dpi), SVGs as drawn. */
const EXPORT_WIDTH = 1200;

/** What a click on a map area gives: the area's code (a choropleth's location). */
export interface ChartClick {
  location: string | null;
}

export function PlotlyChart({
  figure,
  fileName,
  onPointClick,
  paused = false,
}: {
  figure: PivotFigure;
  fileName: string;
  onPointClick?(click: ChartClick): void;
  /** While true (its view is hidden) the chart keeps what it drew and draws nothing new. */
  paused?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  // The latest handler, read at click time, so a new handler never needs the chart redrawn.
  const clickHandler = useRef(onPointClick);
  useEffect(() => {
    clickHandler.current = onPointClick;
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const height = typeof figure.layout.height === 'number' ? figure.layout.height : 420;

  // The figure on screen: showing a hidden view again redraws nothing unless the figure changed.
  const drawn = useRef<PivotFigure | null>(null);
  // The same, as state: the chart says `data-drawing` until the figure React shows is on screen.
  const [onScreen, setOnScreen] = useState<PivotFigure | null>(null);
  // The bundle that draws this chart (a map needs the geo one); the same one purges and saves it.
  const kind: PlotlyKind = plotlyKindOf(figure.data);
  const drewWith = useRef<PlotlyKind | null>(null);

  useEffect(() => {
    let cancelled = false;
    const el = host.current;
    if (paused || !el || drawn.current === figure) return;
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
    let layout = figure.layout;
    // Drawn in two tasks where one would be long: the legend costs Plotly a third of a line
    // chart, and bars' fill patterns as much as the rest of the chart. The second task adds
    // them, and Plotly redraws only what changed (the bars' style, the legend).
    const plain = withoutPatterns(figure.data);
    const legendLater = figure.layout.showlegend === true;
    drawInTurn(
      kind,
      (P) => {
        // A chart drawn by the other bundle is cleared first: one Plotly must not update another's plot.
        const before = drewWith.current;
        if (before && before !== kind) plotlyIfLoaded(before)?.purge(el);
        drewWith.current = kind;
        layout = layoutFor(figure, el.clientWidth);
        return P.react(
          el,
          plain ?? figure.data,
          legendLater ? { ...layout, showlegend: false } : layout,
          config,
        );
      },
      () => !cancelled,
    )
      .then(async (plot) => {
        if (plot && (plain || legendLater))
          await drawInTurn(
            kind,
            // Only the legend to add: relayout, as react would redraw a map's every area.
            (P) => (plain ? P.react(el, figure.data, layout, config) : P.relayout(el, { showlegend: true })),
            () => !cancelled,
          );
        return plot;
      })
      .then((plot) => {
        if (plot) {
          drawn.current = figure;
          if (!cancelled) setOnScreen(figure);
        }
        // Plotly keeps its handlers across react(); attach ours once per chart.
        const graph = plot as unknown as
          { on?(e: string, f: (ev: unknown) => void): void; _wlClick?: boolean } | undefined;
        if (!graph?.on || graph._wlClick) return;
        graph._wlClick = true;
        graph.on('plotly_click', (ev) => {
          const point = (ev as { points?: { location?: unknown }[] }).points?.[0];
          const location = typeof point?.location === 'string' ? point.location : null;
          clickHandler.current?.({ location });
        });
      })
      .then(() => !cancelled && setProblem(null))
      .catch((err: Error) => !cancelled && setProblem(`The chart could not be drawn: ${err.message}`));
    return () => {
      cancelled = true;
    };
  }, [figure, fileName, height, paused, kind]);

  useEffect(() => {
    const el = host.current;
    return () => {
      const k = drewWith.current;
      if (el && k) void plotlyRequested(k)?.then((P) => P.purge(el));
    };
  }, []);

  async function save(format: 'png' | 'svg') {
    const el = host.current;
    if (!el) return;
    const P = await loadPlotly(drewWith.current ?? kind);
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
        data-drawing={paused || onScreen === figure ? undefined : ''}
        style={{ height }}
        role="img"
        aria-label={`${figure.title}. ${figure.sourceNote}`}
      />
      <figcaption className="chart-caption">
        {/* On the picture already; said again for a screen reader, which cannot read the picture. */}
        {figure.caveat && <span className="visually-hidden">{figure.caveat} </span>}
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

/** The figure's layout with room for a legend beside the plot, so Plotly draws it only once. */
function layoutFor(figure: PivotFigure, width: number) {
  const { layout } = figure;
  const family = layout.legend?.font?.family ?? layout.font?.family ?? 'sans-serif';
  const measure = canvasTextWidth(`${layout.legend?.font?.size ?? layout.font?.size ?? 12}px ${family}`);
  if (!measure) return layout;
  const names = figure.data
    .filter((d) => (d as { showlegend?: boolean }).showlegend !== false)
    .map((d) => String((d as { name?: unknown }).name ?? ''));
  return withLegendRoom(layout, names, width, measure);
}

/** The traces without their fill patterns (null when none draws one: a shape of '' draws none). */
function withoutPatterns(data: PivotFigure['data']): PivotFigure['data'] | null {
  const patterned = (d: PivotFigure['data'][number]) =>
    Boolean((d as { marker?: { pattern?: { shape?: unknown } } }).marker?.pattern?.shape);
  if (!data.some(patterned)) return null;
  return data.map((d) => {
    if (!patterned(d)) return d;
    const marker = { ...(d as { marker: Record<string, unknown> }).marker };
    delete marker.pattern;
    return { ...d, marker } as PivotFigure['data'][number];
  });
}
