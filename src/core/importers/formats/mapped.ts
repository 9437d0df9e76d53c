/**
 * Any other spreadsheet, read through an explicit column mapping (a JSON file on the CLI,
 * chosen interactively in the app): which column is the area, the month, the category and
 * the count, or that months run across the columns. Names are matched by code, then by
 * normalised name; unmatched names are listed, never guessed. Totals rows are skipped.
 */
import type { ColumnMapping } from '../../../shared/importing';
import type { AreaCheck } from '../../../shared/preview';
import type { AreaRow } from '../../store/areas';
import { badInput, WardlensError } from '../../errors';
import { currentMonth, parseMonthCell, toIsoMonth } from '../../months';
import { CategoryRegistry } from '../../store/categories';
import { CountWriter } from '../../store/counts';
import type { MonthClaims } from '../../store/revisions';
import { datasetKeyFromName, type DatasetSpec } from '../../store/datasets';
import { dataRows, parseCount, type ImportContext } from '../context';
import { cellText } from '../readers/table';
import { counted, listed } from '../../../shared/counted';

export interface MappedLayout {
  area: number;
  /** The column holding each row's borough (−1: none, or one borough for every row). */
  borough: number;
  category: number;
  major: number;
  month: number;
  count: number;
  /** [column, yyyymm] when months run across the columns. */
  months: [number, number][];
}

const TOTAL_ROW = /^(grand )?totals?\b|^all (wards|areas|boroughs)$/i;

export function mappedDatasetSpec(mapping: ColumnMapping, datasetName: string): DatasetSpec {
  return {
    key: datasetKeyFromName(datasetName),
    name: datasetName,
    kind: 'counts',
    areaLevel: mapping.areaLevel ?? 'ward',
    categoryScheme: 'mapped',
    // A sheet of wards says which ward set its names are from: every screen then names its
    // wards as that set does (a 2018 sheet keeps its 2018 names).
    boundaryVintage: (mapping.areaLevel ?? 'ward') === 'ward' ? (mapping.vintage ?? null) : null,
  };
}

/** Resolves the mapping's column references against the header; a missing column is an error. */
export function layoutFromMapping(file: string, mapping: ColumnMapping, header: unknown[], headerRow: number): MappedLayout {
  const texts = header.map((c) => cellText(c).toLowerCase());
  const find = (ref: string | number | undefined, role: string, optional = false): number => {
    if (ref === undefined) {
      if (optional) return -1;
      throw new WardlensError('bad-request', `The mapping for ${file} does not say which column is the ${role}.`);
    }
    const index = typeof ref === 'number' ? ref - 1 : texts.indexOf(ref.trim().toLowerCase());
    if (index < 0 || index >= header.length) {
      throw badInput(file, `the mapping names "${ref}" as the ${role} column, but the header row has no such column (columns: ${texts.filter(Boolean).join(', ')}).`, { row: headerRow, column: String(ref) });
    }
    return index;
  };
  const layout: MappedLayout = {
    area: find(mapping.area, 'area'),
    borough: find(mapping.borough, 'borough', true),
    category: find(mapping.category, 'category', mapping.categoryValue !== undefined),
    major: find(mapping.major, 'major category', true),
    month: -1,
    count: -1,
    months: [],
  };
  if (mapping.monthsAcrossColumns) {
    layout.months = header.flatMap((c, i) => {
      const m = [layout.area, layout.borough, layout.category, layout.major].includes(i) ? null : parseMonthCell(c);
      return m === null ? [] : [[i, m] as [number, number]];
    });
    if (layout.months.length === 0) throw badInput(file, 'the mapping says months run across the columns, but no header in the header row reads as a month.', { row: headerRow });
    checkMonthHeaders(file, layout.months, headerRow);
  } else {
    layout.month = find(mapping.month, 'month');
    layout.count = find(mapping.count, 'count');
  }
  return layout;
}

/** Months across the columns: each once, none in the future (a mistyped year reads as a future month). */
function checkMonthHeaders(file: string, months: [number, number][], headerRow: number): void {
  const seen = new Map<number, number>();
  for (const [i, m] of months) {
    const column = `column ${i + 1}`;
    const earlier = seen.get(m);
    if (earlier !== undefined) {
      throw badInput(file, `${toIsoMonth(m)} heads two columns (columns ${earlier + 1} and ${i + 1}); its crimes would be counted twice.`, { row: headerRow, column });
    }
    seen.set(m, i);
    if (m > currentMonth()) {
      throw badInput(file, `the header of column ${i + 1} reads as ${toIsoMonth(m)}, a month that has not happened yet.`, { row: headerRow, column, expected: `a month up to ${toIsoMonth(currentMonth())}` });
    }
  }
}

