/**
 * Periods an assessment compares: month, calendar quarter, financial quarter, calendar
 * year, financial year (April–March, "2022/23") and the rolling 12 months ending at any
 * month. Months are integers yyyymm, as in ../months.ts. A period is fixed by its kind and
 * its first month, so shifting one (a year earlier, the one before) is month arithmetic.
 * This module also says whether the data holds every month of a period, so an incomplete
 * period is never silently compared with a complete one.
 */
import type { Period, PeriodCoverage, PeriodKind } from '../../shared/analysis';
import { MONTH_NAMES } from '../../shared/workspace';
import {
  type MonthNumber,
  fromIsoMonth,
  monthNumber,
  monthRange,
  parseMonthCell,
  toIsoMonth,
} from '../months';

/** A period as the engine holds it: months as integers yyyymm. */
export type MonthPeriod = Period<MonthNumber>;

export { MONTH_NAMES } from '../../shared/workspace';

/** How many months each kind spans. */
export const PERIOD_LENGTH: Readonly<Record<PeriodKind, number>> = {
  month: 1,
  quarter: 3,
  'financial-quarter': 3,
  year: 12,
  'financial-year': 12,
  'rolling-12-months': 12,
};

/** April: the UK public sector's (and the police's) financial year starts here. */
const FINANCIAL_YEAR_START = 4;

function assertMonth(m: MonthNumber): void {
  if (!Number.isInteger(m) || monthNumber(Math.floor(m / 100), m % 100) === null) {
    throw new RangeError(`${m} is not a month (yyyymm)`);
  }
}

const yearOf = (m: MonthNumber): number => Math.floor(m / 100);
const calendarMonthOf = (m: MonthNumber): number => m % 100;

/** The month n months after m (n may be negative). */
export function addMonths(m: MonthNumber, n: number): MonthNumber {
  const index = yearOf(m) * 12 + calendarMonthOf(m) - 1 + n;
  return Math.floor(index / 12) * 100 + (index % 12) + 1;
}

/** Months from a to b: 0 for the same month, 11 from Jan to Dec. */
export function monthsBetween(a: MonthNumber, b: MonthNumber): number {
  return yearOf(b) * 12 + calendarMonthOf(b) - (yearOf(a) * 12 + calendarMonthOf(a));
}

/** "Jan 2022": months as the domain shows them. */
export function monthLabel(m: MonthNumber): string {
  return `${MONTH_NAMES[calendarMonthOf(m) - 1]} ${yearOf(m)}`;
}

/** The financial year a month falls in, by its starting year: Mar 2023 is in 2022 (2022/23). */
export function financialYearOf(m: MonthNumber): number {
  return calendarMonthOf(m) >= FINANCIAL_YEAR_START ? yearOf(m) : yearOf(m) - 1;
}

/** "2022/23"; the second year is always two digits, so 1999 gives "1999/00". */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** Calendar quarter 1–4 of a month. */
export function quarterOf(m: MonthNumber): number {
  return Math.floor((calendarMonthOf(m) - 1) / 3) + 1;
}

/** Financial quarter 1–4 of a month (Q1 = Apr–Jun). */
export function financialQuarterOf(m: MonthNumber): number {
  return Math.floor(monthsBetween(financialYear(financialYearOf(m)).first, m) / 3) + 1;
}

function labelFor(kind: PeriodKind, first: MonthNumber, last: MonthNumber): string {
  switch (kind) {
    case 'month':
      return monthLabel(first);
    case 'quarter':
      return `Q${quarterOf(first)} ${yearOf(first)}`;
    case 'financial-quarter':
      return `Q${financialQuarterOf(first)} ${financialYearLabel(financialYearOf(first))}`;
    case 'year':
      return String(yearOf(first));
    case 'financial-year':
      return financialYearLabel(yearOf(first));
    case 'rolling-12-months':
      return `12 months to ${monthLabel(last)}`;
  }
}

