/**
 * `export/table`: one pivot, or one block of an area's findings, to an xlsx or csv file.
 * The table is built from the same engine calls the app's views make (runPivot,
 * buildFindings), so the file holds exactly the figures on screen.
 */
import { extname } from 'node:path';
import type {
  ExportTableArgs,
  ExportTableResult,
  FindingsBlock,
  ReportTable,
  TableSource,
} from '../../shared/export';
import type { Dimension, PivotResult } from '../../shared/pivot';
import type { FilterNames } from '../../shared/pivotWords';
import { buildFindings } from '../analysis/findings/build';
import { isTimeDimension } from '../analysis/pivot/dimensions';
import { resolveFilters } from '../analysis/pivot/filters';
import { runPivot } from '../analysis/pivot/run';
import { WardlensError } from '../errors';
import { datasetWardSet, nameInSet } from '../store/areas';
import type { Db } from '../store/workspace';
import { tableCsv } from './csv';
import { findingsSource, neighboursTable, quickFactsTable, wardsTable } from './findingsTables';
import { monthsTable, rollingYearTable } from './timeTables';
import { pivotPopulationsUsed, pivotPopulationYears, pivotTable } from './pivotTable';
import { checkTargets, writeFileSafely } from './safeWrite';
import { reportSource } from './sources';
import { SheetNames } from './names';
import { workbookBytes } from './xlsx';

const BLOCKS: Record<FindingsBlock, { sheet: string; build: typeof wardsTable }> = {
  'quick-facts': { sheet: 'Quick facts', build: quickFactsTable },
  wards: { sheet: 'Wards', build: wardsTable },
  months: { sheet: 'Months', build: monthsTable },
  'rolling-year': { sheet: 'Rolling year', build: rollingYearTable },
  neighbours: { sheet: 'Nearest neighbours', build: neighboursTable },
};

/** The report table for a pivot or a findings block, and a sheet name for it. */
export function buildReportTable(db: Db, source: TableSource): { table: ReportTable; sheet: string } {
  if (source && 'pivot' in source && source.pivot) {
    const result = runPivot(db, source.pivot);
    const spec = source.pivot;
    const src = reportSource(db, {
      dataset: { key: result.dataset.key, name: result.dataset.name },
      // The months the pivot actually covered (its resolved span), not only those asked for.
      first: result.span.from,
      last: result.span.to,
      populationYears: pivotPopulationYears(result),
      populationsUsed: pivotPopulationsUsed(result),
      populationFixed: spec.populationYear !== undefined,
      asOfImport: spec.asOfImport,
      comparesYearEarlier: ['change', 'pct-change', 'rate-change'].includes(result.measure),
    });
    return { table: pivotTable(result, src, filterNames(db, result)), sheet: 'Pivot' };
  }
  if (source && 'findings' in source && source.findings) {
    const block = BLOCKS[source.block];
    if (!block)
      throw new WardlensError(
        'bad-request',
        `There is no findings table "${String(source.block)}": choose ${Object.keys(BLOCKS).join(', ')}.`,
      );
    const findings = buildFindings(db, source.findings);
    const table = block.build(findings, findingsSource(db, findings));
    if (!table) {
      throw new WardlensError(
        'not-found',
        source.block === 'wards'
          ? `${findings.dataset.name} is by borough, so it has no ward table: import ward-level files.`
          : 'There is no nearest-neighbour table for this area.',
      );
    }
    return { table, sheet: block.sheet };
  }
  throw new WardlensError('bad-request', 'Say what to export: a pivot, or a findings block.');
}

/** Names as the pivot's headings show them, by the key a filter value resolves to. */
const NAME_SQL: Partial<Record<Dimension, string>> = {
  borough: "SELECT name FROM areas WHERE kind = 'borough' AND coalesce(code, name) = ?",
  ward: "SELECT name FROM areas WHERE kind = 'ward' AND coalesce(code, name) = ?",
  lsoa: "SELECT name FROM areas WHERE kind = 'lsoa' AND code = ?",
  category: 'SELECT minor FROM categories WHERE key = ?',
  minor: 'SELECT minor FROM categories WHERE key = ?',
  'crime-type': 'SELECT minor FROM categories WHERE key = ?',
  major: "SELECT major FROM categories WHERE substr(key, 1, instr(key, '/') - 1) = ?",
};

/**
 * The names of a pivot's filter values, looked up in the workspace as the app finds them in
 * the answers it holds: "E09000015" and "harrow" are both "Harrow" in the title, never a code.
 * The values resolve as the pivot resolved them (it ran, so they all do).
 */
function filterNames(db: Db, result: PivotResult): FilterNames {
  const dataset = db
    .prepare('SELECT id, kind, category_scheme AS scheme FROM datasets WHERE key = ?')
    .get(result.dataset.key) as { id: number; kind: string; scheme: string | null };
  const raw = result.spec.filters ?? {};
  const resolved = resolveFilters(db, dataset.id, dataset.scheme, raw);
  const names = new Map<string, string>();
  for (const [d, values] of Object.entries(raw) as [Dimension, string[]][]) {
    // police.uk majors are categories: the pivot heads them with the category's name.
    const sql = NAME_SQL[d === 'major' && dataset.kind === 'incidents' ? 'category' : d];
    if (!sql || isTimeDimension(d)) continue;
    (values ?? []).forEach((value, i) => {
      const key = resolved[d]?.[i] ?? value;
      const row = db.prepare(sql).pluck().get(key) as string | undefined;
      if (row) names.set(`${d}\u0000${value}`, d === 'ward' ? nameInSet(key, row, datasetWardSet(db, dataset.id)) : row);
    });
  }
  return (d, value) => names.get(`${d}\u0000${value}`);
}

export async function exportTable(db: Db, args: ExportTableArgs): Promise<ExportTableResult> {
  if (args.format !== 'xlsx' && args.format !== 'csv')
    throw new WardlensError('bad-request', `Tables export to xlsx or csv, not "${String(args.format)}".`);
  if (typeof args.path !== 'string' || !args.path)
    throw new WardlensError('bad-request', 'Give the file to write.');
  if (extname(args.path).toLowerCase() !== `.${args.format}`) {
    throw new WardlensError(
      'bad-request',
      `${args.path} does not end in .${args.format}: name the file for its format.`,
      { file: args.path },
    );
  }
  const force = args.force === true;
  // Refuse before the work, not after it: an existing file is the commonest mistake.
  checkTargets([args.path], force);
  const { table, sheet } = buildReportTable(db, args.table);
  const content =
    args.format === 'xlsx'
      ? await workbookBytes([{ name: new SheetNames().name(sheet), table }])
      : tableCsv(table);
  const file = await writeFileSafely(args.path, content, args.format, force);
  return { file, title: table.title, rows: table.body.length };
}
