/**
 * Confidence intervals for a count of crimes and for a rate per 1,000, by the Public
 * Health England (now OHID) method used across Fingertips and the PHEindicatormethods R
 * package (phe_rate): exact Poisson limits for counts under 10, Byar's approximation from
 * 10 up. Crime counts are close to Poisson, so the same method tells a reader how sure a
 * ward's figure is.
 *
 * References: PHE, "Technical Guide: Confidence intervals" (2018); Breslow & Day,
 * Statistical Methods in Cancer Research vol. II (1987), for Byar's method; Garwood (1936)
 * / Armitage & Berry (2002) for the exact limits.
 */
import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { ConfidenceInterval, RateInterval } from '../../shared/analysis';

/** PHE switch-over: below this Byar's approximation is not accurate enough, so exact limits are used. */
export const EXACT_BELOW = 10;

export const DEFAULT_CONFIDENCE_LEVEL = 0.95;

/**
 * The largest count exactPoissonInterval accepts. @stdlib's incomplete gamma (and so its
 * gamma quantile) drifts once the shape passes about 1,000: for 1,000 crimes it puts the
 * upper 95% limit at 1064.12 where summing the Poisson terms gives 1063.95. Up to 900 it
 * agrees with the summed Poisson tails to 1e-12 (tested to 500 here). PHE only needs the
 * exact limits under 10; larger counts go through countInterval (Byar's).
 */
export const EXACT_MAX_COUNT = 500;

function assertCount(count: number): void {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`A count must be a whole number ≥ 0, not ${count}`);
}

function assertLevel(level: number): void {
  if (!(level > 0 && level < 1))
    throw new RangeError(`A confidence level lies between 0 and 1, not ${level}`);
}

/**
 * Exact (Garwood) Poisson limits: lower = χ²(α/2; 2x)/2, upper = χ²(1−α/2; 2x+2)/2.
 * χ²(p; 2k)/2 is the p-quantile of a gamma with shape k and rate 1, which is how we
 * compute it; the lower limit of 0 is 0 (χ² with 0 degrees of freedom).
 */
export function exactPoissonInterval(count: number, level = DEFAULT_CONFIDENCE_LEVEL): ConfidenceInterval {
  assertCount(count);
  assertLevel(level);
  if (count > EXACT_MAX_COUNT) {
    throw new RangeError(
      `Exact limits are computed up to ${EXACT_MAX_COUNT}; use countInterval (Byar's) for ${count}`,
    );
  }
  const tail = (1 - level) / 2;
  const lower = count === 0 ? 0 : gammaQuantile(tail, count, 1);
  const upper = gammaQuantile(1 - tail, count + 1, 1);
  return { lower, upper, level, method: 'exact' };
}

/**
 * Byar's approximation (Breslow & Day 1987, as in PHE's byars_lower / byars_upper):
 *   lower = x · (1 − 1/(9x) − z/(3√x))³
 *   upper = (x+1) · (1 − 1/(9(x+1)) + z/(3√(x+1)))³
 * with z the standard normal quantile at 1 − α/2 (1.959964 for 95%).
 * Undefined at 0 (the lower formula divides by x), where the exact limits are used instead.
 */
export function byarsInterval(count: number, level = DEFAULT_CONFIDENCE_LEVEL): ConfidenceInterval {
  assertCount(count);
  assertLevel(level);
  if (count === 0) return exactPoissonInterval(0, level);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const x = count;
  const x1 = count + 1;
  // A very low confidence level with x = 1 could take the cube's base below zero; a count's
  // lower limit is never negative.
  const lower = Math.max(0, x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3);
  const upper = x1 * (1 - 1 / (9 * x1) + z / (3 * Math.sqrt(x1))) ** 3;
  return { lower, upper, level, method: 'byar' };
}

/** The interval PHE would publish for a count: exact under 10, Byar's from 10 up. */
export function countInterval(count: number, level = DEFAULT_CONFIDENCE_LEVEL): ConfidenceInterval {
  return count < EXACT_BELOW ? exactPoissonInterval(count, level) : byarsInterval(count, level);
}

/** count ÷ population × per; null when the population is not known (never a wrong number). */
export function rate(count: number, population: number | null | undefined, per = 1000): number | null {
  if (population === null || population === undefined || !(population > 0) || !Number.isFinite(population))
    return null;
  return (count / population) * per;
}

/**
 * Interval for a rate per 1,000 (or `per`): the count's interval divided by the population.
 * The population is taken as known without error, as PHE does for crude rates.
 * Null when the population is not known.
 */
export function rateInterval(
  count: number,
  population: number | null | undefined,
  level = DEFAULT_CONFIDENCE_LEVEL,
  per = 1000,
): RateInterval | null {
  const value = rate(count, population, per);
  if (value === null) return null;
  const interval = countInterval(count, level);
  const scale = per / (population as number);
  return { ...interval, lower: interval.lower * scale, upper: interval.upper * scale, rate: value, per };
}
