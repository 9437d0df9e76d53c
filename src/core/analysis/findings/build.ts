/**
 * The assessment's standard blocks for one borough, category and pair of years, built on
 * the pivot engine and the statistics module: quick facts, wards, months and seasonality,
 * rolling year, nearest neighbours, caveats and sources.
 */
import type { CountComparison } from '../../../shared/analysis';
import type { AreaFigures, FactsSpec, Findings, NeighbourRow, WardFigures } from '../../../shared/findings';
import type { PivotResult } from '../../../shared/pivot';
import { populationsUsedWords } from '../../../shared/populationBasis';
import type { Db } from '../../store/workspace';
import { compareCounts } from '../comparison';
import { periodKey } from '../pivot/dimensions';
import { loadPopulations, type PopulationTable } from '../pivot/populations';
import { competitionRanks, ragRatings } from '../ranking';
import { findingsContext, type FindingsContext } from './context';
import { monthsBlock, rollingBlock } from './months';
import { findingsSources, rollingYearCaveat } from './sources';
import { signed } from '../../signs';
import { significantWardsSentences, smallWardsCaveat } from './wardWords';
import { wardDatasetsFor } from './wardDatasets';
import { changeSentences, listedWithTies, offences, quickFactSentences, topWithTies, count as fmtCount, rate as fmtRate } from './words';
import { heldWords, holdsAll, likeForLikeWindow, windowMonths } from './likeForLike';
import { applySeriesBreaks, wardsNotCompared, withSeriesBreak } from './seriesBreaks';

const LONDON_BOROUGH = /^E09000(0(0[2-9]|[12]\d|3[0-3]))$/; // the 32 boroughs; the City of London has its own police

export function buildFindings(db: Db, spec: FactsSpec): Findings {
  const ctx = findingsContext(db, spec);
  const months = { from: periodKey('month', ctx.previous.first), to: periodKey('month', ctx.current.last) };
  const byYear = (rows: 'borough' | 'ward', boroughFilter: boolean) =>
    ctx.pivot({ rows: [rows], columns: [ctx.yearDim], months, filters: { ...ctx.categoryFilter, ...(boroughFilter ? { borough: [spec.area] } : {}) } });

  const areaPivot = byYear('borough', true);
  const boroughPivot = byYear('borough', false);
  const wardPivot = ctx.dataset.areaLevel === 'ward' ? byYear('ward', true) : null;
  const area = { key: areaPivot.rows[0]?.keys[0] ?? spec.area, name: areaPivot.rows[0]?.labels[0] ?? spec.area };
  const categoryLabel = categoryLabelOf(ctx, areaPivot);
  const boroughPops = loadPopulations(db, 'borough');
  const quick = figuresFor(ctx, areaPivot, 0, area, boroughPops);
  const what = offences(categoryLabel);
  const caveats: string[] = [];
  const partYear = partYearWords(ctx);

  const findings: Findings = {
    dataset: { key: ctx.dataset.key, name: ctx.dataset.name },
    area,
    category: { key: ctx.categoryFilter.category?.[0] ?? ctx.categoryFilter.major?.[0] ?? spec.category, label: categoryLabel, level: ctx.categoryLevel },
    years: { previous: ctx.previous.key, current: ctx.current.key, kind: spec.yearKind ?? 'calendar' },
    populationYears: { previous: quick.previousRate === null ? null : ctx.previous.populationYear, current: quick.currentRate === null ? null : ctx.current.populationYear, fixed: spec.populationYear !== undefined },
    quickFacts: { ...quick, sentences: quickFactSentences(quick, what, area.name, ctx.previous.key, ctx.current.key, partYear ?? undefined) },
    likeForLike: partYear ? likeForLikeBlock(ctx, area, boroughPops, what) : null,
    heldMonths: { previous: holdsAll(ctx, ctx.previous) ? null : heldWords(ctx, ctx.previous), current: holdsAll(ctx, ctx.current) ? null : heldWords(ctx, ctx.current) },
    // A category whose recording changed within the years makes every ward's change an artefact, as a part year does.
    wards: wardPivot ? wardsBlock(ctx, wardPivot, what, caveats, partYear ?? wardsNotCompared(ctx)) : null,
    wardDatasets: wardPivot ? [] : wardDatasetsFor(ctx, area.key),
    months: monthsBlock(ctx, area.key),
    rollingYear: rollingBlock(ctx, area.key),
    neighbours: neighboursBlock(ctx, boroughPivot, area.key, boroughPops, partYear),
    caveats,
    // Every borough's population can count (the London total and the RAG quartiles), and each rated ward's.
    sources: findingsSources(ctx, { borough: keysOf(boroughPivot), ward: wardPivot ? keysOf(wardPivot) : [] }),
  };
  findings.caveats.unshift(...generalCaveats(findings));
  const rolling = rollingYearCaveat(ctx);
  if (rolling) findings.caveats.push(rolling);
  applySeriesBreaks(ctx, findings);
  return findings;
}

