/**
 * From counts to the measure asked for, with the flags analysts need to read it safely:
 * small counts, periods missing months, and (for changes) whether the change is more than
 * noise. A figure that cannot be given honestly is null with the reason.
 */
import type { BlankReasonKind, CellFlag, Dimension, Measure, PivotCell, ShareOf } from '../../../shared/pivot';
import type { YearBasis } from '../../../shared/populationBasis';
import {
  isTimeDimension,
  periodCode,
  periodMonths,
  populationYearOf,
  type TimeDimension,
} from './dimensions';
import { filteredAreasReason, type FilteredAreas } from './filteredAreas';
import type { CellFacts } from './grid';
import { missingPopulationReason, type BlankArea, type PopulationKind, type PopulationTable } from './populations';
import { changeVerdict } from './significance';
import { Pacer, type Steps } from './steps';

export interface MeasureContext {
  measure: Measure;
  shareOf: ShareOf;
  smallCount: number;
  held: Set<number>;
  span: { first: number; last: number };
  dims: Dimension[];
  areaIndex: number;
  timeIndex: number;
  populations: PopulationTable | null;
  populationYear: number | null;
  /** Whether each year's populations are estimates or projections, as their sources say. */
  populationBases?: Map<number, YearBasis['basis']>;
  defaultPopulationYear: number;
  notes: Set<string>;
  /** The kind of area the populations are for, and an area by its key, for a blank rate's reason. */
  populationKind?: PopulationKind;
  blankArea?: (key: string) => BlankArea;
  /** With no area on the rows or columns: the areas the filters keep, whose residents rates are per. */
  filteredAreas?: FilteredAreas;
  /** Areas whose rate is blank for want of a population, by the year wanted: told once, in one note. */
  missingPopulations?: Map<number, Set<string>>;
  /** Period completeness, worked out once per period (and per years back). */
  completeness?: Map<string, boolean>[];
}

interface PopulationFigure {
  population: number | null;
  year: number | null;
  reason?: string;
  reasonKind?: BlankReasonKind;
}

export function measureCell(ctx: MeasureContext, facts: CellFacts, grand: CellFacts): PivotCell {
  const cell: PivotCell = { value: null, count: facts.count, flags: NO_FLAGS };
  // The flags found, in order, as base-4 digits (see flagList); `seen` has a bit per flag.
  let found = 0;
  let seen = 0;
  if (facts.count < ctx.smallCount) {
    found = SMALL;
    seen = SMALL;
  }
  if (!isComplete(ctx, facts, 0)) {
    found = found * 4 + INCOMPLETE;
    seen |= INCOMPLETE;
  }
  const isChange = ctx.measure === 'change' || ctx.measure === 'pct-change' || ctx.measure === 'rate-change';
  if (isChange) {
    cell.previousCount = facts.previousCount;
    if (facts.previousCount < ctx.smallCount && !(seen & SMALL)) {
      found = found * 4 + SMALL;
      seen |= SMALL;
    }
    if (!isComplete(ctx, facts, 1) && !(seen & INCOMPLETE)) found = found * 4 + INCOMPLETE;
  }

  switch (ctx.measure) {
    case 'count':
      cell.value = facts.count;
      break;
    case 'share':
      cell.value = grand.count > 0 ? (100 * facts.count) / grand.count : null;
      break;
    case 'rate': {
      const p = population(ctx, facts, 0);
      Object.assign(cell, { population: p.population, populationYear: p.year }, basisOf(ctx, p.year));
      cell.value = p.population ? (1000 * facts.count) / p.population : null;
      if (p.reason) blankBecause(cell, p);
      break;
    }
    case 'change':
      cell.value = facts.count - facts.previousCount;
      break;
    case 'pct-change':
      if (facts.previousCount === 0) cell.reason = 'No crimes a year earlier, so no % change.';
      else if (facts.previousCount < ctx.smallCount)
        cell.reason = `Withheld: fewer than ${ctx.smallCount} crimes a year earlier, so a % change would mislead.`;
      else cell.value = (100 * (facts.count - facts.previousCount)) / facts.previousCount;
      break;
    case 'rate-change': {
      const now = population(ctx, facts, 0);
      const before = population(ctx, facts, 1);
      Object.assign(cell, { population: now.population, populationYear: now.year }, basisOf(ctx, now.year));
      if (now.population && before.population) {
        cell.value = (1000 * facts.count) / now.population - (1000 * facts.previousCount) / before.population;
      } else blankBecause(cell, now.reason ? now : before);
      break;
    }
  }
  if (isChange) {
    const populations =
      ctx.measure === 'rate-change'
        ? [population(ctx, facts, 0).population, population(ctx, facts, 1).population]
        : [1, 1];
    if (
      populations[0] &&
      populations[1] &&
      changeVerdict(facts.count, facts.previousCount, populations[0], populations[1]) ===
        'no significant change'
    ) {
      found = found * 4 + NOT_SIGNIFICANT;
    }
  }
  if (found) cell.flags = flagList(found);
  return cell;
}

