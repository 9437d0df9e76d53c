/**
 * The figures behind a quality finding, for a table: column headings in words ("Borough
 * total", not "boroughTotal") and cells in UK style (months as "Jan 2024", numbers with
 * thousands separators).
 */
import { monthLabel } from '../../format/months';

const HEADINGS: Record<string, string> = {
  boroughTotal: 'Borough total',
  wardTotal: 'Ward total',
  shortfallPercent: 'Shortfall %',
  crimeId: 'Crime ID',
  rowsDiffer: 'Rows disagree',
  withoutPoint: 'Without a map point',
  withoutLsoa: 'Without an LSOA',
  typicalMonth: 'Typical month',
  otherExtract: 'Other extract',
  extractUsed: 'Extract used',
  otherTotal: 'Its total',
  totalUsed: 'Total used',
  figuresDiffering: 'Figures that differ',
};

/** "boroughTotal" → "Borough total" for any key without a heading of its own. */
export function heading(key: string): string {
  if (HEADINGS[key]) return HEADINGS[key];
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A cell in UK style; `key` says what it holds (percentages to one decimal place). */
export function cellText(value: string | number | null | undefined, key = ''): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'number') {
    const digits = /percent$/i.test(key)
      ? { minimumFractionDigits: 1, maximumFractionDigits: 1 }
      : { maximumFractionDigits: 6 };
    // A true minus sign: "−7,250" reads as a negative figure, "-7,250" as a dash.
    return value.toLocaleString('en-GB', digits).replace(/^-/, '−');
  }
  return monthLabel(value); // "2024-01" → "Jan 2024"; other text as it is
}
