/** The data-quality report: what an analyst must know before relying on a dataset's figures. */
export type QualitySeverity = 'ok' | 'note' | 'warning';

export interface QualityFinding {
  check:
    | 'missing-months'
    | 'partial-months'
    | 'areas-appear-disappear'
    | 'unmatched-names'
    | 'ward-vs-borough'
    | 'category-jumps'
    | 'duplicates'
    | 'incident-locations';
  severity: QualitySeverity;
  title: string;
  /** What was found, in plain words. */
  detail: string;
  /** What it means for the figures. */
  meaning: string;
  /** What the analyst can do about it. */
  action: string;
  /** Supporting figures (months, areas, shortfalls), for tables. */
  items: Record<string, string | number | null>[];
}

export interface QualityReport {
  dataset: { key: string; name: string };
  checkedAt: string;
  findings: QualityFinding[];
}
