/**
 * The summary tables (migration 007) kept exact as the current figures change. Pivots read
 * them instead of millions of base rows (analysis/pivot/sources.ts picks the table), so they
 * must always equal what the base rows would give:
 *  - after an import's rows are written (importers/importFile.ts, inside its transaction):
 *    the months the import touched, including months it superseded;
 *  - after incident locations are placed in wards (geo/assignAreas.ts): the whole dataset,
 *    which is also when an incident dataset's summaries are first built (summariseIncidents);
 *  - after an import is withdrawn (store/imports.ts removeImport): the whole dataset.
 * Everything is re-summed from the current figures of the months concerned, never adjusted
 * by differences, so a summary cannot drift.
 */
import type { Db } from './workspace';

/**
 * An incident's ward as one integer, as the incident summaries key it: the ward its location
 * was placed in, or -1 no coordinates, -2 location not yet placed, -3 outside every ward.
 * Needs the incident as f and its placement as ip (LEFT JOIN incident_places).
 */
export const INCIDENT_WARD_ID =
  'CASE WHEN f.longitude IS NULL OR f.latitude IS NULL THEN -1 WHEN ip.dataset_id IS NULL THEN -2 ELSE coalesce(ip.ward_id, -3) END';

const SUMMARY_TABLES = ['yearly_totals', 'incident_summary', 'incident_yearly', 'summarised_incidents', 'dataset_summary'];
const MONTHS_OF_IMPORT = 'SELECT month FROM import_months WHERE import_id = ?';

/** The summaries of the months an import supplies (current or kept as revisions). */
export function refreshSummariesAfterImport(db: Db, datasetId: number, importId: number): void {
  const months = (db.prepare(MONTHS_OF_IMPORT).pluck().all(importId) as number[]);
  refreshSummaries(db, datasetId, months);
}

/**
 * Re-sums a dataset's summaries for the given months, or for the whole dataset when no
 * months are given (then rows of months the dataset no longer holds go too).
 */
export function refreshSummaries(db: Db, datasetId: number, months?: number[]): void {
  if (!db.prepare('SELECT 1 FROM imports WHERE dataset_id = ? LIMIT 1').get(datasetId)) {
    // A dataset with no imports left has no figures, and nothing of it may outlive it.
    for (const table of SUMMARY_TABLES) db.prepare(`DELETE FROM ${table} WHERE dataset_id = ?`).run(datasetId);
    return;
  }
  const kind = db.prepare('SELECT kind FROM datasets WHERE id = ?').pluck().get(datasetId) as string | undefined;
  if (kind === 'counts' || kind === undefined) refreshCountSummaries(db, datasetId, months);
  if (kind === 'incidents' || kind === undefined) {
    if (kind !== undefined && incidentsSummarised(db, datasetId)) refreshIncidentSummaries(db, datasetId, months);
    else dropIncidentSummaries(db, datasetId);
  }
  refreshDatasetSummary(db, datasetId, kind);
}

/**
 * Builds an incident dataset's summaries whole and keeps them from now on: called once its
 * locations are placed in wards (geo/assignAreas.ts). Before that every incident would only
 * count as "not yet placed", and summarising a first million-row import would mean reading
 * every row again inside it; pivots read the base rows meanwhile.
 */
export function summariseIncidents(db: Db, datasetId: number): void {
  db.prepare('INSERT OR IGNORE INTO summarised_incidents (dataset_id) VALUES (?)').run(datasetId);
  refreshSummaries(db, datasetId);
}

/** Whether an incident dataset's summaries are built (else pivots must read its base rows). */
export function incidentsSummarised(db: Db, datasetId: number): boolean {
  return db.prepare('SELECT 1 FROM summarised_incidents WHERE dataset_id = ?').get(datasetId) !== undefined;
}

function dropIncidentSummaries(db: Db, datasetId: number): void {
  for (const table of ['incident_summary', 'incident_yearly', 'summarised_incidents']) {
    db.prepare(`DELETE FROM ${table} WHERE dataset_id = ?`).run(datasetId);
  }
}

/**
 * The dataset's row, category and area counts (what workspace/info shows), counted again.
 * Each big table is read once for all of its counts: after a million-row import every
 * further pass over it was a noticeable part of the import.
 */
