// The map's table: areas in rank order, highest first, equal figures sharing a rank, areas
// with no figure last; sorted by name on request; each row's shade the map legend's class.
import { describe, expect, it } from 'vitest';
import type { ChoroplethResult } from '../../../shared/geo';
import { mapTableRows } from './mapTable';

const ward = (code: string, name: string, value: number | null, classIndex: number | null) => ({
  type: 'Feature' as const,
  geometry: { type: 'Polygon' as const, coordinates: [] },
  properties: { code, name, borough: 'Harrow', value, count: value, classIndex, small: value !== null && value < 10, reason: value === null ? 'No figures for this area in the data.' : null },
});

const map = {
  level: 'ward',
  measure: 'count',
  features: {
    type: 'FeatureCollection',
    features: [
      ward('E1', 'Belmont', 12, 0),
      ward('E2', 'Canons', 40, 1),
      ward('E3', 'Edgware', null, null),
      ward('E4', 'Kenton East', 40, 1),
      ward('E5', 'Alperton', 5, 0),
    ],
  },
  legend: { classes: [{ label: '5 – 12' }, { label: '40' }] },
} as unknown as ChoroplethResult;

describe('the map as a table', () => {
  it('ranks the areas highest first, ties sharing a rank and by name, no figure last', () => {
    const rows = mapTableRows(map);
    expect(rows.map((r) => [r.rank, r.name, r.value, r.shade])).toEqual([
      [1, 'Canons', 40, '40'],
      [1, 'Kenton East', 40, '40'],
      [3, 'Belmont', 12, '5 – 12'],
      [4, 'Alperton', 5, '5 – 12'],
      [null, 'Edgware', null, null],
    ]);
    expect(rows.at(-1)!.reason).toBe('No figures for this area in the data.');
    expect(rows.find((r) => r.name === 'Alperton')!.small).toBe(true);
  });

  it('sorts by name on request, keeping each area’s rank', () => {
    const rows = mapTableRows(map, 'name');
    expect(rows.map((r) => [r.name, r.rank])).toEqual([
      ['Alperton', 4],
      ['Belmont', 3],
      ['Canons', 1],
      ['Edgware', null],
      ['Kenton East', 1],
    ]);
  });

  it('marks a change within chance, as the Pivot marks it, and never a ward with no figure', () => {
    const change = {
      ...map,
      measure: 'pct-change',
      features: {
        type: 'FeatureCollection',
        features: [
          { ...ward('E1', 'Greenhill', -11.1, 0), properties: { ...ward('E1', 'Greenhill', -11.1, 0).properties, notSignificant: true } },
          { ...ward('E2', 'Belmont', 147.1, 1), properties: { ...ward('E2', 'Belmont', 147.1, 1).properties, notSignificant: false } },
          { ...ward('E3', 'Edgware', null, null), properties: { ...ward('E3', 'Edgware', null, null).properties, notSignificant: true } },
        ],
      },
    } as unknown as ChoroplethResult;
    expect(mapTableRows(change).map((r) => [r.name, r.withinChance])).toEqual([
      ['Belmont', false],
      ['Greenhill', true],
      ['Edgware', false],
    ]);
  });
});
