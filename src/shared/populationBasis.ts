/**
 * Whether a population figure is an estimate (a mid-year estimate of people living there) or a
 * projection (a forecast, such as the GLA's from 2011 on), read from the source each figure was
 * stored with: the file's Source column, or the known publication of a table without one.
 * Never from the year: a 2015 figure is a projection in one file and an estimate in another.
 */
import { listed } from './counted';

export type PopulationBasis = 'estimate' | 'projection';

/** The basis of a year's populations held: 'mixed' when areas differ, null when no source says. */
export interface YearBasis {
  year: number;
  basis: PopulationBasis | 'mixed' | null;
}

/** "GLA Population Projections" → projection; "ONS MYE", "Mid-year estimates" → estimate. */
export function basisOfSource(source: string | null | undefined): PopulationBasis | null {
  if (!source) return null;
  if (/project|forecast/i.test(source)) return 'projection';
  if (/\bMYE\b|estimate|census/i.test(source)) return 'estimate';
  return null;
}

/** One year's basis from the bases of its figures (one per source held that year). */
export function combineBases(bases: (PopulationBasis | null)[]): YearBasis['basis'] {
  const kinds = new Set(bases);
  if (kinds.size !== 1) return kinds.size === 0 ? null : 'mixed';
  return [...kinds][0]!;
}

const basisOf = (bases: readonly YearBasis[] | undefined, year: number) =>
  bases?.find((b) => b.year === year)?.basis ?? null;

/** "2024 (projection)" for a population-year choice; estimates and unknown sources read as the year. */
export function populationYearOption(year: number, bases: readonly YearBasis[] | undefined): string {
  const basis = basisOf(bases, year);
  if (basis === 'projection') return `${year} (projection)`;
  if (basis === 'mixed') return `${year} (estimates and projections)`;
  return String(year);
}

/** "2017 mid-year estimate", "2024 projection", "2017 population" (source not stated). */
export function populationYearWords(year: number, bases: readonly YearBasis[] | undefined): string {
  return populationWords(year, basisOf(bases, year));
}

/** The same, for a year whose basis is known: a pivot figure's own. */
export function populationWords(year: number, basis: YearBasis['basis'] | undefined): string {
  if (basis === 'estimate') return `${year} mid-year estimate`;
  if (basis === 'projection') return `${year} projection`;
  if (basis === 'mixed') return `${year} estimates and projections`;
  return `${year} population`;
}

/**
 * "mid-year estimates to 2010, projections from 2011" for a span of years: what the analyst
 * needs to know before choosing a year. Null when no source says.
 */
export function basesSummary(bases: readonly YearBasis[] | undefined): string | null {
  const known = (bases ?? []).filter((b) => b.basis !== null);
  if (!known.length) return null;
  const runs: { basis: YearBasis['basis']; from: number; to: number }[] = [];
  for (const b of known) {
    const last = runs.at(-1);
    if (last && last.basis === b.basis) last.to = b.year;
    else runs.push({ basis: b.basis, from: b.year, to: b.year });
  }
  const word = {
    estimate: 'mid-year estimates',
    projection: 'projections',
    mixed: 'estimates and projections',
  };
  if (runs.length === 1) return word[runs[0]!.basis!];
  return runs
    .map((r, i) => {
      const span = r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`;
      if (i === 0) return `${word[r.basis!]} to ${r.to}`;
      if (i === runs.length - 1) return `${word[r.basis!]} from ${r.from}`;
      return `${word[r.basis!]} ${span}`;
    })
    .join(', ');
}

/** A source as the analyst reads it: "ONS MYE" is the ONS mid-year estimates; null, "source not stated". */
export function sourceWords(source: string | null | undefined): string {
  if (!source) return 'source not stated';
  return /^ONS MYE$/i.test(source.trim()) ? 'ONS mid-year estimates' : source;
}

const PLURAL = { estimate: 'mid-year estimates', projection: 'projections' };

/**
 * The populations rates use, in words: "the 2017 projection for both years", "each period’s
 * own population (the 2016 and 2017 projections)", "(the 2010 mid-year estimate and the 2011
 * projection)". `fixed`: one year's population for every period, the first of `years`.
 */
export function populationsUsedWords(
  years: readonly number[],
  fixed: boolean,
  bases: readonly YearBasis[] | undefined,
  every: 'both years' | 'every period',
): string {
  const held = [...new Set(years)].sort((a, b) => a - b);
  if (fixed && held.length) return `the ${populationYearWords(held[0]!, bases)} for ${every}`;
  const own = every === 'both years' ? 'each year’s own population' : 'each period’s own population';
  if (!held.length) return `${own} (none held)`;
  const kinds = new Set(held.map((y) => basisOf(bases, y)));
  const only = kinds.size === 1 ? [...kinds][0] : null;
  const list =
    held.length > 1 && (only === 'estimate' || only === 'projection')
      ? `the ${listed(held.map(String))} ${PLURAL[only]}`
      : listed(held.map((y) => `the ${populationYearWords(y, bases)}`));
  return `${own} (${list})`;
}
