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