/** Columns among (or just after) the month columns whose header is blank: a month header merged across two columns leaves one. */
function unlabelledColumns(header: string[], layout: MappedLayout): number[] {
  if (layout.months.length === 0) return [];
  const first = layout.months[0]![0];
  const last = layout.months.at(-1)![0];
  return header.flatMap((h, i) => (h.trim() === '' && i > first && i <= last + 1 ? [i] : []));
}

export async function importMapped(ctx: ImportContext, claim: (months: number[]) => MonthClaims, mapping: ColumnMapping, layout: MappedLayout): Promise<void> {
  const categories = new CategoryRegistry(ctx.db, 'mapped');
  // Several rows for one area, month and category add up (partner sheets often split them).
  const writer = new CountWriter(ctx.db, ctx.datasetId, ctx.importId, 'add', () => {
    throw new Error('unreachable: figures are added, never refused');
  });
  let blanks = 0;
  const readRow = rowReader(ctx, mapping, layout);
  const ambiguous = new Map<string, string[]>();
  const inSeveralBoroughs = new Map<string, string[]>();
  const areaOf = rowAreaFinder(ctx, mapping, layout);
  for await (const { row, cells } of dataRows(ctx)) {
    const found = areaOf(cells, row);
    if (found.kind === 'total') {
      ctx.tally.skip(cellText(cells[layout.area]), mapping.areaLevel ?? 'ward');
      continue;
    }
    if (found.kind === 'refused') {
      ctx.tally.reject(found.name || '(blank)');
      if (found.sets) ambiguous.set(found.name, found.sets);
      else if (found.boroughs) inSeveralBoroughs.set(found.name, found.boroughs);
      continue;
    }
    const { area } = found;
    const read = readRow(cells, row);
    if (!read) continue;
    const categoryId = categories.idFor(read.major, read.minor);
    for (const [month, count] of read.figures) {
      if (count === null) blanks++;
      if (count) writer.add(area.id, area.parentId ?? area.id, categoryId, month, count, row);
    }
    for (const [m] of read.figures) ctx.tally.months.add(m);
    ctx.tally.areas.add(area.id);
    ctx.tally.rowsStored++;
  }
  // A long sheet's months are known only once read: claim them, then write.
  const months = [...ctx.tally.months];
  writer.setClaims(claim(months));
  writer.finish(months);
  ctx.tally.categories = categories.count;
  if (ambiguous.size) {
    const sets = [...new Set([...ambiguous.values()].flat())].sort();
    ctx.tally.warnings.push(
      `${ambiguous.size} ward name${ambiguous.size > 1 ? 's' : ''} (${[...ambiguous.keys()].slice(0, 6).join(', ')}${ambiguous.size > 6 ? ', …' : ''}) exist${ambiguous.size > 1 ? '' : 's'} in more than one ward boundary set (${sets.join(', ')}), with different boundaries, so their rows were not imported: choose which ward boundaries the sheet uses (${eitherOf(sets)}; "vintage" in a mapping file).`,
    );
  }
  if (inSeveralBoroughs.size) ctx.tally.warnings.push(severalBoroughsWarning(inSeveralBoroughs));
  if (blanks) ctx.tally.warnings.push(`${blanks} blank count cell${blanks > 1 ? 's were' : ' was'} read as no crimes (0).`);
}

/** A stored row's category and its [month, count] figures (null: a blank count cell). */
export interface RowFigures {
  major: string;
  minor: string;
  figures: [number, number | null][];
}

/**
 * Each stored row's category, months and counts, checked as the import checks them: for the
 * import and for the check before it (checkMappedAreas), so a count the import would refuse
 * ("n/a") fails the check with the same words, naming the file, row and column.
 */
export function rowReader(ctx: ImportContext, mapping: ColumnMapping, layout: MappedLayout): (cells: unknown[], row: number) => RowFigures | null {
  const read = figuresReader(ctx, mapping, layout);
  // A row that cannot be read (a blank category, a month that is none) is noted with the bad
  // counts, and null returned, so the reading goes on and the refusal names every bad cell.
  return (cells, row) => {
    try {
      return read(cells, row);
    } catch (err) {
      if (ctx.tally.badCells.noteError(ctx.source.file, err)) return null;
      throw err;
    }
  };
}

