/**
 * A pivot as a Plotly figure: pure data in, pure data out (no DOM, no Plotly runtime), so it
 * is unit-tested and the chart can never show a figure the table does not. Time across the
 * columns (or down the rows) gives lines; anything else gives horizontal bars, which keep
 * long ward names readable.
 */
import type { Annotations, Data, Layout, LayoutAxis } from 'plotly.js';
import { FLAG_MARKS, type Dimension, type Measure, type PivotCell, type PivotResult } from '../../shared/pivot';
import { formatMeasure } from '../format/numbers';
import { monthRange } from '../format/months';
import { flagText } from '../views/pivot/flags';
import { measureUnit, pivotTitle, type FilterNames } from './labels';
import { seriesStyle } from './palette';
import { HOLLOW_NOTE, PALE, PALE_NOTE, hollowOverlay, hoverFigure, symbols, withinChance } from './chanceMarks';
import { isChangeMeasure, keptWords, largestBy, largestMove, pickSeries, type Series } from './seriesPick';

export const MAX_SERIES = 8;
export const MAX_BARS = 30;
/** Above this many points a line carries no markers: they cannot be told apart and cost the most to draw. */
export const MARKERS_UP_TO = 60;
export const FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export interface ChartSource {
  datasetName: string;
  /** The months the pivot covers ("YYYY-MM"). */
  first: string | null;
  last: string | null;
  /**
   * The spec's filter values in words ("Harrow", "Belmont"), one for each value in the spec's
   * order; when absent, the values are worded without names (see chartTitle).
   */
  filters?: readonly string[];
}

export interface PivotFigure {
  kind: 'line' | 'bar';
  title: string;
  sourceNote: string;
  /** Plain words when the chart leaves series or bars out (the table has them all); on the image too. */
  caveat: string | null;
  /** True when every figure is blank (rates without populations, say): there is nothing to draw. */
  empty?: boolean;
  data: Data[];
  layout: Partial<Layout>;
}

const TIME: Dimension[] = ['month', 'quarter', 'year', 'financial-year'];
const isTime = (dims: Dimension[]) => dims.length === 1 && TIME.includes(dims[0]!);

const labelOf = (labels: string[], fallback: string) => labels.join(' · ') || fallback;

/** Keeps the `max` series with the largest counts, in their original order. */
const largest = (series: Series[], max: number) => largestBy(series, max, (s) => s.total);

/**
 * The pivot's title, in the words its exported table uses (shared/pivotWords). `filters` are
 * the spec's filter values in words, one for each value in the spec's order, as the app names
 * them from the answers it holds; a value left as it is (a code the app has no name for) is
 * worded as the export would word it without a name ("2022-01" → "Jan 2022").
 */
export function chartTitle(result: PivotResult, filters?: readonly string[]): string {
  return pivotTitle(result, filters ? namesInOrder(result.spec.filters, filters) : undefined);
}

/** The names a list of filter words gives, value by value in the spec's order. */
function namesInOrder(filters: PivotResult['spec']['filters'], words: readonly string[]): FilterNames {
  const named = new Map<string, string>();
  let at = 0;
  for (const [d, values] of Object.entries(filters ?? {}))
    for (const v of values ?? []) {
      const word = words[at++];
      if (word !== undefined && word !== v) named.set(`${d}\u0000${v}`, word);
    }
  return (d, v) => named.get(`${d}\u0000${v}`);
}

export function sourceNote(source: ChartSource): string {
  return `Source: ${source.datasetName}, ${monthRange(source.first, source.last)}.`;
}

/** The note on the chart itself: on two lines when long, so a narrow chart does not cut it off. */
function wrapNote(source: ChartSource): string {
  const note = sourceNote(source);
  return note.length <= 70
    ? note
    : `Source: ${source.datasetName},<br>${monthRange(source.first, source.last)}.`;
}

