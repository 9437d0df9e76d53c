/**
 * Running a pivot: aggregate the current figures, then turn counts into the measure asked
 * for (count, rate per 1,000, share, change, % change, rate change), with totals, flags
 * and plain-words notes. All arithmetic on counts happens here, once, for every view.
 */
import type { Dimension, Measure, PivotCell, PivotMeasureTable, PivotResult, PivotSpec } from '../../../shared/pivot';
import { WardlensError } from '../../errors';
import { fromIsoMonth, toIsoMonth } from '../../months';
import { AS_OF_MONTHS_SQL } from '../../store/revisions';
import { datasetWardSet } from '../../store/areas';
import type { Db } from '../../store/workspace';
import { AREA_DIMENSIONS, isTimeDimension, periodCode, periodOfMonth, type FactKind } from './dimensions';
import { aggregate, aggregateInSteps } from './query';
import { resolveFilters } from './filters';
import { buildGrid, type CellFacts, type Grid } from './grid';
import { blankAreas, loadPopulations, missingPopulationNote, type PopulationKind } from './populations';
import { anyRateGiven, filteredAreas, filteredAreasMissingNote, ratedOverNote, ratesOverFilteredAreas } from './filteredAreas';
import { populationBases } from '../../store/populationAreas';
import { CELLS_BETWEEN_PAUSES, completeness, countCells, measureCell, type MeasureContext } from './measures';
import { Pacer, runAtOnce, runInSlices, type SliceOptions, type Steps } from './steps';

interface DatasetRow {
  id: number;
  key: string;
  name: string;
  kind: string;
  areaLevel: string;
  scheme: string | null;
}

const CHANGE_MEASURES: Measure[] = ['change', 'pct-change', 'rate-change'];

export function runPivot(db: Db, spec: PivotSpec): PivotResult {
  return pivotRun(db, spec).result;
}

/**
 * The pivot as the engine's thread runs it for the app: in slices (steps.ts), a long
 * query split by borough, so that a cancel stops it within a slice. All of it reads one
 * snapshot of the workspace, as the one-go pivot does.
 */
export async function runPivotInSlices(db: Db, spec: PivotSpec, options: SliceOptions = {}): Promise<PivotResult> {
  if (options.signal?.aborted) throw new WardlensError('cancelled', 'The pivot was cancelled before it started.');
  return (await runInSlices(inOneSnapshot(db, pivotSteps(db, spec, true)), options)).result;
}

/** Runs the steps inside one read transaction (unless one is open already), ended however they end. */
function* inOneSnapshot<T>(db: Db, steps: Steps<T>): Steps<T> {
  if (db.inTransaction) return yield* steps;
  db.exec('BEGIN');
  try {
    return yield* steps;
  } finally {
    // A pivot only reads: there is nothing to keep or undo, only the snapshot to let go.
    if (db.inTransaction) db.exec('COMMIT');
  }
}

/**
 * A pivot, with its one note on rates left blank for want of a population also held apart:
 * a map, which knows the ward set it is drawn on, words a better one in its place, and needs
 * to know which note to replace without reading the notes' text.
 */
export interface PivotRun {
  result: PivotResult;
  /** The note in `result.notes` on rates left blank for want of a population, or null when none is. */
  blankRatesNote: string | null;
}

export function pivotRun(db: Db, spec: PivotSpec): PivotRun {
  return runAtOnce(pivotSteps(db, spec, false));
}

