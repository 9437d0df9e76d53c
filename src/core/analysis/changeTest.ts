/**
 * "Is this rise real or noise?" The exact conditional test for two Poisson counts, as R's
 * poisson.test(c(previous, current), c(previousExposure, currentExposure)) runs it: given
 * the total n = previous + current, the previous count is Binomial(n, p0) under "no change
 * in rate", with p0 = previousExposure / (previousExposure + currentExposure). Exposures
 * are 1 and 1 for plain counts of two equal periods, or the two populations for rates.
 */
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import type { ChangeTest, Verdict } from '../../shared/analysis';

export const DEFAULT_ALPHA = 0.05;

/**
 * R's binom.test compares probabilities with this fuzz, so that outcomes exactly as likely
 * as the observed one (a tie the floating-point pmf may miss by an ulp) count as "as extreme".
 */
const R_RELATIVE_ERROR = 1 + 1e-7;

/** P(X ≥ k) for X ~ Binomial(n, p), through the mirror n − X ~ Binomial(n, 1 − p) so a small tail keeps its precision. */
function upperTail(k: number, n: number, p: number): number {
  return k <= 0 ? 1 : binomialCdf(n - k, n, 1 - p);
}

/** P(X ≤ k); 0 below 0. */
function lowerTail(k: number, n: number, p: number): number {
  return k < 0 ? 0 : binomialCdf(k, n, p);
}

/**
 * Two-sided exact binomial p-value the way R's binom.test computes it: the sum of the
 * probabilities of every outcome no more likely than the observed x (R source,
 * src/library/stats/R/binom.test.R). R counts the outcomes on the far side of the mean
 * n·p one by one; the binomial pmf only falls away from its mode, so those outcomes form
 * one run at the far end and a binary search finds where it starts (same answer, log n
 * pmf evaluations instead of n, which matters for borough counts in the thousands).
 */
export function twoSidedBinomialPValue(x: number, n: number, p: number): number {
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || n < 0 || x > n) {
    throw new RangeError(`Need whole numbers 0 ≤ x ≤ n, not x = ${x}, n = ${n}`);
  }
  if (!(p >= 0 && p <= 1)) throw new RangeError(`A probability lies between 0 and 1, not ${p}`);
  if (p === 0) return x === 0 ? 1 : 0;
  if (p === 1) return x === n ? 1 : 0;
  const d = binomialPmf(x, n, p) * R_RELATIVE_ERROR;
  const m = n * p;
  let pValue: number;
  if (x === m) {
    pValue = 1;
  } else if (x < m) {
    // Far side: ceil(m) … n, where the pmf never rises. Find the first outcome no likelier than x.
    let lo = Math.ceil(m);
    let hi = n + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (binomialPmf(mid, n, p) <= d) hi = mid;
      else lo = mid + 1;
    }
    pValue = lowerTail(x, n, p) + (lo <= n ? upperTail(lo, n, p) : 0);
  } else {
    // Far side: 0 … floor(m), where the pmf never falls. Find the last outcome no likelier than x.
    let lo = -1;
    let hi = Math.floor(m);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (binomialPmf(mid, n, p) <= d) lo = mid;
      else hi = mid - 1;
    }
    pValue = lowerTail(lo, n, p) + upperTail(x, n, p);
  }
  return Math.min(1, pValue);
}

export interface ChangeTestInput {
  previous: number;
  current: number;
  /** Default 1: two periods of equal length and population. */
  previousExposure?: number;
  currentExposure?: number;
}

/**
 * Tests whether the rate changed between two periods, two-sided, and words the verdict.
 * A rise or fall is 'significant' when p < alpha; its direction is that of the rates
 * (count ÷ exposure), not of the raw counts, so a rate can fall while the count rises.
 */
export function poissonChangeTest(input: ChangeTestInput, alpha = DEFAULT_ALPHA): ChangeTest {
  const { previous, current, previousExposure = 1, currentExposure = 1 } = input;
  for (const [name, value] of [
    ['previous', previous],
    ['current', current],
  ] as const) {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`The ${name} count must be a whole number ≥ 0, not ${value}`);
  }
  for (const e of [previousExposure, currentExposure]) {
    if (!(e > 0) || !Number.isFinite(e))
      throw new RangeError(`An exposure (population) must be positive, not ${e}`);
  }
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha lies between 0 and 1, not ${alpha}`);

  const n = previous + current;
  // Two empty periods: nothing happened either time, so nothing changed.
  const pValue =
    n === 0
      ? 1
      : twoSidedBinomialPValue(previous, n, previousExposure / (previousExposure + currentExposure));
  const previousRate = previous / previousExposure;
  const currentRate = current / currentExposure;
  const rateRatio = previous === 0 ? null : currentRate / previousRate;
  let verdict: Verdict = 'no significant change';
  if (pValue < alpha && currentRate !== previousRate) {
    verdict = currentRate > previousRate ? 'significant rise' : 'significant fall';
  }
  return { previous, current, previousExposure, currentExposure, pValue, alpha, rateRatio, verdict };
}
