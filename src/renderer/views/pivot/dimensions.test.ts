// The pivot a dataset opens with: the last two whole calendar years it holds, never a full year
// beside a part-year; with one whole year, that year by month (the MPS borough extract ends in Feb 2025 and opened on 2024 against Jan–Feb 2025).
import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../../shared/workspace';
import { defaultSpec } from './dimensions';

const counts = (first: string, last: string) =>
  ({ key: 'd', kind: 'counts', areaLevel: 'borough', months: { first, last } }) as unknown as DatasetSummary;

describe('defaultSpec', () => {
  it('opens an extract ending in December on its last two years', () => {
    expect(defaultSpec(counts('2024-01', '2025-12')).months).toBeUndefined();
    expect(defaultSpec(counts('2010-04', '2025-12')).months).toEqual({ from: '2024-01' });
  });

  it('opens an extract ending part-way through a year on the two whole years before it', () => {
    expect(defaultSpec(counts('2010-04', '2025-02')).months).toEqual({ from: '2023-01', to: '2024-12' });
    // Mar 2023 – Feb 2025 holds one whole year: 2024, by month, not Mar–Dec 2023 beside it.
    expect(defaultSpec(counts('2023-03', '2025-02'))).toMatchObject({
      columns: ['month'],
      months: { from: '2024-01', to: '2024-12' },
    });
  });

  it('opens a dataset with no whole year on all its months, by month', () => {
    expect(defaultSpec(counts('2025-01', '2025-02'))).not.toHaveProperty('months');
    expect(defaultSpec(counts('2025-01', '2025-02')).columns).toEqual(['month']);
    expect(defaultSpec(counts('2024-06', '2025-02'))).not.toHaveProperty('months');
    expect(defaultSpec(counts('2024-06', '2025-02')).columns).toEqual(['month']);
  });
});
