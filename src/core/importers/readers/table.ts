import { localIsoDate } from '../../months';

/** What every reader gives the recognisers and importers: rows of cells with their row numbers. */

export interface SheetRow {
  /** 1-based row number as the analyst's spreadsheet program shows it. */
  row: number;
  cells: unknown[];
}

export interface TableSource {
  /** The file name, as errors should name it. */
  file: string;
  /** The sheet read, for xlsx files. */
  sheet: string | null;
  /** The file's full path, where a reader on another thread may open it again (CSV files). */
  path?: string;
  /** The first rows (up to 30), for recognising the layout and finding the header row. */
  head: SheetRow[];
  /** Every row from the first, streamed where the format allows. */
  rows(signal?: AbortSignal): AsyncIterable<SheetRow>;
  /** Bytes read so far and in all, for progress. */
  progress(): { read: number; total: number };
}

export const HEAD_ROWS = 30;

/** Cell text, trimmed; empty cells are "". */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return localIsoDate(value);
  return String(value).trim();
}
