/**
 * The statistics of the analysis engine (issue §3), gathered in one import for the pivot
 * engine and the findings. Each function is pure: numbers in, numbers and flags out.
 *   confidence.ts  intervals for a count and a rate (PHE: exact under 10, Byar's from 10)
 *   changeTest.ts  is a change more than noise (exact conditional binomial, as R's poisson.test)
 *   comparison.ts  % change, rate change, flags for a cell against an earlier period
 *   ranking.ts     quartiles (Excel QUARTILE.INC), RAG, competition ranks
 *   seasonality.ts two-year monthly average, months above/below in both years, rolling totals
 */
export {
  DEFAULT_CONFIDENCE_LEVEL,
  EXACT_BELOW,
  EXACT_MAX_COUNT,
  byarsInterval,
  countInterval,
  exactPoissonInterval,
  rate,
  rateInterval,
} from './confidence';
export { DEFAULT_ALPHA, poissonChangeTest, twoSidedBinomialPValue, type ChangeTestInput } from './changeTest';
export {
  DEFAULT_STATISTICS_OPTIONS,
  compareCounts,
  countFlags,
  isSmallCount,
  percentChange,
  type CountComparisonInput,
} from './comparison';
export { competitionRanks, quartileInc, quartileOf, quartiles, ragRating, ragRatings } from './ranking';
export { rollingYearTotals, seasonality, type RollingTotal } from './seasonality';
