/**
 * The pivot's one SQL query: sum the current figures of a dataset over a span of months,
 * grouped by the requested dimensions. Values only as bound parameters; dimension SQL only
 * from the fixed table in dimensions.ts.
 */
import type { Dimension } from '../../../shared/pivot';
import { WardlensError } from '../../errors';
import { AS_OF_MONTHS_SQL } from '../../store/revisions';
import { datasetWardSet } from '../../store/areas';
import { incidentsSummarised } from '../../store/summaries';
import type { Db } from '../../store/workspace';
import { dimensionSql, isTimeDimension, JOIN_SQL, periodCode, periodOfMonth, type Dictionary, type FactKind } from './dimensions';
import { lookupFor, type Lookup } from './labels';
import { chooseSource, groupOrder, groupsAreRows } from './sources';
import type { Steps } from './steps';
import { boroughChunks, isBig, mergeGroups, type BoroughRange } from './chunks';

/**
 * An aggregate's groups, column by column: for each grouped dimension the group's integer id
 * (a period code for time dimensions, null where the row has none), and the count. Columns
 * rather than a row object each: a hundred thousand groups become a few flat arrays.
 */
export interface Aggregate {
  size: number;
  ids: ArrayLike<number | null>[];
  counts: ArrayLike<number>;
  /** Per dimension, from an id to its key and label (time dimensions: the code as text). */
  lookups: Lookup[];
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
  /** The incident dataset's summaries are built (store/summaries.ts); without this, incidents are read from the base rows. */
  incidentSummaries?: boolean;
  /** Only the rows of boroughs with ids in (after, upTo]: one chunk of a big aggregate (chunks.ts). */
  boroughs?: BoroughRange;
}

/** What a traced figure's source rows show. */
const SOURCE_COLUMNS = {
  counts: `src_i.id AS importId, src_i.file_name AS file, src_i.sha256 AS sha256, f.source_row AS row, f.month AS month,
           src_a.name AS area, src_a.code AS areaCode, src_b.name AS borough, src_c.minor AS category, f.count AS count`,
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
  return buildGroupedSql(q).sql;
}

/**
 * The aggregate as SQL: each grouped dimension's integer id (labels.ts turns ids into keys
 * and labels afterwards), then the count, from the table the planner chose.
 */
function buildGroupedSql(q: AggregateQuery) {
  const select: string[] = [];
  const groups: string[] = [];
  const dictionaries: Dictionary[] = [];
  const { from, where, params, source } = buildFrom(q, q.dimensions, (d, s, i) => {
    select.push(`${s.id} AS g${i}`);
    groups.push(s.id);
    dictionaries.push(s.dictionary);
  });
  const groupBy = groupOrder(source, groups);
  // Grouped by the whole key (and read as it stands, not "as of"), each row is its own group.
  const eachRow = q.asOfImport === undefined && groupsAreRows(source, groupBy);
  // A base incident row is one crime; every other table holds counts.
  const measure = eachRow ? 'f.count' : source.table === 'current_incidents' || source.table === 'incidents' ? 'count(*)' : 'sum(f.count)';
  const sql = `SELECT ${[...select, `${measure} AS n`].join(', ')} ${from} WHERE ${where}
    ${groupBy.length && !eachRow ? `GROUP BY ${groupBy.join(', ')}` : ''}`;
  // Groups in the table's key order (or none): chunks of the key, one after another, give them in the same order.
  const keyOrder = groupBy.length === 0 || groupBy[0] === source.order?.[0]?.column;
  return { sql: { sql, params }, dictionaries, source, eachRow, keyOrder };
}

type DimensionSql = NonNullable<ReturnType<typeof dimensionSql>>;

/** The query's filters and extra conditions that name values. */
function conditionsOf(q: AggregateQuery): [Dimension, string[]][] {
  return [...(Object.entries(q.filters) as [Dimension, string[]][]), ...(q.extraFilters ?? [])].filter(([, v]) => v && v.length > 0);
}

/** The table that answers the query (sources.ts). */
function planFor(q: AggregateQuery, dimensions: Dimension[], detail: boolean) {
  const used = [...dimensions, ...conditionsOf(q).map(([d]) => d)];
  return chooseSource({ kind: q.kind, used, firstMonth: q.firstMonth, lastMonth: q.lastMonth, asOfImport: q.asOfImport, detail, incidentSummaries: q.incidentSummaries === true });
}

