/**
 * Filter values as analysts type them: areas by name or ONS code, categories by name or
 * key, case-insensitively. An unknown value is an error that lists the nearest matches,
 * never silently an empty table.
 */
import type { Dimension } from '../../../shared/pivot';
import { WardlensError } from '../../errors';
import { AreaRegistry, datasetWardSet, matchName } from '../../store/areas';
import { categoryKey } from '../../store/categories';
import { incidentsSummarised } from '../../store/summaries';
import type { Db } from '../../store/workspace';
import { isTimeDimension } from './dimensions';

export function resolveFilters(
  db: Db,
  datasetId: number,
  scheme: string | null,
  filters: Partial<Record<Dimension, string[]>>,
): Partial<Record<Dimension, string[]>> {
  const out: Partial<Record<Dimension, string[]>> = {};
  for (const [dim, values] of Object.entries(filters) as [Dimension, string[]][]) {
    if (!values?.length) continue;
    out[dim] = isTimeDimension(dim) ? values : values.map((v) => resolveValue(db, datasetId, scheme, dim, v));
  }
  return out;
}

function resolveValue(
  db: Db,
  datasetId: number,
  scheme: string | null,
  dim: Dimension,
  value: string,
): string {
  if (dim === 'ward') return resolveWardInSet(db, datasetWardSet(db, datasetId), value) ?? resolveArea(db, dim, value);
  if (dim === 'borough') return resolveArea(db, dim, value);
  if (dim === 'category' || dim === 'minor' || dim === 'crime-type')
    return resolveCategory(db, datasetId, scheme, value);
  if (dim === 'major') return resolveMajor(db, datasetId, value);
  return value;
}

/**
 * A ward by the name it bears in the boundary set the dataset is on, as the pivot shows it:
 * "Bethnal Green" in 2018 figures is E05009317 (now Bethnal Green East), and "St. Peter's" there
 * is a 2018 ward of both Islington and Tower Hamlets, so needs its code. Null when the set is not
 * known or no ward is so named, and the name is then matched as any area's.
 */
function resolveWardInSet(db: Db, wardSet: string | null, value: string): string | null {
  if (!wardSet) return null;
  const found = new AreaRegistry(db).candidates('ward', value, wardSet);
  if (found.length > 1) {
    const named = found.map((a) => `${a.name}, ${a.code ?? 'no code'}`).join('; ');
    throw new WardlensError('not-found', `"${value}" names ${found.length} wards in the ${wardSet} set (${named}); give the ONS code.`);
  }
  return found[0] ? (found[0].code ?? found[0].name) : null;
}

function resolveArea(db: Db, kind: 'borough' | 'ward', value: string): string {
  const byCode = db
    .prepare('SELECT code FROM areas WHERE kind = ? AND code = ?')
    .get(kind, value.trim().toUpperCase()) as { code: string } | undefined;
  if (byCode) return byCode.code;
  const byName = db
    .prepare('SELECT coalesce(code, name) AS k, name FROM areas WHERE kind = ? AND match_name = ?')
    .all(kind, matchName(value)) as { k: string; name: string }[];
  if (byName.length === 1) return byName[0]!.k;
  const names = (db.prepare('SELECT name FROM areas WHERE kind = ?').all(kind) as { name: string }[]).map(
    (r) => r.name,
  );
  throw unknown(
    kind,
    value,
    names,
    byName.length > 1 ? `"${value}" names ${byName.length} ${kind}s; give the ONS code.` : undefined,
  );
}

/**
 * The categories a dataset holds, from the yearly summaries (store/summaries.ts) where they
 * exist: tens of thousands of rows rather than millions. Incidents not yet placed in wards
 * have no summaries, so their rows are read. Binds (datasetId, datasetId).
 */
function datasetCategories(db: Db, datasetId: number): string {
  const incidents = incidentsSummarised(db, datasetId) ? 'incident_yearly' : 'incidents';
  return `SELECT DISTINCT category_id FROM yearly_totals WHERE dataset_id = ?
    UNION SELECT DISTINCT category_id FROM ${incidents} WHERE dataset_id = ?`;
}

function resolveCategory(db: Db, datasetId: number, scheme: string | null, value: string): string {
  const rows = db
    .prepare(
      `SELECT DISTINCT c.key, c.minor AS shown, s.minor, s.major FROM categories c JOIN category_spellings s ON s.category_id = c.id
       WHERE c.id IN (${datasetCategories(db, datasetId)})`,
    )
    .all(datasetId, datasetId) as { key: string; shown: string; minor: string; major: string }[];
  const wanted = value.trim().toLowerCase();
  const hits = new Set(
    rows.filter((r) => r.key === wanted || r.minor.toLowerCase() === wanted).map((r) => r.key),
  );
  if (hits.size === 0 && scheme) {
    // "Burglary in a Dwelling" finds the key its renaming maps to.
    for (const r of rows) if (categoryKey(scheme, r.major, value) === r.key) hits.add(r.key);
  }
  if (hits.size === 1) return [...hits][0]!;
  throw unknown(
    'category',
    value,
    [...new Set(rows.map((r) => r.shown))],
    hits.size > 1
      ? `"${value}" matches several categories: give the key (${[...hits].join(', ')}).`
      : undefined,
  );
}

function resolveMajor(db: Db, datasetId: number, value: string): string {
  const rows = db
    .prepare(
      `SELECT DISTINCT substr(c.key, 1, instr(c.key, '/') - 1) AS k, c.major FROM categories c
       WHERE c.id IN (${datasetCategories(db, datasetId)})`,
    )
    .all(datasetId, datasetId) as { k: string; major: string }[];
  const wanted = value.trim().toLowerCase();
  const hit = rows.find((r) => r.k === wanted || r.major.toLowerCase() === wanted);
  if (hit) return hit.k;
  throw unknown('major category', value, [...new Set(rows.map((r) => r.major))]);
}

/** An error naming the value and up to five near matches (shared words first, then edit distance). */
function unknown(what: string, value: string, candidates: string[], message?: string): WardlensError {
  const near = nearest(value, candidates, 5);
  return new WardlensError(
    'not-found',
    message ?? `There is no ${what} "${value}"${near.length ? `. Did you mean: ${near.join(', ')}?` : '.'}`,
  );
}

function nearest(value: string, candidates: string[], n: number): string[] {
  const v = matchName(value);
  const score = (c: string) => {
    const m = matchName(c);
    if (m.includes(v) || v.includes(m)) return 0;
    return editDistance(v, m);
  };
  return [...new Set(candidates)]
    .map((c) => [c, score(c)] as const)
    .filter(([, s]) => s <= Math.max(3, v.length / 2))
    .sort((a, b) => a[1] - b[1])
    .slice(0, n)
    .map(([c]) => c);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
