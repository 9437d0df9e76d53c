/**
 * The statistics checked against values known outside the project: textbook exact Poisson
 * limits, Byar's formula worked by hand (bc), p-values R prints in its own help pages, and
 * exact binomial sums done here with BigInt integer arithmetic (no floating point, no
 * library), so a slip in the library wiring or the two-sided logic cannot hide.
 */
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import { describe, expect, it } from 'vitest';
import {
  byarsInterval,
  compareCounts,
  competitionRanks,
  countFlags,
  countInterval,
  EXACT_MAX_COUNT,
  exactPoissonInterval,
  percentChange,
  poissonChangeTest,
  quartileInc,
  quartiles,
  ragRating,
  ragRatings,
  rate,
  rateInterval,
  rollingYearTotals,
  seasonality,
  twoSidedBinomialPValue,
} from '../../src/core/analysis/statistics';
import { calendarYear, financialYear } from '../../src/core/analysis/periods';
import { monthRange } from '../../src/core/months';

// ---------------------------------------------------------------------------------------
// Independent references
// ---------------------------------------------------------------------------------------

/**
 * P(X ≤ x) for X ~ Poisson(mu), by summing the pmf term by term (no gamma function). The
 * terms are carried as logarithms so e^−mu cannot underflow for large mu.
 */
function poissonCdf(x: number, mu: number): number {
  let logTerm = -mu;
  let sum = Math.exp(logTerm);
  for (let k = 1; k <= x; k++) {
    logTerm += Math.log(mu / k);
    sum += Math.exp(logTerm);
  }
  return sum;
}

/**
 * Exact two-sided p-value of x ~ Binomial(n, a/b) in integers: P(k) ∝ C(n,k)·a^k·(b−a)^(n−k),
 * summed over every k no likelier than x. Ties are exact here, which is what R's 1e-7 fuzz
 * stands in for in floating point.
 */
function exactBinomialPValue(x: number, n: number, a: number, b: number): number {
  const A = BigInt(a);
  const B = BigInt(b);
  const N = BigInt(n);
  const weights: bigint[] = [];
  let choose = 1n;
  for (let k = 0; k <= n; k++) {
    weights.push(choose * A ** BigInt(k) * (B - A) ** BigInt(n - k));
    choose = (choose * (N - BigInt(k))) / BigInt(k + 1);
  }
  const observed = weights[x]!;
  const sum = weights.filter((w) => w <= observed).reduce((s, w) => s + w, 0n);
  return Number((sum * 10n ** 18n) / B ** N) / 1e18;
}

/** R's binom.test two-sided branch, literally: count every far-side outcome one by one. */
function rLiteralPValue(x: number, n: number, p: number): number {
  const relErr = 1 + 1e-7;
  const d = binomialPmf(x, n, p);
  const m = n * p;
  if (x === m) return 1;
  if (x < m) {
    let y = 0;
    for (let i = Math.ceil(m); i <= n; i++) if (binomialPmf(i, n, p) <= d * relErr) y++;
    return Math.min(1, binomialCdf(x, n, p) + (1 - binomialCdf(n - y, n, p)));
  }
  let y = 0;
  for (let i = 0; i <= Math.floor(m); i++) if (binomialPmf(i, n, p) <= d * relErr) y++;
  return Math.min(1, (y - 1 < 0 ? 0 : binomialCdf(y - 1, n, p)) + (1 - binomialCdf(x - 1, n, p)));
}

// ---------------------------------------------------------------------------------------
// Intervals
// ---------------------------------------------------------------------------------------

