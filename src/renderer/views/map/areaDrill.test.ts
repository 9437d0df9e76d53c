// A click on the map drills as a click on the same area in the pivot.
import { describe, expect, it } from 'vitest';
import type { PivotSpec } from '../../../shared/pivot';
import { areaDrill } from './areaDrill';

const map: PivotSpec = {
  dataset: 'mps-ward-ho-2022',
  rows: ['ward'],
  columns: [],
  measure: 'count',
  months: { from: '2025-01', to: '2025-12' },
  filters: { borough: ['Harrow'] },
};
const wards = { kind: 'counts', areaLevel: 'ward' } as const;

describe('drilling from the map', () => {
  it('opens a ward as its months across the categories, keeping the period and filters', () => {
    const d = areaDrill(map, { code: 'E05013549', name: 'Hatch End' }, wards)!;
    expect(d.label).toBe('Hatch End');
    expect(d.spec).toMatchObject({
      rows: ['month'],
      columns: ['major'],
      months: { from: '2025-01', to: '2025-12' },
      filters: { borough: ['Harrow'], ward: ['E05013549'] },
    });
  });

  it('opens a borough as its wards', () => {
    const d = areaDrill({ ...map, rows: ['borough'], filters: {} }, { code: 'E09000015', name: 'Harrow' }, wards)!;
    expect(d.spec).toMatchObject({ rows: ['ward'], filters: { borough: ['E09000015'] } });
  });
});
