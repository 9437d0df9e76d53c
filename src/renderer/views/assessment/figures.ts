/** How the assessment writes its figures: UK formats, signed changes, and why a figure is missing. */
import type { CountComparison } from '../../../shared/analysis';
import { shownChange } from '../../../shared/comparisonWords';
import { formatCount, formatMeasure, formatRate } from '../../format/numbers';

export const count = (n: number | null) => (n === null ? '–' : formatCount(n));
export const rate = (n: number | null) => (n === null ? '–' : formatRate(n));
export const change = (n: number | null) => formatMeasure('change', n);
export const rateChange = (n: number | null) => formatMeasure('rate-change', n);
export const pctChange = (c: CountComparison) => formatMeasure('pct-change', c.percentChange.value);
/** The change in count, blank when a year lacks months: a part year against a whole one is no change. */
export const countChange = (c: CountComparison) => change(shownChange(c));
export const isIncomplete = (c: CountComparison) => c.flags.includes('incomplete');

/** Why the % change is not given, or its note ("on a small base"). */
export const pctWhy = (c: CountComparison) =>
  c.percentChange.note ??
  (c.percentChange.reason === 'small-base'
    ? 'Withheld: too few crimes last year for a % change to mean anything.'
    : c.percentChange.reason === 'no-base'
      ? 'No crimes last year, so there is no % change.'
      : c.percentChange.reason === 'incomplete'
        ? 'A year lacks months, so the years are not like for like.'
        : undefined);

/** Is the change more than chance? In words shared with `wardlens facts`. */
export { significanceText as significance } from '../../../shared/comparisonWords';

export const isSmall = (c: CountComparison) => c.flags.includes('small');
