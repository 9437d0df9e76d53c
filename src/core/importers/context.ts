/**
 * What an importer works with while one file is read into the workspace (inside the
 * file's transaction), and the tally that becomes its result.
 */
import type { ImportProgress, PopulationDetail, SkippedRows } from '../../shared/importing';
import { BadCells } from './badCells';
import { badInput, WardlensError } from '../errors';
import type { AreaRegistry } from '../store/areas';
import type { Db } from '../store/workspace';
import type { RowBatches } from './readers/csv';
import type { SheetRow, TableSource } from './readers/table';

export class Tally {
  rowsRead = 0;
  rowsStored = 0;
  rowsRejected = 0;
  readonly months = new Set<number>();
  readonly areas = new Set<number>();
  readonly warnings: string[] = [];
  readonly unmatched = new Map<string, number>();
  categories = 0;
  /** Population tables only: years, region rows passed over, codes added. */
  population: PopulationDetail | null = null;
  /** Rows passed over on purpose, by the name in their area cell ("Total", "London"): not errors. */
  readonly skipped = new Map<string, number>();
  /** What the skipped rows are not: the areas the file is read for ("ward"). */
  skippedNotA = '';
  /** Cells that could not be read: the import goes on reading, to name them all, then refuses the file. */
  readonly badCells = new BadCells();

  reject(name: string): void {
    this.rowsRejected++;
    this.unmatched.set(name, (this.unmatched.get(name) ?? 0) + 1);
  }

  /**
   * A row that is not an area of the file's level (a "Total" row, a population table's London
   * or Inner London): left out so nothing is counted twice, and said as skipped, not rejected.
   */
  skip(name: string, notA: string): void {
    this.skippedNotA = notA;
    this.skipped.set(name, (this.skipped.get(name) ?? 0) + 1);
  }

  /** The skipped rows for the result, with their sentence; null when none was skipped. */
  skippedRows(): SkippedRows | null {
    if (this.skipped.size === 0) return null;
    const names = [...this.skipped].map(([name, rows]) => ({ name, rows }));
    const rows = names.reduce((t, n) => t + n.rows, 0);
    const listed = names.slice(0, 6).map((n) => n.name).join(', ') + (names.length > 6 ? ', …' : '');
    const message = `${rows} row${rows === 1 ? '' : 's'} skipped: not ${article(this.skippedNotA)} (${listed}), so nothing is counted twice.`;
    return { rows, notA: this.skippedNotA, names, message };
  }
}

const article = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

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

/** The data rows of an import: one at a time, or a chunk at a time for importers of large files. */
export interface DataRows extends AsyncIterable<SheetRow> {
  batches(): AsyncIterable<SheetRow[]>;
}

/**
 * The data rows (below the header, blank rows left out), with cancellation and progress.
 * Iterate it for one row at a time; call `batches()` for arrays of a few thousand, which
 * saves a million rows a million trips through async iteration. Sources that read in
 * chunks (CSV) hand theirs over whole; other sources' rows are gathered into chunks.
 */
export function dataRows(ctx: ImportContext): DataRows {
  const { source, signal, tally } = ctx;
  const cancelled = () => new WardlensError('cancelled', `Import of ${source.file} cancelled; nothing from it was kept.`);
  let lastReport = 0;
  const report = () => {
    const now = Date.now();
    if (ctx.onProgress && now - lastReport > 100) {
      lastReport = now;
      const { read, total } = source.progress();
      ctx.onProgress({ file: source.file, rows: tally.rowsRead, percent: total ? Math.min(100, (100 * read) / total) : null });
    }
  };
  const keep = (r: SheetRow) => r.row > ctx.headerRow && !isBlank(r.cells);
  async function* chunks(): AsyncIterable<SheetRow[]> {
    const batched = (source as TableSource & Partial<RowBatches>).batches;
    try {
      if (batched) {
        for await (const batch of batched(signal)) {
          if (signal?.aborted) throw cancelled();
          yield batch.filter(keep);
        }
      } else {
        let batch: SheetRow[] = [];
        for await (const r of source.rows(signal)) {
          if (!keep(r)) continue;
          batch.push(r);
          if (batch.length === 2048) {
            yield batch;
            batch = [];
          }
        }
        yield batch;
      }
    } catch (err) {
      // A source stopped by the signal fails with its own AbortError; say it as Wardlens does.
      if (signal?.aborted) throw cancelled();
      throw err;
    }
    if (signal?.aborted) throw cancelled();
  }
  return {
    async *batches() {
      for await (const rows of chunks()) {
        if (rows.length === 0) continue;
        tally.rowsRead += rows.length;
        report();
        yield rows;
      }
    },
    async *[Symbol.asyncIterator]() {
      for await (const rows of chunks()) {
        for (const r of rows) {
          tally.rowsRead++;
          if (tally.rowsRead % 2048 === 0) {
            if (signal?.aborted) throw cancelled();
            report();
          }
          yield r;
        }
      }
    },
  };
}

