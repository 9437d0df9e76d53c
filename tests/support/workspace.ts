// Temporary workspaces for tests: each in its own mkdtemp folder, never the user's data folder.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace, type Db, type Workspace } from '../../src/core/store/workspace';

const made: string[] = [];

/** A fresh empty folder under the system temp folder; removed by cleanupTempDirs(). */
export function tempDir(prefix = 'wardlens-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A new workspace file in its own temp folder. */
export function tempWorkspace(): Workspace {
  return openWorkspace(path.join(tempDir(), 'workspace.wardlens.sqlite'));
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function walExists(dbPath: string): boolean {
  return existsSync(`${dbPath}-wal`) && readFileSync(`${dbPath}-wal`).length > 0;
}

/** Row count of every table: a cheap fingerprint of what a workspace holds. */
export function tableCounts(db: Db): Record<string, number> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  );
}

/**
 * Where every monthly figure of every import is kept, current or superseded: the
 * all_monthly_counts view where the schema keeps superseded figures apart, else monthly_counts.
 */
export function allCounts(db: Db): string {
  const view = db
    .prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'view' AND name = 'all_monthly_counts'`)
    .get();
  return view ? 'all_monthly_counts' : 'monthly_counts';
}

/** One number from a query. */
export function scalar(db: Db, sql: string, ...params: unknown[]): number {
  const row = db.prepare(sql).get(...params) as Record<string, number | null> | undefined;
  const value = row ? Object.values(row)[0] : null;
  return value ?? 0;
}

export function datasetId(db: Db, key: string): number {
  const row = db.prepare('SELECT id FROM datasets WHERE key = ?').get(key) as { id: number } | undefined;
  if (!row) throw new Error(`no dataset ${key}`);
  return row.id;
}

export interface TotalsQuery {
  dataset: number;
  /** All figures of one import, current or superseded; default: the current figures of every import. */
  importId?: number;
  /** Only months in this range (yyyymm, inclusive): a range scan of the table's key, not a full pass. */
  first?: number;
  last?: number;
}

export interface MonthlyTotals {
  /** yyyymm → total over every area. */
  all: Map<number, number>;
  /** yyyymm → total of the figures filed under one borough (by name); empty when there are none. */
  borough(name: string): Map<number, number>;
}

/** Totals per month and per borough, in one pass over a dataset; months with no figures are absent. */
export function monthlyTotals(db: Db, q: TotalsQuery): MonthlyTotals {
  const table = q.importId === undefined ? 'current_monthly_counts' : allCounts(db);
  const rows = db
    .prepare(
      `SELECT t.month, a.name AS borough, t.total FROM (
         SELECT month, borough_id, sum(count) AS total FROM ${table}
         WHERE dataset_id = ? AND month BETWEEN ? AND ? AND (? IS NULL OR import_id = ?) GROUP BY month, borough_id
       ) t JOIN areas a ON a.id = t.borough_id`,
    )
    .all(q.dataset, q.first ?? 0, q.last ?? 999_999, q.importId ?? null, q.importId ?? null) as {
    month: number;
    borough: string;
    total: number;
  }[];
  const all = new Map<number, number>();
  const byBorough = new Map<string, Map<number, number>>();
  for (const r of rows) {
    all.set(r.month, (all.get(r.month) ?? 0) + r.total);
    const b = byBorough.get(r.borough) ?? new Map<number, number>();
    b.set(r.month, (b.get(r.month) ?? 0) + r.total);
    byBorough.set(r.borough, b);
  }
  return { all, borough: (name) => byBorough.get(name) ?? new Map() };
}

/** A month → total map without its zero months (and only the months `when` accepts), as a plain object for readable diffs. */
export function nonZero(
  totals: Map<number, number>,
  when: (month: number) => boolean = () => true,
): Record<number, number> {
  return Object.fromEntries([...totals].filter(([m, v]) => v !== 0 && when(m)));
}

/** Sum of a month → total map over the months `when` accepts. */
export function total(totals: Map<number, number>, when: (month: number) => boolean = () => true): number {
  let t = 0;
  for (const [m, v] of totals) if (when(m)) t += v;
  return t;
}
