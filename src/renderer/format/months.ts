/**
 * Months as the contract carries them ("2022-01") and as analysts read them ("Jan 2022",
 * "Jan 2017 – Dec 2018"). Months are never day dates, so no time zone can shift one.
 */
import { MONTH_NAMES, type MonthCoverage } from '../../shared/workspace';

export { MONTH_NAMES } from '../../shared/workspace';

/** "2022-01" → { year: 2022, month: 1 }, or null when the text is not a month. */
export function parseMonth(key: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
}

export const monthKey = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;

/** "2022-01" → "Jan 2022" (anything else is returned as it came). */
export function monthLabel(key: string): string {
  const m = parseMonth(key);
  return m ? `${MONTH_NAMES[m.month - 1]} ${m.year}` : key;
}

/** "Jan 2017 – Dec 2018", or one month alone. */
export function monthRange(first: string | null, last: string | null): string {
  if (!first || !last) return 'no months';
  return first === last ? monthLabel(first) : `${monthLabel(first)} – ${monthLabel(last)}`;
}

/** "Jan 2017 – Dec 2018 (24 months)" */
export function coverageText(c: MonthCoverage): string {
  if (!c.first || !c.last) return 'no months';
  return `${monthRange(c.first, c.last)} (${c.count === 1 ? '1 month' : `${c.count} months`})`;
}

/** Every month from first to last inclusive, as keys. */
export function monthsBetween(first: string, last: string): string[] {
  const a = parseMonth(first);
  const b = parseMonth(last);
  if (!a || !b) return [];
  const out: string[] = [];
  for (
    let y = a.year, m = a.month;
    y < b.year || (y === b.year && m <= b.month);
    m === 12 ? (y++, (m = 1)) : m++
  ) {
    out.push(monthKey(y, m));
  }
  return out;
}

/**
 * Groups month keys into runs for plain words: ["2017-01","2017-02","2017-05"] →
 * "Jan 2017 – Feb 2017, May 2017".
 */
export function monthList(keys: string[]): string {
  const sorted = [...new Set(keys)].sort();
  const runs: [string, string][] = [];
  for (const k of sorted) {
    const last = runs[runs.length - 1];
    if (last && monthsBetween(last[1], k).length === 2) last[1] = k;
    else runs.push([k, k]);
  }
  return runs.map(([a, b]) => monthRange(a, b)).join(', ');
}

/** Made once: a formatter costs far more to make than to use, and a list of imports formats many dates. */
const WHEN = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "22 Nov 2026, 12:12", for when an import ran. */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return WHEN.format(d);
}
