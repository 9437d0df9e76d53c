/**
 * One cell set against an earlier period: change, % change, rates and rate change, the
 * significance test, and the flags a reader must see ('small', 'incomplete',
 * 'not-significant'). The domain's caveat drives this: small counts swing wildly (3 to 6
 * is +100% and means nothing), so a % change on a small base is withheld or marked, and an
 * incomplete period is never silently compared with a complete one.
 */
import type { CellFlag, CountComparison, PercentChange, StatisticsOptions } from '../../shared/analysis';
import { poissonChangeTest } from './changeTest';
import { DEFAULT_CONFIDENCE_LEVEL, rate } from './confidence';

export const DEFAULT_STATISTICS_OPTIONS: Readonly<StatisticsOptions> = {
  confidenceLevel: DEFAULT_CONFIDENCE_LEVEL,
  alpha: 0.05,
  smallCount: 10,
  smallPercentChange: 'withhold',
};

function withDefaults(options: Partial<StatisticsOptions> | undefined): StatisticsOptions {
  return { ...DEFAULT_STATISTICS_OPTIONS, ...options };
}

/** Whether a count is too small to read much into (under the threshold, default 10). */
export function isSmallCount(count: number, options?: Partial<StatisticsOptions>): boolean {
  return count < withDefaults(options).smallCount;
}

/**
 * (current − previous) ÷ previous × 100, or the reason it is not given: no base when the
 * earlier count is 0 (any rise from nothing is "infinite"), a small base when it is under
 * the small-count threshold (withheld by default; given with a mark if the analyst asks).
 */
export function percentChange(
  previous: number,
  current: number,
  options?: Partial<StatisticsOptions>,
): PercentChange {
  const o = withDefaults(options);
  if (previous === 0) {
    return {
      value: null,
      reason: 'no-base',
      note: 'No % change: the earlier period had none to compare with.',
    };
  }
  const value = ((current - previous) / previous) * 100;
  if (previous < o.smallCount) {
    const note = `The earlier count (${previous}) is under ${o.smallCount}, too small a base for a % change to mean much.`;
    return { value: o.smallPercentChange === 'mark' ? value : null, reason: 'small-base', note };
  }
  return { value, reason: null, note: null };
}

/** Flags on a single count (no comparison): 'small' and 'incomplete'. */
export function countFlags(
  count: number,
  incomplete = false,
  options?: Partial<StatisticsOptions>,
): CellFlag[] {
  const flags: CellFlag[] = [];
  if (isSmallCount(count, options)) flags.push('small');
  if (incomplete) flags.push('incomplete');
  return flags;
}

export interface CountComparisonInput {
  previous: number;
  current: number;
  /** Population of each period (the same figure twice when one population year is used for both). */
  previousPopulation?: number | null;
  currentPopulation?: number | null;
  /** Whether the data lacks any month of that period (see periods.periodCoverage). */
  previousIncomplete?: boolean;
  currentIncomplete?: boolean;
}

/**
 * Compares a cell with the earlier period. When both populations are known the test
 * compares rates (exposures = populations); otherwise it compares counts of two equal
 * periods. When either period is incomplete the % change and the test are withheld: nine
 * months set against twelve would read as a fall that is only missing data.
 */
export function compareCounts(
  input: CountComparisonInput,
  options?: Partial<StatisticsOptions>,
): CountComparison {
  const o = withDefaults(options);
  const { previous, current } = input;
  const incomplete = Boolean(input.previousIncomplete || input.currentIncomplete);
  const previousRate = rate(previous, input.previousPopulation);
  const currentRate = rate(current, input.currentPopulation);
  const rateChange = previousRate !== null && currentRate !== null ? currentRate - previousRate : null;

  const flags: CellFlag[] = [];
  if (isSmallCount(previous, o) || isSmallCount(current, o)) flags.push('small');
  if (incomplete) flags.push('incomplete');

  let pct: PercentChange;
  let test = null;
  if (incomplete) {
    pct = {
      value: null,
      reason: 'incomplete',
      note: 'No % change: the data lacks months of one of the periods, so they are not like for like.',
    };
  } else {
    pct = percentChange(previous, current, o);
    const byRate = previousRate !== null && currentRate !== null;
    test = poissonChangeTest(
      {
        previous,
        current,
        previousExposure: byRate ? (input.previousPopulation as number) : 1,
        currentExposure: byRate ? (input.currentPopulation as number) : 1,
      },
      o.alpha,
    );
    if (test.verdict === 'no significant change') flags.push('not-significant');
  }
  return {
    previous,
    current,
    change: current - previous,
    percentChange: pct,
    previousRate,
    currentRate,
    rateChange,
    test,
    flags,
  };
}
