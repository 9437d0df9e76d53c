/**
 * Errors are data: every failure crosses every transport (IPC, HTTP, CLI) as an ApiError,
 * never as a stack trace, so the analyst reads what went wrong and what to fix.
 */
export type ErrorCode =
  | 'bad-input' // a file's contents are wrong: details name the file, row and column
  | 'unknown-format' // no recogniser knows this layout and no mapping was given
  | 'unreadable-file' // a kind of file no importer reads (a .parquet, a .pdf): no mapping can help
  | 'too-large' // refused rather than read half-way
  | 'cancelled'
  | 'workspace-too-new' // made by a newer Wardlens
  | 'workspace-invalid'
  | 'not-found'
  | 'bad-request' // a caller passed arguments the method does not accept
  | 'internal';

export interface ErrorDetails {
  file?: string;
  /** 1-based row number as a spreadsheet program shows it (the header is row 1 unless title rows sit above). */
  row?: number;
  column?: string;
  expected?: string;
  found?: string;
  /**
   * A file with several bad cells: each of them (the first 20), so the analyst mends them all
   * in one go; the fields above name the first.
   */
  cells?: BadCell[];
  /** Bad cells beyond those listed. */
  moreCells?: number;
}

/** One cell an import could not read: where it is, what it holds, and what it should. */
export interface BadCell {
  row: number;
  column?: string;
  found?: string;
  expected?: string;
  /** The cell's own refusal in words ("counts cannot be negative, found -3."). */
  problem: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).code === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}