export function pivotFigure(result: PivotResult, source: ChartSource): PivotFigure {
  const measure = result.measure;
  const timeAcross = isTime(result.columnDimensions) && result.columns.length > 1;
  const timeDown = !timeAcross && isTime(result.rowDimensions) && result.rows.length > 1;
  const allLabel = source.datasetName;

  // Series run along the time axis: one per row when time runs across, one per column otherwise.
  const rowSeries: Series[] = result.rows.map((r, i) => ({
    name: labelOf(r.labels, allLabel),
    cells: result.cells[i]!,
    total: result.rowTotals[i]!.count,
  }));
  const columnSeries: Series[] = result.columns.map((c, k) => ({
    name: labelOf(c.labels, measureUnit(measure, result.dataset.kind)),
    cells: result.cells.map((row) => row[k]!),
    total: result.columnTotals[k]!.count,
  }));

  let kind: PivotFigure['kind'];
  let categories: string[];
  let series: Series[];
  const caveats: string[] = [];
  // Periods the data covers only part of (a year of two months): marked on the axis and said
  // under the chart, as the table marks them, or a line would seem to plunge in its last year.
  let partPeriods: boolean[] = [];
  if (timeAcross || timeDown) {
    kind = 'line';
    partPeriods = (timeAcross ? result.columnTotals : result.rowTotals).map((c) => c.flags.includes('incomplete'));
    categories = (timeAcross ? result.columns : result.rows).map(
      (h, i) => `${labelOf(h.labels, '')}${partPeriods[i] ? PART_MARK : ''}`,
    );
    const all = timeAcross ? rowSeries : columnSeries;
    series = pickSeries(measure, all, MAX_SERIES);
    const dims = timeAcross ? result.rowDimensions : result.columnDimensions;
    if (series.length < all.length)
      caveats.push(`The chart shows ${keptWords(measure, series.length, all.length, dims, 'lines')}; the table has them all.`);
  } else {
    kind = 'bar';
    // A change keeps the rows that moved most either way; anything else the rows with most crimes.
    const bars = result.rows.map((r, i) => ({
      label: labelOf(r.labels, allLabel),
      size: isChangeMeasure(measure) ? largestMove([result.rowTotals[i]!]) : result.rowTotals[i]!.count,
      i,
    }));
    const kept = largestBy(bars, MAX_BARS, (b) => b.size);
    categories = kept.map((b) => b.label);
    const all = columnSeries.map((s) => ({ ...s, cells: kept.map((b) => s.cells[b.i]!) }));
    series = pickSeries(measure, all, MAX_SERIES);
    let columnsNote =
      series.length < all.length
        ? keptWords(measure, series.length, all.length, result.columnDimensions, 'columns')
        : '';
    if (series.length < all.length && measure === 'count') {
      // Stacked counts must still reach each row's total: the columns left out become one "All other" piece.
      const shown = largest(all, MAX_SERIES - 1);
      const rest = all.filter((s) => !shown.includes(s));
      series = [
        ...shown,
        {
          name: `All other (${rest.length})`,
          total: rest.reduce((n, s) => n + s.total, 0),
          cells: kept.map((_, j) => sumCells(rest.map((s) => s.cells[j]!))),
        },
      ];
      columnsNote = `the ${shown.length} largest of ${all.length} columns, the other ${rest.length} together`;
    }
    const dropped = [
      kept.length < bars.length ? keptWords(measure, kept.length, bars.length, result.rowDimensions, 'rows') : '',
      columnsNote,
    ]
      .filter(Boolean)
      .join(' and ');
    if (dropped) caveats.push(`The chart shows ${dropped}; the table has them all.`);
  }
  if (partPeriods.some(Boolean)) caveats.push(PART_NOTE);
  // A change within chance is marked as the table marks it with "~" (a bare long line has no points to mark).
  const markers = kind === 'bar' || categories.length <= MARKERS_UP_TO;
  const chance = isChangeMeasure(measure) && markers && series.some((s) => s.cells.some(withinChance));
  if (chance) caveats.push(kind === 'line' ? HOLLOW_NOTE : PALE_NOTE);
  const caveat = caveats.length ? caveats.join(' ') : null;

  const data: Data[] = series.map((s, n) => {
    const style = seriesStyle(n);
    const values = s.cells.map((c) => c.value);
    const text = s.cells.map((c) => hoverFigure(formatMeasure(measure, c.value), c));
    if (kind === 'line') {
      return {
        type: 'scatter',
        mode: markers ? 'lines+markers' : 'lines',
        name: s.name,
        legendgroup: lineGroup(n),
        x: categories,
        y: values,
        text,
        line: { color: style.colour, dash: style.dash, width: 2.5 },
        // A part period's point is hollow: not a figure to compare with the whole ones.
        marker: { symbol: symbols(style.marker, partPeriods), size: 7, color: style.colour },
        hovertemplate: `${escapeHover(s.name)}<br>%{x}: %{text}<extra></extra>`,
      } satisfies Data;
    }
    return {
      type: 'bar',
      orientation: 'h',
      name: s.name,
      y: categories,
      x: values,
      text,
      textposition: 'none',
      // The pattern lies over the colour, so a greyscale print still tells the series apart.
      marker: {
        color: style.colour,
        ...(chance ? { opacity: s.cells.map((c) => (withinChance(c) ? PALE : 1)) } : {}),
        line: { color: '#1d2330', width: 0.5 },
        pattern: { shape: style.pattern, fillmode: 'overlay', fgcolor: '#ffffff', size: 7, solidity: 0.3 },
      },
      hovertemplate: `${escapeHover(s.name)}<br>%{y}: %{text}<extra></extra>`,
    } satisfies Data;
  });

  // Drawn over the lines, so each line's legend keeps its solid marker (Plotly draws a legend's from the first point).
  if (chance && kind === 'line')
    data.push(...series.map((s, n) => hollowOverlay(s, categories, { ...seriesStyle(n), group: lineGroup(n) })));

  const title = chartTitle(result, source.filters);
  const titleLines = wrapTitle(title);
  const titleRoom = TITLE_LINE * (titleLines.length - 1);
  const note = sourceNote(source);
  const valueAxis = {
    title: { text: measureUnit(measure, result.dataset.kind) },
    tickformat: tickFormat(measure),
    ticksuffix: measure === 'share' || measure === 'pct-change' ? '%' : '',
    zeroline: true,
    zerolinecolor: '#8a93a3',
    gridcolor: '#e3e6eb',
    // Margins are set below, not found by Plotly: its automargin redraws the chart until they fit.
    automargin: false,
    // The fixed margins keep the figures inside the chart. Plotly's default for a value axis
    // ('hide past div') measures every tick label again each time it places one.
    ticklabeloverflow: 'allow' as const,
  };
  const categoryAxis = { type: 'category' as const, automargin: false, tickfont: { size: 12 } };
  const showLegend = series.length > 1;
  // Counts and shares add up, so several columns stack into one bar per row; rates and changes do not, so they sit side by side.
  const stacked =
    series.length > 1 && (measure === 'count' || (measure === 'share' && result.spec.shareOf === 'row'));
  const barHeight = Math.max(
    360,
    130 + categories.length * (series.length > 1 && !stacked ? 10 * series.length : 24),
  );
  // Labels slant when they would not fit side by side in a chart half the window wide (twelve
  // "Jan 2025"s do not); slanted labels need more room below the plot before the source note.
  const angled = kind === 'line' && categories.length * (longestLabel(categories) * 7 + 12) > 560;
  // The caveat is part of the picture: an exported chart that leaves a ward out must say so.
  const caveatLines = caveats.flatMap((c) => wrapWords(c, NOTE_CHARS));
  const noteText = [wrapNote(source), ...caveatLines].join('<br>');
  const noteRoom = 16 * caveatLines.length;
  const annotations: Partial<Annotations>[] = [
    {
      text: noteText,
      xref: 'paper',
      yref: 'paper',
      x: 0,
      y: 0,
      xanchor: 'left',
      yanchor: 'top',
      yshift: angled ? -84 : -52,
      showarrow: false,
      font: { size: 11, color: '#4a5263' },
      align: 'left',
    },
  ];
  const layout: Partial<Layout> = {
    title: { text: titleLines.join('<br>'), x: 0, xanchor: 'left', xref: 'paper', font: { size: 15, color: '#1d2330' } },
    font: { family: FONT_FAMILY, size: 12, color: '#1d2330' },
    separators: '.,',
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    // The legend sits to the right, where it can never cover the title or the data.
    margin: {
      l: kind === 'bar' ? labelMargin(categories) : VALUE_AXIS_MARGIN,
      // The legend's room, so Plotly need not widen the margin (and draw again) to fit it.
      r: showLegend ? legendMargin(series.map((s) => s.name)) : 20,
      t: 56 + titleRoom,
      b: (angled ? 124 : 92) + noteRoom,
    },
    showlegend: showLegend,
    legend: {
      orientation: 'v',
      x: 1.02,
      y: 1,
      xanchor: 'left',
      yanchor: 'top',
      traceorder: 'normal',
      font: { size: 11 },
    },
    annotations,
    hovermode: 'closest',
    ...(kind === 'line'
      ? {
          xaxis: { ...categoryAxis, tickangle: angled ? -45 : 0, ...timeTicks(categories) },
          yaxis: {
            ...valueAxis,
            ...wholeNumberTicks(measure, data, false),
            rangemode: measure === 'count' || measure === 'rate' ? 'tozero' : 'normal',
          },
          height: 420 + noteRoom + titleRoom,
        }
      : {
          yaxis: {
            ...categoryAxis,
            autorange: 'reversed',
            tickmode: 'array',
            tickvals: categories,
            ticktext: categories.map(shortLabel),
          },
          xaxis: { ...valueAxis, ...wholeNumberTicks(measure, data, stacked) },
          barmode: stacked ? 'stack' : 'group',
          height: barHeight + noteRoom + titleRoom,
        }),
  };
  const empty = series.every((s) => s.cells.every((c) => c.value === null));
  return { kind, title, sourceNote: note, caveat, data, layout, ...(empty ? { empty } : {}) };
}

