/**
 * The heat maps' class colours, for the engine's own drawing of a ward map (the assessment
 * pack's map image): the same colours as the screen's map (src/renderer/charts/choropleth.ts,
 * which a test holds to these). Light to dark blues that stay in order in greyscale for a
 * level; ColorBrewer's red–blue diverging from zero for a change; grey for no figure.
 */
import type { Measure } from './pivot';

export const SEQUENTIAL = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c', '#08306b', '#041c40'];
export const NO_DATA = '#d9d9d9';
const FALLS = ['#d1e5f0', '#92c5de', '#4393c3', '#2166ac', '#053061'];
const RISES = ['#fddbc7', '#f4a582', '#d6604d', '#b2182b', '#67001f'];
const NO_CHANGE = '#f7f7f7';
const CHANGES = new Set<Measure>(['change', 'pct-change', 'rate-change']);

/** Each class's colour: light to dark for a level, diverging from zero for a change. */
export function mapClassColours(measure: Measure, classes: { from: number; to: number }[]): string[] {
  if (!CHANGES.has(measure)) return classes.map((_, i) => SEQUENTIAL[Math.min(i, SEQUENTIAL.length - 1)]!);
  const falls = classes.filter((c) => c.to < 0).length;
  let rises = 0;
  return classes.map((c, i) => {
    if (c.to < 0) return FALLS[Math.min(falls - 1 - i, FALLS.length - 1)]!;
    if (c.from > 0) return RISES[Math.min(rises++, RISES.length - 1)]!;
    return NO_CHANGE;
  });
}
