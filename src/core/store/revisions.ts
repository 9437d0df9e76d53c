/**
 * Which extract is current for each month of a dataset. A newer extract supersedes the
 * months it shares with an older one; the older figures stay in the tables so revisions
 * can be shown. "Newer" means the extract whose data runs later (its last month is later):
 * importing an old file after a new one must not roll the figures back. On a tie the file
 * imported later wins.
 */
import type { Db } from './workspace';

export interface MonthClaims {
  /** Months this import now supplies that an older extract held before. */
  superseded: number[];
  /** Months a newer extract already supplies: this import's figures for them are kept as revisions only. */
  keptAsRevision: number[];
}

/** An extract as the claim rule sees it: its import id and the last month its data runs to. */
export interface ExtractAge {
  id: number;
  lastMonth: number;
}

/**
 * The claim rule itself, written once: extracts ordered newest first by the last month their
 * data runs to, then by import (the later import wins a tie). The JavaScript comparison and
 * every SQL ordering below are made from this one list, so they cannot drift apart.
 */
const NEWEST_FIRST: readonly { key: keyof ExtractAge; column: string }[] = [
  { key: 'lastMonth', column: 'last_month' },
  { key: 'id', column: 'id' },
];

/** Whether extract `a` is newer than `b` by the claim rule. Revision reports order extracts by it too. */
export function isNewerExtract(a: ExtractAge, b: ExtractAge): boolean {
  const differs = NEWEST_FIRST.find(({ key }) => a[key] !== b[key]);
  return differs !== undefined && a[differs.key] > b[differs.key];
}

/** The claim rule as an SQL ORDER BY over the `imports` table (as `alias`): newest extract first. */
export function newestExtractFirst(alias: string): string {
  return NEWEST_FIRST.map(({ column }) => `${alias}.${column} DESC`).join(', ');
}

/**
 * SQL for the month → import map the claim rule gives over some of a dataset's imports: for
 * each month, the newest extract among the imports `which` allows (a fixed SQL condition on
 * `imports i` and `import_months im`, written in code; any value in it is a bound `?`).
 * Binds the dataset id, then whatever `which` binds.
 */
export function currentExtractsSql(which: string): string {
  return `
  SELECT month, import_id FROM (
    SELECT im.month, im.import_id,
           row_number() OVER (PARTITION BY im.month ORDER BY ${newestExtractFirst('i')}) AS pick
    FROM import_months im JOIN imports i ON i.id = im.import_id
    WHERE i.dataset_id = ? AND ${which}
  ) WHERE pick = 1`;
}

export function claimMonths(db: Db, datasetId: number, importId: number, months: number[], lastMonth: number, kind: 'counts' | 'incidents' = 'incidents'): MonthClaims {
  const lastMonthOf = db.prepare('SELECT last_month AS lastMonth FROM imports WHERE id = ?');
  const current = db.prepare('SELECT import_id AS importId FROM dataset_months WHERE dataset_id = ? AND month = ?');
  const upsert = db.prepare(
    `INSERT INTO dataset_months (dataset_id, month, import_id) VALUES (?, ?, ?)
     ON CONFLICT (dataset_id, month) DO UPDATE SET import_id = excluded.import_id`,
  );
  const mine = lastMonth;
  const record = db.prepare('INSERT INTO import_months (import_id, month) VALUES (?, ?)');
  for (const month of months) record.run(importId, month);
  const claims: MonthClaims = { superseded: [], keptAsRevision: [] };
  for (const month of months) {
    const held = current.get(datasetId, month) as { importId: number } | undefined;
    if (held) {
      const theirs = (lastMonthOf.get(held.importId) as { lastMonth: number }).lastMonth;
      if (isNewerExtract({ id: held.importId, lastMonth: theirs }, { id: importId, lastMonth: mine })) {
        claims.keptAsRevision.push(month);
        continue;
      }
      claims.superseded.push(month);
    }
    upsert.run(datasetId, month, importId);
  }
  if (kind === 'counts' && claims.superseded.length) retireCurrentCounts(db, datasetId, claims.superseded);
  return claims;
}

/** Moves the figures of months a newer extract now supplies from the current figures to the superseded ones. */
function retireCurrentCounts(db: Db, datasetId: number, months: number[]): void {
  const inMonths = 'dataset_id = ? AND month IN (SELECT value FROM json_each(?))';
  const list = JSON.stringify(months);
  db.prepare(`INSERT INTO superseded_counts SELECT * FROM monthly_counts WHERE ${inMonths}`).run(datasetId, list);
  db.prepare(`DELETE FROM monthly_counts WHERE ${inMonths}`).run(datasetId, list);
}

/**
 * SQL for the month → import map as it stood when import `asOf` was the newest imported:
 * the claim rule replayed over the imports up to that one. Binds (datasetId, asOf).
 */