/**
 * A drill-down's title can run to "Crimes by ward — Harrow, Greenhill, MISCELLANEOUS CRIMES
 * AGAINST SOCIETY": on one line it would run under Plotly's buttons and off the chart. Beyond
 * this many characters it breaks after the measure, and again where a line would still be long.
 */
const TITLE_CHARS = 54;
const TITLE_LINE = 20;

export function wrapTitle(title: string): string[] {
  if (title.length <= TITLE_CHARS) return [title];
  const dash = title.indexOf(' — ');
  const [head, rest] = dash > 0 ? [title.slice(0, dash), title.slice(dash + 3)] : ['', title];
  return [...(head ? [head] : []), ...wrapWords(rest, TITLE_CHARS)];
}

/** A line of the note under the chart, in characters: about what half the window holds in the 11 px font. */
const NOTE_CHARS = 84;

/** Words broken into lines of at most `max` characters (a longer word keeps a line of its own). */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** A line's legend group: the line and the hollow points drawn over it show and hide together. */
const lineGroup = (n: number) => `line-${n}`;

/** After a period the data covers only part of: the table's mark, and its legend's words. */
export const PART_MARK = ` ${FLAG_MARKS.incomplete}`;
export const PART_NOTE = `${FLAG_MARKS.incomplete} ${flagText('incomplete')}`;

