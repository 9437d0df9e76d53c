/**
 * Months. Stored as integers yyyymm (202201), shown to the contract as "2022-01", and read
 * from whatever a spreadsheet holds: "201701", "2017-01", "Jan-17", "January 2017",
 * "Jan 2017", "01/2017", an Excel date serial or a Date.
 */

export type MonthNumber = number;

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function monthNumber(year: number, month: number): MonthNumber | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12 || year < 1900 || year > 2200) {
    return null;
  }
  return year * 100 + month;
}

/** This month (UTC). Crime figures for a later month cannot be real: a file that has them is mistyped or damaged. */
export function currentMonth(now: Date = new Date()): MonthNumber {
  return now.getUTCFullYear() * 100 + now.getUTCMonth() + 1;
}

export function toIsoMonth(m: MonthNumber): string {
  return `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`;
}

export function fromIsoMonth(text: string): MonthNumber | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  return match ? monthNumber(Number(match[1]), Number(match[2])) : null;
}

export function nextMonth(m: MonthNumber): MonthNumber {
  return m % 100 === 12 ? (Math.floor(m / 100) + 1) * 100 + 1 : m + 1;
}

/** Every month from first to last inclusive. */
export function monthRange(first: MonthNumber, last: MonthNumber): MonthNumber[] {
  const out: MonthNumber[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

/** A column header of an MPS wide file: exactly six digits, yyyymm. */
export function monthFromHeader(header: string): MonthNumber | null {
  const match = /^(\d{4})(\d{2})$/.exec(header.trim());
  return match ? monthNumber(Number(match[1]), Number(match[2])) : null;
}

function twoDigitYear(yy: number): number {
  // "Jan-17" is 2017; police data before 1950 does not exist in these sources.
  return yy < 50 ? 2000 + yy : 1900 + yy;
}

/**
 * Excel's day serials count from 1899-12-30 (the 1900 leap-year bug included). Only serials
 * from 1990 to 2100 are read as dates: a plain number such as 2016 or 12 in a header is a
 * year or a count, not a day in 1905 or 1900.
 */
function fromExcelSerial(serial: number): MonthNumber | null {
  if (serial < 32_874 || serial > 73_415) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return monthNumber(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

/** Reads a month from a cell. Returns null when the cell is not a month in any form we accept. */
export function parseMonthCell(value: unknown): MonthNumber | null {
  if (value instanceof Date) {
    // SheetJS builds a date cell's Date at local midnight of the spreadsheet's date, so the
    // local calendar, not UTC, is the date the analyst typed (in summer time they differ).
    return Number.isNaN(value.getTime()) ? null : monthNumber(value.getFullYear(), value.getMonth() + 1);
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 190001 && value <= 220012) return monthFromHeader(String(value));
    return fromExcelSerial(value);
  }
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  let m = /^(\d{4})(\d{2})$/.exec(text) ?? /^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:[ t].*)?$/.exec(text);
  if (m) return monthNumber(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) return monthNumber(Number(m[2]), Number(m[1]));
  m = /^(?:\d{1,2}[-/ ])?([a-z]{3,9})[-/ ,.]*'?(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const month = MONTH_NAMES.indexOf(m[1]!.slice(0, 3)) + 1;
    if (month === 0 || !isMonthWord(m[1]!)) return null;
    const year = m[2]!.length === 2 ? twoDigitYear(Number(m[2])) : Number(m[2]);
    return monthNumber(year, month);
  }
  return null;
}

const FULL_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
function isMonthWord(word: string): boolean {
  return FULL_NAMES.some((full) => full.startsWith(word) && word.length >= 3) || word === 'sept';
}

/** "2017-05-01" for a date cell, read in the same local calendar as parseMonthCell. */
export function localIsoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
