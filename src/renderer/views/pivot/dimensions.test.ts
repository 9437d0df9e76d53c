// The pivot a dataset opens with: the last two whole calendar years it holds, never a full year
// beside a part-year (the MPS borough extract ends in Feb 2025 and opened on 2024 against Jan–Feb 2025).
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
    expect(defaultSpec(counts('2023-03', '2025-02')).months).toEqual({ to: '2024-12' });
  });

  it('keeps the months of a dataset with no whole year before its last months', () => {
    expect(defaultSpec(counts('2025-01', '2025-02')).months).toBeUndefined();
    expect(defaultSpec(counts('2024-06', '2025-02')).months).toEqual({ to: '2024-12' });
  });
});