/**
 * Count and share cells in bulk, without CellFacts: their only inputs are the cell's count
 * and whether its period is complete, which is its row's or its column's (whichever holds
 * the time dimension). Gives exactly what measureCell gives for these measures.
 */
export function* countCells(ctx: MeasureContext, grid: CountGrid, grandCount: number): Steps<PivotCell[][]> {
  const { counts, rows, columns } = grid;
  const share = ctx.measure === 'share';
  const small = ctx.smallCount;
  // Flag lists by (small, incomplete): small is found first, as in measureCell.
  const lists = [NO_FLAGS, flagList(SMALL), flagList(INCOMPLETE), flagList(SMALL * 4 + INCOMPLETE)];
  const shared = ctx.measure === 'share' && ctx.shareOf !== 'total' ? null : new Array<PivotCell | undefined>(4 * SHARED_COUNTS);
  const cellOf = (count: number, kind: number): PivotCell => ({
    value: share ? (grandCount > 0 ? (100 * count) / grandCount : null) : count,
    count,
    flags: lists[kind]!,
  });
  const out: PivotCell[][] = new Array(rows);
  const pace = new Pacer(CELLS_BETWEEN_PAUSES);
  for (let i = 0; i < rows; i++) {
    const row: PivotCell[] = new Array(columns);
    const base = i * columns;
    const rowIncomplete = grid.rowComplete?.[i] === 0 ? 2 : 0;
    for (let j = 0; j < columns; j++) {
      const count = counts[base + j]!;
      const incomplete = grid.columnComplete ? (grid.columnComplete[j] === 0 ? 2 : 0) : rowIncomplete;
      const kind = (count < small ? 1 : 0) + incomplete;
      row[j] =
        shared && count < SHARED_COUNTS && (count | 0) === count
          ? (shared[kind * SHARED_COUNTS + count] ??= Object.freeze(cellOf(count, kind)))
          : cellOf(count, kind);
    }
    out[i] = row;
    if (pace.tick(columns)) yield;
  }
  return out;
}

/** Count cells made between chances to pause (a few milliseconds' work). */
export const CELLS_BETWEEN_PAUSES = 1 << 15;

/**
 * Cells with a count below this are made once per count and set of flags, frozen, and shared
 * by every cell of the table that has them, as flag lists are: a ward × month × category
 * table of a hundred thousand cells then holds a few hundred cell objects, not a hundred
 * thousand for the garbage collector to copy. Not for shares of a row or column, whose
 * values run.ts rewrites cell by cell.
 */
const SHARED_COUNTS = 1024;

/**
 * What countCells reads: counts by row × column, and whether each column's period is
 * complete when the columns hold the time dimension, else whether each row's is (the
 * row's own period, or the whole span when the pivot has no time dimension).
 */
export interface CountGrid {
  counts: ArrayLike<number>;
  rows: number;
  columns: number;
  rowComplete: Uint8Array | null;
  columnComplete: Uint8Array | null;
}

/** Whether every period a figure spans is complete (1) or not (0), for a list of figures. */
export function completeness(ctx: MeasureContext, figures: CellFacts[]): Uint8Array {
  const out = new Uint8Array(figures.length);
  for (let k = 0; k < figures.length; k++) out[k] = isComplete(ctx, figures[k]!, 0) ? 1 : 0;
  return out;
}

const SMALL = 1;
const INCOMPLETE = 2;
const NOT_SIGNIFICANT = 3;
const FLAG_OF: Record<number, CellFlag> = { [SMALL]: 'small', [INCOMPLETE]: 'incomplete', [NOT_SIGNIFICANT]: 'not-significant' };
const NO_FLAGS: CellFlag[] = Object.freeze([]) as unknown as CellFlag[];
const SHARED: CellFlag[][] = [];

/**
 * One frozen list per sequence of flags, shared by every cell that has it: a table of a
 * hundred thousand cells then keeps a handful of lists alive instead of a hundred thousand
 * (src/shared/pivot.ts says so; copy a list before changing it). `found` holds the flags in
 * the order found, one base-4 digit each (each flag at most once, so at most 3 digits).
 */
