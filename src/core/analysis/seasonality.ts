/**
 * Month-by-month patterns for the assessment's "Months" and "Rolling year" blocks: the
 * two-year monthly average and which calendar months sat above or below it in both years
 * (seasonality), and the rolling 12-month totals ("12 months to December compared with the
 * previous 12"). Counts come in as a map from yyyymm month to count.
 */
import type { SeasonalMonth, Seasonality, SeasonalPosition } from '../../shared/analysis';
import type { MonthNumber } from '../months';
import { MONTH_NAMES, type MonthPeriod, addMonths, periodMonths, rolling12Months } from './periods';

/**
 * Sets two twelve-month periods (two years, financial years or rolling years; the later
 * one is `current`) against their shared monthly average. Months pair by position, so a
 * financial year's April sits with the other April. A month the data lacks is left out
 * of the average and that calendar month is 'unknown'; a month exactly on the average is
 * neither above nor below, so its calendar month is 'mixed'.
 */
export function seasonality(
  counts: ReadonlyMap<MonthNumber, number>,
  previous: MonthPeriod,
  current: MonthPeriod,
): Seasonality<MonthNumber> {
  const previousMonths = periodMonths(previous);
  const currentMonths = periodMonths(current);
  if (previousMonths.length !== 12 || currentMonths.length !== 12) {
    throw new RangeError('Seasonality compares two twelve-month periods');
  }
  if (current.first !== addMonths(previous.first, 12)) {
    throw new RangeError(`${current.label} does not follow ${previous.label} by a year`);
  }

  const held = [...previousMonths, ...currentMonths].filter((m) => counts.has(m));
  const missing = [...previousMonths, ...currentMonths].filter((m) => !counts.has(m));
  const average = held.length === 0 ? null : held.reduce((sum, m) => sum + counts.get(m)!, 0) / held.length;

  const months: SeasonalMonth<MonthNumber>[] = previousMonths.map((previousMonth, i) => {
    const currentMonth = currentMonths[i]!;
    const before = counts.get(previousMonth) ?? null;
    const after = counts.get(currentMonth) ?? null;
    const calendarMonth = previousMonth % 100;
    return {
      calendarMonth,
      name: MONTH_NAMES[calendarMonth - 1]!,
      previousMonth,
      currentMonth,
      previous: before,
      current: after,
      position: positionOf(before, after, average),
    };
  });
  return {
    average,
    months,
    aboveInBoth: months.filter((m) => m.position === 'above').map((m) => m.calendarMonth),
    belowInBoth: months.filter((m) => m.position === 'below').map((m) => m.calendarMonth),
    missing,
  };
}

function positionOf(
  previous: number | null,
  current: number | null,
  average: number | null,
): SeasonalPosition {
  if (previous === null || current === null || average === null) return 'unknown';
  if (previous > average && current > average) return 'above';
  if (previous < average && current < average) return 'below';
  return 'mixed';
}

export interface RollingTotal {
  /** The month the 12 months end at. */
  month: MonthNumber;
  /** Null when the data lacks any of the 12 months: a part-year total is not a rolling year. */
  total: number | null;
  missing: MonthNumber[];
}

/** For every given month, the total of the 12 months ending there. */
export function rollingYearTotals(
  counts: ReadonlyMap<MonthNumber, number>,
  endMonths: readonly MonthNumber[],
): RollingTotal[] {
  return endMonths.map((end) => {
    const months = periodMonths(rolling12Months(end));
    const missing = months.filter((m) => !counts.has(m));
    const total = missing.length > 0 ? null : months.reduce((sum, m) => sum + counts.get(m)!, 0);
    return { month: end, total, missing };
  });
}
