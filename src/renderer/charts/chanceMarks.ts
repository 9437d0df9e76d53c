/**
 * How a chart marks a change that chance alone could give (the Pivot table's "~"): a hollow
 * point on a line, a pale bar. Shape and lightness, not colour, carry it, so it survives a
 * colour-blind reader and a greyscale print; the chart's note says what the mark means.
 */
import type { Data, MarkerSymbol } from 'plotly.js';
import { FLAG_MARKS, type PivotCell } from '../../shared/pivot';

export const withinChance = (cell: PivotCell) => cell.flags.includes('not-significant');

/** How opaque a bar within chance is: pale beside the others, yet its pattern still shows. */
export const PALE = 0.35;

const MEANING = 'not significant, within what chance alone would give (95% test).';
export const HOLLOW_NOTE = `${FLAG_MARKS['not-significant']} Hollow marker: ${MEANING}`;
export const PALE_NOTE = `${FLAG_MARKS['not-significant']} Pale bar: ${MEANING}`;

/** One symbol a point, the series' own, open where `hollow` says (Plotly takes a list; its typings only one). */
export const symbols = (marker: MarkerSymbol, hollow: readonly boolean[]) =>
  (hollow.some(Boolean) ? hollow.map((h) => (h ? `${marker}-open` : marker)) : marker) as MarkerSymbol;

/** The hover's figure, with the table's mark and its meaning when the change is within chance. */
export const hoverFigure = (text: string, cell: PivotCell) =>
  withinChance(cell) ? `${text} ${FLAG_MARKS['not-significant']} not significant` : text;

/**
 * A line's points within chance, drawn over its solid ones as the same shape in white with an
 * outline in the line's colour: hollow, while the legend (drawn from the line's own first
 * point) keeps the solid marker that names the line. No legend entry, no hover (the line's own
 * hover says "~ not significant").
 */
export function hollowOverlay(
  series: { name: string; cells: PivotCell[] },
  categories: string[],
  style: { colour: string; marker: MarkerSymbol; group: string },
): Data {
  const at = series.cells.flatMap((c, i) => (withinChance(c) && c.value !== null ? [i] : []));
  return {
    type: 'scatter',
    mode: 'markers',
    name: series.name,
    // In its line's legend group, so hiding the line from the legend hides its hollow points too.
    legendgroup: style.group,
    showlegend: false,
    hoverinfo: 'skip',
    x: at.map((i) => categories[i]!),
    y: at.map((i) => series.cells[i]!.value),
    marker: { symbol: style.marker, size: 10, color: '#ffffff', line: { color: style.colour, width: 2 } },
  };
}
