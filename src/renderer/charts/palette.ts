/**
 * Okabe–Ito: eight colours that people with the common colour-vision deficiencies can tell
 * apart. Colour alone must not carry a series, so each also has its own line dash, marker
 * and bar pattern: a chart printed in greyscale still reads.
 */
import type { Dash, MarkerSymbol, PatternShape } from 'plotly.js';

export const OKABE_ITO = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermilion
  '#000000', // black
  '#F0E442', // yellow (last: weakest on white)
] as const;

export const DASHES: Dash[] = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot', 'solid', 'dash'];
export const MARKERS: MarkerSymbol[] = [
  'circle',
  'square',
  'diamond',
  'triangle-up',
  'x',
  'cross',
  'star',
  'triangle-down',
];
export const PATTERNS: PatternShape[] = ['', '/', '.', 'x', '\\', '-', '|', '+'];

/** The style of the n-th series (wrapping round after eight). */
export function seriesStyle(n: number) {
  const i = n % OKABE_ITO.length;
  return { colour: OKABE_ITO[i]!, dash: DASHES[i]!, marker: MARKERS[i]!, pattern: PATTERNS[i]! };
}
