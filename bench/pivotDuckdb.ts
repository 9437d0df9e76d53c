/**
 * The pivot bench's yardstick: DuckDB holding the same raw rows as the bench workspace
 * (current monthly figures, incidents, where each incident location falls, areas and
 * categories), copied once through CSV into a DuckDB file kept beside the workspace.
 * DuckDB then answers each question from those rows with its own joins and grouping.
 */
import { closeSync, existsSync, openSync, rmSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface Yardstick {
  /** Runs the query and reads every row into JS, as a caller would. */
  query(sql: string): Promise<number>;
  /** Runs the query and reads only how many groups it made: DuckDB's grouping alone. */
  queryOnly(sql: string): Promise<number>;
  close(): void;
}

const TABLES: Record<string, string> = {
  monthly_counts: 'SELECT dataset_id, borough_id, month, category_id, area_id, count FROM monthly_counts',
  areas: 'SELECT id, kind, code, name FROM areas',
  categories: 'SELECT id, key, major, minor FROM categories',
  incidents: 'SELECT dataset_id, month, category_id, outcome_id, lsoa_id, longitude, latitude FROM incidents',
  incident_places: 'SELECT dataset_id, longitude, latitude, ward_id, borough_id FROM incident_places',
};

const cell = (v: unknown) =>
  v === null || v === undefined ? '' : typeof v === 'string' ? `"${v.replace(/"/g, '""')}"` : String(v);

/** Writes a query's rows as CSV with a header, 64k rows at a time. */
function toCsv(db: Database.Database, sql: string, path: string): void {
  const statement = db.prepare(sql);
  const fd = openSync(path, 'w');
  writeSync(fd, statement.columns().map((c) => c.name).join(',') + '\n');
  let lines: string[] = [];
  for (const row of statement.raw().iterate() as IterableIterator<unknown[]>) {
    lines.push(row.map(cell).join(','));
    if (lines.length === 65536) {
      writeSync(fd, lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length) writeSync(fd, lines.join('\n') + '\n');
  closeSync(fd);
}

export async function duckdbYardstick(sqlitePath: string, duckPath: string): Promise<Yardstick> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const fresh = !existsSync(duckPath);
  const instance = await DuckDBInstance.create(duckPath);
  const connection = await instance.connect();
  if (fresh) {
    const db = new Database(sqlitePath, { readonly: true });
    try {
      for (const [table, sql] of Object.entries(TABLES)) {
        const csv = `${duckPath}.${table}.csv`;
        toCsv(db, sql, csv);
        await connection.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}', header = true, quote = '"')`);
        rmSync(csv);
      }
    } finally {
      db.close();
    }
  }
  return {
    async query(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowsJS().length;
    },
    async queryOnly(sql) {
      const reader = await connection.runAndReadAll(`SELECT count(*) FROM (${sql})`);
      return Number(reader.getRowsJS()[0]![0]);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