function flagList(found: number): CellFlag[] {
  let list = SHARED[found];
  if (!list) {
    const flags: CellFlag[] = [];
    for (let rest = found; rest > 0; rest = Math.floor(rest / 4)) flags.unshift(FLAG_OF[rest % 4]!);
    SHARED[found] = list = Object.freeze(flags) as unknown as CellFlag[];
  }
  return list;
}

function blankBecause(cell: PivotCell, why: PopulationFigure): void {
  if (why.reason) cell.reason = why.reason;
  if (why.reasonKind) cell.reasonKind = why.reasonKind;
}

/** Are all the months of every period the figure spans held (and inside the span asked for)? */
function isComplete(ctx: MeasureContext, facts: CellFacts, yearsBack: number): boolean {
  const cache = ((ctx.completeness ??= [])[yearsBack] ??= new Map());
  const keys = ctx.timeIndex < 0 ? WHOLE_SPAN : facts.periods;
  for (const key of keys) {
    let complete = cache.get(key);
    if (complete === undefined) cache.set(key, (complete = periodComplete(ctx, key, yearsBack)));
    if (!complete) return false;
  }
  return true;
}
const WHOLE_SPAN = ['*'];

function periodComplete(ctx: MeasureContext, key: string, yearsBack: number): boolean {
  const shift = yearsBack * 100;
  const ok = (m: number) => ctx.held.has(m - shift) && m >= ctx.span.first && m <= ctx.span.last;
  if (key === '*') {
    for (let m = ctx.span.first; m <= ctx.span.last; m = m % 100 === 12 ? m + 89 : m + 1) if (!ok(m)) return false;
    return true;
  }
  const d = ctx.dims[ctx.timeIndex] as TimeDimension;
  const code = periodCode(d, key);
  return code !== null && periodMonths(d, code).every(ok);
}

/**
 * The population a figure's rate is per, in its period's year (or the fixed year): of the
 * areas it spans, or with no area on the rows or columns, of the areas the filters keep.
 */
function population(ctx: MeasureContext, facts: CellFacts, yearsBack: number): PopulationFigure {
  const areas = ctx.areaIndex >= 0 ? facts.areas : ctx.filteredAreas?.keys;
  if (!ctx.populations || !areas)
    return { population: null, year: null, reason: 'Rates need an area: add borough or ward, or keep only some with a filter.' };
  const years = new Set(
    ctx.populationYear !== null
      ? [ctx.populationYear]
      : ctx.timeIndex < 0
        ? [ctx.defaultPopulationYear - yearsBack]
        : facts.periods.map((key) => periodYear(ctx, key) - yearsBack),
  );
  if (years.size > 1) return { population: null, year: null, reason: 'A rate across several years is not given: choose one year.' };
  const year = [...years][0]!;
  let total = 0;
  // Over the filtered areas, every one lacking a population is named, so all are looked at.
  const lacking: string[] = [];
  for (const area of areas) {
    const p = ctx.populations.get(area)?.get(year);
    if (p !== undefined) {
      total += p;
      continue;
    }
    let missing = (ctx.missingPopulations ??= new Map()).get(year);
    if (!missing) ctx.missingPopulations.set(year, (missing = new Set<string>()));
    missing.add(area);
    if (ctx.areaIndex < 0) lacking.push(area);
    else return { population: null, year, ...missingPopulationReason(ctx.populationKind ?? 'ward', ctx.populations, blankAreaOf(ctx, area), year) };
  }
  if (lacking.length && ctx.filteredAreas)
    return { population: null, year, ...filteredAreasReason(ctx.filteredAreas, ctx.populations, lacking, year, blankAreaOf(ctx, lacking[0]!)) };
  return { population: total, year };
}

function blankAreaOf(ctx: MeasureContext, area: string): BlankArea {
  return ctx.blankArea ? ctx.blankArea(area) : { key: area, name: area, ownSetHeld: true };
}

/** The cell's population basis where its source says one (left off otherwise: cells go to the renderer). */
function basisOf(ctx: MeasureContext, year: number | null): Pick<PivotCell, 'populationBasis'> {
  const basis = year === null ? null : ctx.populationBases?.get(year);
  return basis ? { populationBasis: basis } : {};
}

function periodYear(ctx: MeasureContext, key: string): number {
  const d = ctx.dims[ctx.timeIndex] as TimeDimension;
  return populationYearOf(d, periodCode(d, key)!);
}

export { isTimeDimension };
