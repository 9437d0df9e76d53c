/**
 * Series colours: Okabe–Ito, the palette that people with the common colour-vision
 * deficiencies can tell apart, in an order and depth that suits lines on a white page.
 * Colour alone must not carry a series, so each also has its own line dash, marker and bar
 * pattern: a chart printed in greyscale still reads.
 *
 * Three of the published eight are too pale for a 2.5 px line on white (orange 2.2:1, sky blue
 * 2.3:1, yellow 1.3:1, against the 3:1 WCAG asks of graphical objects), so the five that pass
 * as published come first: a chart of up to five series is pure Okabe–Ito. Series six and
 * seven are sky blue and orange deepened until they pass; the yellow, which no depth saves
 * (a yellow dark enough is an olive that the colour-blind cannot tell from vermilion), gives
 * its place to a dark grey. The deepened ones were chosen by simulating protanopia,
 * deuteranopia and tritanopia (palette.test.ts checks both the contrast and the simulation).
 *
 * Bars use the same colours, not the paler published ones: a series keeps its colour when the
 * analyst switches a pivot between bars and lines, and the bars' white pattern shows up better
 * on a deep colour.
 */
import type { Dash, MarkerSymbol, PatternShape } from 'plotly.js';

export const OKABE_ITO = [
  '#0072B2', // blue
  '#D55E00', // vermilion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#000000', // black
  '#2B5A75', // sky blue (#56B4E9), deepened to a steel blue
  '#5C4000', // orange (#E69F00), deepened to a brown
  '#505050', // dark grey, in the yellow's place
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
