/** The imports table: one row per file that was imported whole, with its provenance. */
import type { FileFormat } from '../../shared/workspace';
import type { Db } from './workspace';

export interface NewImport {
  datasetId: number;
  fileName: string;
  filePath: string;
  fileSize: number;
  sha256: string;
  format: FileFormat;
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
}

export function findImportByHash(db: Db, sha256: string): PreviousImport | null {
  return (
    (db
      .prepare(
        `SELECT i.id, i.file_name AS fileName, i.finished_at AS finishedAt, d.name AS dataset
         FROM imports i JOIN datasets d ON d.id = i.dataset_id WHERE i.sha256 = ?`,
      )
      .get(sha256) as PreviousImport | undefined) ?? null
  );
}

export function insertImport(db: Db, i: NewImport): number {
  const row = db
    .prepare(
      `INSERT INTO imports (dataset_id, file_name, file_path, file_size, sha256, format, rows_read, rows_stored,
         rows_rejected, started_at, status)
       VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, ?, 'complete') RETURNING id`,
    )
    .get(i.datasetId, i.fileName, i.filePath, i.fileSize, i.sha256, i.format, i.startedAt) as { id: number };
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
