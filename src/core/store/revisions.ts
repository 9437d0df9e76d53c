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
      if (theirs > mine) {
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
 * the same rule as claimMonths (latest-running extract wins, then the later import),
 * replayed over the imports up to that one. Binds (datasetId, asOf).
 */
export const AS_OF_MONTHS_SQL = `
  SELECT month, import_id FROM (
    SELECT im.month, im.import_id,
           row_number() OVER (PARTITION BY im.month ORDER BY i.last_month DESC, i.id DESC) AS pick
    FROM import_months im JOIN imports i ON i.id = im.import_id
    WHERE i.dataset_id = ? AND i.id <= ?
  ) WHERE pick = 1`;
