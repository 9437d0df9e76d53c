/**
 * The one palette for every chart Wardlens draws: the app's (src/renderer/charts) and the HTML
 * report's (src/core/export/html/figures.ts), so a chart pasted from the app and the same chart
 * in the report look alike, and both pass the same checks (src/renderer/charts/palette.test.ts).
 *
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

// Plotly's names for dashes, markers and bar patterns (plain strings: src/shared has no Plotly).
export const DASHES = [
  'solid',
  'dash',
  'dot',
  'dashdot',
  'longdash',
  'longdashdot',
  'solid',
  'dash',
] as const;
export const MARKERS = [
  'circle',
  'square',
  'diamond',
  'triangle-up',
  'x',
  'cross',
  'star',
  'triangle-down',
] as const;
export const PATTERNS = ['', '/', '.', 'x', '\\', '-', '|', '+'] as const;

/** The style of the n-th series (wrapping round after eight). */
export function seriesStyle(n: number) {
  const i = n % OKABE_ITO.length;
  return { colour: OKABE_ITO[i]!, dash: DASHES[i]!, marker: MARKERS[i]!, pattern: PATTERNS[i]! };
}

/**
 * Last year's line: a blue-grey that reads as "the year before" beside this year's blue yet
 * still shows on white (3.1:1; the report's earlier #A3B1C4 was 2.2:1). Its dash and square
 * markers, not its paleness, set it apart in greyscale print. Also the value axis's zero line.
 */
export const MUTED = '#8A93A3';

export type YearRole = 'previous' | 'current' | 'average' | 'total';

/**
 * The assessment's lines by role, the same in the app and the report: this year strong and
 * solid, last year muted and dashed, the two-year average dotted in vermilion (the report's
 * earlier orange #E69F00 was 2.2:1 on white), the rolling total as this year.
 */
export interface LineStyle {
  colour: string;
  dash: (typeof DASHES)[number];
  marker: (typeof MARKERS)[number];
  pattern: (typeof PATTERNS)[number];
}

export const YEAR_STYLES: Record<YearRole, LineStyle> = {
  previous: { colour: MUTED, dash: 'dash', marker: 'square', pattern: '' },
  current: { colour: OKABE_ITO[0], dash: 'solid', marker: 'circle', pattern: '' },
  average: { colour: OKABE_ITO[1], dash: 'dot', marker: 'diamond', pattern: '.' },
  total: { colour: OKABE_ITO[0], dash: 'solid', marker: 'circle', pattern: '' },
};
