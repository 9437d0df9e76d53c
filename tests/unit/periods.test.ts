/**
 * Periods as an analyst writes them, checked against the calendar by hand: financial years
 * run April to March ("2017/18"), calendar quarters start in January, financial quarters in
 * April, and a rolling year is the twelve months ending at a month.
 */
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  calendarYear,
  comparisonCoverage,
  coverageToDto,
  financialQuarter,
  financialQuarterOf,
  financialYear,
  financialYearLabel,
  financialYearOf,
  month,
  monthLabel,
  monthsBetween,
  periodContaining,
  periodCoverage,
  periodFromDto,
  periodFromLabel,
  periodMonths,
  periodStartingAt,
  periodToDto,
  periodsBetween,
  previousPeriod,
  quarter,
  quarterOf,
  rolling12Months,
  samePeriodLastYear,
} from '../../src/core/analysis/periods';
import { monthRange } from '../../src/core/months';

describe('month arithmetic', () => {
  it('crosses year ends both ways', () => {
    expect(addMonths(202212, 1)).toBe(202301);
    expect(addMonths(202301, -1)).toBe(202212);
    expect(addMonths(202203, -12)).toBe(202103);
    expect(addMonths(202201, -25)).toBe(201912);
    expect(monthsBetween(202101, 202212)).toBe(23);
    expect(monthsBetween(202212, 202101)).toBe(-23);
  });

  it('labels months as the reports do', () => {
    expect(monthLabel(202201)).toBe('Jan 2022');
    expect(monthLabel(201712)).toBe('Dec 2017');
  });
});

describe('financial years', () => {
  it('run April to March and are labelled "2017/18"', () => {
    expect(financialYear(2017)).toEqual({
      kind: 'financial-year',
      label: '2017/18',
      first: 201704,
      last: 201803,
    });
    expect(periodMonths(financialYear(2017))).toHaveLength(12);
    expect(financialYearLabel(1999)).toBe('1999/00');
    expect(financialYearLabel(2009)).toBe('2009/10');
  });

  it('put March in the year before and April in the new one', () => {
    expect(financialYearOf(202303)).toBe(2022);
    expect(financialYearOf(202304)).toBe(2023);
    expect(financialYearOf(202301)).toBe(2022);
    expect(periodContaining('financial-year', 202302).label).toBe('2022/23');
  });
});

describe('quarters', () => {
  it('calendar quarters start in January: Q1 2022 is Jan–Mar', () => {
    expect(quarter(2022, 1)).toEqual({ kind: 'quarter', label: 'Q1 2022', first: 202201, last: 202203 });
    expect(quarter(2022, 4)).toMatchObject({ first: 202210, last: 202212, label: 'Q4 2022' });
    expect([202201, 202203, 202204, 202209, 202210, 202212].map(quarterOf)).toEqual([1, 1, 2, 3, 4, 4]);
  });

  it('financial quarters start in April: Q4 2022/23 is Jan–Mar 2023', () => {
    expect(financialQuarter(2022, 1)).toEqual({
      kind: 'financial-quarter',
      label: 'Q1 2022/23',
      first: 202204,
      last: 202206,
    });
    expect(financialQuarter(2022, 4)).toMatchObject({ first: 202301, last: 202303, label: 'Q4 2022/23' });
    expect([202204, 202207, 202212, 202301, 202303].map(financialQuarterOf)).toEqual([1, 2, 3, 4, 4]);
    expect(periodContaining('financial-quarter', 202302).label).toBe('Q4 2022/23');
  });

  it('refuses quarters that do not exist or start mid-quarter', () => {
    expect(() => quarter(2022, 5)).toThrow(RangeError);
    expect(() => periodStartingAt('quarter', 202202)).toThrow(RangeError);
    expect(() => periodStartingAt('financial-year', 202201)).toThrow(RangeError);
    expect(() => month(202213)).toThrow(RangeError);
  });
});

describe('rolling 12 months', () => {
  it('is the twelve months ending at (and including) a month', () => {
    expect(rolling12Months(202212)).toEqual({
      kind: 'rolling-12-months',
      label: '12 months to Dec 2022',
      first: 202201,
      last: 202212,
    });
    expect(rolling12Months(202203)).toMatchObject({ first: 202104, last: 202203 });
    expect(periodMonths(rolling12Months(202203))).toEqual(monthRange(202104, 202203));
  });

  it('compares with the previous 12 months, which is the same period a year earlier', () => {
    const p = rolling12Months(202212);
    expect(previousPeriod(p)).toEqual(rolling12Months(202112));
    expect(samePeriodLastYear(p)).toEqual(rolling12Months(202112));
  });
});

