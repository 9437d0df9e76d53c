/**
 * The cells of a file an import could not read. The import reads on past a bad cell so that
 * its one refusal names them all (the first 20, then how many more): mending row 58 and
 * importing again should not be how the analyst learns of row 301. Nothing is kept either way.
 */
import type { BadCell, ErrorDetails } from '../../shared/errors';
import { badInput, WardlensError } from '../errors';

/** Cells named in a refusal; beyond these it says how many more. */
export const LISTED_CELLS = 20;

type Where = Omit<BadCell, 'problem'>;

export class BadCells {
  readonly listed: BadCell[] = [];
  count = 0;
  /** The first bad cell's own error: a file with one bad cell is refused exactly as before. */
  private first: WardlensError | null = null;

  /** The refusal last made, so that passing it through withError does not note it again. */
  private made: WardlensError | null = null;

  note(file: string, problem: string, where: Where, error?: WardlensError): void {
    this.count++;
    this.first ??= error ?? badInput(file, problem, where);
    if (this.listed.length < LISTED_CELLS) this.listed.push({ ...where, problem });
  }

  /** The refusal that names every bad cell noted, or null when there is none. */
  refusal(file: string): WardlensError | null {
    this.made = this.count <= 1 ? this.first : this.listAll(file);
    return this.made;
  }

  private listAll(file: string): WardlensError {
    const lines = this.listed.map((c) => `  row ${c.row}${c.column ? `, column "${c.column}"` : ''}: ${c.problem}`);
    const more = this.count - this.listed.length;
    if (more > 0) lines.push(`  … and ${more.toLocaleString('en-GB')} more.`);
    const first = this.listed[0]!;
    const details: ErrorDetails = { file, row: first.row, column: first.column, cells: this.listed, ...(more > 0 ? { moreCells: more } : {}) };
    return new WardlensError(
      'bad-input',
      `${file}: ${this.count.toLocaleString('en-GB')} cells cannot be read, so nothing from the file was imported. Mend them all, then import it again:\n${lines.join('\n')}`,
      details,
    );
  }

  /**
   * An error that stopped the reading part-way (a row cut short): after cells already noted it
   * is one more bad place, listed with them, so the refusal still names them all.
   */
  withError(file: string, err: unknown): unknown {
    if (this.count === 0 || err === this.made || !this.noteError(file, err)) return err;
    return this.refusal(file);
  }

  /**
   * A refusal of one row (a blank name, a row cut short) noted like a bad count, so the reading
   * goes on; false for any other error, which the caller throws.
   */
  noteError(file: string, err: unknown): boolean {
    if (!(err instanceof WardlensError) || err.code !== 'bad-input' || err.details?.row === undefined) return false;
    const { row, column, expected, found } = err.details;
    const at = err.message.indexOf(': ', file.length);
    const problem = err.message.startsWith(file) && at >= 0 ? err.message.slice(at + 2) : err.message;
    this.note(file, problem, { row, column, expected, found }, err);
    return true;
  }
}