describe('exact Poisson interval', () => {
  it('matches the textbook 95% limits for small counts', () => {
    // Garwood limits as tabulated in e.g. Armitage & Berry and the PHE technical guide.
    const table: [number, number, number][] = [
      [0, 0, 3.689],
      [1, 0.0253, 5.572],
      [5, 1.623, 11.668],
      [10, 4.795, 18.39],
    ];
    for (const [count, lower, upper] of table) {
      const ci = exactPoissonInterval(count);
      expect(ci.lower).toBeCloseTo(lower, 3);
      expect(ci.upper).toBeCloseTo(upper, 3);
      expect(ci.method).toBe('exact');
    }
  });

  it('puts exactly (1 − level)/2 in each tail, checked by summing the Poisson pmf', () => {
    for (const level of [0.9, 0.95, 0.998]) {
      const tail = (1 - level) / 2;
      for (const count of [...Array.from({ length: 31 }, (_, i) => i), 99, 250, EXACT_MAX_COUNT]) {
        const { lower, upper } = exactPoissonInterval(count, level);
        // Upper limit U: seeing `count` or fewer is only `tail` likely.
        expect(poissonCdf(count, upper)).toBeCloseTo(tail, 9);
        // Lower limit L: seeing `count` or more is only `tail` likely.
        if (count > 0) expect(1 - poissonCdf(count - 1, lower)).toBeCloseTo(tail, 9);
        else expect(lower).toBe(0);
      }
    }
  });

  it('rejects counts that are not whole and levels outside (0, 1)', () => {
    expect(() => exactPoissonInterval(-1)).toThrow(RangeError);
    expect(() => exactPoissonInterval(2.5)).toThrow(RangeError);
    expect(() => exactPoissonInterval(5, 95)).toThrow(RangeError);
  });

  it('refuses counts where the gamma quantile of the library is no longer trusted', () => {
    expect(() => exactPoissonInterval(EXACT_MAX_COUNT + 1)).toThrow(/countInterval/);
    // countInterval never goes there: from 10 up it is Byar's, which needs no library.
    expect(countInterval(1000).upper).toBeCloseTo(1063.9526, 4); // bc: 1001·(1 − 1/9009 + z/(3√1001))³
  });
});

describe("Byar's interval and the PHE switch-over", () => {
  it('matches the formula worked by hand for 100 (bc: 81.3621, 121.6279)', () => {
    const ci = byarsInterval(100);
    expect(ci.lower).toBeCloseTo(81.3621, 4);
    expect(ci.upper).toBeCloseTo(121.6279, 4);
    expect(ci.method).toBe('byar');
  });

  it('stays within 0.01 of the exact limits from 10 up, which is why PHE switches there', () => {
    for (const count of [10, 25, 100, 250, 500]) {
      const byar = byarsInterval(count);
      const exact = exactPoissonInterval(count);
      expect(Math.abs(byar.lower - exact.lower)).toBeLessThan(0.01);
      expect(Math.abs(byar.upper - exact.upper)).toBeLessThan(0.01);
    }
    // …but not below it: at 1 Byar's lower limit is visibly off (0.0131 against 0.0253).
    expect(Math.abs(byarsInterval(1).lower - exactPoissonInterval(1).lower)).toBeGreaterThan(0.01);
  });

  it('uses exact limits under 10 and Byar from 10', () => {
    expect(countInterval(9).method).toBe('exact');
    expect(countInterval(10).method).toBe('byar');
    expect(countInterval(10).lower).toBeCloseTo(4.7874, 4); // Byar, not the exact 4.7954
    expect(countInterval(0)).toEqual({
      lower: 0,
      upper: expect.closeTo(3.6889, 4),
      level: 0.95,
      method: 'exact',
    });
  });

  it('honours another confidence level (PHE also publishes 99.8%)', () => {
    const ci95 = countInterval(65);
    const ci998 = countInterval(65, 0.998);
    expect(ci998.level).toBe(0.998);
    expect(ci998.lower).toBeLessThan(ci95.lower);
    expect(ci998.upper).toBeGreaterThan(ci95.upper);
  });
});

