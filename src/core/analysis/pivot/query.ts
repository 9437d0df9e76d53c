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
  /** More conditions, ANDed (a cell's own keys when tracing it to its sources). */
  extraFilters?: [Dimension, string[]][];
}

/** What a traced figure's source rows show. */
const SOURCE_COLUMNS = {
  counts: `src_i.id AS importId, src_i.file_name AS file, src_i.sha256 AS sha256, f.source_row AS row, f.month AS month,
           src_a.name AS area, src_b.name AS borough, src_c.minor AS category, f.count AS count`,
  incidents: `src_i.id AS importId, src_i.file_name AS file, src_i.sha256 AS sha256, f.crime_id AS crimeId, f.month AS month,
              src_l.code AS lsoa, src_l.name AS lsoaName, src_loc.description AS location, f.longitude, f.latitude,
              src_c.minor AS category, src_o.name AS outcome, 1 AS count`,
};
const SOURCE_JOINS = {
  counts: `JOIN imports src_i ON src_i.id = f.import_id JOIN areas src_a ON src_a.id = f.area_id
           JOIN areas src_b ON src_b.id = f.borough_id JOIN categories src_c ON src_c.id = f.category_id`,
  incidents: `JOIN imports src_i ON src_i.id = f.import_id LEFT JOIN areas src_l ON src_l.id = f.lsoa_id
              LEFT JOIN locations src_loc ON src_loc.id = f.location_id JOIN categories src_c ON src_c.id = f.category_id
              LEFT JOIN outcomes src_o ON src_o.id = f.outcome_id`,
};

/** The rows behind a figure (no grouping), in source order, at most `limit`. */
export function buildSourceSql(q: AggregateQuery, limit: number): { sql: string; params: (string | number)[] } {
  const { from, where, params } = buildFrom(q, [], undefined, true);
  return {
    sql: `SELECT ${SOURCE_COLUMNS[q.kind]} ${from} ${SOURCE_JOINS[q.kind]} WHERE ${where} ORDER BY f.import_id, ${q.kind === 'counts' ? 'f.source_row, f.month' : 'f.id'} LIMIT ${Math.floor(limit)}`,
    params,
  };
}

export function buildAggregateSql(q: AggregateQuery): { sql: string; params: (string | number)[] } {
  const measure = q.kind === 'counts' ? 'sum(f.count)' : 'count(*)';
  const select: string[] = [];
  const groupBy: string[] = [];
  const { from, where, params } = buildFrom(q, q.dimensions, (d, s, i) => {
    select.push(`${s.key} AS k${i}`, `${s.label} AS l${i}`);
    groupBy.push(s.group ?? `k${i}`);
  });
  const sql = `SELECT ${[...select, `${measure} AS n`].join(', ')} ${from} WHERE ${where}
    ${groupBy.length ? `GROUP BY ${groupBy.join(', ')}` : ''}`;
  return { sql, params };
}

type DimensionSql = NonNullable<ReturnType<typeof dimensionSql>>;

/** Dimensions the borough totals (monthly_totals) can answer: everything but wards. */
const TOTALS_DIMENSIONS = new Set<Dimension>(['borough', 'month', 'quarter', 'year', 'financial-year', 'major', 'minor', 'category']);

/**
 * Where the figures come from: the borough totals when no ward is involved (far fewer
 * rows), the current figures, or — "as of" an earlier extract — current and superseded
 * figures together, picked by the as-of month map.
 */
function factTable(q: AggregateQuery, dimensions: Dimension[], detail: boolean): string {
  if (q.kind === 'incidents') return q.asOfImport === undefined ? 'current_incidents' : 'incidents';
  if (q.asOfImport !== undefined) return 'all_monthly_counts';
  const used = [...dimensions, ...Object.keys(q.filters), ...(q.extraFilters ?? []).map(([d]) => d)] as Dimension[];
  return !detail && used.every((d) => TOTALS_DIMENSIONS.has(d)) ? 'monthly_totals' : 'monthly_counts';
}

/** FROM, joins and WHERE for a query's dataset, months, extract and filters; `onDimension` sees each grouped dimension. */
function buildFrom(q: AggregateQuery, dimensions: Dimension[], onDimension?: (d: Dimension, s: DimensionSql, i: number) => void, detail = false) {
  const table = factTable(q, dimensions, detail);
  const joins = new Set<string>();
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
  dimensions.forEach((d, i) => onDimension?.(d, sqlFor(d), i));
  const conditions = [...(Object.entries(q.filters) as [Dimension, string[]][]), ...(q.extraFilters ?? [])];
  for (const [d, values] of conditions) {
    if (!values || values.length === 0) continue;
    const s = sqlFor(d);
    const bound = isTimeDimension(d) ? values.map((v) => periodCode(d, v) ?? -1) : values;
    const placeholders = bound.map(() => '?').join(', ');
    where.push(s.filter ? s.filter(placeholders) : `${s.key} IN (${placeholders})`);
    params.push(...bound);
  }
  return { from: `FROM ${table} f ${[...joins].join(' ')}`, where: where.join(' AND '), params };
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
