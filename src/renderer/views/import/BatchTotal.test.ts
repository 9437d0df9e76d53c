// The batch total's months: one span for files of one dataset, none across datasets. (How it
// names the rows left out is tested on real imports in tests/integration/import-left-out.test.ts.)
import { describe, expect, it } from 'vitest';
import type { ImportFileResult } from '../../../shared/importing';
import { batchMonths } from './BatchTotal';

describe('batchMonths', () => {
  const file = (dataset: string, first: string, last: string) =>
    ({ dataset, months: { first, last }, population: undefined }) as unknown as ImportFileResult;

  it('gives the months of files that joined one dataset', () => {
    // 24 police.uk months, given here as two files of a year each.
    expect(batchMonths([file('policeuk', '2017-01', '2017-12'), file('policeuk', '2018-01', '2018-12')])).toEqual({
      first: '2017-01',
      last: '2018-12',
      count: 24,
    });
  });

  it('gives none for files of different datasets, whose months would read as one span with a gap', () => {
    // The 2018-ward extract (Sep 2020 – Aug 2022) and the old borough file (Jan 2008 – Dec 2016).
    const both = [file('mps-ward-ho-2018', '2020-09', '2022-08'), file('mps-borough-old', '2008-01', '2016-12')];
    expect(batchMonths(both).count).toBe(0);
  });
});