export function isBlank(cells: unknown[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/** Header texts as recognisers compare them: trimmed, lower case, single spaces. */
export function normaliseHeader(cells: unknown[]): string[] {
  return cells.map((c) => (c === null || c === undefined ? '' : String(c)).trim().toLowerCase().replace(/\s+/g, ' '));
}

/** The cells a row must have: a truncated row is an error that names the first missing column. */
export function requireColumns(ctx: Pick<ImportContext, 'source' | 'header'>, row: number, cells: unknown[], needed: number): void {
  if (cells.length < needed) {
    throw badInput(ctx.source.file, `the row is cut short: it has ${cells.length} of ${needed} columns.`, {
      row,
      column: ctx.header[cells.length] ?? `column ${cells.length + 1}`,
      expected: `${needed} columns`,
    });
  }
  if (cells.length > ctx.header.length && ctx.source.sheet === null) refuseShiftedRow(ctx, row, cells);
}

/**
 * A CSV row with text past the header's last column: a cell holding the separator (a comma)
 * without quotes round it has split in two, and every cell after it sits one column on.
 * Read as it is, the row would put a street in the LSOA column and a count in the wrong month.
 */
function refuseShiftedRow(ctx: Pick<ImportContext, 'source' | 'header'>, row: number, cells: unknown[]): void {
  if (cells.some((c) => typeof c === 'string' && c.includes('\r'))) {
    throw badInput(ctx.source.file, 'a line break (a lone CR, as old Mac files end lines) runs two rows into one: the file mixes line endings. Open it in Excel, save it as CSV again and import that.', { row });
  }
  for (let i = ctx.header.length; i < cells.length; i++) {
    if (String(cells[i] ?? '').trim() !== '') {
      throw badInput(
        ctx.source.file,
        `the row has more cells than the header (${cells.length} where the header has ${ctx.header.length}): a cell holding a comma (the separator) without quotes round it splits in two and moves every cell after it one column on. Put such cells in quotes.`,
        { row, column: `column ${i + 1}`, expected: `${ctx.header.length} columns` },
      );
    }
  }
}

/** The largest count Wardlens holds: figures are gathered in 32-bit arrays before they are written (store/counts.ts). */
const MAX_COUNT = 2_147_483_647;

/**
 * A crime count: a whole number, zero or more. "1,234" is accepted; a blank cell is
 * returned as null for the caller to decide; anything else is a bad cell (badCount).
 */
export function parseCount(ctx: ImportContext, value: unknown, row: number, column: string): number | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else {
    const text = value === null || value === undefined ? '' : String(value).trim();
    if (text === '') return null;
    n = /^-?[\d,]+(\.\d+)?$/.test(text) ? Number(text.replace(/,/g, '')) : NaN;
    if (Number.isNaN(n)) {
      const formula = text.startsWith('=') ? ' (a formula with no saved value: open the file in Excel and save it, so its values are worked out and kept)' : '';
      return badCount(ctx, `expected a count (a whole number), found "${text.slice(0, 40)}"${formula}.`, {
        row,
        column,
        expected: 'a whole number of 0 or more',
        found: text.slice(0, 40),
      });
    }
  }
  if (n < 0) {
    return badCount(ctx, `counts cannot be negative, found ${n}.`, { row, column, expected: 'a whole number of 0 or more', found: String(n) });
  }
  if (!Number.isInteger(n)) {
    return badCount(ctx, `expected a whole number of crimes, found ${n}.`, { row, column, expected: 'a whole number', found: String(n) });
  }
  if (n > MAX_COUNT) {
    return badCount(ctx, `the count ${n.toLocaleString('en-GB')} is too large to be a number of crimes.`, { row, column, expected: `a whole number up to ${MAX_COUNT.toLocaleString('en-GB')}`, found: String(n) });
  }
  return n;
}

/**
 * A count cell that cannot be read: noted (the file is refused once it has been read through,
 * naming every such cell) and read as 0 meanwhile, so the reading goes on.
 */
export function badCount(ctx: ImportContext, problem: string, where: { row: number; column: string; expected: string; found?: string }): 0 {
  ctx.tally.badCells.note(ctx.source.file, problem, where);
  return 0;
}
