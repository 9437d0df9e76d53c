/** What the Import view shows of a file before importing it. */
import type { ErrorDetails } from './errors';
import type { FileFormat } from './workspace';

export interface FilePreview {
  file: string;
  /** Sheets of an xlsx workbook (empty for CSV). */
  sheets: string[];
  sheet: string | null;
  /** The recognised format, or null when the file needs a column mapping. */
  format: FileFormat | null;
  dataset: string | null;
  /** Row number of the header the recogniser found (when unrecognised, the first row of labels above rows of figures, or 1). */
  headerRow: number;
  /** The first rows as text, exactly as the file has them (up to 30), with their row numbers. */
  rows: { row: number; cells: string[] }[];
  /** Why the file is not recognised, when it is not. */
  problem: string | null;
  /** Where the problem is and what was expected, as the import's own error gives them (a count of "n/a": its file, row and column). */
  problemAt?: ErrorDetails;
  /** Through a column mapping: how every row's area name resolves, as the import would resolve it. */
  areas?: AreaCheck;
}

/**
 * A mapped sheet's area names, read from every row by the import's own resolution
 * (core/importers/formats/mapped.ts), so the check before an import and its result agree.
 */
export interface AreaCheck {
  level: 'ward' | 'borough';
  /** The ward boundary set the mapping chose, if any. */
  vintage: string | null;
  /** Data rows (blank rows left out), and of them the rows the import would store. */
  rows: number;
  rowsStored: number;
  /** Distinct areas the stored rows fall in. */
  areas: number;
  /** Totals rows, skipped so nothing is counted twice. */
  totalsRows: number;
  /** Names that match no area in the workspace (a blank name is ""), with their rows: not stored. */
  unmatched: { name: string; rows: number }[];
  /** Ward names in more than one ward boundary set when no set is chosen: not stored. */
  inSeveralWardSets: { name: string; rows: number; sets: string[] }[];
  /** Ward names of wards in more than one borough when no borough is said: not stored. */
  inSeveralBoroughs: { name: string; rows: number; boroughs: string[] }[];
}