/** The pivot, yielding between steps; `chunked`: a big aggregate is read a borough at a time (chunks.ts). */
function* pivotSteps(db: Db, spec: PivotSpec, chunked: boolean): Steps<PivotRun> {
  const dataset = db
    .prepare(
      'SELECT id, key, name, kind, area_level AS areaLevel, category_scheme AS scheme FROM datasets WHERE key = ?',
    )
    .get(spec.dataset) as DatasetRow | undefined;
  if (!dataset)
    throw new WardlensError('not-found', `There is no dataset "${spec.dataset}" in this workspace.`);
  if (dataset.kind === 'population')
    throw new WardlensError(
      'bad-request',
      `"${dataset.name}" holds populations, not crimes: pivot a crime dataset and ask for rates.`,
    );
  const kind = dataset.kind as FactKind;
  const measures = measuresOf(spec);
  const measure = measures[0]!;
  const dims = [...spec.rows, ...spec.columns];
  for (const m of measures) validate(spec, dims, m);

  const held = heldMonths(db, dataset.id, spec.asOfImport);
  if (held.size === 0) throw new WardlensError('not-found', `"${dataset.name}" holds no months yet.`);
  const first = monthOrThrow(spec.months?.from) ?? Math.min(...held);
  const last = monthOrThrow(spec.months?.to) ?? Math.max(...held);
  const filters = resolveFilters(db, dataset.id, dataset.scheme, spec.filters ?? {});
  const query = { datasetId: dataset.id, kind, dimensions: dims, filters, asOfImport: spec.asOfImport };

  const read = (firstMonth: number, lastMonth: number) =>
    chunked ? aggregateInSteps(db, { ...query, firstMonth, lastMonth }) : once(aggregate(db, { ...query, firstMonth, lastMonth }));
  const current = yield* read(first, last);
  const previous = measures.some((m) => CHANGE_MEASURES.includes(m)) ? yield* read(first - 100, last - 100) : null;

  const areaDim = dims.find((d) => AREA_DIMENSIONS.includes(d)) ?? null;
  const needsPopulation = measures.some((m) => m === 'rate' || m === 'rate-change');
  const ctx: MeasureContext = {
    measure,
    shareOf: spec.shareOf ?? 'total',
    smallCount: spec.smallCount ?? 10,
    held,
    span: { first, last },
    dims,
    areaIndex: areaDim ? dims.indexOf(areaDim) : -1,
    timeIndex: dims.findIndex(isTimeDimension),
    populations:
      needsPopulation && areaDim ? loadPopulations(db, areaDim as PopulationKind) : null,
    ...(needsPopulation && areaDim
      ? { populationKind: areaDim as PopulationKind, blankArea: blankAreas(db, areaDim as PopulationKind, datasetWardSet(db, dataset.id)) }
      : {}),
    populationYear: spec.populationYear ?? null,
    ...(needsPopulation && areaDim
      ? { populationBases: new Map(populationBases(db, areaDim as PopulationKind).map((b) => [b.year, b.basis])) }
      : {}),
    defaultPopulationYear: Math.floor(last / 100),
    notes: new Set<string>(),
    // One cache for every measure's copy of this context: a period's completeness does not depend on the measure.
    completeness: [],
  };
  // With no area on the rows or columns, rates are per the residents of the areas the filters keep.
  const kept = needsPopulation && !areaDim ? filteredAreas(db, dataset.id, filters) : null;
  if (kept) Object.assign(ctx, ratesOverFilteredAreas(db, kept));
  const grid = yield* buildGrid({
    dims,
    rowDims: spec.rows.length,
    current,
    previous,
    areaIndex: ctx.areaIndex,
    timeIndex: ctx.timeIndex,
    periods: ctx.timeIndex < 0 ? [] : coveredPeriods(dims[ctx.timeIndex]!, held, first, last, filters),
  });

  const notes = ctx.notes;
  if (dims.includes('ward') && dims.includes('borough')) {
    notes.add(
      "Ward figures do not add up to the borough’s published total: some crimes carry no ward, and airport crime is filed under its own police area.",
    );
  }
  if (needsPopulation && !areaDim && !kept)
    notes.add('Rates need an area: add borough or ward to the rows or columns, or keep only some boroughs or wards with a filter.');
  // One missing-population record for every measure's copy of the context, told in one note.
  ctx.missingPopulations = new Map();
  const tables: PivotMeasureTable[] = [];
  for (const m of measures) tables.push(yield* measureTable({ ...ctx, measure: m }, grid, spec.shareOf ?? 'total'));
  if (kept && anyRateGiven(tables)) notes.add(ratedOverNote(kept));
  const blankRatesNote =
    ctx.populations && ctx.missingPopulations.size && kept
      ? filteredAreasMissingNote(kept, ctx.populations, ctx.missingPopulations)
      : ctx.populations && ctx.missingPopulations.size
      ? missingPopulationNote(db, areaDim as PopulationKind, ctx.populations, ctx.missingPopulations, datasetWardSet(db, dataset.id))
      : null;
  if (blankRatesNote) notes.add(blankRatesNote);
  const primary = tables[0]!;
  const result: PivotResult = {
    spec,
    dataset: { key: dataset.key, name: dataset.name, kind: dataset.kind },
    measure,
    rowDimensions: spec.rows,
    columnDimensions: spec.columns,
    rows: grid.rowHeaders,
    columns: grid.columnHeaders,
    cells: primary.cells,
    rowTotals: primary.rowTotals,
    columnTotals: primary.columnTotals,
    grandTotal: primary.grandTotal,
    notes: [...notes],
    span: { from: toIsoMonth(first), to: toIsoMonth(last) },
  };
  if (measures.length > 1) result.byMeasure = tables;
  if (kept) result.ratesPer = { kind: kept.kind, areas: kept.keys };
  return { result, blankRatesNote };
}

