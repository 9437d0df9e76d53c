/**
 * The wards block's sentences about a subset of wards: which changed by more than chance,
 * and which had small counts. A sentence that names some wards and then speaks for "the
 * rest" must be true of every one of the rest, so these count and name from the whole list,
 * never from a table's top five.
 */
import type { WardFigures } from '../../../shared/findings';
import { counted, listed } from '../../../shared/counted';
import { signed } from '../../signs';
import { count, rate } from './words';

/** Past this many wards in one direction, the sentence names this many and counts the others. */
const MOST_NAMED = 8;

const isRise = (w: WardFigures) => w.test?.verdict === 'significant rise';
const isFall = (w: WardFigures) => w.test?.verdict === 'significant fall';

/**
 * The change as the sentence shows it: the count change, or the rate change where a test of
 * rates goes the other way from the counts (a count can rise while the rate per 1,000 falls).
 */
function shownChange(w: WardFigures, rise: boolean): string {
  const agrees = rise ? w.change > 0 : w.change < 0;
  if (agrees || w.rateChange === null) return signed(w.change, count, true);
  return `rate ${signed(w.rateChange, rate, true)} per 1,000`;
}

/** "Harrow Weald (+32), Roxeth (+31) … and 3 more": biggest change first. */
function namedWithChanges(wards: WardFigures[], rise: boolean): string {
  const ordered = [...wards].sort(
    (a, b) => Math.abs(b.change) - Math.abs(a.change) || a.name.localeCompare(b.name, 'en-GB'),
  );
  const named = ordered.slice(0, MOST_NAMED).map((w) => `${w.name} (${shownChange(w, rise)})`);
  const others = ordered.length - named.length;
  return others > 0 ? `${named.join(', ')} and ${others} more` : listed(named);
}

/**
 * "9 wards changed by more than chance alone would explain: rises in …; falls in …. The other
 * 13 wards’ changes are within normal year-to-year variation." Every significant ward is
 * named (or, past eight in one direction, counted), so "the other" wards are exactly those
 * whose change the test calls chance.
 */
export function significantWardsSentences(rows: WardFigures[]): string[] {
  const rises = rows.filter(isRise);
  const falls = rows.filter(isFall);
  const chance = rows.filter((w) => w.test?.verdict === 'no significant change').length;
  const changed = rises.length + falls.length;
  if (changed === 0)
    return rows.some((w) => w.test) ? ['No ward’s change is more than chance alone would explain.'] : [];
  const parts = [
    rises.length ? `${rises.length === 1 ? 'a rise' : 'rises'} in ${namedWithChanges(rises, true)}` : null,
    falls.length ? `${falls.length === 1 ? 'a fall' : 'falls'} in ${namedWithChanges(falls, false)}` : null,
  ].filter((p): p is string => p !== null);
  const out = [
    `${counted(changed, 'ward')} changed by more than chance alone would explain: ${parts.join('; ')}.`,
  ];
  if (chance > 0)
    out.push(
      chance === 1
        ? 'The other ward’s change is within normal year-to-year variation.'
        : `The other ${count(chance)} wards’ changes are within normal year-to-year variation.`,
    );
  return out;
}

/**
 * The caveat for wards with under 10 crimes in either year. Only a small earlier count
 * withholds the % change (see comparison.percentChange), so the caveat says for how many.
 */
export function smallWardsCaveat(rows: WardFigures[], what: string): string | null {
  const small = rows.filter((w) => w.flags.includes('small')).length;
  if (!small) return null;
  const withheld = rows.filter(
    (w) =>
      w.percentChange.value === null &&
      (w.percentChange.reason === 'small-base' || w.percentChange.reason === 'no-base'),
  ).length;
  const why =
    withheld === 0
      ? 'small counts swing widely, so read their changes with care'
      : withheld === small
        ? 'small counts swing widely, so their % changes are withheld'
        : `small counts swing widely, so the % change is withheld for the ${count(withheld)} whose earlier count was under 10`;
  return `${small} of ${rows.length} wards had fewer than 10 ${what} in one of the years: ${why}.`;
}
