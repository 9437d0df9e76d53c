/**
 * The Metropolitan Police's wide monthly files (London Datastore): one row per area ×
 * major × minor category, one column per month headed yyyymm. Three layouts are known:
 *  - older borough files: Borough, Major Category, Minor Category, 200801…
 *  - newer borough files: MajorText, MinorText, BoroughName (or LookUp_BoroughName), 201004…
 *  - ward files: MajorText, MinorText, WardName, WardCode, LookUp_BoroughName, 202009…
 * Header case varies between releases; column order is taken from the header, not assumed.
 */
import type { FileFormat } from '../../../shared/workspace';
import { badInput } from '../../errors';
import { currentMonth, monthFromHeader, toIsoMonth } from '../../months';
import type { AreaRow } from '../../store/areas';
import { CategoryRegistry } from '../../store/categories';
import { CountWriter } from '../../store/counts';
import type { MonthClaims } from '../../store/revisions';
import type { DatasetSpec } from '../../store/datasets';
import { cellText } from '../readers/table';
import { badCount, dataRows, parseCount, requireColumns, type ImportContext } from '../context';

interface Layout {
  format: FileFormat;
  major: number;
  minor: number;
  borough: number;
  ward: number;
  wardName: number;
  /** [column index, yyyymm] for every month column. */
  months: [number, number][];
}

const BOROUGH_HEADERS = ['borough', 'boroughname', 'lookup_boroughname', 'borough name'];

export function recogniseMpsWide(header: string[]): Layout | null {
  const at = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const months = header.flatMap((h, i) => {
    const m = monthFromHeader(h);
    return m === null ? [] : [[i, m] as [number, number]];
  });
  if (months.length === 0) return null;
  const borough = at(...BOROUGH_HEADERS);
  const oldMajor = at('major category');
  const oldMinor = at('minor category');
  if (borough >= 0 && oldMajor >= 0 && oldMinor >= 0) {
    return { format: 'mps-borough-old', major: oldMajor, minor: oldMinor, borough, ward: -1, wardName: -1, months };
  }
  const major = at('majortext');
  const minor = at('minortext');
  if (major < 0 || minor < 0 || borough < 0) return null;
  const ward = at('wardcode');
  const wardName = at('wardname');
  if (ward >= 0) return { format: 'mps-ward', major, minor, borough, ward, wardName, months };
  return { format: 'mps-borough', major, minor, borough, ward: -1, wardName: -1, months };
}

export function mpsDatasetSpec(layout: Layout, wardVintage: string | null): DatasetSpec {
  switch (layout.format) {
    case 'mps-borough-old':
      return spec('mps-borough-old', 'MPS borough counts, older category scheme', 'borough', 'mps-old', null);
    case 'mps-borough':
      return spec('mps-borough-ho', 'MPS borough counts, Home Office categories', 'borough', 'mps-ho', null);
    default: {
      const v = wardVintage ?? 'unknown';
      return spec(`mps-ward-ho-${v}`, `MPS ward counts, Home Office categories, ${v} wards`, 'ward', 'mps-ho', wardVintage);
    }
  }
}

function spec(key: string, name: string, areaLevel: 'borough' | 'ward', scheme: string, vintage: string | null): DatasetSpec {
  return { key, name, kind: 'counts', areaLevel, categoryScheme: scheme, boundaryVintage: vintage };
}

/**
 * The boundary set a ward file's codes belong to: the newest set that holds every code,
 * else the one holding the most. Read from the workspace's gazetteer, never guessed from names.
 */
export async function wardVintageOf(ctx: Pick<ImportContext, 'db' | 'source' | 'headerRow'>, layout: Layout): Promise<string | null> {
  const codes = new Set<string>();
  for await (const r of ctx.source.rows(undefined)) {
    if (r.row > ctx.headerRow) codes.add(cellText(r.cells[layout.ward]).toUpperCase());
  }
  codes.delete('');
  const counts = ctx.db
    .prepare(
      `SELECT v.vintage, count(*) AS n FROM areas a JOIN area_vintages v ON v.area_id = a.id
       WHERE a.kind = 'ward' AND a.code IN (SELECT value FROM json_each(?)) GROUP BY v.vintage
       ORDER BY n DESC, v.vintage DESC`,
    )
    .all(JSON.stringify([...codes])) as { vintage: string; n: number }[];
  const complete = counts.filter((c) => c.n === codes.size).sort((a, b) => b.vintage.localeCompare(a.vintage));
  return complete[0]?.vintage ?? counts[0]?.vintage ?? null;
}

