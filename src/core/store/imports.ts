/** The imports table: one row per file that was imported whole, with its provenance. */
import type { DeletedImport } from '../../shared/importing';
import type { FileFormat } from '../../shared/workspace';
import { WardlensError } from '../errors';
import { toIsoMonth } from '../months';
import { withdrawImport } from './revisions';
import { refreshSummaries } from './summaries';
import type { Db } from './workspace';

export interface NewImport {
  datasetId: number;
  fileName: string;
  filePath: string;
  fileSize: number;
  sha256: string;
  format: FileFormat;
  /** The column mapping the file was read with, as `mappingIdentity` gives it; null when recognised. */
  mapping: string | null;
  startedAt: string;
}

export interface ImportTotals {
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  firstMonth: number | null;
  lastMonth: number | null;
  monthsCount: number;
  warnings: string[];
  unmatchedNames: { name: string; rows: number }[];
}

export interface PreviousImport {
  id: number;
  fileName: string;
  finishedAt: string;
  dataset: string;
  format: FileFormat;
  mapping: string | null;
}

/**
 * A mapping as it is compared and kept: JSON with its keys in order and unset options left
 * out, so the same mapping written another way is still the same mapping. Null for none.
 */
export function mappingIdentity(mapping: object | undefined | null): string | null {
  if (!mapping) return null;
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined && x !== null)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  return JSON.stringify(sorted(mapping));
}

export function findImportByHash(db: Db, sha256: string): PreviousImport | null {
  return (
    (db
      .prepare(
        `SELECT i.id, i.file_name AS fileName, i.finished_at AS finishedAt, d.name AS dataset, i.format, i.mapping
         FROM imports i JOIN datasets d ON d.id = i.dataset_id WHERE i.sha256 = ?`,
      )
      .get(sha256) as PreviousImport | undefined) ?? null
  );
}

/** Whether an import of a file this many bytes long is held: only such a file can repeat one. */
export function hasImportOfSize(db: Db, fileSize: number): boolean {
  return db.prepare('SELECT 1 FROM imports WHERE file_size = ? LIMIT 1').get(fileSize) !== undefined;
}

/** Records the file's SHA-256 once it is known (see importers/importFile.ts). */
export function setImportHash(db: Db, importId: number, sha256: string): void {
  db.prepare('UPDATE imports SET sha256 = ? WHERE id = ?').run(sha256, importId);
}

export function insertImport(db: Db, i: NewImport): number {
  const row = db
    .prepare(
      `INSERT INTO imports (dataset_id, file_name, file_path, file_size, sha256, format, mapping, rows_read, rows_stored,
         rows_rejected, started_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, 'complete') RETURNING id`,
    )
    .get(i.datasetId, i.fileName, i.filePath, i.fileSize, i.sha256, i.format, i.mapping, i.startedAt) as { id: number };
  return row.id;
}

export function finishImport(db: Db, importId: number, totals: ImportTotals): void {
  db.prepare(
    `UPDATE imports SET rows_read = ?, rows_stored = ?, rows_rejected = ?, first_month = ?, last_month = ?,
       months_count = ?, warnings = ?, unmatched_names = ?, finished_at = ? WHERE id = ?`,
  ).run(
    totals.rowsRead,
    totals.rowsStored,
    totals.rowsRejected,
    totals.firstMonth,
    totals.lastMonth,
    totals.monthsCount,
    JSON.stringify(totals.warnings),
    JSON.stringify(totals.unmatchedNames),
    new Date().toISOString(),
    importId,
  );
}

/**
 * Deletes an import in one transaction: its rows go, the months it had superseded are the
 * earlier extract's again, and a dataset left with no imports goes too. Afterwards every
 * figure reads as it did before the file was imported.
 */
export function deleteImport(db: Db, importId: number): DeletedImport {
  if (!Number.isInteger(importId) || importId <= 0) throw new WardlensError('bad-request', `An import is named by its number (as "wardlens info" lists them), not "${String(importId)}".`);
  return db.transaction(() => removeImport(db, importId))();
}

/** The work of deleteImport, inside the caller's transaction (a re-import with a corrected mapping uses it too). */
export function removeImport(db: Db, importId: number): DeletedImport {
  const found = db
    .prepare(
      `SELECT i.file_name AS file, d.id AS datasetId, d.name AS dataset, d.kind
       FROM imports i JOIN datasets d ON d.id = i.dataset_id WHERE i.id = ?`,
    )
    .get(importId) as { file: string; datasetId: number; dataset: string; kind: 'counts' | 'incidents' | 'population' } | undefined;
  if (!found) throw new WardlensError('not-found', `There is no import ${importId} in this workspace ("wardlens info" lists the imports).`);
  const withdrawn = withdrawImport(db, found.datasetId, importId, found.kind);
  for (const table of ['import_crime_types', 'import_lsoas']) db.prepare(`DELETE FROM ${table} WHERE import_id = ?`).run(importId);
  db.prepare('DELETE FROM imports WHERE id = ?').run(importId);
  // The pivots' summary tables follow the figures back (store/summaries.ts).
  refreshSummaries(db, found.datasetId);
  return {
    importId,
    file: found.file,
    dataset: found.dataset,
    rowsRemoved: withdrawn.rowsRemoved,
    restoredMonths: withdrawn.restored.map((r) => ({ month: toIsoMonth(r.month), importId: r.importId, file: r.file })),
    emptiedMonths: withdrawn.emptied.map(toIsoMonth),
    datasetRemoved: removeDatasetIfEmpty(db, found.datasetId),
  };
}

/**
 * A dataset whose last import was deleted goes with it (and what was worked out from its
 * incidents), unless something else still refers to it: then it stays, empty.
 */
function removeDatasetIfEmpty(db: Db, datasetId: number): boolean {
  if (db.prepare('SELECT 1 FROM imports WHERE dataset_id = ? LIMIT 1').get(datasetId)) return false;
  db.exec('SAVEPOINT remove_dataset');
  try {
    for (const table of ['monthly_totals', 'ward_totals', 'dataset_months', 'incident_places', 'incident_assignments']) {
      db.prepare(`DELETE FROM ${table} WHERE dataset_id = ?`).run(datasetId);
    }
    db.prepare('DELETE FROM datasets WHERE id = ?').run(datasetId);
    db.exec('RELEASE remove_dataset');
    return true;
  } catch (err) {
    db.exec('ROLLBACK TO remove_dataset');
    db.exec('RELEASE remove_dataset');
    if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw err;
    return false;
  }
}