/** The measures asked for: `measure` first, then `measures`, each once (count by default). */
function measuresOf(spec: PivotSpec): Measure[] {
  const all = [...(spec.measure ? [spec.measure] : []), ...(spec.measures ?? [])];
  return all.length ? [...new Set(all)] : ['count'];
}

/** One measure's cells and totals over the grid. */
function* measureTable(ctx: MeasureContext, grid: Grid, shareOf: 'row' | 'column' | 'total'): Steps<PivotMeasureTable> {
  const grand = grid.grandFacts();
  // A ward × month × category table has a hundred thousand rows: their totals too are made in steps.
  const rowFacts = yield* eachOf(grid.rowHeaders, (_, i) => grid.rowFacts(i));
  const columnFacts = yield* eachOf(grid.columnHeaders, (_, j) => grid.columnFacts(j));
  const cells =
    ctx.measure === 'count' || ctx.measure === 'share'
      ? yield* countTable(ctx, grid, rowFacts, columnFacts, grand)
      : yield* factsTable(ctx, grid, grand);
  const rowTotals = yield* eachOf(rowFacts, (f) => measureCell(ctx, f, grand));
  const columnTotals = yield* eachOf(columnFacts, (f) => measureCell(ctx, f, grand));
  const table: PivotMeasureTable = { measure: ctx.measure, cells, rowTotals, columnTotals, grandTotal: measureCell(ctx, grand, grand) };
  yield;
  if (ctx.measure === 'share') yield* shareWithin(table, shareOf);
  return table;
}

/** `list.map(make)`, pausing every few thousand items. */
function* eachOf<T, U>(list: readonly T[], make: (item: T, i: number) => U): Steps<U[]> {
  const out: U[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    out[i] = make(list[i]!, i);
    if ((i & 4095) === 4095) yield;
  }
  return out;
}

/** A value already at hand, as steps (none to pause at). */
// eslint-disable-next-line require-yield
function* once<T>(value: T): Steps<T> {
  return value;
}

/**
 * Count and share cells: a cell's period is its row's or its column's, so completeness is
 * worked out once per row or column, not per cell (measures.countCells).
 */
function countTable(ctx: MeasureContext, grid: Grid, rowFacts: CellFacts[], columnFacts: CellFacts[], grand: CellFacts): Steps<PivotCell[][]> {
  const timeInColumns = ctx.timeIndex >= grid.rowDimensions;
  return countCells(
    ctx,
    {
      counts: grid.currentCells,
      rows: rowFacts.length,
      columns: columnFacts.length,
      rowComplete: timeInColumns ? null : completeness(ctx, rowFacts),
      columnComplete: timeInColumns ? completeness(ctx, columnFacts) : null,
    },
    grand.count,
  );
}

/** Any measure, cell by cell from its facts (counts a year earlier, areas and periods spanned). */
function* factsTable(ctx: MeasureContext, grid: Grid, grand: CellFacts): Steps<PivotCell[][]> {
  const rows = grid.rowHeaders.length;
  const columns = grid.columnHeaders.length;
  const cells: PivotCell[][] = new Array(rows);
  // One facts object reused for every cell: measureCell keeps no reference to it.
  const facts: CellFacts = { count: 0, previousCount: 0, areas: [], periods: [] };
  // A cell of a change or a rate costs some microseconds: pause every few thousand.
  const pace = new Pacer(CELLS_BETWEEN_PAUSES / 8);
  for (let i = 0; i < rows; i++) {
    const row: PivotCell[] = new Array(columns);
    for (let j = 0; j < columns; j++) row[j] = measureCell(ctx, grid.cellFacts(i, j, facts), grand);
    cells[i] = row;
    if (pace.tick(columns)) yield;
  }
  return cells;
}