/** FROM, joins and WHERE for a query's dataset, months, extract and filters; `onDimension` sees each grouped dimension. */
function buildFrom(q: AggregateQuery, dimensions: Dimension[], onDimension?: (d: Dimension, s: DimensionSql, i: number) => void, detail = false) {
  const conditions = conditionsOf(q);
  const source = planFor(q, dimensions, detail);
  const joins = new Set<string>();
  const yearly = source.grain === 'year';
  const where = ['f.dataset_id = ?', yearly ? 'f.year BETWEEN ? AND ?' : 'f.month BETWEEN ? AND ?'];
  const params: (string | number)[] = yearly
    ? [q.datasetId, Math.floor(q.firstMonth / 100), Math.floor(q.lastMonth / 100)]
    : [q.datasetId, q.firstMonth, q.lastMonth];
  if (q.boroughs) {
    where.push('f.borough_id > ? AND f.borough_id <= ?');
    params.push(q.boroughs.after, q.boroughs.upTo);
  }
  if (q.asOfImport !== undefined) {
    joins.add(`JOIN (${AS_OF_MONTHS_SQL}) asof ON asof.month = f.month AND asof.import_id = f.import_id`);
    params.unshift(q.datasetId, q.asOfImport);
  }
  const sqlFor = (d: Dimension) => {
    const s = dimensionSql(q.kind, d, source);
    if (!s) throw new WardlensError('bad-request', `This dataset has no "${d}" to pivot by.`);
    return s;
  };
  dimensions.forEach((d, i) => {
    const s = sqlFor(d);
    (s.idJoins ?? []).forEach((j) => joins.add(JOIN_SQL[j]));
    onDimension?.(d, s, i);
  });
  for (const [d, values] of conditions) {
    const s = sqlFor(d);
    const bound = isTimeDimension(d) ? values.map((v) => periodCode(d, v) ?? -1) : values;
    const placeholders = bound.map(() => '?').join(', ');
    if (s.filter) where.push(s.filter(placeholders));
    else {
      s.joins.forEach((j) => joins.add(JOIN_SQL[j]));
      where.push(`${s.key} IN (${placeholders})`);
    }
    params.push(...bound);
  }
  return { from: `FROM ${source.table} f ${[...joins].join(' ')}`, where: where.join(' AND '), params, source };
}

export function aggregate(db: Db, query: AggregateQuery): Aggregate {
  const q = withSummaries(db, query);
  const { sql, dictionaries, eachRow } = buildGroupedSql(q);
  // One snapshot for the id bounds and the groups, so no import between them can exceed a bound.
  return db.transaction(() => labelled(db, q, dictionaries, readAggregate(db, q, sql, dictionaries, eachRow)))();
}

/**
 * The aggregate in steps (steps.ts): a big one (chunks.ts) as one query per borough,
 * yielding between them, so that a cancel is heard while it runs. Counts add, and every
 * row lies in one borough's chunk, so the figures are those of the one query; the chunks
 * follow the table's key, so even the groups come in the same order. Run it inside one
 * read transaction (run.ts does), so that every chunk reads the same snapshot.
 */
export function* aggregateInSteps(db: Db, query: AggregateQuery): Steps<Aggregate> {
  const q = withSummaries(db, query);
  const whole = buildGroupedSql(q);
  const chunks = whole.keyOrder && isBig(q, whole.source) ? boroughChunks(db) : [];
  if (chunks.length < 2) return aggregate(db, query);
  const parts: Groups[] = [];
  let dictionaries: Dictionary[] = [];
  for (const boroughs of chunks) {
    const chunk = { ...q, boroughs };
    const built = buildGroupedSql(chunk);
    dictionaries = built.dictionaries;
    parts.push(db.transaction(() => readAggregate(db, chunk, built.sql, built.dictionaries, built.eachRow))());
    yield;
  }
  const merged = mergeGroups(parts, dictionaries.length);
  yield;
  return labelled(db, q, dictionaries, merged);
}

/** The incident dataset's summaries are used where they are built. */
function withSummaries(db: Db, query: AggregateQuery): AggregateQuery {
  return query.kind === 'incidents' ? { ...query, incidentSummaries: incidentsSummarised(db, query.datasetId) } : query;
}

/** An aggregate's groups before their ids are given keys and labels, with each dimension's distinct ids. */
export interface Groups {
  size: number;
  ids: ArrayLike<number | null>[];
  counts: ArrayLike<number>;
  distinct: Set<number | null>[];
}

function readAggregate(db: Db, q: AggregateQuery, sql: { sql: string; params: (string | number)[] }, dictionaries: Dictionary[], eachRow: boolean): Groups {
  const packed = packingFor(db, q, dictionaries);
  const asCharacters = eachRow ? readCharacters(db, sql, dictionaries, packed) : null;
  // A null id where none can be (a packed sum would be null too) is read again unpacked.
  return asCharacters ?? readGroups(db, sql, dictionaries, packed) ?? readGroups(db, sql, dictionaries, q.dimensions.map((_, i) => ({ sql: `g${i}`, plain: i, parts: [] })))!;
}

