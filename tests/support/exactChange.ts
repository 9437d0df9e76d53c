// An exact test of a change between two equal periods, written for the tests apart from the
// engine's (src/core/analysis/changeTest.ts), and the raw ward file's counts it is put to.
import { inYear, monthColumns, type RawTable } from './raw';

/** ln k! for k = 0 … n. */
function logFactorials(n: number): number[] {
  const out = [0];
  for (let k = 1; k <= n; k++) out.push(out[k - 1]! + Math.log(k));
  return out;
}

/**
 * Two-sided p of `current` against `previous`: given their sum n, the current count is
 * Binomial(n, ½) if nothing changed, and p adds every outcome no likelier than the one seen
 * (R's binom.test rule, with its relative tolerance), as R's poisson.test does for two counts.
 */
export function exactP(previous: number, current: number): number {
  const n = previous + current;
  if (n === 0) return 1;
  const lf = logFactorials(n);
  const pmf = (k: number) => Math.exp(lf[n]! - lf[k]! - lf[n - k]! - n * Math.LN2);
  const seen = pmf(current) * (1 + 1e-7);
  let p = 0;
  for (let k = 0; k <= n; k++) if (pmf(k) <= seen) p += pmf(k);
  return Math.min(1, p);
}

/** Not significant at 95%: the change is within what chance alone would give. */
export const withinChance = (previous: number, current: number) => exactP(previous, current) >= 0.05;

/** The % change as the app gives it: withheld on a base under 10. */
export const pctChange = (previous: number, current: number) =>
  previous < 10 ? null : (100 * (current - previous)) / previous;

/**
 * A borough's crimes of one major category in a year, ward by ward (keyed by ward name), from
 * the MPS ward file's wide layout (wardname, …, majortext, …, lookup_boroughname, 201004…).
 */
export function wardYear(raw: RawTable, borough: string, major: string, year: number): Map<string, number> {
  const months = monthColumns(raw).filter(([, m]) => inYear(year)(m));
  const [b, w, mj] = [raw.col('lookup_boroughname'), raw.col('wardname'), raw.col('majortext')];
  const out = new Map<string, number>();
  for (const r of raw.rows) {
    if (r[b] !== borough) continue;
    const ward = r[w]!;
    const add = r[mj] === major ? months.reduce((n, [i]) => n + Number(r[i]), 0) : 0;
    out.set(ward, (out.get(ward) ?? 0) + add);
  }
  return out;
}
