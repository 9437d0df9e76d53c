/**
 * Which of a pivot's lines or bars a chart draws when it cannot draw them all. Counts keep
 * the largest totals; a change keeps the largest moves either way, since the ward that rose
 * by 147% is the one a councillor asks about even when it has few crimes. Pure.
 */
import type { Dimension, Measure, PivotCell } from '../../shared/pivot';

export interface Series {
  name: string;
  cells: PivotCell[];
  /** The series' crimes: what a count chart ranks by. */
  total: number;
}

const CHANGES: ReadonlySet<Measure> = new Set(['change', 'pct-change', 'rate-change']);
export const isChangeMeasure = (measure: Measure) => CHANGES.has(measure);

/** The biggest move a series makes on the chart, up or down; −1 when it has no figure to draw. */
export function largestMove(cells: readonly PivotCell[]): number {
  return Math.max(-1, ...cells.map((c) => (c.value === null ? -1 : Math.abs(c.value))));
}

/** What a series is ranked by: its crimes, or for a change its largest move. */
export const sizeOf = (measure: Measure, s: Series) => (isChangeMeasure(measure) ? largestMove(s.cells) : s.total);

/** Keeps the `max` largest series by `size`, in their original order (ties to the earlier). */
export function largestBy<T>(items: readonly T[], max: number, size: (item: T) => number): T[] {
  if (items.length <= max) return [...items];
  const ranked = items.map((item, i) => ({ item, i, size: size(item) }));
  ranked.sort((a, b) => b.size - a.size || a.i - b.i);
  const keep = new Set(ranked.slice(0, max).map((r) => r.i));
  return items.filter((_, i) => keep.has(i));
}

/** Keeps the `max` series the chart should draw for this measure. */
export const pickSeries = (measure: Measure, series: readonly Series[], max: number) =>
  largestBy(series, max, (s) => sizeOf(measure, s));

const PLURALS: Record<Dimension, string> = {
  borough: 'boroughs',
  ward: 'wards',
  lsoa: 'LSOAs',
  month: 'months',
  quarter: 'quarters',
  year: 'years',
  'financial-year': 'financial years',
  major: 'major categories',
  minor: 'minor categories',
  category: 'categories',
  'crime-type': 'crime types',
  outcome: 'outcomes',
};

const CHANGE_WORDS: Partial<Record<Measure, string>> = {
  change: 'changes',
  'pct-change': '% changes',
  'rate-change': 'rate changes',
};

/**
 * What the chart kept, for its note: "the 8 largest of 22 lines", or for a change "the 8 of
 * 22 wards with the largest % changes, up or down". `things` is the fallback noun ("lines",
 * "columns") when the series run along more than one dimension.
 */
export function keptWords(measure: Measure, kept: number, of: number, dims: readonly Dimension[], things: string): string {
  const change = CHANGE_WORDS[measure];
  if (!change) return `the ${kept} largest of ${of} ${things}`;
  const noun = dims.length === 1 ? PLURALS[dims[0]!] : things;
  return `the ${kept} of ${of} ${noun} with the largest ${change}, up or down`;
}