const longestLabel = (labels: string[]) => Math.max(0, ...labels.map((l) => l.length));

/**
 * Counts are whole numbers: when the largest is small, Plotly's own step (0.5, 0.2) would label
 * the axis "0 0 1 1" once the figures are rounded for display. Whole steps instead.
 */
function wholeNumberTicks(measure: Measure, data: Data[], stacked: boolean): Partial<LayoutAxis> {
  if (measure !== 'count' && measure !== 'change') return {};
  // Stacked bars reach the sum of their pieces.
  const reach: number[] = [];
  for (const d of data) {
    const values = ((d as { type?: string }).type === 'bar' ? (d as { x?: unknown }).x : (d as { y?: unknown }).y) as
      | (number | null)[]
      | undefined;
    (values ?? []).forEach((v, i) => {
      const size = typeof v === 'number' ? Math.abs(v) : 0;
      reach[i] = stacked ? (reach[i] ?? 0) + size : Math.max(reach[i] ?? 0, size);
    });
  }
  const largest = Math.max(0, ...reach);
  if (largest >= 8) return {};
  return { tick0: 0, dtick: largest <= 4 ? 1 : 2 };
}

/** Room for the value axis's figures and its title. */
const VALUE_AXIS_MARGIN = 80;
/** Bar labels longer than this are cut with "…" (the hover and the table have them whole). */
const LABEL_CHARS = 40;

/** Room at the left for the bars' labels, at about 6.6 px a character in the 12 px font. */
function labelMargin(labels: string[]): number {
  const longest = Math.max(0, ...labels.map((l) => Math.min(l.length, LABEL_CHARS + 1)));
  return Math.max(VALUE_AXIS_MARGIN, Math.round(16 + longest * 6.6));
}

/**
 * A long time axis labels at most about 16 points, each January when the points are months
 * ("Jan 2011", "Jan 2012"…): every month's label would overlap, and each costs a measurement.
 */
function timeTicks(categories: string[]): Partial<LayoutAxis> {
  if (categories.length <= 24) return {};
  const januaries = categories.filter((c) => c.startsWith('Jan '));
  const base = januaries.length >= 2 ? januaries : categories;
  const step = Math.ceil(base.length / 16);
  const ticks = base.filter((_, i) => i % step === 0);
  return { tickmode: 'array', tickvals: ticks, ticktext: ticks };
}

const shortLabel = (label: string) =>
  label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label;

/** The legend's width: its swatch and the longest name in the 11 px font, within reason. */
function legendMargin(names: string[]): number {
  const longest = Math.max(0, ...names.map((n) => n.length));
  return Math.min(280, Math.round(56 + longest * 6));
}

function sumCells(cells: PivotCell[]): PivotCell {
  const count = cells.reduce((n, c) => n + c.count, 0);
  return { value: cells.reduce((n, c) => n + (c.value ?? 0), 0), count, flags: [] };
}

function tickFormat(measure: Measure): string {
  if (measure === 'count' || measure === 'change') return ',d';
  if (measure === 'rate' || measure === 'rate-change') return ',.2f';
  return ',.1f';
}

/** Plotly reads hover templates as HTML-ish text: keep names literal. */
function escapeHover(text: string): string {
  return text.replace(/[<>&%{}]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
