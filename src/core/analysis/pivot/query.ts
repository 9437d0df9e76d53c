/**
 * The pivot's one SQL query: sum the current figures of a dataset over a span of months,
 * grouped by the requested dimensions. Values only as bound parameters; dimension SQL only
 * from the fixed table in dimensions.ts.
 */
import type { Dimension } from '../../../shared/pivot';
import { WardlensError } from '../../errors';
import { AS_OF_MONTHS_SQL } from '../../store/revisions';
import type { Db } from '../../store/workspace';
import { dimensionSql, isTimeDimension, JOIN_SQL, periodCode, type FactKind } from './dimensions';

export interface Aggregate {
  keys: string[];
  labels: string[];
  count: number;
}

export interface AggregateQuery {
  datasetId: number;
  kind: FactKind;
  dimensions: Dimension[];
  filters: Partial<Record<Dimension, string[]>>;
  firstMonth: number;
  lastMonth: number;
  /** Reproduce the figures as they stood when this import was the newest (else: the current figures). */
  asOfImport?: number;
}

export function buildAggregateSql(q: AggregateQuery): { sql: string; params: (string | number)[] } {
  const facts = q.kind === 'counts' ? 'monthly_counts' : 'incidents';
  const table = q.asOfImport === undefined ? `current_${facts}` : `${facts}`;
  const measure = q.kind === 'counts' ? 'sum(f.count)' : 'count(*)';
  const joins = new Set<string>();
  const select: string[] = [];
  const groupBy: string[] = [];
  const where = ['f.dataset_id = ?', 'f.month BETWEEN ? AND ?'];
  const params: (string | number)[] = [q.datasetId, q.firstMonth, q.lastMonth];
  if (q.asOfImport !== undefined) {
    joins.add(`JOIN (${AS_OF_MONTHS_SQL}) asof ON asof.month = f.month AND asof.import_id = f.import_id`);
    params.unshift(q.datasetId, q.asOfImport);
  }

  const sqlFor = (d: Dimension) => {
    const s = dimensionSql(q.kind, d);
    if (!s) throw new WardlensError('bad-request', `This dataset has no "${d}" to pivot by.`);
    s.joins.forEach((j) => joins.add(JOIN_SQL[j]));
    return s;
  };
  q.dimensions.forEach((d, i) => {
    const s = sqlFor(d);
    select.push(`${s.key} AS k${i}`, `${s.label} AS l${i}`);
    groupBy.push(`k${i}`);
  });
  for (const [d, values] of Object.entries(q.filters) as [Dimension, string[]][]) {
    if (!values || values.length === 0) continue;
    const s = sqlFor(d);
    const bound = isTimeDimension(d) ? values.map((v) => periodCode(d, v) ?? -1) : values;
    where.push(`${s.key} IN (${bound.map(() => '?').join(', ')})`);
    params.push(...bound);
  }
  const sql = `SELECT ${[...select, `${measure} AS n`].join(', ')}
    FROM ${table} f ${[...joins].join(' ')}
    WHERE ${where.join(' AND ')}
    ${groupBy.length ? `GROUP BY ${groupBy.join(', ')}` : ''}`;
  return { sql, params };
}

export function aggregate(db: Db, q: AggregateQuery): Aggregate[] {
  const { sql, params } = buildAggregateSql(q);
  const rows = db
    .prepare(sql)
    .raw()
    .all(...params) as unknown[][];
  const n = q.dimensions.length;
  return rows.map((r) => ({
    keys: Array.from({ length: n }, (_, i) => String(r[2 * i])),
    labels: Array.from({ length: n }, (_, i) => String(r[2 * i + 1])),
    count: Number(r[2 * n] ?? 0),
  }));
}
