// parseCount and requireColumns (src/core/importers/context.ts): reading one count cell, naming the cell on error.
import { describe, expect, it } from 'vitest';
import {
  isBlank,
  normaliseHeader,
  parseCount,
  requireColumns,
  Tally,
  type ImportContext,
} from '../../src/core/importers/context';
import { WardlensError } from '../../src/core/errors';

// parseCount and requireColumns only read the file name and header from the context.
const ctx = {
  source: { file: 'extract.csv' },
  header: ['Borough', 'Major Category', 'Minor Category', '201701', '201702'],
} as unknown as ImportContext;

/**
 * A bad count cell is noted, read as 0 so the import reads on to name every bad cell, and the
 * file refused at the end (core/importers/badCells.ts): the refusal of this one cell.
 */
function refusalOf(value: unknown, row: number, column: string): WardlensError {
  const own = { ...ctx, tally: new Tally() } as ImportContext;
  expect(parseCount(own, value, row, column)).toBe(0);
  const e = own.tally.badCells.refusal('extract.csv');
  if (!e) throw new Error(`expected ${String(value)} to be refused`);
  return e;
}

function errorOf(fn: () => unknown): WardlensError {
  try {
    fn();
  } catch (err) {
    if (err instanceof WardlensError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('parseCount', () => {
  it.each([
    [0, 0],
    [17, 17],
    ['17', 17],
    [' 42 ', 42],
    ['1,234', 1234],
    ['12,345,678', 12345678],
    ['3.0', 3],
  ])('reads %j as %i', (value, expected) => {
    expect(parseCount(ctx, value, 5, '201701')).toBe(expected);
  });

  it('returns null for a blank cell, for the caller to decide', () => {
    for (const blank of ['', '   ', null, undefined]) expect(parseCount(ctx, blank, 5, '201701')).toBeNull();
  });

  it('refuses text, naming the file, row and column', () => {
    const e = refusalOf('n/a', 7, '201702');
    expect(e.code).toBe('bad-input');
    expect(e.details).toMatchObject({ file: 'extract.csv', row: 7, column: '201702', found: 'n/a' });
    expect(e.message).toContain('extract.csv');
    expect(e.message).toContain('row 7');
    expect(e.message).toContain('201702');
  });

  it('refuses negative counts', () => {
    for (const value of [-1, '-3', '-1,000']) {
      const e = refusalOf(value, 9, '201701');
      expect(e.code).toBe('bad-input');
      expect(e.message).toMatch(/negative/);
      expect(e.details).toMatchObject({ row: 9, column: '201701' });
    }
  });

  it('refuses fractions and non-numbers', () => {
    for (const value of [2.5, '2.5', Number.NaN, '1e3', '12abc', '£5']) {
      expect(refusalOf(value, 4, '201701').code, String(value)).toBe('bad-input');
    }
  });
});

describe('requireColumns', () => {
  it('passes a row with every column', () => {
    expect(() =>
      requireColumns(ctx, 3, ['Harrow', 'Burglary', 'Burglary - Residential', '1', '2'], 5),
    ).not.toThrow();
  });

  it('names the first missing column of a row that is cut short', () => {
    const e = errorOf(() => requireColumns(ctx, 3, ['Harrow', 'Burglary', 'Burglary - Residential', '1'], 5));
    expect(e.code).toBe('bad-input');
    expect(e.details).toMatchObject({ file: 'extract.csv', row: 3, column: '201702' });
    expect(e.message).toMatch(/4 of 5 columns/);
  });
});

describe('header and blank helpers', () => {
  it('normaliseHeader trims, lower-cases and folds spaces', () => {
    expect(normaliseHeader([' Major  Category ', 'LookUp_BoroughName', null, 201601])).toEqual([
      'major category',
      'lookup_boroughname',
      '',
      '201601',
    ]);
  });
  it('isBlank is true only for rows of empty cells', () => {
    expect(isBlank(['', null, undefined, '  '])).toBe(true);
    expect(isBlank(['', 0])).toBe(false);
    expect(isBlank(['', 'x'])).toBe(false);
  });
});
