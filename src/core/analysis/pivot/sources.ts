/**
 * The pivot planner: which table answers a query. Summary tables (store/summaries.ts) hold
 * the current figures already added up, so the smallest table that has every dimension,
 * filter and period the query uses answers it; anything else reads the base rows. "As of"
 * an earlier extract, and tracing a figure to its source rows, always read the base rows:
 * summaries hold only the current figures.
 */
import type { Dimension } from '../../../shared/pivot';
import type { FactKind, SourceShape } from './dimensions';

export interface Source extends SourceShape {
  table: string;
  /** What the table can group and filter by. */
  dimensions: ReadonlySet<Dimension>;
  /**
   * The table's primary key after dataset_id, in order, and for each column the columns that (near
   * enough) determine it. Grouping in this order lets SQLite add up rows as it reads them
   * instead of sorting them first; extra columns only split a group the grid adds back.
   */
  order?: { column: string; impliedBy?: string[] }[];
}

const set = (...d: Dimension[]) => new Set<Dimension>(d);
const CATEGORY: Dimension[] = ['major', 'minor', 'category'];
const PERIODS: Dimension[] = ['month', 'quarter', 'year', 'financial-year'];

/** Smallest first. */
const COUNT_SOURCES: Source[] = [
  { table: 'yearly_totals', grain: 'year', dimensions: set('borough', 'year', ...CATEGORY) },
  { table: 'monthly_totals', grain: 'month', dimensions: set('borough', ...PERIODS, ...CATEGORY) },
  {
    table: 'ward_totals',
    grain: 'month',
    dimensions: set('borough', 'ward', ...PERIODS),
    order: [{ column: 'f.borough_id', impliedBy: ['f.area_id'] }, { column: 'f.area_id' }, { column: 'f.month' }],
  },
  {
    table: 'monthly_counts',
    grain: 'month',
    dimensions: set('borough', 'ward', ...PERIODS, ...CATEGORY),
    // A ward lies in one borough (bar airport crime, filed under its own police area).
    order: [{ column: 'f.borough_id', impliedBy: ['f.area_id'] }, { column: 'f.month' }, { column: 'f.category_id' }, { column: 'f.area_id' }],
  },
];

const INCIDENT_CATEGORY: Dimension[] = [...CATEGORY, 'crime-type'];
const INCIDENT_SOURCES: Source[] = [
  { table: 'incident_yearly', grain: 'year', wardColumn: true, dimensions: set('ward', 'year', ...INCIDENT_CATEGORY) },
  { table: 'incident_summary', grain: 'month', wardColumn: true, dimensions: set('ward', ...PERIODS, ...INCIDENT_CATEGORY, 'outcome') },
  { table: 'current_incidents', grain: 'month', dimensions: set('borough', 'ward', 'lsoa', ...PERIODS, ...INCIDENT_CATEGORY, 'outcome') },
];

const BASE_AS_OF: Record<FactKind, Source> = {
  counts: { table: 'all_monthly_counts', grain: 'month', dimensions: COUNT_SOURCES[3]!.dimensions },
  incidents: { table: 'incidents', grain: 'month', dimensions: INCIDENT_SOURCES[2]!.dimensions },
};

export interface PlanQuery {
  kind: FactKind;
  /** Every dimension grouped or filtered on. */
  used: Dimension[];
  firstMonth: number;
  lastMonth: number;
  asOfImport?: number;
  /** Source rows wanted, not sums: only the base rows have them. */
  detail: boolean;
  /** The incident dataset's summaries are built (they are once its locations are placed in wards). */
  incidentSummaries: boolean;
}

/** Whole calendar years, so a year-grain table sums exactly the months asked for. */
const wholeYears = (first: number, last: number) => first % 100 === 1 && last % 100 === 12;

export function chooseSource(q: PlanQuery): Source {
  const sources = q.kind === 'counts' ? COUNT_SOURCES : INCIDENT_SOURCES;
  if (q.asOfImport !== undefined) return BASE_AS_OF[q.kind];
  if (q.detail || (q.kind === 'incidents' && !q.incidentSummaries)) return sources[sources.length - 1]!;
  const fits = (s: Source) =>
    q.used.every((d) => s.dimensions.has(d)) && (s.grain === 'month' || wholeYears(q.firstMonth, q.lastMonth));
  return sources.find(fits) ?? sources[sources.length - 1]!;
}

/**
 * Whether a GROUP BY names the source's whole key (after dataset_id, which the query fixes):
 * then every row is a group of its own, and adding up (a third of the query's time on a
 * hundred thousand groups) can be skipped. Only for tables whose `order` is their primary key.
 */
export function groupsAreRows(source: Source, groupBy: string[]): boolean {
  return !!source.order && source.order.length === groupBy.length && source.order.every((o, i) => groupBy[i] === o.column);
}

/**
 * The GROUP BY for these group expressions: in the source's key order when every one is a
 * key column (adding columns they imply, which the grid adds back together), else as given.
 */
export function groupOrder(source: Source, groups: string[]): string[] {
  if (!source.order || groups.length === 0) return groups;
  const needed = new Set(groups);
  const out: string[] = [];
  for (const { column, impliedBy } of source.order) {
    if (needed.size === 0) break;
    if (needed.delete(column) || impliedBy?.some((c) => needed.has(c) || out.includes(c))) out.push(column);
    else return groups;
  }
  return needed.size === 0 ? out : groups;
}
