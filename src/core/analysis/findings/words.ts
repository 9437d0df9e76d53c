/**
 * The findings in words, UK English and UK number formats ("1,869", "7.54"), the way an
 * analyst writes them in the Strategic Assessment. Shared by the app, the CLI and the pack.
 */
import type { CountComparison } from '../../../shared/analysis';
import { listed } from '../../../shared/counted';
import { pValueText } from '../../../shared/pValue';
import { MINUS, signed } from '../../signs';

export const count = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 0 });
export const rate = (n: number) => n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const pct = (n: number) => `${Math.abs(n).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

const direction = (change: number, up = 'rose', down = 'fell', same = 'stayed the same') => (change > 0 ? up : change < 0 ? down : same);

/** "recorded burglary offences" from a category label such as "Burglary" or "BURGLARY - RESIDENTIAL". */
export function offences(label: string): string {
  return `recorded ${label.toLowerCase()} offences`;
}

/**
 * The quick-fact sentences. When the data lacks months of either year (`partYear` says which,
 * "The data holds only Sep–Dec of 2020"), the years are set side by side with no rise or fall
 * and no rate change: a part year against a full one would read as a change that is only
 * missing data.
 */
export function quickFactSentences(c: CountComparison, what: string, where: string, previous: string, current: string, partYear?: string): string[] {
  if (c.flags.includes('incomplete')) {
    return [
      `${partYear ?? 'The data lacks months of one of the years'}, so ${previous} and ${current} are not compared as whole years.`,
      `The data holds ${count(c.previous)} ${what} in ${where} for ${previous} and ${count(c.current)} for ${current}.`,
    ];
  }
  return changeSentences(c, `Between ${previous} and ${current} ${what} in ${where}`);
}

/** "Between Sep–Dec 2020 and Sep–Dec 2021 … rose by 12, from 340 to 352 (+3.5%)", the rate, and the test. */
export function changeSentences(c: CountComparison, opening: string): string[] {
  const change = c.current - c.previous;
  const out = [
    change === 0
      ? `${opening} stayed at ${count(c.current)}.`
      : `${opening} ${direction(change)} by ${count(Math.abs(change))}, from ${count(c.previous)} to ${count(c.current)}${c.percentChange.value !== null ? ` (${change > 0 ? '+' : MINUS}${pct(c.percentChange.value)})` : ''}.`,
  ];
  if (c.previousRate !== null && c.currentRate !== null && c.rateChange !== null) {
    out.push(
      `The rate ${direction(c.rateChange)} from ${rate(c.previousRate)} to ${rate(c.currentRate)} per 1,000 residents, a rate change of ${signed(c.rateChange, rate, true)}.`,
    );
  }
  if (c.test) {
    out.push(
      c.test.verdict === 'no significant change'
        ? `This change is within what chance alone would produce from year to year (not statistically significant, ${pValueText(c.test.pValue)}).`
        : `This is a statistically significant ${c.test.verdict === 'significant rise' ? 'rise' : 'fall'}: more than chance alone would explain (${pValueText(c.test.pValue)}).`,
    );
  }
  if (c.percentChange.note && c.percentChange.value === null) out.push(c.percentChange.note);
  return out;
}

/** The first `n` rows (already in order of `value`), and any rows tied with the n-th. */
export function topWithTies<T>(rows: readonly T[], n: number, value: (r: T) => number): T[] {
  if (rows.length <= n) return [...rows];
  const cut = value(rows[n - 1]!);
  let end = n;
  while (end < rows.length && value(rows[end]!) === cut) end++;
  return rows.slice(0, end);
}

/** Past this many wards on one figure the sentence counts them rather than naming them all. */
const MOST_NAMED_IN_A_TIE = 6;

/**
 * "Roxeth (113), Greenhill (88), and Harrow Weald and Stanmore (80 each)": items in order,
 * equal figures named together so a tie is never dropped or split.
 */
export function listedWithTies(items: { name: string; value: string }[], noun = 'wards'): string {
  const groups: { names: string[]; value: string }[] = [];
  for (const i of items) {
    const last = groups.at(-1);
    if (last && last.value === i.value) last.names.push(i.name);
    else groups.push({ names: [i.name], value: i.value });
  }
  const words = groups.map((g) =>
    g.names.length === 1
      ? `${g.names[0]} (${g.value})`
      : g.names.length > MOST_NAMED_IN_A_TIE
        ? `${g.names.length} ${noun} (${g.value} each)`
        : `${listed(g.names)} (${g.value} each)`,
  );
  if (words.length <= 1) return words[0] ?? '';
  // A comma before the last "and" when that last entry has an "and" of its own.
  const lastNames = groups.at(-1)!.names.length;
  const joiner = lastNames > 1 && lastNames <= MOST_NAMED_IN_A_TIE ? ', and ' : ' and ';
  return `${words.slice(0, -1).join(', ')}${joiner}${words.at(-1)}`;
}

/** "Greenhill (124), Marlborough (98) and Wealdstone (77)". */
export function listedWithFigures(items: { name: string; value: string }[]): string {
  return listed(items.map((i) => `${i.name} (${i.value})`));
}

export function trendSentence(endLabel: string, total: number | null, previousTotal: number | null, pctChange: number | null): string {
  if (total === null || previousTotal === null) return `The data does not hold the two full years needed for the rolling-year comparison to ${endLabel}.`;
  if (pctChange === null) return `12 months to ${endLabel}: ${count(total)}, against ${count(previousTotal)} in the previous 12.`;
  const arrow = pctChange > 0 ? '▲' : pctChange < 0 ? '▼' : '►';
  return `12 months to ${endLabel} compared with the previous 12: ${arrow} ${pct(pctChange)} (${count(total)} against ${count(previousTotal)}).`;
}
