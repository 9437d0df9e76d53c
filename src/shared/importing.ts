/** Shapes for importing files: options, per-file results, progress, and column mappings. */
import type { ApiError } from './errors';
import type { QualitySummary } from './quality';
import type { FileFormat, MonthCoverage } from './workspace';

/**
 * How to read a spreadsheet no recogniser knows. Column references are header texts
 * (matched case-insensitively) or 1-based column numbers.
 */
export interface ColumnMapping {
  /** Sheet name for xlsx; the first sheet when omitted. */
  sheet?: string;
  /** 1-based row holding the column headers (title rows sit above it). Default 1. */
  headerRow?: number;
  area: string | number;
  /** What the area column holds; default "ward". */
  areaLevel?: 'ward' | 'borough';
  /**
   * The ward boundary set the names belong to ("2014", "2018", "2022"). Many ward names
   * exist in several sets with different boundaries; without this, such names are listed
   * as unmatched rather than guessed.
   */
  vintage?: string;
  /**
   * For ward names London has more than once (Belmont in Harrow and in Sutton): a column that
   * holds each row's borough, or the one borough every row is in (`boroughValue`), by name or
   * ONS code. Without either, such names are listed as unmatched rather than guessed.
   */
  borough?: string | number;
  boroughValue?: string;
  category?: string | number;
  /** Fixed category for every row when the sheet has no category column. */
  categoryValue?: string;
  major?: string | number;
  /** Long layout: one column holds the month and one the count. */
  month?: string | number;
  count?: string | number;
  /** Wide layout: every column whose header reads as a month holds that month's count. */
  monthsAcrossColumns?: boolean;
}

export interface ImportOptions {
  /** Join the files into this dataset instead of the one the format implies. */
  dataset?: string;
  mapping?: ColumnMapping;
}

export type ImportStatus = 'imported' | 'already-imported' | 'failed';

export interface ImportFileResult {
  file: string;
  status: ImportStatus;
  format: FileFormat | null;
  dataset: string | null;
  importId: number | null;
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  areas: number;
  categories: number;
  months: MonthCoverage;
  /** Months this file now supplies that an earlier extract also held. */
  supersededMonths: string[];
  /** Area names that matched no known area: their rows are rejected and counted here. */
  unmatchedNames: { name: string; rows: number }[];
  warnings: string[];
  error: ApiError | null;
  seconds: number;
  /**
   * Set when the file supersedes months but holds far fewer areas or categories in them than
   * the figures it replaces (under half): most likely a cut-down extract. `message` says so
   * in plain words (it is also the first of `warnings`).
   */
  cutDown?: CutDownExtract;
  /** Population tables: the years held, the region rows passed over, and area codes new to Wardlens. */
  population?: PopulationDetail;
  /**
   * Rows passed over on purpose because they are no area of the file's level (a "Total" row,
   * a population table's London): not errors, and not in `rowsRejected`. `message` is also
   * one of `warnings`.
   */
  skipped?: SkippedRows;
  /**
   * The dataset's data-quality check, run once the import is committed; on the last file
   * imported into each crime dataset (population tables have none). Absent when the check
   * could not run (a warning says why).
   */
  quality?: QualitySummary;
}

export interface CutDownExtract {
  /** The months superseded, "YYYY-MM". */
  months: string[];
  areaLevel: 'ward' | 'borough' | 'lsoa';
  /** Distinct areas and categories in those months: in this file, and in the figures it replaced. */
  areas: { now: number; before: number };
  categories: { now: number; before: number };
  message: string;
}

export interface SkippedRows {
  rows: number;
  /** What the rows are not: the areas the file is read for ("ward"; "borough, ward or LSOA"). */
  notA: string;
  /** The names in their area cells ("Total", "London"), with their rows. */
  names: { name: string; rows: number }[];
  /** "1 row skipped: not a ward (Total), so nothing is counted twice." */
  message: string;
}

export interface PopulationDetail {
  years: number[];
  /** Rows for regions (E12 London, E13 Inner/Outer London) and countries: not areas Wardlens reports on. */
  regions: { code: string; name: string }[];
  /** Area codes not in Wardlens's gazetteer, added as new areas. */
  addedAreas: { code: string; name: string; kind: 'borough' | 'ward' | 'lsoa' }[];
}

/** What deleting an import did (`imports/delete`). */
export interface DeletedImport {
  importId: number;
  file: string;
  dataset: string;
  /** Figures (or incidents, or population rows) of the import that were removed. */
  rowsRemoved: number;
  /** Months whose current figures are an earlier extract's again, and which extract. */
  restoredMonths: { month: string; importId: number; file: string }[];
  /** Months no other import holds: the dataset no longer covers them. */
  emptiedMonths: string[];
  /** The dataset held nothing else, and was removed with the import. */
  datasetRemoved: boolean;
}

export interface ImportProgress {
  file: string;
  rows: number;
  /** 0–100 by bytes read, when the size is known. */
  percent: number | null;
}