/**
 * The periods to show even where no crime was recorded: each one holding a month the
 * dataset covers (its imported months) inside the span and any period filters. A month the
 * data does not cover is never turned into a zero: it is missing, and its period incomplete.
 */
function coveredPeriods(
  d: Dimension,
  held: Set<number>,
  first: number,
  last: number,
  filters: Partial<Record<Dimension, string[]>>,
): number[] {
  if (!isTimeDimension(d)) return [];
  const periodFilters = (Object.entries(filters) as [Dimension, string[]][])
    .filter(([f, values]) => isTimeDimension(f) && values.length > 0)
    .map(([f, values]) => {
      const t = f as typeof d;
      return { d: t, codes: new Set(values.map((v) => periodCode(t, v))) };
    });
  const codes = new Set<number>();
  for (const m of [...held].sort((a, b) => a - b)) {
    if (m < first || m > last) continue;
    if (periodFilters.every((f) => f.codes.has(periodOfMonth(f.d, m)))) codes.add(periodOfMonth(d, m));
  }
  return [...codes];
}

/** The months the dataset holds now, or held when import `asOf` was the newest. */
function heldMonths(db: Db, datasetId: number, asOf: number | undefined): Set<number> {
  if (asOf !== undefined && !db.prepare('SELECT 1 FROM imports WHERE id = ? AND dataset_id = ?').get(asOf, datasetId)) {
    throw new WardlensError('not-found', `Import ${asOf} is not an extract of this dataset.`);
  }
  const rows = (asOf === undefined
    ? db.prepare('SELECT month FROM dataset_months WHERE dataset_id = ?').all(datasetId)
    : db.prepare(`SELECT month FROM (${AS_OF_MONTHS_SQL})`).all(datasetId, asOf)) as { month: number }[];
  return new Set(rows.map((r) => r.month));
}

function validate(spec: PivotSpec, dims: Dimension[], measure: Measure): void {
  if (new Set(dims).size !== dims.length)
    throw new WardlensError('bad-request', 'A dimension can be used once, in the rows or the columns.');
  if (
    CHANGE_MEASURES.includes(measure) &&
    !dims.some(isTimeDimension) &&
    !(spec.months?.from && spec.months?.to)
  ) {
    throw new WardlensError(
      'bad-request',
      'A change needs periods to compare: add month, quarter, year or financial year, or give a month range.',
    );
  }
  if (spec.smallCount !== undefined && !(spec.smallCount >= 0))
    throw new WardlensError('bad-request', 'The small-count threshold must be 0 or more.');
}

function monthOrThrow(text: string | undefined): number | null {
  if (text === undefined) return null;
  const m = fromIsoMonth(text);
  if (m === null)
    throw new WardlensError('bad-request', `"${text}" is not a month; give it as YYYY-MM, e.g. 2022-01.`);
  return m;
}

/** Shares of the row or column total rather than the grand total. */
function* shareWithin(result: PivotMeasureTable, of: 'row' | 'column' | 'total'): Steps<void> {
  if (of === 'total') return;
  const pct = (count: number, total: number) => (total > 0 ? (100 * count) / total : null);
  const pace = new Pacer(CELLS_BETWEEN_PAUSES);
  for (const [r, row] of result.cells.entries()) {
    row.forEach((c, k) => {
      c.value = pct(c.count, of === 'row' ? result.rowTotals[r]!.count : result.columnTotals[k]!.count);
    });
    if (pace.tick(row.length)) yield;
  }
  result.rowTotals.forEach(
    (t) => (t.value = of === 'row' ? (t.count > 0 ? 100 : null) : pct(t.count, result.grandTotal.count)),
  );
  result.columnTotals.forEach(
    (t) => (t.value = of === 'column' ? (t.count > 0 ? 100 : null) : pct(t.count, result.grandTotal.count)),
  );
}
