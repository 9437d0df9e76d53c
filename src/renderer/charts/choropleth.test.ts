// A change is shaded on a scale that diverges from zero: falls one hue, rises another, darker
// further from zero, and a class that holds zero neither. Levels keep their light-to-dark scale.
import { describe, expect, it } from 'vitest';
import type { ChoroplethResult } from '../../shared/geo';
import { choroplethFigure, classColours } from './choropleth';

/** Relative luminance (WCAG), to check "darker further from zero" without trusting the hex codes. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const hue = (hex: string) => {
  const [r, , b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return r! > b! ? 'red' : b! > r! ? 'blue' : 'grey';
};

describe('choropleth class colours', () => {
  it('diverges from zero for a change: blues for falls, reds for rises, the class across zero neutral', () => {
    const classes = [
      { from: -40, to: -12 },
      { from: -11, to: -3 },
      { from: -2, to: 2 },
      { from: 3, to: 9 },
      { from: 10, to: 31 },
    ];
    for (const measure of ['change', 'pct-change', 'rate-change'] as const) {
      const c = classColours(measure, classes);
      expect(c.map(hue)).toEqual(['blue', 'blue', 'grey', 'red', 'red']);
      // Further from zero is darker, on both sides.
      expect(luminance(c[0]!)).toBeLessThan(luminance(c[1]!));
      expect(luminance(c[4]!)).toBeLessThan(luminance(c[3]!));
      expect(luminance(c[2]!)).toBeGreaterThan(Math.max(luminance(c[1]!), luminance(c[3]!)));
    }
  });

  it('starts rises from the lightest red when every area rose, and keeps levels light to dark', () => {
    const rises = classColours('change', [
      { from: 1, to: 4 },
      { from: 5, to: 9 },
    ]);
    expect(rises.map(hue)).toEqual(['red', 'red']);
    expect(luminance(rises[0]!)).toBeGreaterThan(luminance(rises[1]!));
    const counts = classColours('count', [
      { from: -1, to: 4 },
      { from: 5, to: 9 },
      { from: 10, to: 20 },
    ]);
    expect(counts.map(hue)).toEqual(['blue', 'blue', 'blue']);
    expect(luminance(counts[0]!)).toBeGreaterThan(luminance(counts[1]!));
    expect(luminance(counts[1]!)).toBeGreaterThan(luminance(counts[2]!));
  });
});

describe('choropleth hover text', () => {
  const ward = (code: string, name: string, value: number | null, notSignificant: boolean) => ({
    type: 'Feature' as const,
    geometry: { type: 'Polygon' as const, coordinates: [[[0, 51], [0.01, 51], [0.01, 51.01], [0, 51]]] },
    properties: { code, name, borough: 'Harrow', value, count: 90, classIndex: 0, small: false, reason: null, notSignificant },
  });
  const map = {
    dataset: { key: 'k', name: 'MPS ward counts' },
    level: 'ward',
    measure: 'pct-change',
    span: { from: '2023-01', to: '2023-12' },
    features: { type: 'FeatureCollection', features: [ward('E1', 'Greenhill', -11.1, true), ward('E2', 'Belmont', 147.1, false)] },
    outlines: null,
    legend: { method: 'quantile', small: false, classes: [{ from: -11.1, to: 147.1, label: '−11.1% – +147.1%', areas: 2 }] },
  } as unknown as ChoroplethResult;

  it('marks a change within chance as the map’s table does, and only that one', () => {
    const text = (choroplethFigure(map, 'Burglary').data[0] as { text: string[] }).text;
    expect(text[0]).toContain('Greenhill (Harrow)');
    expect(text[0]).toContain('~ not significant');
    expect(text[1]).not.toContain('not significant');
  });
});
