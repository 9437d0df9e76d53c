/**
 * The fixed table from dimension names to SQL. Pivot specs name dimensions; only the
 * expressions here ever reach SQL, so no name from a caller is concatenated into a query.
 * Time dimensions group by an integer period code; periodKey/periodLabel turn it into the
 * "2022-01" / "Jan 2022" forms.
 */
import type { Dimension } from '../../../shared/pivot';
import type { DatasetKind } from '../../../shared/workspace';
import { monthLabel } from '../periods';
import { INCIDENT_WARD_ID } from '../../store/summaries';

export type FactKind = Extract<DatasetKind, 'counts' | 'incidents'>;
type Join = 'area' | 'borough' | 'category' | 'outcome' | 'lsoa' | 'incidentWard' | 'summaryWard';

/**
 * How a group's id becomes its key and label: the aggregate query returns integer ids only
 * (a hundred thousand rows of small integers cross from SQLite to JS many times faster than
 * rows of strings), and labels.ts looks the ids up once each.
 */
export type Dictionary = 'area' | 'ward' | 'category' | 'major' | 'lsoa' | 'lsoaBorough' | 'outcome' | 'period';

interface DimensionSql {
  key: string;
  label: string;
  joins: Join[];
  /** A filter on the fact table's own column (so its index serves), given the placeholders. */
  filter?: (placeholders: string) => string;
  /**
   * What to group by when it is cheaper than the key: an integer id the key depends on.
   * Rows whose keys coincide (a major category's minors) are added together by the grid.
   */
  group?: string;
  /** The integer id the aggregate groups by, the joins it needs, and how it becomes a key. */
  id: string;
  idJoins?: Join[];
  dictionary: Dictionary;
}

/** Where a query reads: month-grain tables have a month column, year-grain ones a year column. */
export interface SourceShape {
  grain: 'month' | 'year';
  /** The incident summaries carry each incident's ward id (with its placement codes). */
  wardColumn?: boolean;
}

export const TIME_DIMENSIONS = ['month', 'quarter', 'year', 'financial-year'] as const;
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];
export const isTimeDimension = (d: Dimension): d is TimeDimension =>
  (TIME_DIMENSIONS as readonly string[]).includes(d);
export const AREA_DIMENSIONS: Dimension[] = ['borough', 'ward', 'lsoa'];

const time = (expr: string): DimensionSql => ({ key: expr, label: expr, joins: [], id: expr, dictionary: 'period' });
const majorKey = "substr(cat.key, 1, instr(cat.key, '/') - 1)";
const categoryIds = (p: string) => `f.category_id IN (SELECT id FROM categories WHERE key IN (${p}))`;

/** Period codes: month yyyymm, quarter yyyyq, year yyyy, financial year = its starting year. */
const TIME_SQL: Record<TimeDimension, string> = {
  month: 'f.month',
  quarter: '(f.month / 100) * 10 + ((f.month % 100) + 2) / 3',
  year: 'f.month / 100',
  'financial-year': 'f.month / 100 - (f.month % 100 < 4)',
};

const category = (dictionary: Dictionary = 'category'): DimensionSql => ({
  key: 'cat.key',
  label: 'cat.minor',
  joins: ['category'],
  group: 'f.category_id',
  filter: categoryIds,
  id: 'f.category_id',
  dictionary,
});

const COUNTS: Partial<Record<Dimension, DimensionSql>> = {
  borough: {
    key: 'coalesce(b.code, b.name)',
    label: 'b.name',
    joins: ['borough'],
    group: 'f.borough_id',
    filter: (p) => `f.borough_id IN (SELECT id FROM areas WHERE kind = 'borough' AND coalesce(code, name) IN (${p}))`,
    id: 'f.borough_id',
    dictionary: 'area',
  },
  ward: {
    key: 'coalesce(a.code, a.name)',
    label: 'a.name',
    joins: ['area'],
    group: 'f.area_id',
    filter: (p) => `f.area_id IN (SELECT id FROM areas WHERE kind = 'ward' AND coalesce(code, name) IN (${p}))`,
    id: 'f.area_id',
    dictionary: 'area',
  },
  major: {
    key: majorKey,
    label: 'cat.major',
    joins: ['category'],
    group: 'f.category_id',
    filter: (p) => `f.category_id IN (SELECT id FROM categories WHERE substr(key, 1, instr(key, '/') - 1) IN (${p}))`,
    id: 'f.category_id',
    dictionary: 'major',
  },
  minor: category(),
  category: category(),
};