describe('the same period a year earlier, and the one before', () => {
  it('moves every kind back twelve months', () => {
    expect(samePeriodLastYear(month(202201)).label).toBe('Jan 2021');
    expect(samePeriodLastYear(quarter(2022, 1)).label).toBe('Q1 2021');
    expect(samePeriodLastYear(financialQuarter(2022, 4)).label).toBe('Q4 2021/22');
    expect(samePeriodLastYear(calendarYear(2022))).toEqual(calendarYear(2021));
    expect(samePeriodLastYear(financialYear(2017))).toEqual(financialYear(2016));
  });

  it('steps back one period of the same kind', () => {
    expect(previousPeriod(month(202201)).label).toBe('Dec 2021');
    expect(previousPeriod(quarter(2022, 1)).label).toBe('Q4 2021');
    expect(previousPeriod(financialQuarter(2022, 1)).label).toBe('Q4 2021/22');
    expect(previousPeriod(calendarYear(2022)).label).toBe('2021');
  });
});

describe('periodsBetween', () => {
  it('lists every period touching the range', () => {
    expect(periodsBetween('financial-year', 201701, 201912).map((p) => p.label)).toEqual([
      '2016/17',
      '2017/18',
      '2018/19',
      '2019/20',
    ]);
    expect(periodsBetween('quarter', 202202, 202207).map((p) => p.label)).toEqual([
      'Q1 2022',
      'Q2 2022',
      'Q3 2022',
    ]);
    expect(periodsBetween('month', 202211, 202302)).toHaveLength(4);
  });

  it('lists a rolling year ending at every month of the range', () => {
    const rolling = periodsBetween('rolling-12-months', 202201, 202206);
    expect(rolling.map((p) => p.last)).toEqual(monthRange(202201, 202206));
    expect(rolling[0]!.first).toBe(202102);
  });
});

describe('completeness', () => {
  // Data from Apr 2021 to Nov 2022, with Aug 2022 absent from the extract.
  const held = monthRange(202104, 202211).filter((m) => m !== 202208);

  it('says a period is complete only when every month is held', () => {
    expect(periodCoverage(financialYear(2021), held)).toMatchObject({
      complete: true,
      expected: 12,
      held: 12,
    });
    const y2022 = periodCoverage(calendarYear(2022), held);
    expect(y2022.complete).toBe(false);
    expect(y2022.held).toBe(10);
    expect(y2022.missing).toEqual([202208, 202212]);
    expect(periodCoverage(calendarYear(2021), new Set(held)).missing).toEqual([202101, 202102, 202103]);
  });

  it('flags a comparison when either side lacks months', () => {
    const c = comparisonCoverage(rolling12Months(202211), rolling12Months(202111), held);
    expect(c.previous.complete).toBe(false); // Dec 2020 – Mar 2021 are not held
    expect(c.current.missing).toEqual([202208]);
    expect(c.complete).toBe(false);
    expect(comparisonCoverage(quarter(2022, 2), quarter(2021, 2), held).complete).toBe(true);
  });

  it('carries months as "YYYY-MM" in the contract', () => {
    const dto = coverageToDto(periodCoverage(calendarYear(2022), held));
    expect(dto.missing).toEqual(['2022-08', '2022-12']);
    expect(dto.period).toEqual({ kind: 'year', label: '2022', first: '2022-01', last: '2022-12' });
  });
});

describe('labels and the contract', () => {
  it('reads the periods an analyst types', () => {
    expect(periodFromLabel('2022')).toEqual(calendarYear(2022));
    expect(periodFromLabel('2017/18')).toEqual(financialYear(2017));
    expect(periodFromLabel('FY 1999/00')).toEqual(financialYear(1999));
    expect(periodFromLabel('q3 2022')).toEqual(quarter(2022, 3));
    expect(periodFromLabel('Q1 2022/23')).toEqual(financialQuarter(2022, 1));
    expect(periodFromLabel('12 months to Dec 2022')).toEqual(rolling12Months(202212));
    expect(periodFromLabel('Jan 2022')).toEqual(month(202201));
    expect(periodFromLabel('2022-01')).toEqual(month(202201));
  });

  it('reads back every label it writes', () => {
    const periods = [
      month(202202),
      quarter(2021, 2),
      financialQuarter(2020, 3),
      calendarYear(2019),
      financialYear(2018),
      rolling12Months(202305),
    ];
    for (const p of periods) expect(periodFromLabel(p.label)).toEqual(p);
  });

  it('refuses what it cannot read rather than guess', () => {
    expect(periodFromLabel('2017/19')).toBeNull();
    expect(periodFromLabel('Q5 2022')).toBeNull();
    expect(periodFromLabel('last year')).toBeNull();
    expect(periodFromLabel('12 months to sometime')).toBeNull();
  });

  it('round-trips the contract form and rebuilds the label', () => {
    const dto = periodToDto(financialYear(2017));
    expect(dto).toEqual({ kind: 'financial-year', label: '2017/18', first: '2017-04', last: '2018-03' });
    expect(periodFromDto({ ...dto, label: 'anything' })).toEqual(financialYear(2017));
    expect(() => periodFromDto({ ...dto, last: '2018-12' })).toThrow(RangeError);
    expect(() => periodFromDto({ ...dto, first: '2017-13' })).toThrow(RangeError);
  });
});