export const AS_OF_MONTHS_SQL = currentExtractsSql('i.id <= ?');

export interface WithdrawnImport {
  rowsRemoved: number;
  restored: { month: number; importId: number; file: string }[];
  emptied: number[];
}

/**
 * Takes an import's figures out of its dataset, inside the caller's transaction: its rows
 * go, and every month it was current for falls back to the extract the claim rule would
 * have chosen without it (latest-running, then latest imported), or to no data at all.
 * The inverse of claimMonths: afterwards the dataset reads exactly as if the import had
 * never been made.
 */
export function withdrawImport(db: Db, datasetId: number, importId: number, kind: 'counts' | 'incidents' | 'population'): WithdrawnImport {
  const current = (db.prepare('SELECT month FROM dataset_months WHERE dataset_id = ? AND import_id = ? ORDER BY month').all(datasetId, importId) as { month: number }[]).map((r) => r.month);
  const rowsRemoved = removeRows(db, datasetId, importId, kind);
  db.prepare('DELETE FROM import_months WHERE import_id = ?').run(importId);
  const successor = db.prepare(
    `SELECT im.import_id AS importId, i.file_name AS file FROM import_months im JOIN imports i ON i.id = im.import_id
     WHERE i.dataset_id = ? AND im.month = ? ORDER BY ${newestExtractFirst('i')} LIMIT 1`,
  );
  const result: WithdrawnImport = { rowsRemoved, restored: [], emptied: [] };
  for (const month of current) {
    const next = successor.get(datasetId, month) as { importId: number; file: string } | undefined;
    if (next) {
      db.prepare('UPDATE dataset_months SET import_id = ? WHERE dataset_id = ? AND month = ?').run(next.importId, datasetId, month);
      if (kind === 'counts') restoreCounts(db, datasetId, next.importId, month);
      result.restored.push({ month, ...next });
    } else {
      db.prepare('DELETE FROM dataset_months WHERE dataset_id = ? AND month = ?').run(datasetId, month);
      result.emptied.push(month);
    }
  }
  if (kind === 'counts') resumTotals(db, datasetId, current);
  return result;
}

function removeRows(db: Db, datasetId: number, importId: number, kind: 'counts' | 'incidents' | 'population'): number {
  if (kind === 'population') return db.prepare('DELETE FROM populations WHERE import_id = ?').run(importId).changes;
  if (kind === 'incidents') {
    // Through the (dataset, month, import) index: the import's months are known.
    return db
      .prepare('DELETE FROM incidents WHERE dataset_id = ? AND month IN (SELECT month FROM import_months WHERE import_id = ?) AND import_id = ?')
      .run(datasetId, importId, importId).changes;
  }
  const current = db.prepare('DELETE FROM monthly_counts WHERE dataset_id = ? AND import_id = ?').run(datasetId, importId).changes;
  return current + db.prepare('DELETE FROM superseded_counts WHERE dataset_id = ? AND import_id = ?').run(datasetId, importId).changes;
}

/** An earlier extract's figures for a month become the current ones again. */
function restoreCounts(db: Db, datasetId: number, importId: number, month: number): void {
  const where = 'dataset_id = ? AND import_id = ? AND month = ?';
  db.prepare(
    `INSERT INTO monthly_counts (dataset_id, borough_id, month, category_id, area_id, import_id, count, source_row)
     SELECT dataset_id, borough_id, month, category_id, area_id, import_id, count, source_row FROM superseded_counts WHERE ${where}`,
  ).run(datasetId, importId, month);
  db.prepare(`DELETE FROM superseded_counts WHERE ${where}`).run(datasetId, importId, month);
}

/**
 * Borough totals and area totals (over the categories) of the given months, summed again
 * from the current figures. Borough totals in one pass, as the current figures are ordered
 * by borough before month.
 */
function resumTotals(db: Db, datasetId: number, months: number[]): void {
  if (months.length === 0) return;
  const inMonths = 'dataset_id = ? AND month IN (SELECT value FROM json_each(?))';
  const list = JSON.stringify(months);
  db.prepare(`DELETE FROM monthly_totals WHERE ${inMonths}`).run(datasetId, list);
  db.prepare(
    `INSERT INTO monthly_totals (dataset_id, month, category_id, borough_id, count)
     SELECT dataset_id, month, category_id, borough_id, sum(count) FROM monthly_counts
     WHERE ${inMonths} GROUP BY month, category_id, borough_id`,
  ).run(datasetId, list);
  db.prepare(`DELETE FROM ward_totals WHERE ${inMonths}`).run(datasetId, list);
  db.prepare(
    `INSERT INTO ward_totals (dataset_id, borough_id, area_id, month, count)
     SELECT dataset_id, borough_id, area_id, month, sum(count) FROM monthly_counts
     WHERE ${inMonths} GROUP BY borough_id, area_id, month`,
  ).run(datasetId, list);
}