/** Keys and labels for the groups' ids, wards named as in the boundary set the dataset is on. */
function labelled(db: Db, q: AggregateQuery, dictionaries: Dictionary[], groups: Groups): Aggregate {
  const wardSet = datasetWardSet(db, q.datasetId);
  const lookups = dictionaries.map((dictionary, i) => lookupFor(db, dictionary, groups.distinct[i]!, wardSet));
  return { size: groups.size, ids: groups.ids, counts: groups.counts, lookups };
}

/** The largest value sent as one character: below the UTF-16 surrogates, so one code unit each. */
const CHARACTER_LIMIT = 0xd800;

/**
 * A count table's rows when each row is a group of its own (a ward × month × category pivot:
 * a hundred thousand of them), as one string with a character per id and one for the count.
 * SQLite's char() writes them without packing arithmetic or number formatting, and
 * charCodeAt reads them straight into typed arrays, with no JSON.parse and no unpacking
 * (the bench's 130,560 rows: 48 ms of CPU instead of 57–62). Only when every id fits below the surrogates (packingFor's
 * bounds); null when a count does not (SQLite writes it as a surrogate pair, or as U+FFFD
 * when it is a surrogate itself, both caught here), and the rows are read as JSON instead.
 */
function readCharacters(db: Db, sql: { sql: string; params: (string | number)[] }, dictionaries: Dictionary[], packing: Packed[]): Groups | null {
  const parts = packing.flatMap((p) => p.parts);
  if (parts.length !== dictionaries.length || parts.some((p) => p.radix > CHARACTER_LIMIT)) return null;
  parts.sort((a, b) => a.dimension - b.dimension);
  const fields = parts.map((p) => (p.offset ? `g${p.dimension} - ${p.offset}` : `g${p.dimension}`));
  const text = db
    .prepare(`SELECT group_concat(char(${[...fields, 'n'].join(', ')}), '') FROM (${sql.sql})`)
    .pluck()
    .get(...sql.params) as string | null;
  const decoded = decodeCharacters(text ?? '', parts);
  if (!decoded) return null;
  const distinct = decoded.ids.map((ids, i) => distinctIds(ids, parts[i]!.radix, parts[i]!.offset));
  return { size: decoded.counts.length, ids: decoded.ids, counts: decoded.counts, distinct };
}

/** Each row's ids (plus their offsets) and count from readCharacters' text; null if any character is out of range. */
function decodeCharacters(text: string, parts: Packed['parts']): { ids: Int32Array[]; counts: Float64Array } | null {
  const width = parts.length + 1;
  if (text.length % width !== 0) return null;
  const size = text.length / width;
  const ids = parts.map(() => new Int32Array(size));
  const counts = new Float64Array(size);
  for (let k = 0; k < parts.length; k++) {
    if (!decodeColumn(text, k, width, parts[k]!.radix, parts[k]!.offset, ids[k]!)) return null;
  }
  return decodeColumn(text, parts.length, width, CHARACTER_LIMIT, 0, counts) ? { ids, counts } : null;
}

/** Field k of every row, below `limit`, plus `offset`; false at the first character out of range. */
function decodeColumn(text: string, k: number, width: number, limit: number, offset: number, out: Int32Array | Float64Array): boolean {
  for (let r = 0, at = k; r < out.length; r++, at += width) {
    const c = text.charCodeAt(at);
    if (c >= limit) return false;
    out[r] = c + offset;
  }
  return true;
}

/**
 * The groups come back as flat JSON arrays, not a row each: better-sqlite3 builds a JS array
 * per row, and for a hundred thousand groups that costs more than the query itself. Ids are
 * packed several to a number where their bounds allow (each array SQLite writes and JS
 * parses costs about as much as adding up the rows). Every aggregate of one query sees the
 * rows in the same order.
 */
function readGroups(db: Db, sql: { sql: string; params: (string | number)[] }, dictionaries: Dictionary[], packing: Packed[]): Groups | null {
  const columns = [...packing.map((p) => p.sql), 'n'].map((c) => `json_group_array(${c})`);
  const texts = db
    .prepare(`SELECT ${columns.join(', ')} FROM (${sql.sql})`)
    .raw()
    .get(...sql.params) as string[];
  const parsed = texts.map((t) => JSON.parse(t) as (number | null)[]);
  const counts = parsed.pop()! as number[];
  if (packing.some((p, k) => p.plain === undefined && parsed[k]!.includes(null))) return null;
  for (let r = 0; r < counts.length; r++) if (counts[r] === null) counts[r] = 0;
  const { ids, distinct } = unpack(packing, parsed, dictionaries.length);
  return { size: counts.length, ids, counts, distinct };
}