function figuresReader(ctx: ImportContext, mapping: ColumnMapping, layout: MappedLayout): (cells: unknown[], row: number) => RowFigures {
  const unlabelled = unlabelledColumns(ctx.header, layout);
  return (cells, row) => {
    const minor = layout.category >= 0 ? cellText(cells[layout.category]) : (mapping.categoryValue ?? '');
    if (minor === '') throw badInput(ctx.source.file, 'the category is blank.', { row, column: ctx.header[layout.category] });
    const major = layout.major >= 0 ? cellText(cells[layout.major]) || minor : minor;
    const columns: [number, number][] = layout.months.length
      ? layout.months
      : [[layout.count, monthOf(ctx, cells[layout.month], row, layout.month)]];
    const figures = columns.map(([column, month]): [number, number | null] => [
      month,
      parseCount(ctx, cells[column], row, ctx.header[column] ?? `column ${column + 1}`),
    ]);
    for (const i of unlabelled) {
      const v = cells[i];
      const n = typeof v === 'number' ? v : Number(String(v ?? '').trim().replace(/,/g, '') || NaN);
      if (Number.isFinite(n) && n !== 0) {
        throw badInput(ctx.source.file, 'this column holds figures, but its header names no month (is a month header cell merged across two columns?). Unmerge the header and give every column its month.', { row, column: `column ${i + 1}` });
      }
    }
    return { major, minor, figures };
  };
}

/**
 * A row's area as the import reads it: a totals row, the one area its name (or code) is, or
 * refused, with why when the name is ambiguous (the ward sets it is in, or its boroughs).
 */
export type RowArea =
  | { kind: 'total' }
  | { kind: 'found'; area: AreaRow }
  | { kind: 'refused'; name: string; sets: string[] | null; boroughs: string[] | null };

/**
 * Each row's area, for the import and for the check before it (checkMappedAreas), so the two
 * cannot disagree. A mapped import creates no areas, so each distinct name (and borough) is
 * resolved once: a long sheet repeats its few hundred ward names many times over.
 */
export function rowAreaFinder(ctx: ImportContext, mapping: ColumnMapping, layout: MappedLayout): (cells: unknown[], row: number) => RowArea {
  const level = mapping.areaLevel ?? 'ward';
  const boroughOf = boroughFinder(ctx, mapping, layout);
  const known = new Map<string, RowArea>();
  return (cells, row) => {
    const name = cellText(cells[layout.area]);
    if (TOTAL_ROW.test(name)) return { kind: 'total' };
    const borough = level === 'ward' ? boroughOf(cells, row) : null;
    const key = `${borough ?? ''}|${name}`;
    let verdict = known.get(key);
    if (!verdict) {
      verdict = resolveArea(ctx, mapping, name, borough);
      known.set(key, verdict);
    }
    return verdict;
  };
}

function resolveArea(ctx: ImportContext, mapping: ColumnMapping, name: string, borough: number | null): RowArea {
  const level = mapping.areaLevel ?? 'ward';
  const found = name === '' ? [] : ctx.areas.candidates(level, name, mapping.vintage, borough);
  if (found.length === 1) return { kind: 'found', area: found[0]! };
  const sets = name && !mapping.vintage ? ctx.areas.ambiguity(level, name) : null;
  if (sets && sets.length > 1) return { kind: 'refused', name, sets, boroughs: null };
  return { kind: 'refused', name, sets: null, boroughs: found.length > 1 ? boroughNames(ctx, found) : null };
}

/**
 * The check before an import: every row read as importMapped reads it (rowAreaFinder, then
 * rowReader for the rows it would store), nothing written. A cell the import would refuse
 * throws the import's own error.
 */
