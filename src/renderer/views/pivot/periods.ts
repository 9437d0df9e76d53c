/** The first and last month ("YYYY-MM") of a pivot's period key, for narrowing a drill-down. */
import type { Dimension, MonthSpan } from '../../../shared/pivot';
import { monthKey } from '../../format/months';

export function periodSpan(dim: Dimension, key: string): { from: string; to: string } | null {
  let m: RegExpExecArray | null;
  if (dim === 'month' && (m = /^(\d{4})-(\d{2})$/.exec(key))) return { from: key, to: key };
  if (dim === 'quarter' && (m = /^(\d{4})-Q([1-4])$/.exec(key))) {
    const q = Number(m[2]);
    return { from: monthKey(Number(m[1]), q * 3 - 2), to: monthKey(Number(m[1]), q * 3) };
  }
  if (dim === 'year' && (m = /^(\d{4})$/.exec(key))) return { from: `${key}-01`, to: `${key}-12` };
  if (dim === 'financial-year' && (m = /^(\d{4})\/\d{2}$/.exec(key))) {
    const y = Number(m[1]);
    return { from: monthKey(y, 4), to: monthKey(y + 1, 3) };
  }
  return null;
}

/** The overlap of two month spans (either may be open-ended). */
export function intersect(a: MonthSpan | undefined, b: { from: string; to: string }): MonthSpan {
  const from = a?.from && a.from > b.from ? a.from : b.from;
  const to = a?.to && a.to < b.to ? a.to : b.to;
  return { from, to };
}

/** The period a pivot opens on, and the time dimension across its columns. */
export interface OpeningPeriod {
  columns: Dimension;
  months?: MonthSpan;
}

/**
 * The period a dataset opens on, never a part year beside a whole one (a chart of Sep–Dec 2020
 * beside all of 2021 shows every ward tripling): the last two whole calendar years held when
 * there are two; the one whole year, by month, when there is one; every month held, by month,
 * when there is none. (The pivot has no rolling 12-month periods to compare instead.)
 */
export function openingPeriod(first: string, last: string): OpeningPeriod {
  const [firstYear, lastYear] = [Number(first.slice(0, 4)), Number(last.slice(0, 4))];
  const firstWhole = first.endsWith('-01') ? firstYear : firstYear + 1;
  const lastWhole = last.endsWith('-12') ? lastYear : lastYear - 1;
  const wholeYears = lastWhole - firstWhole + 1;
  if (wholeYears <= 0) return { columns: 'month' };
  const from = wholeYears >= 2 ? `${lastWhole - 1}-01` : `${lastWhole}-01`;
  const to = `${lastWhole}-12`;
  // Only the ends that cut the data short: an open end reads "all months held".
  const months: MonthSpan = { ...(from > first ? { from } : {}), ...(to < last ? { to } : {}) };
  return { columns: wholeYears >= 2 ? 'year' : 'month', ...(months.from || months.to ? { months } : {}) };
}