/** Whether a period of this kind may start at this month (a quarter at Jan/Apr/Jul/Oct, …). */
function startsCleanly(kind: PeriodKind, first: MonthNumber): boolean {
  const cm = calendarMonthOf(first);
  switch (kind) {
    case 'quarter':
    case 'financial-quarter':
      return (cm - 1) % 3 === 0;
    case 'year':
      return cm === 1;
    case 'financial-year':
      return cm === FINANCIAL_YEAR_START;
    default:
      return true;
  }
}

/** The period of a kind that starts at a month. Throws if that kind cannot start there. */
export function periodStartingAt(kind: PeriodKind, first: MonthNumber): MonthPeriod {
  assertMonth(first);
  if (!startsCleanly(kind, first))
    throw new RangeError(`A ${kind} period cannot start in ${monthLabel(first)}`);
  const last = addMonths(first, PERIOD_LENGTH[kind] - 1);
  return { kind, label: labelFor(kind, first, last), first, last };
}

export function month(m: MonthNumber): MonthPeriod {
  return periodStartingAt('month', m);
}

/** Calendar quarter q (1–4) of a year: Q1 = Jan–Mar. */
export function quarter(year: number, q: number): MonthPeriod {
  if (!Number.isInteger(q) || q < 1 || q > 4) throw new RangeError(`There is no quarter ${q}`);
  return periodStartingAt('quarter', year * 100 + (q - 1) * 3 + 1);
}

/** Financial quarter q (1–4) of the financial year starting in April of startYear. */
export function financialQuarter(startYear: number, q: number): MonthPeriod {
  if (!Number.isInteger(q) || q < 1 || q > 4) throw new RangeError(`There is no quarter ${q}`);
  return periodStartingAt(
    'financial-quarter',
    addMonths(startYear * 100 + FINANCIAL_YEAR_START, (q - 1) * 3),
  );
}

export function calendarYear(year: number): MonthPeriod {
  return periodStartingAt('year', year * 100 + 1);
}

/** April startYear to March startYear + 1: financialYear(2017) is "2017/18". */
export function financialYear(startYear: number): MonthPeriod {
  return periodStartingAt('financial-year', startYear * 100 + FINANCIAL_YEAR_START);
}

/** The 12 months ending with (and including) a month. */
export function rolling12Months(lastMonth: MonthNumber): MonthPeriod {
  assertMonth(lastMonth);
  return periodStartingAt('rolling-12-months', addMonths(lastMonth, -11));
}

/** The period of a kind holding a month; for a rolling 12 months, the one ending there. */
export function periodContaining(kind: PeriodKind, m: MonthNumber): MonthPeriod {
  assertMonth(m);
  switch (kind) {
    case 'month':
      return month(m);
    case 'quarter':
      return quarter(yearOf(m), quarterOf(m));
    case 'financial-quarter':
      return financialQuarter(financialYearOf(m), financialQuarterOf(m));
    case 'year':
      return calendarYear(yearOf(m));
    case 'financial-year':
      return financialYear(financialYearOf(m));
    case 'rolling-12-months':
      return rolling12Months(m);
  }
}

/** Every period of a kind that holds any month from first to last, in order. */
export function periodsBetween(kind: PeriodKind, first: MonthNumber, last: MonthNumber): MonthPeriod[] {
  const out: MonthPeriod[] = [];
  // Rolling years end at every month; the others step by their own length.
  const step = kind === 'rolling-12-months' ? 1 : PERIOD_LENGTH[kind];
  for (let p = periodContaining(kind, first); p.first <= last; p = shiftPeriod(p, step)) {
    if (kind === 'rolling-12-months' && p.last > last) break;
    out.push(p);
  }
  return out;
}

/** The same kind of period moved by n months (n a multiple that keeps its alignment). */
export function shiftPeriod(p: MonthPeriod, n: number): MonthPeriod {
  return periodStartingAt(p.kind, addMonths(p.first, n));
}

/** The same period a year earlier: what a year-on-year comparison sets against it. */
export function samePeriodLastYear(p: MonthPeriod): MonthPeriod {
  return shiftPeriod(p, -12);
}