// police.uk rows carry an LSOA, whose name begins with its local authority's ("Camden 028B").
const lsoaBorough = 'rtrim(substr(l.name, 1, length(l.name) - 5))';
const INCIDENTS: Partial<Record<Dimension, DimensionSql>> = {
  borough: {
    key: `coalesce(${lsoaBorough}, 'No location')`,
    label: `coalesce(${lsoaBorough}, 'No location')`,
    joins: ['lsoa'],
    group: 'f.lsoa_id',
    // Filters arrive resolved to borough codes (or names, for uncoded areas): the LSOAs
    // whose names begin with that borough's name.
    filter: (p) =>
      `f.lsoa_id IN (SELECT l2.id FROM areas l2 WHERE l2.kind = 'lsoa' AND rtrim(substr(l2.name, 1, length(l2.name) - 5)) IN (SELECT name FROM areas WHERE kind = 'borough' AND coalesce(code, name) IN (${p})))`,
    id: 'f.lsoa_id',
    dictionary: 'lsoaBorough',
  },
  lsoa: {
    key: "coalesce(l.code, 'none')",
    label: "coalesce(l.name, 'No location')",
    joins: ['lsoa'],
    group: 'f.lsoa_id',
    id: 'f.lsoa_id',
    dictionary: 'lsoa',
  },
  // Wards from placing each location in the ward polygons (incidents/assign-areas); an incident
  // without coordinates, not yet placed, or in no polygon gets its own row, never a guessed ward.
  ward: {
    key: "coalesce(w.code, CASE WHEN f.longitude IS NULL OR f.latitude IS NULL THEN 'no-location' WHEN ip.dataset_id IS NULL THEN 'not-assigned' ELSE 'outside' END)",
    label: "coalesce(w.name, CASE WHEN f.longitude IS NULL OR f.latitude IS NULL THEN 'No location' WHEN ip.dataset_id IS NULL THEN 'Not yet placed in wards' ELSE 'Outside the ward boundaries' END)",
    joins: ['incidentWard'],
    id: INCIDENT_WARD_ID,
    idJoins: ['incidentWard'],
    dictionary: 'ward',
  },
  major: category(),
  minor: category(),
  category: category(),
  'crime-type': category(),
  outcome: {
    key: "coalesce(o.name, 'No outcome recorded')",
    label: "coalesce(o.name, 'No outcome recorded')",
    group: 'f.outcome_id',
    joins: ['outcome'],
    id: 'f.outcome_id',
    dictionary: 'outcome',
  },
};

/** The incident summaries' ward column, with the same placement codes as INCIDENT_WARD_ID. */
const SUMMARY_WARD: DimensionSql = {
  key: "coalesce(w.code, CASE f.ward_id WHEN -1 THEN 'no-location' WHEN -2 THEN 'not-assigned' ELSE 'outside' END)",
  label: "coalesce(w.name, CASE f.ward_id WHEN -1 THEN 'No location' WHEN -2 THEN 'Not yet placed in wards' ELSE 'Outside the ward boundaries' END)",
  joins: ['summaryWard'],
  id: 'f.ward_id',
  dictionary: 'ward',
};

export function dimensionSql(kind: FactKind, d: Dimension, source: SourceShape = { grain: 'month' }): DimensionSql | null {
  if (isTimeDimension(d)) {
    if (source.grain === 'year') return d === 'year' ? time('f.year') : null;
    return time(TIME_SQL[d]);
  }
  if (kind === 'incidents' && d === 'ward' && source.wardColumn) return SUMMARY_WARD;
  return (kind === 'counts' ? COUNTS : INCIDENTS)[d] ?? null;
}

