/**
 * What an importer works with while one file is read into the workspace (inside the
 * file's transaction), and the tally that becomes its result.
 */
import type { ImportProgress } from '../../shared/importing';
import { badInput, WardlensError } from '../errors';
import type { AreaRegistry } from '../store/areas';
import type { Db } from '../store/workspace';
import type { TableSource } from './readers/table';

export class Tally {
  rowsRead = 0;
  rowsStored = 0;
  rowsRejected = 0;
  readonly months = new Set<number>();
  readonly areas = new Set<number>();
  readonly warnings: string[] = [];
  readonly unmatched = new Map<string, number>();
  categories = 0;

  reject(name: string): void {
    this.rowsRejected++;
    this.unmatched.set(name, (this.unmatched.get(name) ?? 0) + 1);
  }
}

export interface ImportContext {
  db: Db;
  source: TableSource;
  header: string[];
  /** Row number of the header; data starts below it. */
  headerRow: number;
  importId: number;
  datasetId: number;
  areas: AreaRegistry;
  tally: Tally;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

/** The data rows (below the header), with cancellation and progress every few thousand rows. */
export async function* dataRows(ctx: ImportContext): AsyncIterable<{ row: number; cells: unknown[] }> {
  let lastReport = 0;
  for await (const r of ctx.source.rows(ctx.signal)) {
    if (r.row <= ctx.headerRow) continue;
    if (isBlank(r.cells)) continue;
    ctx.tally.rowsRead++;
    if (ctx.tally.rowsRead % 2048 === 0) {
      if (ctx.signal?.aborted) throw new WardlensError('cancelled', `Import of ${ctx.source.file} cancelled; nothing from it was kept.`);
      const now = Date.now();
      if (ctx.onProgress && now - lastReport > 100) {
        lastReport = now;
        const { read, total } = ctx.source.progress();
        ctx.onProgress({ file: ctx.source.file, rows: ctx.tally.rowsRead, percent: total ? Math.min(100, (100 * read) / total) : null });
      }
    }
    yield r;
  }
  if (ctx.signal?.aborted) throw new WardlensError('cancelled', `Import of ${ctx.source.file} cancelled; nothing from it was kept.`);
}

export function isBlank(cells: unknown[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/** Header texts as recognisers compare them: trimmed, lower case, single spaces. */
export function normaliseHeader(cells: unknown[]): string[] {
  return cells.map((c) => (c === null || c === undefined ? '' : String(c)).trim().toLowerCase().replace(/\s+/g, ' '));
}

/** The cells a row must have: a truncated row is an error that names the first missing column. */
export function requireColumns(ctx: ImportContext, row: number, cells: unknown[], needed: number): void {
  if (cells.length < needed) {
    throw badInput(ctx.source.file, `the row is cut short: it has ${cells.length} of ${needed} columns.`, {
      row,
      column: ctx.header[cells.length] ?? `column ${cells.length + 1}`,
      expected: `${needed} columns`,
    });
  }
}

/**
 * A crime count: a whole number, zero or more. "1,234" is accepted; a blank cell is
 * returned as null for the caller to decide; anything else is an error naming the cell.
 */
export function parseCount(ctx: ImportContext, value: unknown, row: number, column: string): number | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else {
    const text = value === null || value === undefined ? '' : String(value).trim();
    if (text === '') return null;
    n = /^-?[\d,]+(\.\d+)?$/.test(text) ? Number(text.replace(/,/g, '')) : NaN;
    if (Number.isNaN(n)) {
      throw badInput(ctx.source.file, `expected a count (a whole number), found "${text.slice(0, 40)}".`, {
        row,
        column,
        expected: 'a whole number of 0 or more',
        found: text.slice(0, 40),
      });
    }
  }
  if (n < 0) {
    throw badInput(ctx.source.file, `counts cannot be negative, found ${n}.`, { row, column, expected: 'a whole number of 0 or more', found: String(n) });
  }
  if (!Number.isInteger(n)) {
    throw badInput(ctx.source.file, `expected a whole number of crimes, found ${n}.`, { row, column, expected: 'a whole number', found: String(n) });
  }
  return n;
}
