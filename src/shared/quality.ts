/** The data-quality report: what an analyst must know before relying on a dataset's figures. */
export type QualitySeverity = 'ok' | 'note' | 'warning';

export interface QualityFinding {
  check:
    | 'missing-months'
    | 'partial-months'
    | 'areas-appear-disappear'
    | 'area-moves'
    | 'unmatched-names'
    | 'ward-vs-borough'
    | 'category-jumps'
    | 'duplicates'
    | 'conflicting-extracts'
    | 'incident-locations'
    | 'outside-boundaries';
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
  /**
   * Checks left out to keep an import quick: those that read every row of a large police.uk
   * dataset. Absent when every check ran (always, on demand).
   */
  skipped?: { checks: QualityFinding['check'][]; incidents: number };
}

/** The short form an import returns: how many findings of each severity, and their titles. */
export interface QualitySummary {
  dataset: { key: string; name: string };
  counts: Record<QualitySeverity, number>;
  /** The titles of the warnings, then the notes: what to look at first. */
  headlines: { severity: Exclude<QualitySeverity, 'ok'>; title: string }[];
  /** How long the check took, so its cost on a large dataset is visible. */
  seconds: number;
  /** Checks left for the full report (see QualityReport.skipped). */
  skipped?: QualityReport['skipped'];
}
