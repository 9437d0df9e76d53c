/**
 * Splitting a big aggregate so that a started pivot can be cancelled (query.ts
 * aggregateInSteps): which aggregates are big, the chunks they are read in, and putting the
 * chunks' groups back together. A chunk is one borough's rows: the ward-level tables are
 * keyed (dataset, borough, …), so a chunk is a range of the key, read at the same speed as
 * the whole, and the chunks one after another give the groups in the whole query's order.
 * (A chunk per year would not: each year would read the whole table again.)
 */
import type { Db } from '../../store/workspace';
import type { Groups } from './query';
import type { Source } from './sources';

/** Borough ids in (after, upTo]. */
export interface BoroughRange {
  after: number;
  upTo: number;
}

/** Spans up to this many months are read in one query: small pivots stay one query. */
const ONE_QUERY_MONTHS = 36;

/**
 * Whether an aggregate is worth reading in chunks: a span of years over a ward-level table
 * keyed by borough first (a whole-history ward pivot reads a hundred thousand rows or more).
 * Borough-level summaries answer in milliseconds, and "as of" reads are left whole.
 */
export function isBig(q: { firstMonth: number; lastMonth: number; asOfImport?: number }, source: Source): boolean {
  const months = (Math.floor(q.lastMonth / 100) - Math.floor(q.firstMonth / 100)) * 12 + (q.lastMonth % 100) - (q.firstMonth % 100) + 1;
  return q.asOfImport === undefined && months > ONE_QUERY_MONTHS && source.order?.[0]?.column === 'f.borough_id';
}

/**
 * One range per borough the workspace knows, covering every id between them too, so that
 * every row lies in exactly one chunk whatever its borough id.
 */
export function boroughChunks(db: Db): BoroughRange[] {
  const ids = db.prepare(`SELECT id FROM areas WHERE kind = 'borough' ORDER BY id`).pluck().all() as number[];
  return ids.map((id, i) => ({
    after: i === 0 ? Number.MIN_SAFE_INTEGER : ids[i - 1]!,
    upTo: i === ids.length - 1 ? Number.MAX_SAFE_INTEGER : id,
  }));
}

/** The chunks' groups one after another (typed arrays where every chunk's are). */
export function mergeGroups(parts: Groups[], dimensions: number): Groups {
  const size = parts.reduce((n, p) => n + p.size, 0);
  const ids = Array.from({ length: dimensions }, (_, i) => concatenate(parts.map((p) => p.ids[i]!), size));
  const counts = new Float64Array(size);
  let at = 0;
  for (const p of parts) {
    for (let r = 0; r < p.size; r++) counts[at + r] = p.counts[r]!;
    at += p.size;
  }
  const distinct = Array.from({ length: dimensions }, (_, i) => new Set(parts.flatMap((p) => [...p.distinct[i]!])));
  return { size, ids, counts, distinct };
}

function concatenate(columns: ArrayLike<number | null>[], size: number): ArrayLike<number | null> {
  if (columns.every((c) => c instanceof Int32Array)) {
    const out = new Int32Array(size);
    let at = 0;
    for (const c of columns as Int32Array[]) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
  const out: (number | null)[] = [];
  for (const c of columns) for (let r = 0; r < c.length; r++) out.push(c[r]!);
  return out;
}
