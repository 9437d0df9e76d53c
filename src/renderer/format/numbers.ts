/**
 * Numbers as UK analysts write them: thousands separators, rates to two decimals,
 * percentages to one. Every figure the views show passes through here, so a table, a
 * chart's hover text and a tooltip can never disagree on how a figure reads.
 */
import type { Measure } from '../../shared/pivot';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const twoDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const oneDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The minus sign a printed report uses (U+2212), not a hyphen. */
const MINUS = '\u2212';

const signed = (text: string, value: number, withPlus: boolean) =>
  value < 0 ? MINUS + text.replace('-', '') : withPlus && value > 0 ? `+${text}` : text;

/** "1,869" */
export const formatCount = (n: number): string => signed(whole.format(n), n, false);

/** "7.54" */
export const formatRate = (n: number): string => signed(twoDp.format(n), n, false);

/** "2.4%" */
export const formatPercent = (n: number): string => signed(`${oneDp.format(n)}%`, n, false);

/** A measure's value as the pivot table shows it; changes carry their sign ("+57", "−3.1%"). */
export function formatMeasure(measure: Measure, value: number | null): string {
  if (value === null) return '–';
  switch (measure) {
    case 'count':
      return formatCount(value);
    case 'change':
      return signed(whole.format(value), value, true);
    case 'rate':
      return formatRate(value);
    case 'rate-change':
      return signed(twoDp.format(value), value, true);
    case 'share':
      return formatPercent(value);
    case 'pct-change':
      return signed(`${oneDp.format(value)}%`, value, true);
  }
}

/** "2.3 MB", for file sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${oneDp.format(value)} ${units[unit]}`;
}

const pSmall = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 2 });

/**
 * A p-value threshold as a report prints it: "0.0026", and a tiny one written out ("0.0000035"),
 * never in the e-notation ("3.5e-6") a councillor would not read.
 */
export const formatPValue = (p: number): string => (p < 0.0001 ? pSmall.format(p) : p.toFixed(4));

/** "3 rows", "1 row": the app's name for the shared `counted`, one rule for the CLI, the engine and the page. */
export { counted as plural } from '../../shared/counted';