describe('rates and their intervals', () => {
  it('is count ÷ population × 1,000, blank (null) without a population', () => {
    expect(rate(1869, 247_880)).toBeCloseTo(7.54, 2);
    expect(rate(5, null)).toBeNull();
    expect(rate(5, 0)).toBeNull();
  });

  it("divides the count's interval by the population", () => {
    const ci = rateInterval(5, 2000)!;
    expect(ci.rate).toBe(2.5);
    expect(ci.lower).toBeCloseTo(1.623 / 2, 3);
    expect(ci.upper).toBeCloseTo(11.668 / 2, 3);
    expect(ci.per).toBe(1000);
    expect(rateInterval(5, undefined)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------
// Is the change more than noise?
// ---------------------------------------------------------------------------------------

describe('two-sided exact binomial p-value', () => {
  it('reproduces p-values R prints in its own help pages', () => {
    // ?binom.test: binom.test(c(682, 243), p = 3/4) → p-value = 0.3825
    expect(twoSidedBinomialPValue(682, 925, 0.75)).toBeCloseTo(0.3825, 4);
    // ?poisson.test: poisson.test(c(11, 6+8+7), c(800, 1083+1050+878)) → p-value = 0.07967
    const t = poissonChangeTest({ previous: 11, current: 21, previousExposure: 800, currentExposure: 3011 });
    expect(t.pValue).toBeCloseTo(0.07967, 5);
  });

  it('agrees with exact integer sums', () => {
    const cases: [number, number, number, number][] = [
      // x, n, p = a/b
      [11, 32, 800, 3811],
      [682, 925, 3, 4],
      [10, 30, 1, 2],
      [0, 12, 1, 2],
      [25, 25, 1, 3],
      [40, 200, 1, 3],
      [1812, 3681, 1, 2],
      // A London-sized total (20,000 crimes over two years), where a library's tails could drift.
      [9900, 20000, 1, 2],
    ];
    for (const [x, n, a, b] of cases) {
      const expected = exactBinomialPValue(x, n, a, b);
      expect(twoSidedBinomialPValue(x, n, a / b)).toBeCloseTo(expected, 10);
    }
  });

  it('counts an equally likely outcome on the far side (the tie R fuzzes for)', () => {
    // Binomial(10, ½): P(3) = P(7) exactly, so p = P(X ≤ 3) + P(X ≥ 7) = 2·176/1024.
    expect(twoSidedBinomialPValue(3, 10, 0.5)).toBeCloseTo(352 / 1024, 12);
    expect(twoSidedBinomialPValue(5, 10, 0.5)).toBe(1);
    // Binomial(5, ⅓): P(1) = P(2) = 80/243 exactly, but in floating point P(1) comes out an
    // ulp larger; without R's fuzz x = 2 would get 163/243 instead of 1.
    expect(twoSidedBinomialPValue(2, 5, 1 / 3)).toBeCloseTo(1, 12);
    // Binomial(20, ⅓): P(6) = P(7) exactly; the same trap one step from the mode.
    expect(twoSidedBinomialPValue(6, 20, 1 / 3)).toBeCloseTo(exactBinomialPValue(6, 20, 1, 3), 12);
  });

  it("gives R's answer by binary search where R counts one by one", () => {
    // A fixed pseudo-random walk over counts and exposures, the way a pivot would meet them.
    let seed = 20220401;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 300; i++) {
      const n = 1 + Math.floor(next() * 600);
      const x = Math.floor(next() * (n + 1));
      const p = 0.05 + next() * 0.9;
      expect(twoSidedBinomialPValue(x, n, p)).toBeCloseTo(rLiteralPValue(x, n, p), 10);
    }
  });
});

describe('poissonChangeTest', () => {
  it("finds the domain brief's burglary rise (1,812 → 1,869) to be no significant change", () => {
    // Rates 7.31 → 7.54 per 1,000 come from one population (about 247,880) for both years, so
    // the test is on the counts: under "no change" the earlier count is Binomial(3,681, ½),
    // mean 1,840.5, standard deviation √(3,681/4) ≈ 30.3. 1,812 is 28.5 below the mean, under
    // one standard deviation, so p ≈ 0.36 — a rise of 57 is well within noise.
    const t = poissonChangeTest({
      previous: 1812,
      current: 1869,
      previousExposure: 247_880,
      currentExposure: 247_880,
    });
    expect(t.pValue).toBeCloseTo(exactBinomialPValue(1812, 3681, 1, 2), 10);
    expect(t.pValue).toBeCloseTo(0.356, 3);
    expect(t.verdict).toBe('no significant change');
    expect(t.rateRatio).toBeCloseTo(1869 / 1812, 12);
  });

  it('calls a large rise significant, with a p-value from exact sums', () => {
    const t = poissonChangeTest({ previous: 100, current: 150 });
    expect(t.pValue).toBeCloseTo(exactBinomialPValue(100, 250, 1, 2), 10);
    expect(t.pValue).toBeLessThan(0.01);
    expect(t.verdict).toBe('significant rise');
    expect(poissonChangeTest({ previous: 150, current: 100 }).verdict).toBe('significant fall');
  });

  it('judges direction by the rates, not the counts', () => {
    // More crimes (1,100 against 1,000) in twice the population: the rate fell by 45%.
    const t = poissonChangeTest({
      previous: 1000,
      current: 1100,
      previousExposure: 100_000,
      currentExposure: 200_000,
    });
    expect(t.verdict).toBe('significant fall');
    expect(t.rateRatio).toBeCloseTo(0.55, 12);
  });

  it('takes alpha from the analyst', () => {
    // The R example above (p = 0.0797): noise at 5%, a fall at 10%.
    const input = { previous: 11, current: 21, previousExposure: 800, currentExposure: 3011 };
    expect(poissonChangeTest(input).verdict).toBe('no significant change');
    expect(poissonChangeTest(input, 0.1).verdict).toBe('significant fall');
  });

  it('handles empty periods and refuses nonsense', () => {
    const none = poissonChangeTest({ previous: 0, current: 0 });
    expect(none.pValue).toBe(1);
    expect(none.verdict).toBe('no significant change');
    expect(none.rateRatio).toBeNull();
    // 0 → 8 with equal exposures: P = 2·(½)^8 = 1/128.
    expect(poissonChangeTest({ previous: 0, current: 8 }).pValue).toBeCloseTo(2 / 256, 12);
    expect(() => poissonChangeTest({ previous: -1, current: 3 })).toThrow(RangeError);
    expect(() => poissonChangeTest({ previous: 1, current: 3, currentExposure: 0 })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------
// % change and flags
// ---------------------------------------------------------------------------------------

describe('percentChange', () => {
  it('gives the % change on a sound base', () => {
    expect(percentChange(1812, 1869)).toEqual({ value: expect.closeTo(3.1457, 4), reason: null, note: null });
    expect(percentChange(20, 15).value).toBe(-25);
  });

  it('withholds it when last year had none', () => {
    expect(percentChange(0, 4)).toMatchObject({ value: null, reason: 'no-base' });
  });

  it('withholds it on a small base (3 → 6 is +100% and means nothing), or marks it if asked', () => {
    const withheld = percentChange(3, 6);
    expect(withheld.value).toBeNull();
    expect(withheld.reason).toBe('small-base');
    expect(withheld.note).toContain('under 10');
    expect(percentChange(3, 6, { smallPercentChange: 'mark' })).toMatchObject({
      value: 100,
      reason: 'small-base',
    });
    expect(percentChange(9, 12).value).toBeNull();
    expect(percentChange(10, 12).value).toBeCloseTo(20, 12);
    // The threshold is the analyst's.
    expect(percentChange(3, 6, { smallCount: 3 }).value).toBe(100);
  });
});

describe('flags', () => {
  it('flags a single small or incomplete count', () => {
    expect(countFlags(9)).toEqual(['small']);
    expect(countFlags(10)).toEqual([]);
    expect(countFlags(50, true)).toEqual(['incomplete']);
    expect(countFlags(4, false, { smallCount: 3 })).toEqual([]);
  });

  it('compares a cell with the year before: rates, rate change, test and flags', () => {
    const c = compareCounts({
      previous: 1812,
      current: 1869,
      previousPopulation: 247_880,
      currentPopulation: 247_880,
    });
    expect(c.change).toBe(57);
    expect(c.previousRate).toBeCloseTo(7.31, 2);
    expect(c.currentRate).toBeCloseTo(7.54, 2);
    expect(c.rateChange).toBeCloseTo(0.23, 2);
    expect(c.test?.verdict).toBe('no significant change');
    expect(c.flags).toEqual(['not-significant']);
  });

  it('flags a small cell and still tests it', () => {
    const c = compareCounts({ previous: 3, current: 6 });
    expect(c.flags).toEqual(['small', 'not-significant']);
    expect(c.percentChange.value).toBeNull();
    expect(c.rateChange).toBeNull();
  });

  it('withholds the % change and the test when a period is incomplete', () => {
    const c = compareCounts({ previous: 1200, current: 900, currentIncomplete: true });
    expect(c.flags).toEqual(['incomplete']);
    expect(c.test).toBeNull();
    expect(c.percentChange).toMatchObject({ value: null, reason: 'incomplete' });
    expect(c.change).toBe(-300);
  });

  it('tests rates when the populations differ, counts when they are not known', () => {
    const byRate = compareCounts({
      previous: 1000,
      current: 1100,
      previousPopulation: 100_000,
      currentPopulation: 200_000,
    });
    expect(byRate.test?.verdict).toBe('significant fall');
    const byCount = compareCounts({ previous: 1000, current: 1100, previousPopulation: 100_000 });
    expect(byCount.test?.verdict).toBe('significant rise');
    expect(byCount.currentRate).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------
// Quartiles, RAG, ranks
// ---------------------------------------------------------------------------------------

describe('quartiles (Excel QUARTILE.INC)', () => {
  it("reproduces Microsoft's worked example: QUARTILE.INC({1,2,4,7,8,9,10,12}, 1) = 3.5", () => {
    const data = [1, 2, 4, 7, 8, 9, 10, 12];
    expect(quartileInc(data, 1)).toBe(3.5);
    expect(quartiles(data)).toEqual({ min: 1, q1: 3.5, median: 7.5, q3: 9.25, max: 12, count: 8 });
  });

  it('is the inclusive method, not QUARTILE.EXC', () => {
    // Microsoft's QUARTILE.EXC example gives 15 and 43 for this set; INC interpolates at
    // positions 2.5 and 7.5 instead.
    const data = [6, 7, 15, 36, 39, 40, 41, 42, 43, 47, 49];
    expect(quartileInc(data, 1)).toBe(25.5);
    expect(quartileInc(data, 3)).toBe(42.5);
  });

  it('sorts, leaves out blanks, and copes with one value', () => {
    expect(quartiles([0.4, null, -0.2, 0.1, Number.NaN, 0.3]).q1).toBeCloseTo(0.025, 12);
    expect(quartiles([2])).toEqual({ min: 2, q1: 2, median: 2, q3: 2, max: 2, count: 1 });
    expect(() => quartiles([null])).toThrow(RangeError);
  });
});

describe('RAG rating by quartile of rate change', () => {
  it('rates 32 boroughs 8 red (largest rises), 16 amber, 8 green (largest falls)', () => {
    const rateChanges = Array.from({ length: 32 }, (_, i) => (i - 16) / 10);
    const { ratings, quartiles: q } = ragRatings(rateChanges);
    expect(q?.q3).toBeCloseTo(0.725, 12); // position 23.25 between 0.7 and 0.8
    const count = (rag: string): number => ratings.filter((r) => r?.rag === rag).length;
    expect([count('red'), count('amber'), count('green')]).toEqual([8, 16, 8]);
    expect(ratings[31]).toEqual({ quartile: 4, rag: 'red' });
    expect(ratings[0]).toEqual({ quartile: 1, rag: 'green' });
  });

  it('keeps the cut values amber and a set with no spread all amber', () => {
    const q = quartiles([1, 2, 3, 4, 5]); // Q1 = 2, Q3 = 4
    expect(ragRating(4, q).rag).toBe('amber');
    expect(ragRating(4.01, q).rag).toBe('red');
    expect(ragRating(2, q).rag).toBe('amber');
    expect(ragRating(1.99, q).rag).toBe('green');
    expect(ragRatings([0, 0, 0, 0]).ratings.map((r) => r?.rag)).toEqual(['amber', 'amber', 'amber', 'amber']);
  });

  it('swaps the colours where higher is better, and leaves an area with no rate unrated', () => {
    const q = quartiles([1, 2, 3, 4, 5]);
    expect(ragRating(5, q, false)).toEqual({ quartile: 4, rag: 'green' });
    expect(ragRatings([1, null, 5]).ratings[1]).toBeNull();
    expect(ragRatings([null]).quartiles).toBeNull();
  });
});

describe('competition ranks', () => {
  it('ranks ties as analysts expect: 1, 2, 2, 4', () => {
    expect(competitionRanks([50, 40, 40, 30])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([30, 40, 50, 40])).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([30, 40, 50, 40], 'ascending')).toEqual([1, 2, 4, 2]);
  });

  it('leaves areas with no value unranked', () => {
    expect(competitionRanks([5, null, 7, Number.NaN])).toEqual([2, null, 1, null]);
  });
});

// ---------------------------------------------------------------------------------------
// Seasonality and rolling years
// ---------------------------------------------------------------------------------------

describe('seasonality', () => {
  const y2021 = [10, 8, 9, 10, 12, 20, 22, 21, 10, 9, 8, 13];
  const y2022 = [11, 7, 10, 9, 12, 19, 24, 6, 12, 10, 9, 11];
  const counts = new Map<number, number>();
  monthRange(202101, 202112).forEach((m, i) => counts.set(m, y2021[i]!));
  monthRange(202201, 202212).forEach((m, i) => counts.set(m, y2022[i]!));

  it('finds the months above and below the two-year monthly average in both years', () => {
    const s = seasonality(counts, calendarYear(2021), calendarYear(2022));
    // 152 + 140 = 292 over 24 months.
    expect(s.average).toBeCloseTo(292 / 24, 12); // 12.1667
    expect(s.aboveInBoth).toEqual([6, 7]); // Jun, Jul (Aug fell to 6 in 2022; Dec 13 then 11)
    expect(s.belowInBoth).toEqual([1, 2, 3, 4, 5, 9, 10, 11]); // May: 12 and 12, both under 12.17
    expect(s.months[7]).toMatchObject({ name: 'Aug', previous: 21, current: 6, position: 'mixed' });
    expect(s.missing).toEqual([]);
  });

  it('pairs a financial year month by month and says which months are missing', () => {
    const partial = new Map(counts);
    partial.delete(202105);
    const s = seasonality(partial, financialYear(2020), financialYear(2021));
    expect(s.months[0]).toMatchObject({ calendarMonth: 4, previousMonth: 202004, currentMonth: 202104 });
    // The data starts in Jan 2021, so 2020/21 lacks Apr–Dec 2020; May 2021 was taken out of 2021/22.
    expect(s.missing).toEqual([...monthRange(202004, 202012), 202105]);
    expect(s.months[0]).toMatchObject({ previous: null, current: 10, position: 'unknown' });
    expect(s.months[9]).toMatchObject({ name: 'Jan', previous: 10, current: 11 });
    // Average over the 14 months held: Jan–Mar 2021 (27) and 2021/22 less May 2021 (…).
    const held = [...monthRange(202101, 202104), ...monthRange(202106, 202203)];
    expect(s.average).toBeCloseTo(held.reduce((sum, m) => sum + counts.get(m)!, 0) / 14, 12);
  });

  it('refuses periods that are not a year apart', () => {
    expect(() => seasonality(counts, calendarYear(2020), calendarYear(2022))).toThrow(RangeError);
  });
});

describe('rolling 12-month totals', () => {
  it('totals the 12 months ending at each month, and gives none for a part year', () => {
    const counts = new Map<number, number>(monthRange(202101, 202212).map((m) => [m, m % 100]));
    const totals = rollingYearTotals(counts, [202012, 202112, 202201, 202212]);
    expect(totals.map((t) => t.total)).toEqual([null, 78, 78, 78]);
    expect(totals[0]!.missing).toHaveLength(12);
  });
});
