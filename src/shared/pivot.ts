/** The pivot: one dataset, rows and columns from named dimensions, one measure. */
import type { YearBasis } from './populationBasis';

type YearBasisKind = YearBasis['basis'];

export type Dimension =
  | 'borough'
  | 'ward'
  | 'month'
  | 'quarter'
  | 'year' // calendar year
  | 'financial-year' // April–March, shown "2017/18"
  | 'major'
  | 'minor'
  | 'category' // the stable key
  | 'crime-type' // police.uk incident datasets only
  | 'outcome'
  | 'lsoa';

export type Measure = 'count' | 'rate' | 'share' | 'change' | 'pct-change' | 'rate-change';

export type ShareOf = 'row' | 'column' | 'total';

export interface MonthSpan {
  /** "YYYY-MM", inclusive. */
  from?: string;
  to?: string;
}

export interface PivotSpec {
  /** Dataset key, e.g. "mps-ward-ho-2022". */
  dataset: string;
  rows: Dimension[];
  columns: Dimension[];
  /** Keep only these values of a dimension (the keys a pivot returns, e.g. ward codes, "2022-01"). */
  filters?: Partial<Record<Dimension, string[]>>;
  months?: MonthSpan;
  measure?: Measure;
  /**
   * Several measures side by side (e.g. count and rate): the result's cells are the first
   * one's, and `byMeasure` holds every one's. `measure`, when also given, comes first.
   */
  measures?: Measure[];
  shareOf?: ShareOf;
  /** Use this year's population for every period; by default each period uses its own year's. */
  populationYear?: number;
  /** Counts under this are flagged small and their % change withheld (default 10). */
  smallCount?: number;
  /** Reproduce the figures as they stood when this import (id) was the newest extract. */
  asOfImport?: number;
}

export type CellFlag = 'small' | 'incomplete' | 'not-significant';

/** Each flag's mark beside a figure: the app's table and charts, `wardlens pivot` and the exports alike. */
export const FLAG_MARKS: Record<CellFlag, string> = { small: '*', incomplete: '†', 'not-significant': '~' };

export interface PivotHeader {
  /** Stable key per dimension (ward code, "2022-01", "2017/18", category key). */
  keys: string[];
  /** What the analyst reads ("Harrow", "Jan 2022", "2017/18", "Burglary - Residential"). */
  labels: string[];
}

/**
 * In count and share-of-total tables, equal cells (same count, same flags) may be one frozen
 * object shared between them, as flag lists are: copy a cell before changing it.
 */
export interface PivotCell {
  /** The measure, or null where it cannot be given (then `reason` says why). */
  value: number | null;
  /** The count behind the cell (for rates, shares and changes too). */
  count: number;
  /** The comparison count a year earlier, for change measures. */
  previousCount?: number;
  population?: number | null;
  populationYear?: number | null;
  /** Whether that year's population is a mid-year estimate or a projection, where its source says. */
  populationBasis?: YearBasisKind;
  /** Shared between cells with the same flags, and frozen: copy it before changing it. */
  flags: CellFlag[];
  reason?: string;
  /**
   * The cause behind `reason`, the same for every figure blank for the same cause, where the
   * reason's words name the figure's own area and year: group blank figures by this, not by
   * their text ("no-population": none for this area at all, e.g. populations for other ward
   * boundaries; "no-population-that-year"; "no-populations-held": none of this kind of area).
   */
  reasonKind?: BlankReasonKind;
}

export type BlankReasonKind = 'no-population' | 'no-population-that-year' | 'no-populations-held';

/** One measure's figures over the pivot's rows and columns. */
export interface PivotMeasureTable {
  measure: Measure;
  cells: PivotCell[][];
  rowTotals: PivotCell[];
  columnTotals: PivotCell[];
  grandTotal: PivotCell;
}

export interface PivotResult {
  spec: PivotSpec;
  dataset: { key: string; name: string; kind: string };
  measure: Measure;
  rowDimensions: Dimension[];
  columnDimensions: Dimension[];
  rows: PivotHeader[];
  columns: PivotHeader[];
  cells: PivotCell[][];
  rowTotals: PivotCell[];
  columnTotals: PivotCell[];
  grandTotal: PivotCell;
  /** Every measure asked for with `measures`, in order (absent when only one was asked for). */
  byMeasure?: PivotMeasureTable[];
  /**
   * With no area on the rows or columns, the areas whose residents the rates are per: those
   * the filters keep (keys as populations are held). Absent otherwise.
   */
  ratesPer?: { kind: 'borough' | 'ward'; areas: string[] };
  /** Plain-words caveats: missing populations, incomplete periods, ward vs borough totals. */
  notes: string[];
  /** The months the pivot covers, as resolved ("YYYY-MM"). */
  span: { from: string; to: string };
}

/** What each dimension is called in headings, controls and exports. */
export const DIMENSION_LABELS: Record<Dimension, string> = {
  borough: 'Borough',
  ward: 'Ward',
  lsoa: 'LSOA',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
  'financial-year': 'Financial year',
  major: 'Major category',
  minor: 'Minor category',
  category: 'Category',
  'crime-type': 'Crime type',
  outcome: 'Outcome',
};
