/** Data-transfer shapes for what a workspace holds. Months are always "YYYY-MM" strings. */
import type { YearBasis } from './populationBasis';

export type Month = string;

/** Month names as analysts read them ("Jan 2022"), for the engine and the app alike. */
export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export type AreaKind = 'borough' | 'ward' | 'lsoa';

export type DatasetKind = 'counts' | 'incidents' | 'population';

/** What an importer recognised a file to be. */
export type FileFormat =
  | 'mps-borough-old' // Borough,Major Category,Minor Category,YYYYMM…
  | 'mps-borough' // MajorText,MinorText,BoroughName|LookUp_BoroughName,YYYYMM…
  | 'mps-ward' // MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,YYYYMM…
  | 'policeuk-street' // Crime ID,Month,Reported by,…
  | 'population' // area × year × population, long or wide
  | 'mapped' // any other spreadsheet, through an explicit column mapping
  | 'boundaries'; // ward, borough or LSOA polygons (GeoJSON, shapefiles)

export interface MonthCoverage {
  first: Month | null;
  last: Month | null;
  count: number;
}

export interface DatasetSummary {
  id: number;
  key: string;
  name: string;
  kind: DatasetKind;
  areaLevel: AreaKind;
  categoryScheme: string | null;
  boundaryVintage: string | null;
  imports: number;
  /** Rows held for the current (non-superseded) months. */
  currentRows: number;
  /** Rows kept only because a newer extract superseded them (revisions). */
  supersededRows: number;
  months: MonthCoverage;
  /** Months inside the coverage with no data at all. */
  missingMonths: Month[];
  /** Months for which more than one extract holds figures. */
  revisedMonths: Month[];
  categories: number;
  areas: number;
}

export interface ImportSummary {
  id: number;
  fileName: string;
  fileSize: number;
  sha256: string;
  format: FileFormat;
  dataset: string;
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  months: MonthCoverage;
  startedAt: string;
  finishedAt: string;
  status: 'complete';
}

export interface CategorySummary {
  key: string;
  major: string;
  minor: string;
  /** Every spelling the sources used for this category. */
  spellings: string[];
}

export interface WorkspaceInfo {
  path: string;
  schemaVersion: number;
  datasets: DatasetSummary[];
  imports: ImportSummary[];
  /**
   * boroughs: areas with an ONS borough code (the 32 boroughs and the City of London);
   * policeAreas: the names the police file crimes under that are not boroughs ("Unknown", the airports).
   */
  areas: { boroughs: number; policeAreas: string[]; wards: number; lsoas: number; wardVintages: string[] };
  /**
   * bases: whether each year's figures are estimates or projections, as their sources say;
   * misnamedWards: wards an earlier Wardlens named after their borough (import the file again).
   */
  populations: { rows: number; years: number[]; areas: number; bases?: YearBasis[]; misnamedWards?: number };
  categories: Record<string, CategorySummary[]>;
}