const keysOf = (pivot: PivotResult) => pivot.rows.map((r) => r.keys[0]!);

function categoryLabelOf(ctx: FindingsContext, pivot: PivotResult): string {
  const value = ctx.categoryFilter.category?.[0] ?? ctx.categoryFilter.major?.[0] ?? ctx.spec.category;
  const dim = ctx.categoryLevel === 'minor' ? 'category' : 'major';
  const labelled = ctx.pivot({ rows: [dim], columns: [], months: { from: periodKey('month', ctx.current.first), to: periodKey('month', ctx.current.last) }, filters: ctx.categoryFilter });
  return labelled.rows[0]?.labels[0] ?? pivot.rows[0]?.labels[0] ?? value;
}

/** Counts, rates and the change test for row `r` of a (area × year) pivot. */
function figuresFor(ctx: FindingsContext, pivot: PivotResult, r: number, area: { key: string; name: string }, pops: PopulationTable): AreaFigures {
  const col = (key: string) => pivot.columns.findIndex((c) => c.keys[0] === key);
  const cell = (key: string) => (r >= 0 && col(key) >= 0 ? pivot.cells[r]![col(key)]! : null);
  const prev = cell(ctx.previous.key);
  const cur = cell(ctx.current.key);
  const comparison: CountComparison = compareCounts({
    previous: prev?.count ?? 0,
    current: cur?.count ?? 0,
    previousPopulation: pops.get(area.key)?.get(ctx.previous.populationYear) ?? null,
    currentPopulation: pops.get(area.key)?.get(ctx.current.populationYear) ?? null,
    previousIncomplete: !isHeld(ctx, ctx.previous),
    currentIncomplete: !isHeld(ctx, ctx.current),
  });
  // Rates of a part year and a full year differ by the missing months, not by any change.
  const rateChange = comparison.flags.includes('incomplete') ? null : comparison.rateChange;
  // Across a break in the series (a category renamed, a ward's crimes filed elsewhere) no change is called real.
  return withSeriesBreak(ctx, { key: area.key, name: area.name, ...comparison, rateChange });
}

/** "The data holds only Sep–Dec of 2020", or null when it holds both years whole. */
function partYearWords(ctx: FindingsContext): string | null {
  const parts = [ctx.previous, ctx.current].filter((y) => !holdsAll(ctx, y)).map((y) => `${heldWords(ctx, y)} of ${y.key}`);
  return parts.length ? `The data holds ${parts.join(' and ')}` : null;
}

/** The same months of both years, compared as the whole years would be. */
function likeForLikeBlock(ctx: FindingsContext, area: { key: string; name: string }, pops: PopulationTable, what: string): Findings['likeForLike'] {
  const window = likeForLikeWindow(ctx);
  if (!window) return null;
  const total = (span: { first: number; last: number }) =>
    ctx.pivot({ rows: [], columns: [], months: windowMonths(span), filters: { ...ctx.categoryFilter, borough: [area.key] } }).cells[0]?.[0]?.count ?? 0;
  const comparison = compareCounts({
    previous: total(window.previous),
    current: total(window.current),
    previousPopulation: pops.get(area.key)?.get(ctx.previous.populationYear) ?? null,
    currentPopulation: pops.get(area.key)?.get(ctx.current.populationYear) ?? null,
  });
  const figures = { key: area.key, name: area.name, ...comparison };
  const opening = `Like for like, between ${window.previousLabel} and ${window.currentLabel} ${what} in ${area.name}`;
  return { previous: window.previousLabel, current: window.currentLabel, figures, sentences: changeSentences(figures, opening) };
}

