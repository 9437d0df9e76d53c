/** "Where did this figure come from?" — the trail from a pivot cell to its source rows. */
import type { PivotSpec } from './pivot';
import type { YearBasis } from './populationBasis';

export interface TrailSpec {
  pivot: PivotSpec;
  /** Index into the pivot's rows, or -1 for the column total. */
  row: number;
  /** Index into the pivot's columns, or -1 for the row total. */
  column: number;
  /** Most source rows to return (default 500); the totals always cover them all. */
  limit?: number;
}

export interface SourceRow {
  importId: number;
  file: string;
  /** Spreadsheet row (monthly counts) — the figure is in this row's month column. */
  row?: number | null;
  month: string;
  area?: string;
  borough?: string;
  category: string;
  count: number;
  crimeId?: string | null;
  lsoa?: string | null;
  location?: string | null;
  outcome?: string | null;
}

export interface CellTrail {
  dataset: { key: string; name: string };
  cell: { rowLabels: string[]; columnLabels: string[]; measure: string; value: number | null; count: number };
  /** The conditions that pick the figure, in words ("ward = Harrow Weald (E05013555)", "months Jan 2022 – Dec 2022"). */
  conditions: string[];
  extracts: { importId: number; file: string; sha256: string; importedAt: string; rows: number; count: number }[];
  /** basis: a mid-year estimate or a projection, where the population's source says. */
  population: { population: number | null; year: number | null; basis?: YearBasis['basis'] } | null;
  sourceRows: SourceRow[];
  /** All source rows and their sum: equal to the cell's count. */
  sourceRowCount: number;
  sourceTotal: number;
  truncated: boolean;
}