function refreshDatasetSummary(db: Db, datasetId: number, kind: string | undefined): void {
  db.prepare('DELETE FROM dataset_summary WHERE dataset_id = ?').run(datasetId);
  const counts = `SELECT $id, c.n, c.n + (SELECT count(*) FROM superseded_counts WHERE dataset_id = $id),
      (SELECT count(DISTINCT category_id) FROM yearly_totals WHERE dataset_id = $id), c.areas
    FROM (SELECT count(*) AS n, count(DISTINCT area_id) AS areas FROM monthly_counts WHERE dataset_id = $id) c`;
  // Categories and LSOAs from each import's own list of them (migration 009): the row counts
  // read only the (dataset, month) index, but counting distinct values would read every row.
  const incidents = `SELECT $id, (SELECT count(*) FROM current_incidents WHERE dataset_id = $id),
      (SELECT count(*) FROM incidents WHERE dataset_id = $id),
      (SELECT count(DISTINCT t.category_id) FROM import_crime_types t JOIN imports i ON i.id = t.import_id WHERE i.dataset_id = $id),
      (SELECT count(DISTINCT l.area_id) FROM import_lsoas l JOIN imports i ON i.id = l.import_id WHERE i.dataset_id = $id)`;
  const select = kind === 'counts' ? counts : kind === 'incidents' ? incidents : null;
  if (!select) return;
  db.prepare(`INSERT INTO dataset_summary (dataset_id, current_rows, all_rows, categories, areas) ${select}`).run({ id: datasetId });
}

/** "AND month IN (…)" for a months list (bound as JSON), or nothing for the whole dataset. */
function monthsClause(column: string, months: number[] | undefined): { sql: string; params: string[] } {
  return months ? { sql: ` AND ${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(months)] } : { sql: '', params: [] };
}

const yearsOf = (months: number[]) => [...new Set(months.map((m) => Math.floor(m / 100)))];

/**
 * A year table re-summed from its month table for the years of `months` (all years when no
 * months are given): yearly_totals from monthly_totals by borough, incident_yearly from
 * incident_summary by ward.
 */
function refreshYearly(db: Db, datasetId: number, months: number[] | undefined, into: string, from: string, key: string): void {
  const years = months ? yearsOf(months) : undefined;
  const inYears = monthsClause('year', years);
  db.prepare(`DELETE FROM ${into} WHERE dataset_id = ?${inYears.sql}`).run(datasetId, ...inYears.params);
  const inMonthYears = monthsClause('month / 100', years);
  db.prepare(
    `INSERT INTO ${into} (dataset_id, year, category_id, ${key}, count)
     SELECT dataset_id, month / 100, category_id, ${key}, sum(count) FROM ${from}
     WHERE dataset_id = ?${inMonthYears.sql} GROUP BY month / 100, category_id, ${key}`,
  ).run(datasetId, ...inMonthYears.params);
}

function refreshCountSummaries(db: Db, datasetId: number, months: number[] | undefined): void {
  refreshYearly(db, datasetId, months, 'yearly_totals', 'monthly_totals', 'borough_id');
}

function refreshIncidentSummaries(db: Db, datasetId: number, months: number[] | undefined): void {
  const inMonths = monthsClause('month', months);
  db.prepare(`DELETE FROM incident_summary WHERE dataset_id = ?${inMonths.sql}`).run(datasetId, ...inMonths.params);
  const inIncidentMonths = monthsClause('f.month', months);
  db.prepare(
    `INSERT INTO incident_summary (dataset_id, month, category_id, ward_id, outcome_id, count)
     SELECT f.dataset_id, f.month, f.category_id, ${INCIDENT_WARD_ID}, coalesce(f.outcome_id, 0), count(*)
     FROM incidents f
     JOIN dataset_months m ON m.dataset_id = f.dataset_id AND m.month = f.month AND m.import_id = f.import_id
     LEFT JOIN incident_places ip ON ip.dataset_id = f.dataset_id AND ip.longitude = f.longitude AND ip.latitude = f.latitude
     WHERE f.dataset_id = ?${inIncidentMonths.sql}
     GROUP BY 1, 2, 3, 4, 5`,
  ).run(datasetId, ...inIncidentMonths.params);
  refreshYearly(db, datasetId, months, 'incident_yearly', 'incident_summary', 'ward_id');
}
