/** What changed between two extracts of the same series. */
export interface RevisionSpec {
  dataset: string;
  /** The older extract (import id); by default the newest extract older than `toImport` that shares months with it. */
  fromImport?: number;
  /**
   * The newer extract; by default the newest one that repeats months of an older one. Newer means
   * its data runs later (the store's rule), not that it was imported later.
   */
  toImport?: number;
}

export interface ExtractRef {
  id: number;
  file: string;
  sha256: string;
  importedAt: string;
  months: { first: string; last: string };
}

export interface RevisedFigure {
  month: string;
  areaKey: string;
  area: string;
  borough: string;
  categoryKey: string;
  category: string;
  old: number;
  new: number;
  difference: number;
}

export interface RevisionReport {
  dataset: { key: string; name: string };
  from: ExtractRef;
  to: ExtractRef;
  /** Months both extracts cover: the only ones compared. */
  months: string[];
  /** Every figure that differs (figures absent from an extract count as 0). */
  rows: RevisedFigure[];
  byMonth: { month: string; old: number; new: number; difference: number; figuresChanged: number }[];
  totals: { old: number; new: number; difference: number; figuresChanged: number };
}
