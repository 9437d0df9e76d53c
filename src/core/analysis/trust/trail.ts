/**
 * The trail of a pivot cell: the dataset, the extracts and source rows behind it, the
 * conditions that select them and the population used, with the rows' sum to show they
 * add back to the figure.
 */
import type { Dimension } from '../../../shared/pivot';
import type { CellTrail, SourceRow, TrailSpec } from '../../../shared/trail';
import { WardlensError } from '../../errors';
import { fromIsoMonth, toIsoMonth } from '../../months';
import { datasetWardSet, nameInSet } from '../../store/areas';
import type { Db } from '../../store/workspace';
import type { FactKind } from '../pivot/dimensions';
import { resolveFilters } from '../pivot/filters';
import { buildAggregateSql, buildSourceSql, type AggregateQuery } from '../pivot/query';
import { runPivot } from '../pivot/run';

export function cellTrail(db: Db, spec: TrailSpec): CellTrail {
  if (!spec?.pivot || typeof spec.pivot !== 'object') throw new WardlensError('bad-request', 'Say which pivot the cell belongs to.');
  const result = runPivot(db, spec.pivot);
  const rowHeader = spec.row === -1 ? null : result.rows[spec.row];
  const columnHeader = spec.column === -1 ? null : result.columns[spec.column];
  if (rowHeader === undefined || columnHeader === undefined) throw new WardlensError('bad-request', `The pivot has no cell at row ${spec.row}, column ${spec.column}.`);
  const cell = rowHeader && columnHeader ? result.cells[spec.row]![spec.column]! : rowHeader ? result.rowTotals[spec.row]! : columnHeader ? result.columnTotals[spec.column]! : result.grandTotal;

  const dataset = db.prepare('SELECT id, kind, category_scheme AS scheme FROM datasets WHERE key = ?').get(spec.pivot.dataset) as { id: number; kind: FactKind; scheme: string | null };
  const keysOf = (dims: Dimension[], header: { keys: string[] } | null): [Dimension, string[]][] => (header ? dims.map((d, i) => [d, [header.keys[i]!]]) : []);
  const query: AggregateQuery = {
    datasetId: dataset.id,
    kind: dataset.kind,
    dimensions: [],
    filters: resolveFilters(db, dataset.id, dataset.scheme, spec.pivot.filters ?? {}),
    firstMonth: fromIsoMonth(result.span.from)!,
    lastMonth: fromIsoMonth(result.span.to)!,
    asOfImport: spec.pivot.asOfImport,
    extraFilters: [...keysOf(result.rowDimensions, rowHeader), ...keysOf(result.columnDimensions, columnHeader)],
  };
  const sum = buildAggregateSql(query);
  const total = db.prepare(sum.sql).get(...sum.params) as { n: number | null };
  const source = buildSourceSql(query, spec.limit ?? 500);
  // Wards named as in the set the dataset is on, as the pivot heads them.
  const wardSet = datasetWardSet(db, dataset.id);
  const rows = (db.prepare(source.sql).all(...source.params) as (SourceRow & { month: number; sha256: string; areaCode?: string | null })[]).map(
    ({ sha256: _sha, areaCode, ...r }) => ({ ...r, month: toIsoMonth(r.month as unknown as number), ...(r.area !== undefined ? { area: nameInSet(areaCode ?? null, r.area, wardSet) } : {}) }),
  );
  const extracts = extractsOf(db, query);
  const rowCount = extracts.reduce((t, e) => t + e.rows, 0);

  return {
    dataset: result.dataset,
    cell: { rowLabels: rowHeader?.labels ?? ['Total'], columnLabels: columnHeader?.labels ?? ['Total'], measure: result.measure, value: cell.value, count: cell.count },
    conditions: conditionsInWords(result, rowHeader, columnHeader),
    extracts,
    population:
      cell.population === undefined
        ? null
        : { population: cell.population ?? null, year: cell.populationYear ?? null, basis: cell.populationBasis ?? null },
    sourceRows: rows,
    sourceRowCount: rowCount,
    sourceTotal: total.n ?? 0,
    truncated: rows.length < rowCount,
  };
}

function conditionsInWords(result: ReturnType<typeof runPivot>, row: { keys: string[]; labels: string[] } | null, column: { keys: string[]; labels: string[] } | null): string[] {
  const out = [`months ${result.span.from} to ${result.span.to}`];
  const say = (dims: Dimension[], h: { keys: string[]; labels: string[] } | null) =>
    h?.keys.forEach((k, i) => out.push(`${dims[i]} = ${h.labels[i]}${h.labels[i] !== k ? ` (${k})` : ''}`));
  say(result.rowDimensions, row);
  say(result.columnDimensions, column);
  for (const [d, values] of Object.entries(result.spec.filters ?? {})) if (values?.length) out.push(`${d} in ${values.join(', ')}`);
  if (result.spec.asOfImport !== undefined) out.push(`as of import ${result.spec.asOfImport}`);
  return out;
}

function extractsOf(db: Db, query: AggregateQuery): CellTrail['extracts'] {
  const { sql, params } = buildSourceSql(query, 1e9);
  return db
    .prepare(`SELECT s.importId, s.file, s.sha256, i.finished_at AS importedAt, count(*) AS rows, sum(s.count) AS count FROM (${sql}) s JOIN imports i ON i.id = s.importId GROUP BY s.importId ORDER BY s.importId`)
    .all(...params) as CellTrail['extracts'];
}