export async function checkMappedAreas(ctx: ImportContext, mapping: ColumnMapping, layout: MappedLayout): Promise<AreaCheck> {
  const areaOf = rowAreaFinder(ctx, mapping, layout);
  const readRow = rowReader(ctx, mapping, layout);
  const check: AreaCheck = {
    level: mapping.areaLevel ?? 'ward', vintage: mapping.vintage ?? null, rows: 0, rowsStored: 0, areas: 0, totalsRows: 0,
    unmatched: [], inSeveralWardSets: [], inSeveralBoroughs: [],
  };
  const stored = new Set<number>();
  const refused = new Map<string, { name: string; rows: number; sets: string[] | null; boroughs: string[] | null }>();
  for await (const rows of dataRows(ctx).batches()) {
    for (const { row, cells } of rows) {
      const found = areaOf(cells, row);
      if (found.kind === 'total') check.totalsRows++;
      else if (found.kind === 'found') {
        readRow(cells, row);
        check.rowsStored++;
        stored.add(found.area.id);
      } else {
        const seen = refused.get(found.name) ?? { name: found.name, rows: 0, sets: found.sets, boroughs: found.boroughs };
        seen.rows++;
        refused.set(found.name, seen);
      }
    }
  }
  check.rows = ctx.tally.rowsRead;
  check.areas = stored.size;
  const byRows = [...refused.values()].sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
  for (const { name, rows, sets, boroughs } of byRows) {
    if (sets) check.inSeveralWardSets.push({ name, rows, sets });
    else if (boroughs) check.inSeveralBoroughs.push({ name, rows, boroughs });
    else check.unmatched.push({ name, rows });
  }
  return check;
}

/**
 * Each row's borough, as an area id (null when the mapping names none): from the borough
 * column, or the one borough the mapping says every row is in. A borough that is no London
 * borough is an error naming the row and column, not a guess.
 */
function boroughFinder(ctx: ImportContext, mapping: ColumnMapping, layout: MappedLayout): (cells: unknown[], row: number) => number | null {
  const find = (text: string, row: number | undefined, column: string): number => {
    const borough = ctx.areas.resolve('borough', text);
    if (!borough) throw badInput(ctx.source.file, `"${text}" is not a London borough (by name or ONS code).`, { row, column });
    return borough.id;
  };
  if (layout.borough >= 0) {
    const column = ctx.header[layout.borough] ?? `column ${layout.borough + 1}`;
    // A London-wide sheet says its 33 boroughs over and over: each is looked up once.
    const known = new Map<string, number>();
    return (cells, row) => {
      const text = cellText(cells[layout.borough]);
      if (text === '') return null;
      let id = known.get(text);
      if (id === undefined) known.set(text, (id = find(text, row, column)));
      return id;
    };
  }
  const fixed = mapping.boroughValue?.trim() ? find(mapping.boroughValue.trim(), undefined, 'the mapping’s borough') : null;
  return () => fixed;
}

const boroughNames = (ctx: ImportContext, wards: { parentId: number | null }[]): string[] =>
  [...new Set(wards.map((w) => (w.parentId === null ? null : ctx.areas.nameOf(w.parentId))).filter((n) => n !== null))].sort();

/** Ward names London has in more than one borough: which, and how to say which is meant. */
function severalBoroughsWarning(names: Map<string, string[]>): string {
  const shown = [...names].slice(0, 6).map(([name, boroughs]) => `${name} (${eitherOf(boroughs)})`);
  const which = names.size > 6 ? `${shown.join(', ')} and ${names.size - 6} more` : listed(shown);
  return (
    `${counted(names.size, 'ward name')} ${names.size > 1 ? 'belong' : 'belongs'} to wards in more than one borough: ${which}. ` +
    `${names.size > 1 ? 'Their' : 'Its'} rows were not imported: say the borough in the mapping (a column holding each row’s borough, or the one borough every row is in; "borough" or "boroughValue" in a mapping file).`
  );
}

/** "2014, 2018 or 2022": the ward sets to choose from. Said for the app's mapping form and a CLI mapping file alike. */
function eitherOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function monthOf(ctx: ImportContext, value: unknown, row: number, column: number): number {
  const month = parseMonthCell(value);
  if (month === null) {
    throw badInput(ctx.source.file, `expected a month, found "${cellText(value).slice(0, 30)}".`, {
      row,
      column: ctx.header[column],
      expected: 'a month such as Jan-17, January 2017, 2017-01, 201701 or an Excel date',
    });
  }
  if (month > currentMonth()) {
    throw badInput(ctx.source.file, `the month ${toIsoMonth(month)} has not happened yet.`, { row, column: ctx.header[column], expected: `a month up to ${toIsoMonth(currentMonth())}` });
  }
  return month;
}