export const JOIN_SQL: Record<Join, string> = {
  area: 'JOIN areas a ON a.id = f.area_id',
  borough: 'JOIN areas b ON b.id = f.borough_id',
  category: 'JOIN categories cat ON cat.id = f.category_id',
  outcome: 'LEFT JOIN outcomes o ON o.id = f.outcome_id',
  lsoa: 'LEFT JOIN areas l ON l.id = f.lsoa_id',
  incidentWard:
    'LEFT JOIN incident_places ip ON ip.dataset_id = f.dataset_id AND ip.longitude = f.longitude AND ip.latitude = f.latitude LEFT JOIN areas w ON w.id = ip.ward_id',
  summaryWard: 'LEFT JOIN areas w ON w.id = f.ward_id',
};

export function periodKey(d: TimeDimension, code: number): string {
  switch (d) {
    case 'month':
      return `${Math.floor(code / 100)}-${String(code % 100).padStart(2, '0')}`;
    case 'quarter':
      return `${Math.floor(code / 10)}-Q${code % 10}`;
    case 'year':
      return String(code);
    case 'financial-year':
      return `${code}/${String((code + 1) % 100).padStart(2, '0')}`;
  }
}

export function periodLabel(d: TimeDimension, code: number): string {
  if (d === 'month') return monthLabel(code);
  if (d === 'quarter') return `Q${code % 10} ${Math.floor(code / 10)}`;
  return periodKey(d, code);
}

/** The months (yyyymm) a period covers. */
export function periodMonths(d: TimeDimension, code: number): number[] {
  const months = (year: number, from: number, n: number) =>
    Array.from({ length: n }, (_, i) => {
      const m = from + i;
      return (year + Math.floor((m - 1) / 12)) * 100 + (((m - 1) % 12) + 1);
    });
  switch (d) {
    case 'month':
      return [code];
    case 'quarter':
      return months(Math.floor(code / 10), ((code % 10) - 1) * 3 + 1, 3);
    case 'year':
      return months(code, 1, 12);
    case 'financial-year':
      return months(code, 4, 12);
  }
}

/** The period (its code) a month (yyyymm) falls in. */
export function periodOfMonth(d: TimeDimension, month: number): number {
  const year = Math.floor(month / 100);
  const m = month % 100;
  switch (d) {
    case 'month':
      return month;
    case 'quarter':
      return year * 10 + Math.floor((m + 2) / 3);
    case 'year':
      return year;
    case 'financial-year':
      return m < 4 ? year - 1 : year;
  }
}

/** How far a period code moves in a year (month yyyymm: 100, quarter yyyyq: 10, years: 1). */
export function yearStep(d: TimeDimension): number {
  return d === 'month' ? 100 : d === 'quarter' ? 10 : 1;
}

/** The same period a year earlier. */
export function yearEarlier(d: TimeDimension, code: number): number {
  return d === 'month' ? code - 100 : d === 'quarter' ? code - 10 : code - 1;
}

/** The calendar year whose population a period's rate uses (a financial year uses its first year's mid-year estimate). */
export function populationYearOf(d: TimeDimension, code: number): number {
  return d === 'month' ? Math.floor(code / 100) : d === 'quarter' ? Math.floor(code / 10) : code;
}

/** Parses a period key back to its code, for filters. */
export function periodCode(d: TimeDimension, key: string): number | null {
  const m =
    d === 'month'
      ? /^(\d{4})-(\d{2})$/.exec(key)
      : d === 'quarter'
        ? /^(\d{4})-Q([1-4])$/.exec(key)
        : d === 'year'
          ? /^(\d{4})()$/.exec(key)
          : /^(\d{4})\/\d{2}$()/.exec(key);
  if (!m) return null;
  return d === 'month'
    ? Number(m[1]) * 100 + Number(m[2])
    : d === 'quarter'
      ? Number(m[1]) * 10 + Number(m[2])
      : Number(m[1]);
}
