/**
 * Words and number styles shared by every export format, so a workbook, a CSV and the HTML
 * report name things the same way and mark flags with the same symbols as the app and the
 * CLI (* small, † incomplete, ~ not significant). How a pivot itself is described (its unit,
 * "by ward and year") is the app's wording too: shared/pivotWords.
 */
import type { FigureCell, FigureKind } from '../../shared/export';
import type { CellFlag, Measure } from '../../shared/pivot';

import { monthLabel } from '../analysis/periods';
import { fromIsoMonth } from '../months';
import { signed } from '../signs';
import { DIMENSION_LABELS, FLAG_MARKS } from '../../shared/pivot';

export { DIMENSION_LABELS };

export const MEASURE_KINDS: Record<Measure, { kind: FigureKind; signed?: boolean }> = {
  count: { kind: 'count' },
  rate: { kind: 'rate' },
  share: { kind: 'percent' },
  change: { kind: 'change' },
  'pct-change': { kind: 'percent', signed: true },
  'rate-change': { kind: 'rate-change' },
};

export { FLAG_MARKS };

export const FLAG_MEANINGS: Record<CellFlag, string> = {
  small: 'fewer than 10 crimes: small counts swing widely, so a % change on them is withheld',
  incomplete: 'the period is missing months of data, so it is not like for like',
  'not-significant':
    'the change is within normal year-to-year variation (not statistically significant at the 95% level)',
};

const FLAG_ORDER: CellFlag[] = ['small', 'incomplete', 'not-significant'];

export const marksOf = (flags: readonly CellFlag[] | undefined): string =>
  FLAG_ORDER.filter((f) => flags?.includes(f))
    .map((f) => FLAG_MARKS[f])
    .join('');

export function flagsLegend(flags: readonly CellFlag[]): string {
  const used = FLAG_ORDER.filter((f) => flags.includes(f));
  return used.length ? `Marks: ${used.map((f) => `${FLAG_MARKS[f]} ${FLAG_MEANINGS[f]}`).join('; ')}.` : '';
}

/** Flags in legend order, without repeats. */
export function orderedFlags(flags: Iterable<CellFlag>): CellFlag[] {
  const set = new Set(flags);
  return FLAG_ORDER.filter((f) => set.has(f));
}

// ---------------------------------------------------------------------------------------
// UK number and date styles for text outputs (the HTML report, the source notes)
// ---------------------------------------------------------------------------------------

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const twoDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const oneDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A figure as a UK report prints it: "1,869", "7.54", "+2.6%", "−0.23"; "–" when not given. */
export function formatFigure(cell: Pick<FigureCell, 'kind' | 'value' | 'signed'>): string {
  const v = cell.value;
  if (v === null || !Number.isFinite(v)) return '–';
  switch (cell.kind) {
    case 'count':
      return signed(v, whole.format);
    case 'change':
      return signed(v, whole.format, true);
    case 'rate':
      return signed(v, twoDp.format);
    case 'rate-change':
      return signed(v, twoDp.format, true);
    case 'percent':
      return signed(v, (size) => `${oneDp.format(size)}%`, cell.signed === true);
  }
}

/** "2017-01" → "Jan 2017", as the engine labels a month everywhere (analysis/periods). */
export function monthText(iso: string): string {
  const month = fromIsoMonth(iso);
  return month === null ? iso : monthLabel(month);
}

export function monthSpanText(first: string | null, last: string | null): string {
  if (!first || !last) return 'no months';
  return first === last ? monthText(first) : `${monthText(first)} – ${monthText(last)}`;
}

/** "22 Nov 2025", in UK time: an analyst reads when they imported, not UTC. */
export function dateText(iso: string | null): string {
  if (!iso) return 'date unknown';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
}
