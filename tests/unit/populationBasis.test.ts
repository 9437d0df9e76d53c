// Population figures named honestly: estimate or projection as the stored source says, never by year.
import { describe, expect, it } from 'vitest';
import {
  basesSummary,
  basisOfSource,
  populationsUsedWords,
  populationYearOption,
  sourceWords,
  type YearBasis,
} from '../../src/shared/populationBasis';

const bases: YearBasis[] = [
  { year: 2010, basis: 'estimate' },
  { year: 2011, basis: 'projection' },
  { year: 2012, basis: 'projection' },
  { year: 2013, basis: 'mixed' },
  { year: 2015, basis: null },
];

describe('population basis', () => {
  it('reads the basis from the source words, not the year', () => {
    expect(basisOfSource('GLA Population Projections')).toBe('projection');
    expect(basisOfSource('ONS MYE')).toBe('estimate');
    expect(basisOfSource('Mid-year population estimates')).toBe('estimate');
    expect(basisOfSource('SUMMONS')).toBeNull(); // "MYE" inside a word is not the ONS's
    expect(basisOfSource(null)).toBeNull();
  });

  it('marks projection years in a population-year list, and leaves the rest as years', () => {
    expect([2010, 2011, 2013, 2015, 2030].map((y) => populationYearOption(y, bases))).toEqual([
      '2010',
      '2011 (projection)',
      '2013 (estimates and projections)',
      '2015',
      '2030',
    ]);
  });

  it('says which population rates use, in words', () => {
    expect(populationsUsedWords([2011, 2012], false, bases, 'both years')).toBe(
      'each year’s own population (the 2011 and 2012 projections)',
    );
    expect(populationsUsedWords([2010, 2011], false, bases, 'every period')).toBe(
      'each period’s own population (the 2010 mid-year estimate and the 2011 projection)',
    );
    expect(populationsUsedWords([2010], true, bases, 'both years')).toBe('the 2010 mid-year estimate for both years');
    expect(populationsUsedWords([2015], true, bases, 'every period')).toBe('the 2015 population for every period');
  });

  it('sums up a run of years and names sources as analysts read them', () => {
    expect(basesSummary(bases.slice(0, 3))).toBe('mid-year estimates to 2010, projections from 2011');
    expect(basesSummary(bases.slice(1, 3))).toBe('projections');
    expect(basesSummary([{ year: 2015, basis: null }])).toBeNull();
    expect(sourceWords('ONS MYE')).toBe('ONS mid-year estimates');
    expect(sourceWords(null)).toBe('source not stated');
  });
});