export async function importMpsWide(ctx: ImportContext, claim: (months: number[]) => MonthClaims, layout: Layout, scheme: string, vintage: string | null): Promise<void> {
  checkMonthColumns(ctx, layout);
  const categories = new CategoryRegistry(ctx.db, scheme);
  const writer = new CountWriter(ctx.db, ctx.datasetId, ctx.importId, 'refuse', ({ row, earlierRow }) => {
    throw badInput(
      ctx.source.file,
      `this row repeats the area and category of ${earlierRow ? `row ${earlierRow}` : 'an earlier row'}; the file would count those crimes twice.`,
      row > 0 ? { row } : {},
    );
  }, claim(layout.months.map(([, m]) => m)));
  const needed = Math.max(layout.major, layout.minor, layout.borough, layout.ward, ...layout.months.map(([i]) => i)) + 1;
  const boroughs = new BoroughResolver(ctx);
  for (const [, m] of layout.months) ctx.tally.months.add(m);

  for await (const { row, cells } of dataRows(ctx)) {
    let area: AreaRow, borough: AreaRow, categoryId: number;
    try {
      requireColumns(ctx, row, cells, needed);
      const major = required(ctx, cells, row, layout.major);
      const minor = required(ctx, cells, row, layout.minor);
      borough = boroughs.resolve(required(ctx, cells, row, layout.borough));
      area = layout.ward >= 0 ? wardOf(ctx, cells, row, layout, borough, vintage) : borough;
      categoryId = categories.idFor(major, minor);
    } catch (err) {
      // A row whose names cannot be read (a blank borough, a bad ward code) is noted with the
      // bad counts and the reading goes on, so the refusal names every bad cell at once.
      if (ctx.tally.badCells.noteError(ctx.source.file, err)) continue;
      throw err;
    }
    ctx.tally.areas.add(area.id);
    for (const [i, month] of layout.months) {
      const quick = plainCount(cells[i]);
      const count = quick >= 0 ? quick : parseCount(ctx, cells[i], row, ctx.header[i]!);
      if (count === null) {
        badCount(ctx, 'the count is blank; MPS files give 0 for no crimes.', { row, column: ctx.header[i]!, expected: 'a whole number of 0 or more' });
        continue;
      }
      // Zeros are not stored: a month the extract covers reads as 0 where no row is held.
      if (count > 0) writer.add(area.id, borough.id, categoryId, month, count, row);
    }
    ctx.tally.rowsStored++;
  }
  writer.finish(layout.months.map(([, m]) => m));
  ctx.tally.categories = categories.count;
  boroughs.reportUncoded();
}

/**
 * A count cell as nearly every one is, a whole number (xlsx) or up to six digits (CSV),
 * read without parseCount's checks, as parseCount would read it; -1 for any other value,
 * which parseCount then reads or refuses. 2.4 million cells of a ward file go through here.
 */
function plainCount(value: unknown): number {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 999_999 ? value : -1;
  if (typeof value !== 'string' || value.length === 0 || value.length > 6) return -1;
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = 10 * n + digit;
  }
  return n;
}

/**
 * Every yyyymm column must be a month that has happened, once: a header that looks like a
 * month but is none (290001, 201713) would otherwise be passed over with its figures, and a
 * month given twice would count its crimes twice.
 */
function checkMonthColumns(ctx: ImportContext, layout: Layout): void {
  const where = (i: number) => ({ row: ctx.headerRow, column: ctx.header[i] });
  const seen = new Map<number, number>();
  for (const [i, m] of layout.months) {
    const earlier = seen.get(m);
    if (earlier !== undefined) {
      throw badInput(ctx.source.file, `the month ${ctx.header[i]} heads two columns (columns ${earlier + 1} and ${i + 1}); its crimes would be counted twice.`, where(i));
    }
    seen.set(m, i);
    if (m > currentMonth()) {
      throw badInput(ctx.source.file, `the column ${ctx.header[i]} is for ${toIsoMonth(m)}, a month that has not happened yet.`, { ...where(i), expected: `a month up to ${toIsoMonth(currentMonth())}` });
    }
  }
  ctx.header.forEach((h, i) => {
    if (/^\d{6}$/.test(h.trim()) && monthFromHeader(h) === null) {
      throw badInput(ctx.source.file, `the column ${h.trim()} looks like a month (yyyymm) but is not one; its figures cannot be read.`, { ...where(i), expected: 'a month such as 201701' });
    }
  });
}

function required(ctx: ImportContext, cells: unknown[], row: number, index: number): string {
  const text = cellText(cells[index]);
  if (text === '') {
    throw badInput(ctx.source.file, 'this cell is blank.', { row, column: ctx.header[index], expected: 'a name' });
  }
  return text;
}

function wardOf(ctx: ImportContext, cells: unknown[], row: number, layout: Layout, borough: AreaRow, vintage: string | null): AreaRow {
  const code = required(ctx, cells, row, layout.ward).toUpperCase();
  if (!/^E05\d{6}$/.test(code)) {
    throw badInput(ctx.source.file, `"${code}" is not a ward code.`, { row, column: ctx.header[layout.ward], expected: 'an ONS ward code such as E05000285' });
  }
  const name = layout.wardName >= 0 ? cellText(cells[layout.wardName]) : code;
  const ward = ctx.areas.ensureCoded('ward', code, name || code, borough.code ? borough.id : null);
  if (vintage) ctx.areas.tagVintage(ward, vintage);
  return ward;
}

/**
 * MPS borough names to areas: London boroughs by name; the police's own pseudo-boroughs
 * ("Unknown", the airports, "Aviation Security (SO18)") are kept as areas without an ONS
 * code and named in a warning, so London totals still add up.
 */
class BoroughResolver {
  private readonly cache = new Map<string, AreaRow>();
  private readonly uncoded = new Map<string, number>();
  constructor(private readonly ctx: ImportContext) {}

  resolve(name: string): AreaRow {
    let area = this.cache.get(name);
    if (!area) {
      area = this.ctx.areas.resolve('borough', name) ?? this.ctx.areas.ensureUncoded('borough', name);
      this.cache.set(name, area);
    }
    if (!area.code) this.uncoded.set(area.name, (this.uncoded.get(area.name) ?? 0) + 1);
    return area;
  }

  reportUncoded(): void {
    if (this.uncoded.size === 0) return;
    const list = [...this.uncoded].map(([n, rows]) => `${n} (${rows.toLocaleString('en-GB')} rows)`).join(', ');
    this.ctx.tally.warnings.push(
      `${this.uncoded.size} area name${this.uncoded.size > 1 ? 's are' : ' is'} not a London borough and kept as an area of its own, without an ONS code: ${list}.`,
    );
  }
}