/** The period just before, of the same kind: last quarter, last month, the previous 12 months. */
export function previousPeriod(p: MonthPeriod): MonthPeriod {
  return shiftPeriod(p, -PERIOD_LENGTH[p.kind]);
}

/** Every month of a period, in order. */
export function periodMonths(p: MonthPeriod): MonthNumber[] {
  return monthRange(p.first, p.last);
}

/** Whether the data holds every month of a period, and which months it lacks. */
export function periodCoverage(
  p: MonthPeriod,
  monthsHeld: ReadonlySet<MonthNumber> | readonly MonthNumber[],
): PeriodCoverage<MonthNumber> {
  const held = monthsHeld instanceof Set ? monthsHeld : new Set(monthsHeld as readonly MonthNumber[]);
  const months = periodMonths(p);
  const missing = months.filter((m) => !held.has(m));
  return {
    period: p,
    complete: missing.length === 0,
    expected: months.length,
    held: months.length - missing.length,
    missing,
  };
}

/** Coverage of two periods about to be compared; `complete` only when both are. */
export function comparisonCoverage(
  current: MonthPeriod,
  previous: MonthPeriod,
  monthsHeld: ReadonlySet<MonthNumber> | readonly MonthNumber[],
): { current: PeriodCoverage<MonthNumber>; previous: PeriodCoverage<MonthNumber>; complete: boolean } {
  const held = monthsHeld instanceof Set ? monthsHeld : new Set(monthsHeld as readonly MonthNumber[]);
  const c = periodCoverage(current, held);
  const p = periodCoverage(previous, held);
  return { current: c, previous: p, complete: c.complete && p.complete };
}

/**
 * Reads a period as an analyst types it: "2022", "2022/23", "Q1 2022", "Q1 2022/23",
 * "12 months to Dec 2022", or any month the importers accept ("Jan 2022", "2022-01").
 * Returns null for anything else rather than guessing.
 */
export function periodFromLabel(text: string): MonthPeriod | null {
  const t = text.trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})$/.exec(t);
  if (m) return calendarYear(Number(m[1]));
  m = /^(?:FY ?)?(\d{4})\/(\d{2})$/i.exec(t);
  if (m) return consecutive(m[1]!, m[2]!) ? financialYear(Number(m[1])) : null;
  m = /^Q([1-4]) (\d{4})$/i.exec(t);
  if (m) return quarter(Number(m[2]), Number(m[1]));
  m = /^Q([1-4]) (\d{4})\/(\d{2})$/i.exec(t);
  if (m) return consecutive(m[2]!, m[3]!) ? financialQuarter(Number(m[2]), Number(m[1])) : null;
  m = /^(?:rolling )?12 months (?:to|ending) (.+)$/i.exec(t);
  if (m) {
    const end = parseMonthCell(m[1]!);
    return end === null ? null : rolling12Months(end);
  }
  const single = fromIsoMonth(t) ?? parseMonthCell(t);
  return single === null ? null : month(single);
}

/** "2022/23": the two-digit year must follow the four-digit one. */
function consecutive(startYear: string, endYear: string): boolean {
  return (Number(startYear) + 1) % 100 === Number(endYear);
}

/** The contract's form of a period: months as "YYYY-MM". */
export function periodToDto(p: MonthPeriod): Period {
  return { kind: p.kind, label: p.label, first: toIsoMonth(p.first), last: toIsoMonth(p.last) };
}

/** A period from the contract, checked: its label is rebuilt, never trusted. */
export function periodFromDto(p: Period): MonthPeriod {
  const first = fromIsoMonth(p.first);
  if (first === null) throw new RangeError(`"${p.first}" is not a month (YYYY-MM)`);
  const period = periodStartingAt(p.kind, first);
  if (toIsoMonth(period.last) !== p.last) {
    throw new RangeError(
      `A ${p.kind} period starting ${p.first} ends ${toIsoMonth(period.last)}, not ${p.last}`,
    );
  }
  return period;
}

export function coverageToDto(c: PeriodCoverage<MonthNumber>): PeriodCoverage {
  return { ...c, period: periodToDto(c.period), missing: c.missing.map(toIsoMonth) };
}