function isHeld(ctx: FindingsContext, span: { first: number; last: number }): boolean {
  for (let m = span.first; m <= span.last; m = m % 100 === 12 ? m + 89 : m + 1) if (!ctx.held.has(m)) return false;
  return true;
}

function wardsBlock(ctx: FindingsContext, pivot: PivotResult, what: string, caveats: string[], partYear: string | null): Findings['wards'] {
  const pops = loadPopulations(ctx.db, 'ward');
  const figures = pivot.rows.map((row, r) => figuresFor(ctx, pivot, r, { key: row.keys[0]!, name: row.labels[0]! }, pops));
  const ranks = competitionRanks(figures.map((f) => f.current));
  const rows: WardFigures[] = figures.map((f, i) => ({ ...f, rank: ranks[i] ?? null })).sort((a, b) => b.current - a.current);
  const highest = rows.slice(0, 5);
  // A part year against a full one gives every ward a "change" that is only missing months.
  // The sentences take ties from every rising (falling) ward, not only the table's five.
  const rising = rows.filter((w) => w.change > 0 && !w.seriesBreak).sort((a, b) => b.change - a.change);
  const falling = rows.filter((w) => w.change < 0 && !w.seriesBreak).sort((a, b) => a.change - b.change);
  const rises = partYear ? [] : rising.slice(0, 5);
  const falls = partYear ? [] : falling.slice(0, 5);
  const small = smallWardsCaveat(rows, what);
  if (small) caveats.push(small);
  const sentences = [
    highest.length && highest[0]!.current > 0
      ? `The wards with the most ${what} in ${ctx.current.key} were ${listedWithTies(topWithTies(rows, 3, (w) => w.current).map((w) => ({ name: w.name, value: fmtCount(w.current) })))}.`
      : `No ward recorded any ${what} in ${ctx.current.key}.`,
  ];
  if (partYear) {
    sentences.push(`${partYear}, so the wards’ rises and falls between ${ctx.previous.key} and ${ctx.current.key} are not given.`);
    return { rows, highest, rises, falls, sentences };
  }
  if (rises.length) sentences.push(`The biggest rises were in ${listedWithTies(topWithTies(rising, 3, (w) => w.change).map((w) => ({ name: w.name, value: signed(w.change, fmtCount, true) })))}.`);
  if (falls.length) sentences.push(`The biggest falls were in ${listedWithTies(topWithTies(falling, 3, (w) => w.change).map((w) => ({ name: w.name, value: signed(w.change, fmtCount) })))}.`);
  sentences.push(...significantWardsSentences(rows));
  return { rows, highest, rises, falls, sentences };
}

function neighboursBlock(ctx: FindingsContext, pivot: PivotResult, areaKey: string, pops: PopulationTable, partYear: string | null): Findings['neighbours'] {
  const all = pivot.rows.map((row, r) => figuresFor(ctx, pivot, r, { key: row.keys[0]!, name: row.labels[0]! }, pops));
  const london = all.filter((f) => LONDON_BOROUGH.test(f.key));
  const { quartiles, ratings } = ragRatings(london.map((f) => f.rateChange));
  const ratingOf = new Map(london.map((f, i) => [f.key, ratings[i] ?? null]));
  const wanted = [areaKey, ...resolveNeighbours(ctx, ctx.spec.neighbours ?? [])];
  const rows: NeighbourRow[] = wanted
    .map((k) => all.find((f) => f.key === k))
    .filter((f): f is AreaFigures => f !== undefined)
    .map((f) => ({ ...f, quartile: ratingOf.get(f.key)?.quartile ?? null, rag: ratingOf.get(f.key)?.rag ?? null }));
  const londonRow = london.length ? londonTotal(ctx, london, pops) : null;
  const me = rows[0];
  const sentences: string[] = [];
  if (me?.rag && me.rateChange !== null) {
    const band = me.rag === 'red' ? 'among the quarter of London boroughs with the largest rises' : me.rag === 'green' ? 'among the quarter with the largest falls or smallest rises' : 'in the middle half of London boroughs';
    sentences.push(`${me.name}’s rate change of ${signed(me.rateChange, fmtRate, true)} per 1,000 puts it ${band} (RAG ${me.rag}).`);
  } else if (partYear) sentences.push(`${partYear}, so no rate changes or RAG ratings are given between ${ctx.previous.key} and ${ctx.current.key}.`);
  else sentences.push(noRatingsWords(ctx, pops, london));
  return { rows, london: londonRow, quartiles, sentences };
}

