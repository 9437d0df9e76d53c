/** What the Import view shows of a file before importing it. */
import type { FileFormat } from './workspace';

export interface FilePreview {
  file: string;
  /** Sheets of an xlsx workbook (empty for CSV). */
  sheets: string[];
  sheet: string | null;
  /** The recognised format, or null when the file needs a column mapping. */
  format: FileFormat | null;
  dataset: string | null;
  /** Row number of the header the recogniser found (1 when unrecognised). */
  headerRow: number;
  /** The first rows as text, exactly as the file has them (up to 30), with their row numbers. */
  rows: { row: number; cells: string[] }[];
  /** Why the file is not recognised, when it is not. */
  problem: string | null;
}
