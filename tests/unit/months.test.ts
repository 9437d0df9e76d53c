// src/core/months.ts: reading months from cells and headers, and month arithmetic.
import { describe, expect, it } from 'vitest';
import {
  fromIsoMonth,
  monthFromHeader,
  monthNumber,
  monthRange,
  nextMonth,
  parseMonthCell,
  toIsoMonth,
} from '../../src/core/months';
import { excelSerial } from '../support/xlsx';

describe('parseMonthCell', () => {
  it('reads Excel date serials, whole or with a time of day', () => {
    // Serials computed independently: days since 1899-12-30.
    expect(excelSerial(2017, 1)).toBe(42736);
    expect(parseMonthCell(42736)).toBe(201701);
    expect(parseMonthCell(42736 + 30)).toBe(201701); // 31 Jan 2017
    expect(parseMonthCell(42736 + 31)).toBe(201702); // 1 Feb 2017
    expect(parseMonthCell(42736.75)).toBe(201701);
    expect(parseMonthCell(excelSerial(2024, 2) + 28)).toBe(202402); // 29 Feb 2024
    expect(parseMonthCell(excelSerial(2022, 12))).toBe(202212);
  });

  it('reads Date objects by their calendar month', () => {
    expect(parseMonthCell(new Date(Date.UTC(2017, 5, 15)))).toBe(201706);
    expect(parseMonthCell(new Date(Date.UTC(2019, 11, 31, 12)))).toBe(201912);
    expect(parseMonthCell(new Date(Number.NaN))).toBeNull();
  });

  it.each([
    ['Jan-17', 201701],
    ['jan-17', 201701],
    ['JAN 17', 201701],
    ["Jan '17", 201701],
    ['1-Jan-17', 201701],
    ['Sep-99', 199909],
    ['January 2017', 201701],
    ['Jan 2017', 201701],
    ['Sept 2017', 201709],
    ['september 2017', 201709],
    ['Dec-2018', 201812],
    ['2017-01', 201701],
    ['2017-1', 201701],
    ['2017/01', 201701],
    ['2017-01-15', 201701],
    ['2017-01-01T00:00:00', 201701],
    ['201701', 201701],
    [' 201712 ', 201712],
    ['01/2017', 201701],
    ['12/2016', 201612],
  ])('reads %j as %i', (text, expected) => {
    expect(parseMonthCell(text)).toBe(expected);
  });

  it('reads a yyyymm number as that month, not as a serial', () => {
    expect(parseMonthCell(201701)).toBe(201701);
    expect(parseMonthCell(202402)).toBe(202402);
  });

  it.each([
    'Total',
    '',
    '   ',
    'Janus 2017',
    'Foo-17',
    '2017-13',
    '201713',
    '13/2017',
    'Jan-17 total',
    'Ward name',
    '2017',
  ])('returns null for junk %j', (text) => {
    expect(parseMonthCell(text)).toBeNull();
  });

  it('returns null for values that are not months at all', () => {
    expect(parseMonthCell(null)).toBeNull();
    expect(parseMonthCell(undefined)).toBeNull();
    expect(parseMonthCell({})).toBeNull();
    expect(parseMonthCell(true)).toBeNull();
    expect(parseMonthCell(0)).toBeNull();
    expect(parseMonthCell(-5)).toBeNull();
    expect(parseMonthCell(10_000_000)).toBeNull();
  });
});

describe('month headers and arithmetic', () => {
  it('monthFromHeader takes exactly six digits yyyymm', () => {
    expect(monthFromHeader('201601')).toBe(201601);
    expect(monthFromHeader(' 202402 ')).toBe(202402);
    expect(monthFromHeader('201600')).toBeNull();
    expect(monthFromHeader('201613')).toBeNull();
    expect(monthFromHeader('2016011')).toBeNull();
    expect(monthFromHeader('Jan-16')).toBeNull();
    expect(monthFromHeader('MajorText')).toBeNull();
  });

  it('monthNumber rejects impossible months and years', () => {
    expect(monthNumber(2017, 1)).toBe(201701);
    expect(monthNumber(2017, 0)).toBeNull();
    expect(monthNumber(2017, 13)).toBeNull();
    expect(monthNumber(1899, 12)).toBeNull();
    expect(monthNumber(2017.5, 1)).toBeNull();
  });

  it('converts to and from "YYYY-MM"', () => {
    expect(toIsoMonth(201701)).toBe('2017-01');
    expect(toIsoMonth(202412)).toBe('2024-12');
    expect(fromIsoMonth('2017-01')).toBe(201701);
    expect(fromIsoMonth('2017-13')).toBeNull();
    expect(fromIsoMonth('2017-1')).toBeNull();
    expect(fromIsoMonth('Jan 2017')).toBeNull();
    for (const m of [201001, 201612, 202402]) expect(fromIsoMonth(toIsoMonth(m))).toBe(m);
  });

  it('nextMonth rolls over the year', () => {
    expect(nextMonth(201611)).toBe(201612);
    expect(nextMonth(201612)).toBe(201701);
  });

  it('monthRange lists every month inclusive, across years', () => {
    expect(monthRange(201611, 201702)).toEqual([201611, 201612, 201701, 201702]);
    expect(monthRange(201701, 201701)).toEqual([201701]);
    expect(monthRange(201702, 201701)).toEqual([]);
    // Apr 2010 – Feb 2024, the span of the 2022-ward MPS file: 167 months.
    expect(monthRange(201004, 202402)).toHaveLength(167);
  });
});
