/**
 * Quartiles, RAG ratings and ranks across a set of areas (London boroughs, a borough's
 * wards). Analysts check these figures in Excel, so the quartiles are Excel's
 * QUARTILE.INC (the same as QUARTILE, PERCENTILE.INC and R's default quantile type 7) and
 * ties rank the way RANK.EQ ranks them (standard competition ranking: 1, 2, 2, 4).
 *
 * RAG convention for a rate change, where a larger rise is worse:
 *   red   — above the upper quartile (Q3): among the largest rises;
 *   amber — from the lower quartile to the upper quartile inclusive: the middle half;
 *   green — below the lower quartile (Q1): among the largest falls or smallest rises.
 * The cuts are strict so that a set with no spread (every area the same) is all amber,
 * never red and green at once. With 32 boroughs QUARTILE.INC's cuts fall between two
 * boroughs, so 8 are red, 16 amber and 8 green unless values tie at a cut.
 * For a measure where higher is better, pass higherIsWorse: false and the colours swap.
 */
import type { QuartileNumber, Quartiles, Rag, RagRating } from '../../shared/analysis';

function sortedFinite(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
}

/**
 * Excel's QUARTILE.INC(values, k) for k = 0…4: the value at position (n − 1)·k/4 of the
 * sorted values (0-based), interpolating linearly between neighbours.
 */
export function quartileInc(values: readonly (number | null | undefined)[], k: 0 | 1 | 2 | 3 | 4): number {
  const sorted = sortedFinite(values);
  if (sorted.length === 0) throw new RangeError('Quartiles need at least one value');
  return quartileOfSorted(sorted, k);
}

function quartileOfSorted(sorted: readonly number[], k: number): number {
  const h = ((sorted.length - 1) * k) / 4;
  const below = Math.floor(h);
  const lower = sorted[below]!;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return lower + (h - below) * (upper - lower);
}

/** The five-number summary by QUARTILE.INC; blank values (null, NaN) are left out, as Excel leaves out blank cells. */
export function quartiles(values: readonly (number | null | undefined)[]): Quartiles {
  const sorted = sortedFinite(values);
  if (sorted.length === 0) throw new RangeError('Quartiles need at least one value');
  return {
    min: sorted[0]!,
    q1: quartileOfSorted(sorted, 1),
    median: quartileOfSorted(sorted, 2),
    q3: quartileOfSorted(sorted, 3),
    max: sorted[sorted.length - 1]!,
    count: sorted.length,
  };
}

/**
 * Which quartile a value falls in, 1 (lowest) to 4 (highest): 1 below Q1, 2 from Q1 to the
 * median, 3 above the median up to Q3, 4 above Q3.
 */
export function quartileOf(value: number, q: Quartiles): QuartileNumber {
  if (value > q.q3) return 4;
  if (value > q.median) return 3;
  if (value >= q.q1) return 2;
  return 1;
}

/** Red / amber / green for a value against the set's quartiles (see the module header). */
export function ragRating(value: number, q: Quartiles, higherIsWorse = true): RagRating {
  const quartile = quartileOf(value, q);
  const worst: QuartileNumber = higherIsWorse ? 4 : 1;
  const best: QuartileNumber = higherIsWorse ? 1 : 4;
  const rag: Rag = quartile === worst ? 'red' : quartile === best ? 'green' : 'amber';
  return { quartile, rag };
}

/**
 * RAG-rates every area by the quartiles of the whole set (e.g. rate change across all 32
 * London boroughs). An area with no value (no population, so no rate) gets null.
 */
export function ragRatings(
  values: readonly (number | null | undefined)[],
  higherIsWorse = true,
): { quartiles: Quartiles | null; ratings: (RagRating | null)[] } {
  if (sortedFinite(values).length === 0) return { quartiles: null, ratings: values.map(() => null) };
  const q = quartiles(values);
  return {
    quartiles: q,
    ratings: values.map((v) =>
      typeof v === 'number' && Number.isFinite(v) ? ragRating(v, q, higherIsWorse) : null,
    ),
  };
}

/**
 * Standard competition ranks (Excel's RANK.EQ): equal values share a rank and the next
 * rank skips, 1, 2, 2, 4. Descending by default, so the highest count is 1st. Areas with
 * no value are not ranked (null) and take no place from the others.
 */
export function competitionRanks(
  values: readonly (number | null | undefined)[],
  order: 'descending' | 'ascending' = 'descending',
): (number | null)[] {
  const ranked = sortedFinite(values);
  if (order === 'descending') ranked.reverse();
  // The rank of a value is one more than the number of values strictly better than it:
  // its first position in the sorted list.
  const firstPosition = new Map<number, number>();
  ranked.forEach((v, i) => {
    if (!firstPosition.has(v)) firstPosition.set(v, i + 1);
  });
  return values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? firstPosition.get(v)! : null));
}
