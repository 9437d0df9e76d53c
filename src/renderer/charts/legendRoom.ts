/**
 * The room a chart's legend needs beside the plot, worked out before Plotly draws. A legend
 * to the right of the plot (x > 1) makes Plotly widen the right margin to fit it, and when the
 * margin it was given is too narrow it draws the whole chart a second time. Measuring the
 * legend's names first (on a canvas: no layout) and giving Plotly the margin it would have
 * settled on draws the same chart once.
 */
import type { Layout } from 'plotly.js';

/** Plotly's vertical legend: 40 px of swatch (item width 30 and two gaps of 5), a 5 px gap, 10 px of end padding. */
const LEGEND_CHROME = 55;
/** Rounding and font hinting between a canvas's measure and the SVG text Plotly measures. */
const SLACK = 3;

/**
 * The layout with a right margin wide enough for its legend at this chart width (the same
 * layout when the legend does not sit to the right, or already fits).
 * `textWidth` measures a name in the legend's font.
 */
export function withLegendRoom(
  layout: Partial<Layout>,
  names: string[],
  chartWidth: number,
  textWidth: (text: string) => number,
): Partial<Layout> {
  const legend = layout.legend;
  const x = legend?.x ?? 1.02;
  if (!layout.showlegend || !legend || legend.orientation === 'h' || legend.xanchor !== 'left' || x <= 1)
    return layout;
  if (!(chartWidth > 0) || names.length === 0) return layout;
  const left = layout.margin?.l ?? 80;
  const right = layout.margin?.r ?? 80;
  const legendWidth = Math.ceil(Math.max(...names.map(textWidth))) + LEGEND_CHROME + SLACK;
  // Plotly keeps the legend's left edge at x of the plot's width and widens the margin until
  // the legend fits: r = (legend + (x − 1)(W − l)) / x.
  const needed = Math.ceil((legendWidth + (x - 1) * (chartWidth - left)) / x);
  return needed > right ? { ...layout, margin: { ...layout.margin, r: needed } } : layout;
}

let canvas: CanvasRenderingContext2D | null | undefined;

/** A measure of text in a font, from an off-screen canvas (null where there is none). */
export function canvasTextWidth(font: string): ((text: string) => number) | null {
  canvas ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  const ctx = canvas;
  if (!ctx) return null;
  return (text) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
}
