/**
 * The words the Assessment and `wardlens facts` both set beside the findings engine's
 * figures, so the app and the terminal answer the same question in the same words.
 */
import type { CountComparison, Rag } from './analysis';
import type { LikeForLike } from './findings';
import { pValueText } from './pValue';

/** When the years compared share no month, there is nothing like for like to compare. */
export const NO_SHARED_MONTH =
  'The two years share no month in this data, so no change between them is given.';

/** "Like for like: Sep–Dec 2020 against Sep–Dec 2021". */
export const likeForLikeHeading = (l: LikeForLike): string =>
  `Like for like: ${l.previous} against ${l.current}`;

/** The change in count, or null when a year lacks months: a part year against a whole one is no change. */
export const shownChange = (c: CountComparison): number | null =>
  c.flags.includes('incomplete') ? null : c.change;

/**
 * The rate change, or null when a year lacks months: the rates of a part year and a whole
 * one differ by the missing months, not by any change. The engine already blanks it for
 * boroughs and wards; its London total row still carries one.
 */
export const shownRateChange = (c: CountComparison): number | null =>
  c.flags.includes('incomplete') ? null : c.rateChange;

/** Is the change more than chance? In words, for the reader (after "Is it real?"). */
export function significanceText(c: CountComparison & { seriesBreak?: string }): string {
  const t = c.test;
  if (c.seriesBreak) return `Not tested: ${c.seriesBreak}, so the years are not like for like.`;
  if (!t) return 'Not tested: a year lacks months, so the counts are not like for like.';
  const p = pValueText(t.pValue);
  if (t.verdict === 'significant rise') return `A real rise: more than chance would explain (${p}).`;
  if (t.verdict === 'significant fall') return `A real fall: more than chance would explain (${p}).`;
  return `Within chance: not statistically significant (${p}).`;
}

/** A RAG rating in words, so it reads without its colour: "Red", "Amber", "Green". */
export const RAG_WORDS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
/** Which quarter of London boroughs' rate changes a borough falls in, by quartile number. */
export const QUARTILE_WORDS = ['', 'lowest quarter', 'second quarter', 'third quarter', 'highest quarter'];

/** "Red · highest quarter", as the Assessment's neighbour table writes a rating; "" for none. */
export const ragText = (r: { rag: Rag | null; quartile: number | null }): string =>
  r.rag ? `${RAG_WORDS[r.rag]}${r.quartile ? ` · ${QUARTILE_WORDS[r.quartile]}` : ''}` : '';
