/**
 * Series colours, dashes, markers and patterns for the app's charts: the shared palette
 * (src/shared/palette.ts, also the HTML report's, where the reasons for each colour are given),
 * typed here for Plotly.
 */
import type { Dash, MarkerSymbol, PatternShape } from 'plotly.js';
import {
  DASHES as SHARED_DASHES,
  MARKERS as SHARED_MARKERS,
  PATTERNS as SHARED_PATTERNS,
  seriesStyle as sharedSeriesStyle,
} from '../../shared/palette';

export { MUTED, OKABE_ITO, YEAR_STYLES, type YearRole } from '../../shared/palette';

export const DASHES: Dash[] = [...SHARED_DASHES];
export const MARKERS: MarkerSymbol[] = [...SHARED_MARKERS];
export const PATTERNS: PatternShape[] = [...SHARED_PATTERNS];

/** The style of the n-th series (wrapping round after eight), in Plotly's types. */
export function seriesStyle(n: number): {
  colour: string;
  dash: Dash;
  marker: MarkerSymbol;
  pattern: PatternShape;
} {
  return sharedSeriesStyle(n);
}
