// The period a pivot opens on, for the month ranges of the real MPS files (read from their
// headers here): never a part year beside a whole one.
import { openSync, readSync, closeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { data } from '../support/data';
import { openingPeriod } from '../../src/renderer/views/pivot/periods';

/** The first and last "YYYY-MM" month columns of an MPS wide file's header. */
function monthsOf(file: string): { first: string; last: string } {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(8192);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const header = buf.toString('utf8', 0, n).split(/\r?\n/)[0]!;
  const months = header.split(',').filter((c) => /^\d{6}$/.test(c)).map((c) => `${c.slice(0, 4)}-${c.slice(4)}`);
  return { first: months[0]!, last: months.at(-1)! };
}

/** How many months of each calendar year a span of months takes in. */
function monthsPerYear(first: string, last: string): Map<number, number> {
  const out = new Map<number, number>();
  for (let y = Number(first.slice(0, 4)), m = Number(first.slice(5)); `${y}-${String(m).padStart(2, '0')}` <= last; m++) {
    if (m > 12) [y, m] = [y + 1, 1];
    out.set(y, (out.get(y) ?? 0) + 1);
  }
  return out;
}

/** The months a pivot opening on `file` covers: its own span cut to the period's ends. */
function opened(file: string) {
  const held = monthsOf(file);
  const period = openingPeriod(held.first, held.last);
  const first = period.months?.from ?? held.first;
  const last = period.months?.to ?? held.last;
  return { held, period, first, last, years: monthsPerYear(first, last) };
}

describe('openingPeriod on the real files', () => {
  it('opens the 2018-wards file (Sep 2020 – Aug 2022) on its one whole year, 2021, by month', () => {
    const o = opened(data.mpsWard2018);
    expect(o.held).toEqual({ first: '2020-09', last: '2022-08' });
    expect(o.period).toEqual({ columns: 'month', months: { from: '2021-01', to: '2021-12' } });
    expect([...o.years]).toEqual([[2021, 12]]);
  });

  it('opens the recent 2022-wards file (Jan 2024 – Dec 2025) on both its years, all months', () => {
    const o = opened(data.mpsWard2022Recent);
    expect(o.period).toEqual({ columns: 'year' });
    expect([...o.years]).toEqual([[2024, 12], [2025, 12]]);
  });

  it('opens the files ending part-way through a year on the two whole years before', () => {
    // Historical wards end Feb 2024, the historical borough file Feb 2025: two whole years each.
    for (const file of [data.mpsWard2022Historical, data.mpsNewcatHistorical, data.mpsBoroughRecent]) {
      const o = opened(file);
      expect(o.period.columns, file).toBe('year');
      expect([...o.years.values()], file).toEqual([12, 12]);
      expect(Math.max(...o.years.keys()), file).toBe(Number(o.held.last.slice(0, 4)) - (o.held.last.endsWith('-12') ? 0 : 1));
    }
  });

  it('opens the recent borough file (Mar 2023 – Feb 2025) on its one whole year, 2024, by month', () => {
    const o = opened(data.mpsNewcatRecent);
    expect(o.held).toEqual({ first: '2023-03', last: '2025-02' });
    expect(o.period).toEqual({ columns: 'month', months: { from: '2024-01', to: '2024-12' } });
  });

  it('never puts a part year beside a whole one, whatever the span held', () => {
    for (const [first, last] of [
      ['2024-06', '2025-02'],
      ['2025-01', '2025-02'],
      ['2023-03', '2025-02'],
      ['2020-09', '2022-08'],
      ['2010-04', '2025-12'],
    ] as const) {
      const p = openingPeriod(first, last);
      const years = monthsPerYear(p.months?.from ?? first, p.months?.to ?? last);
      // Columns by year only when every year shown is whole; otherwise months, which are all alike.
      if (p.columns === 'year') expect([...years.values()].every((n) => n === 12), `${first}–${last}`).toBe(true);
      else expect(p.columns).toBe('month');
    }
  });
});
