/** The months block (this year against last, seasonality) and the rolling-year trend. */
import type { Findings, MonthFigure } from '../../../shared/findings';
import { toIsoMonth } from '../../months';
import { addMonths, calendarYear, financialYear, monthLabel } from '../periods';
import { periodKey } from '../pivot/dimensions';
import { rollingYearTotals, seasonality } from '../seasonality';
import type { FindingsContext } from './context';
import { listed } from '../../../shared/counted';
import { count, trendSentence } from './words';

/** Month → count for the area and category, with 0 for months the data holds but had no crimes. */
function monthlyCounts(ctx: FindingsContext, areaKey: string, first: number, last: number): Map<number, number> {
  const pivot = ctx.pivot({
    rows: ['month'],
    columns: [],
    months: { from: periodKey('month', first), to: periodKey('month', last) },
    filters: { ...ctx.categoryFilter, borough: [areaKey] },
  });
  const counts = new Map<number, number>();
  for (let m = first; m <= last; m = addMonths(m, 1)) if (ctx.held.has(m)) counts.set(m, 0);
  pivot.rows.forEach((row, i) => {
    const [y, mm] = row.keys[0]!.split('-').map(Number);
    counts.set(y! * 100 + mm!, pivot.cells[i]![0]!.count);
  });
  return counts;
}

const NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthsBlock(ctx: FindingsContext, areaKey: string): Findings['months'] {
  const counts = monthlyCounts(ctx, areaKey, ctx.previous.first, ctx.current.last);
  const rows: MonthFigure[] = Array.from({ length: 12 }, (_, i) => {
    const cur = addMonths(ctx.current.first, i);
    const prev = addMonths(ctx.previous.first, i);
    return { month: toIsoMonth(cur), label: monthLabel(cur), previous: counts.get(prev) ?? null, current: counts.get(cur) ?? null };
  });
  // Seasonality pairs the two years month by month; when the years compared are not
  // consecutive, the earlier year's months are laid a year before the current one.
  const paired = new Map<number, number>();
  rows.forEach((r, i) => {
    const cur = addMonths(ctx.current.first, i);
    if (r.current !== null) paired.set(cur, r.current);
    if (r.previous !== null) paired.set(addMonths(cur, -12), r.previous);
  });
  const financial = ctx.yearDim === 'financial-year';
  const startYear = Math.floor(ctx.current.first / 100);
  const season = seasonality(paired, financial ? financialYear(startYear - 1) : calendarYear(startYear - 1), financial ? financialYear(startYear) : calendarYear(startYear));
  const sentences: string[] = [];
  const named = (ms: number[]) => listed(ms.map((m) => NAMES[m - 1]!));
  if (season.average !== null) {
    sentences.push(`Across the two years an average month saw ${count(Math.round(season.average))}.`);
    if (season.aboveInBoth.length) sentences.push(`${named(season.aboveInBoth)} ${season.aboveInBoth.length > 1 ? 'were' : 'was'} above that average in both years.`);
    if (season.belowInBoth.length) sentences.push(`${named(season.belowInBoth)} ${season.belowInBoth.length > 1 ? 'were' : 'was'} below it in both years.`);
    if (!season.aboveInBoth.length && !season.belowInBoth.length) sentences.push('No month sat above or below the average in both years: no seasonal pattern shows.');
  }
  const asDto: Findings['months']['seasonality'] = {
    ...season,
    months: season.months.map((m) => ({ ...m, previousMonth: toIsoMonth(m.previousMonth), currentMonth: toIsoMonth(m.currentMonth) })),
    missing: season.missing.map(toIsoMonth),
  };
  return { rows, seasonality: asDto, sentences };
}

export function rollingBlock(ctx: FindingsContext, areaKey: string): Findings['rollingYear'] {
  const last = ctx.current.last;
  const counts = monthlyCounts(ctx, areaKey, addMonths(last, -35), last);
  const ends = Array.from({ length: 24 }, (_, i) => addMonths(last, i - 23));
  const totals = rollingYearTotals(counts, ends);
  const points = totals.map((t) => ({ month: toIsoMonth(t.month), label: monthLabel(t.month), total: t.total }));
  const total = totals.at(-1)?.total ?? null;
  const previousTotal = totals.at(-13)?.total ?? null;
  const percentChange = total !== null && previousTotal ? (100 * (total - previousTotal)) / previousTotal : null;
  return { points, latest: { total, previousTotal, percentChange }, sentences: [trendSentence(monthLabel(last), total, previousTotal, percentChange)] };
}
