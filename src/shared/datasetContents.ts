/** What one dataset holds, listed for the Data view (`datasets/contents`). */
import type { AreaKind } from './workspace';

export interface DatasetArea {
  kind: AreaKind;
  /** ONS code; null for areas the police name but ONS does not. */
  code: string | null;
  name: string;
  /** The borough a ward or LSOA lies in, when known. */
  borough: string | null;
}

export interface DatasetCategory {
  key: string;
  major: string;
  minor: string;
  /** Crimes in the current figures (monthly counts and incidents); null for population datasets. */
  crimes: number | null;
}

export interface DatasetContents {
  dataset: string;
  /** The areas holding figures, boroughs first, then by borough and name. */
  areas: DatasetArea[];
  /** The categories holding figures in the current (not superseded) months. */
  categories: DatasetCategory[];
  /** Population datasets: the years each import holds (imports of crime figures hold months instead). */
  importYears: { importId: number; first: number; last: number; count: number }[];
}
