/**
 * Shapes of the analysis engine's periods and statistics, as the contract carries them.
 * Types only. Period types take the month representation as a parameter: the engine works
 * in integer yyyymm months (202201), the contract in "YYYY-MM" strings (see `Month`).
 */
import type { Month } from './workspace';

// ---------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------

/**
 * The periods an assessment compares. `quarter` is a calendar quarter (Q1 = Jan–Mar);
 * `financial-quarter` counts from April (Q1 = Apr–Jun); `rolling-12-months` is the twelve
 * months ending at its last month.
 */
export type PeriodKind =
  'month' | 'quarter' | 'financial-quarter' | 'year' | 'financial-year' | 'rolling-12-months';

export interface Period<M = Month> {
  kind: PeriodKind;
  /** As analysts write it: "Jan 2022", "Q1 2022", "Q1 2022/23", "2022", "2022/23", "12 months to Dec 2022". */
  label: string;
  /** First and last month, inclusive. */
  first: M;
  last: M;
}

/** Whether the data holds every month of a period. */
export interface PeriodCoverage<M = Month> {
  period: Period<M>;
  complete: boolean;
  /** Months in the period. */
  expected: number;
  /** Of those, months the data holds. */
  held: number;
  missing: M[];
}

// ---------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------

/** The settings an analyst may change; the engine's defaults are 0.95, 0.05, 10 and 'withhold'. */
export interface StatisticsOptions {
  /** Confidence level of intervals, between 0 and 1. */
  confidenceLevel: number;
  /** Significance level of the change test. */
  alpha: number;
  /** A count under this is 'small'. */
  smallCount: number;
  /** What to do with a % change on a small base: give no figure, or give it with a flag. */
  smallPercentChange: 'withhold' | 'mark';
}

/** 'exact': Poisson limits from the chi-square (gamma) distribution; 'byar': Byar's approximation. */
export type IntervalMethod = 'exact' | 'byar';

export interface ConfidenceInterval {
  lower: number;
  upper: number;
  /** e.g. 0.95 */
  level: number;
  method: IntervalMethod;
}

/** An interval for a rate: the count's interval divided by the population, times `per`. */
export interface RateInterval extends ConfidenceInterval {
  rate: number;
  per: number;
}

export type Verdict = 'significant rise' | 'significant fall' | 'no significant change';

/** The exact conditional binomial test of two Poisson counts (as R's poisson.test). */
export interface ChangeTest {
  previous: number;
  current: number;
  /** Person-years, populations, or 1 and 1 for plain counts. */
  previousExposure: number;
  currentExposure: number;
  /** Two-sided. */
  pValue: number;
  alpha: number;
  /** Current rate ÷ previous rate; null when the previous count is 0. */
  rateRatio: number | null;
  verdict: Verdict;
}

export type CellFlag = 'small' | 'incomplete' | 'not-significant';

/** Why a % change was withheld or marked. */
export type PercentChangeReason = 'no-base' | 'small-base' | 'incomplete';

/**
 * A % change. `value` null means withheld; a non-null `reason` with a value means marked
 * (shown with a warning).
 */
export interface PercentChange {
  value: number | null;
  reason: PercentChangeReason | null;
  /** The reason in plain UK English, for a caveat or a tooltip. */
  note: string | null;
}

/** One cell compared with the same period a year earlier (or any earlier period). */
export interface CountComparison {
  previous: number;
  current: number;
  change: number;
  percentChange: PercentChange;
  /** Per 1,000 population; null when that period's population is not known. */
  previousRate: number | null;
  currentRate: number | null;
  /** Points per 1,000 (not a %); null unless both rates are known. */
  rateChange: number | null;
  /** Null when a period is incomplete: the counts are not like for like. */
  test: ChangeTest | null;
  flags: CellFlag[];
}

/** Five-number summary by Excel's QUARTILE.INC (R's type 7). */
export interface Quartiles {
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  /** Values the summary was computed from. */
  count: number;
}

/** 1 = lowest values, 4 = highest. */
export type QuartileNumber = 1 | 2 | 3 | 4;

export type Rag = 'red' | 'amber' | 'green';

export interface RagRating {
  quartile: QuartileNumber;
  rag: Rag;
}

/** 'above' / 'below': above or below the two-year monthly average in both years. */
export type SeasonalPosition = 'above' | 'below' | 'mixed' | 'unknown';

export interface SeasonalMonth<M = Month> {
  /** 1 = January. */
  calendarMonth: number;
  /** "Jan" */
  name: string;
  previousMonth: M;
  currentMonth: M;
  /** Null when the data lacks that month. */
  previous: number | null;
  current: number | null;
  position: SeasonalPosition;
}

export interface Seasonality<M = Month> {
  /** Total of both years ÷ the months held (24 when both years are complete). */
  average: number | null;
  months: SeasonalMonth<M>[];
  /** Calendar months (1–12, in the periods' order) above the average in both years. */
  aboveInBoth: number[];
  belowInBoth: number[];
  missing: M[];
}
