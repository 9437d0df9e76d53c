/**
 * The findings in words, UK English and UK number formats ("1,869", "7.54"), the way an
 * analyst writes them in the Strategic Assessment. Shared by the app, the CLI and the pack.
 */
import type { CountComparison } from '../../../shared/analysis';
import { listed } from '../../../shared/counted';
import { MINUS, signed } from '../../signs';

export const count = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 0 });
export const rate = (n: number) => n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const pct = (n: number) => `${Math.abs(n).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

const direction = (change: number, up = 'rose', down = 'fell', same = 'stayed the same') => (change > 0 ? up : change < 0 ? down : same);

/** "recorded burglary offences" from a category label such as "Burglary" or "BURGLARY - RESIDENTIAL". */
export function offences(label: string): string {
  return `recorded ${label.toLowerCase()} offences`;
}

export function quickFactSentences(c: CountComparison, what: string, where: string, previous: string, current: string): string[] {
  const change = c.current - c.previous;
  const out = [
    change === 0
      ? `Between ${previous} and ${current} ${what} in ${where} stayed at ${count(c.current)}.`
      : `Between ${previous} and ${current} ${what} in ${where} ${direction(change)} by ${count(Math.abs(change))}, from ${count(c.previous)} to ${count(c.current)}${c.percentChange.value !== null ? ` (${change > 0 ? '+' : MINUS}${pct(c.percentChange.value)})` : ''}.`,
  ];
  if (c.previousRate !== null && c.currentRate !== null && c.rateChange !== null) {
    out.push(
      `The rate ${direction(c.rateChange)} from ${rate(c.previousRate)} to ${rate(c.currentRate)} per 1,000 residents, a rate change of ${signed(c.rateChange, rate, true)}.`,
    );
  }
  if (c.test) {
    out.push(
      c.test.verdict === 'no significant change'
        ? `This change is within what chance alone would produce from year to year (not statistically significant, p = ${c.test.pValue.toFixed(2)}).`
        : `This is a statistically significant ${c.test.verdict === 'significant rise' ? 'rise' : 'fall'}: more than chance alone would explain (p ${c.test.pValue < 0.001 ? '< 0.001' : `= ${c.test.pValue.toFixed(3)}`}).`,
    );
  }
  if (c.percentChange.note && c.percentChange.value === null) out.push(c.percentChange.note);
  return out;
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
