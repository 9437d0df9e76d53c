// UK formats: what every figure on screen looks like.
import { describe, expect, it } from 'vitest';
import { coverageText, monthLabel, monthList, monthRange, monthsBetween } from './months';
import { formatBytes, formatCount, formatMeasure, formatPercent, formatPValue, formatRate, plural } from './numbers';

describe('numbers', () => {
  it('writes counts with thousands separators, rates to 2 dp and percentages to 1 dp', () => {
    expect(formatCount(1869)).toBe('1,869');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatRate(7.5412)).toBe('7.54');
    expect(formatRate(1234.5)).toBe('1,234.50');
    expect(formatPercent(2.44)).toBe('2.4%');
  });

  it('signs changes and uses a true minus sign', () => {
    expect(formatMeasure('change', 57)).toBe('+57');
    expect(formatMeasure('change', -1200)).toBe('−1,200');
    expect(formatMeasure('rate-change', 0.234)).toBe('+0.23');
    expect(formatMeasure('pct-change', -3.06)).toBe('−3.1%');
    expect(formatMeasure('count', 0)).toBe('0');
    expect(formatMeasure('rate', null)).toBe('–');
  });

  it('sizes and plurals', () => {
    expect(formatBytes(2_363_757)).toBe('2.3 MB');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(18707, 'row')).toBe('18,707 rows');
    expect(plural(2, 'category', 'categories')).toBe('2 categories');
  });
});

describe('formatPValue', () => {
  // The Gi* table's thresholds (City of London, 2018: 99% at p ≤ 3.5e-6) as a report prints them.
  it('writes a tiny threshold out in full, never in e-notation', () => {
    expect(formatPValue(3.5e-6)).toBe('0.0000035');
    expect(formatPValue(0.0000349871)).toBe('0.000035');
  });

  it('gives four decimals from 0.0001 up', () => {
    expect(formatPValue(0.0026)).toBe('0.0026');
    expect(formatPValue(0.00812)).toBe('0.0081');
  });
});

describe('months', () => {
  it('reads months as "Jan 2022" and spans as "Jan 2017 – Dec 2018"', () => {
    expect(monthLabel('2022-01')).toBe('Jan 2022');
    expect(monthRange('2017-01', '2018-12')).toBe('Jan 2017 – Dec 2018');
    expect(monthRange('2017-01', '2017-01')).toBe('Jan 2017');
    expect(coverageText({ first: '2024-01', last: '2025-12', count: 24 })).toBe(
      'Jan 2024 – Dec 2025 (24 months)',
    );
    expect(coverageText({ first: null, last: null, count: 0 })).toBe('no months');
  });

  it('lists months as runs', () => {
    expect(monthsBetween('2017-11', '2018-02')).toEqual(['2017-11', '2017-12', '2018-01', '2018-02']);
    expect(monthList(['2017-02', '2017-01', '2017-05'])).toBe('Jan 2017 – Feb 2017, May 2017');
  });
});