/** Ids packed into one number: each part's SQL is a whole number in [0, radix). */
interface Packed {
  sql: string;
  /** The one dimension sent as it stands (no parts). */
  plain?: number;
  parts: { dimension: number; radix: number; offset: number }[];
}

/** Where a dictionary's ids come from (for their upper bound). */
const ID_TABLE: Partial<Record<Dictionary, string>> = { area: 'areas', ward: 'areas', category: 'categories', major: 'categories' };

/**
 * How to pack a count aggregate's ids: a period code lies within the months asked for, and
 * a count table's area and category ids are never null and at most the table's largest id.
 * Parts are added while their radices multiply to an exact double. Incident ids (placement
 * codes, missing LSOAs and outcomes) are sent one array each, as they stand.
 */
function packingFor(db: Db, q: AggregateQuery, dictionaries: Dictionary[]): Packed[] {
  const out: Packed[] = [];
  let open: Packed | null = null;
  let space = 1;
  q.dimensions.forEach((d, i) => {
    const g = `g${i}`;
    const table = ID_TABLE[dictionaries[i]!];
    let part: Packed['parts'][number] | null = null;
    if (q.kind === 'counts' && isTimeDimension(d)) {
      const lo = periodOfMonth(d, q.firstMonth);
      part = { dimension: i, radix: periodOfMonth(d, q.lastMonth) - lo + 1, offset: lo };
    } else if (q.kind === 'counts' && table) {
      const max = db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get() as number;
      part = { dimension: i, radix: max + 1, offset: 0 };
    }
    if (!part || !(part.radix >= 1) || part.offset + part.radix > 2 ** 31) {
      out.push({ sql: g, plain: i, parts: [] });
      open = null;
      return;
    }
    const value = part.offset ? `(${g} - ${part.offset})` : g;
    if (open && space * part.radix <= Number.MAX_SAFE_INTEGER) {
      open.sql = `(${open.sql}) * ${part.radix} + ${value}`;
      open.parts.push(part);
      space *= part.radix;
    } else {
      open = { sql: value, parts: [part] };
      out.push(open);
      space = part.radix;
    }
  });
  return out;
}

/**
 * Each dimension's id column back from the arrays packingFor described, with its distinct ids
 * (marked in a bit per possible value as they are unpacked: a Set of a hundred thousand ids
 * costs more than unpacking them).
 */
function unpack(packing: Packed[], arrays: (number | null)[][], dimensions: number) {
  const ids: ArrayLike<number | null>[] = new Array(dimensions);
  const distinct: Set<number | null>[] = new Array(dimensions);
  packing.forEach((p, k) => {
    const values = arrays[k]!;
    if (p.plain !== undefined) {
      ids[p.plain] = values;
      distinct[p.plain] = new Set(values);
      return;
    }
    // Typed arrays: off the garbage collector's heap, which a table's cells already fill.
    // Least significant part first, each a tight loop of its own.
    const rest = new Float64Array(values as number[]);
    const columns: Int32Array[] = new Array(p.parts.length);
    const found: Set<number>[] = new Array(p.parts.length);
    for (let x = p.parts.length - 1; x >= 0; x--) {
      const part = p.parts[x]!;
      columns[x] = x > 0 ? takeDigit(rest, part.radix, part.offset) : addOffset(rest, part.offset);
      found[x] = distinctIds(columns[x]!, part.radix, part.offset);
    }
    p.parts.forEach((part, x) => {
      ids[part.dimension] = columns[x]!;
      distinct[part.dimension] = found[x]!;
    });
  });
  return { ids, distinct };
}

/** The lowest base-`radix` digit of each packed value (plus `offset`), leaving the rest in place. */
function takeDigit(packed: Float64Array, radix: number, offset: number): Int32Array {
  const out = new Int32Array(packed.length);
  for (let r = 0; r < packed.length; r++) {
    const v = packed[r]!;
    const rest = Math.floor(v / radix);
    out[r] = v - rest * radix + offset;
    packed[r] = rest;
  }
  return out;
}

function addOffset(packed: Float64Array, offset: number): Int32Array {
  const out = new Int32Array(packed.length);
  for (let r = 0; r < packed.length; r++) out[r] = packed[r]! + offset;
  return out;
}

/** The distinct ids of a column whose ids lie in [offset, offset + radix). */
function distinctIds(column: Int32Array, radix: number, offset: number): Set<number> {
  const seen = new Uint8Array(radix);
  const found = new Set<number>();
  for (let r = 0; r < column.length; r++) {
    const local = column[r]! - offset;
    if (seen[local] === 0) {
      seen[local] = 1;
      found.add(column[r]!);
    }
  }
  return found;
}