/**
 * Why no RAG rating: no borough populations at all (import a table), or a table held that
 * lacks a year the comparison uses (choose a year it holds, or import one that covers it).
 */
function noRatingsWords(ctx: FindingsContext, pops: PopulationTable, london: AreaFigures[]): string {
  const years = [...new Set([ctx.previous.populationYear, ctx.current.populationYear])];
  const missing = years.filter((y) => london.some((b) => pops.get(b.key)?.get(y) === undefined));
  if (pops.size === 0 || missing.length === 0)
    return 'RAG ratings need population figures for the London boroughs: import a borough population table.';
  return `RAG ratings need every London borough’s population in ${missing.join(' and ')}, and the populations held lack ${missing.length > 1 ? 'those years' : 'that year'} for some boroughs: choose a population year they hold, or import a table that covers it.`;
}

function resolveNeighbours(ctx: FindingsContext, names: string[]): string[] {
  if (names.length === 0) return [];
  const p = ctx.pivot({ rows: ['borough'], columns: [], months: { from: periodKey('month', ctx.current.first), to: periodKey('month', ctx.current.last) }, filters: { borough: names } });
  const order = new Map(p.rows.map((r) => [r.labels[0]!.toLowerCase(), r.keys[0]!]));
  return names.map((n) => order.get(n.toLowerCase()) ?? p.rows.find((r) => r.keys[0] === n.toUpperCase())?.keys[0] ?? n);
}

function londonTotal(ctx: FindingsContext, boroughs: AreaFigures[], pops: PopulationTable): AreaFigures {
  const sum = (year: number) => boroughs.reduce<number | null>((t, b) => (t === null ? null : ((v) => (v === undefined ? null : t + v))(pops.get(b.key)?.get(year))), 0);
  const comparison = compareCounts({
    previous: boroughs.reduce((t, b) => t + b.previous, 0),
    current: boroughs.reduce((t, b) => t + b.current, 0),
    previousPopulation: sum(ctx.previous.populationYear),
    currentPopulation: sum(ctx.current.populationYear),
    previousIncomplete: !isHeld(ctx, ctx.previous),
    currentIncomplete: !isHeld(ctx, ctx.current),
  });
  // As for each borough: a part year's rate against a whole year's is no rate change.
  const rateChange = comparison.flags.includes('incomplete') ? null : comparison.rateChange;
  return { key: 'london', name: `London (${boroughs.length} boroughs)`, ...comparison, rateChange };
}

/** "the 2017 projection for both years", "each year’s own population (the 2016 and 2017 projections)". */
function usedWords(f: Findings): string {
  const { previous, current, fixed } = f.populationYears;
  const years = [previous, current].filter((y): y is number => y !== null);
  return populationsUsedWords(fixed ? [current!] : years, fixed, f.sources.populationBases, 'both years');
}

function generalCaveats(f: Findings): string[] {
  const out: string[] = [];
  const q = f.quickFacts;
  if (q.flags.includes('incomplete'))
    out.push(
      f.likeForLike
        ? `The data lacks months of one of the years compared, so the whole years are not compared: the figures for change compare ${f.likeForLike.previous} with ${f.likeForLike.current}, the months both years hold.`
        : 'The data lacks months of one of the years compared, and the two years share no month, so no change between them is given.',
    );
  if (q.flags.includes('small')) out.push('The counts are small (under 10): a change of a few crimes is a large % change and means little.');
  if (q.flags.includes('not-significant')) out.push('The change between the years is within normal year-to-year variation (not statistically significant at the 95% level).');
  if (f.wards) out.push('Ward figures may not add up to the borough’s published total: some crimes carry no ward, airport crime is filed under its own police area, and crimes in custody are recorded in the police station’s ward.');
  out.push('Police figures are revised between extracts: these are the figures of the latest extract held for each month.');
  out.push(
    f.populationYears.current === null
      ? 'No population figures were found for these years, so no rates are given.'
      : `Rates are per 1,000 residents, using ${usedWords(f)}.`,
  );
  return out;
}
