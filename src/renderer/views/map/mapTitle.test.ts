// The Map's title follows the map on screen: the question its answer came from, not the
// controls, which may already ask for the next map.
import { describe, expect, it } from 'vitest';
import type { ChoroplethResult } from '../../../shared/geo';
import type { PivotSpec } from '../../../shared/pivot';
import { mapTitle } from './mapTitle';

const map = (level: 'ward' | 'borough') =>
  ({ level, measure: 'count', span: { from: '2025-01', to: '2025-12' } }) as unknown as ChoroplethResult;
const question = (filters: PivotSpec['filters']) =>
  JSON.stringify({ dataset: 'd', rows: ['ward'], columns: [], measure: 'count', months: {}, filters });
const categories = [
  { key: 'burglary', label: 'Burglary' },
  { key: 'robbery', label: 'Robbery' },
];

describe("the Map's title", () => {
  it('names the borough and crime type the map on screen was asked for', () => {
    expect(mapTitle(map('ward'), question({ borough: ['Harrow'], major: ['robbery'] }), categories)).toBe(
      'Crimes by ward — Harrow, Robbery, Jan 2025 – Dec 2025',
    );
  });

  it('says all crime and no borough when the question had neither', () => {
    expect(mapTitle(map('ward'), question({}), categories)).toBe('Crimes by ward, Jan 2025 – Dec 2025');
  });

  it('leaves a borough filter out of a borough map', () => {
    expect(mapTitle(map('borough'), question({ borough: ['Harrow'] }), categories)).toBe(
      'Crimes by borough, Jan 2025 – Dec 2025',
    );
  });
});
