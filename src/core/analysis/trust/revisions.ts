/**
 * The revision report: every figure that changed between two extracts of a series, for the
 * months both cover, with totals by month. Police figures are revised between extracts;
 * this is what an analyst shows when asked why last year's baseline moved. Which extract is
 * the newer is the store's claim rule (the one whose data runs later), never import order:
 * an old file imported last must still read as "was".
 */
import type { ExtractRef, RevisedFigure, RevisionReport, RevisionSpec } from '../../../shared/revisions';
import { WardlensError } from '../../errors';
import { toIsoMonth } from '../../months';
import { datasetWardSet, nameInSet } from '../../store/areas';
import { isNewerExtract } from '../../store/revisions';
import type { Db } from '../../store/workspace';

interface ImportRow {
  id: number;
  file: string;
  sha256: string;
  importedAt: string;
  f: number;
  lastMonth: number;
}

/** The dataset's extracts, newest first by the store's claim rule (not by import order). */
function extracts(db: Db, datasetId: number): ImportRow[] {
  const rows = db
    .prepare('SELECT id, file_name AS file, sha256, finished_at AS importedAt, first_month AS f, last_month AS lastMonth FROM imports WHERE dataset_id = ?')
    .all(datasetId) as ImportRow[];
  return rows.sort((a, b) => (isNewerExtract(a, b) ? -1 : isNewerExtract(b, a) ? 1 : 0));
}

function sharedMonths(db: Db, a: number, b: number): number[] {
  return (db.prepare('SELECT month FROM import_months WHERE import_id = ? INTERSECT SELECT month FROM import_months WHERE import_id = ? ORDER BY month').all(a, b) as { month: number }[]).map((r) => r.month);
}

const ref = (i: ImportRow): ExtractRef => ({ id: i.id, file: i.file, sha256: i.sha256, importedAt: i.importedAt, months: { first: toIsoMonth(i.f), last: toIsoMonth(i.lastMonth) } });

interface Pair {
  from: ImportRow;
  to: ImportRow;
}

/**
 * The two extracts to compare, the older as `from`: by default the newest extract that
 * repeats months of an older one (so its figures are the current ones for every month
 * compared) and the newest of those older ones. A pair chosen the wrong way round is turned
 * round, so "was" is always the superseded figure and "now" the newer one.
 */
function choosePair(db: Db, all: ImportRow[], spec: RevisionSpec, name: string): Pair {
  const byId = (id: number) => {
    const found = all.find((i) => i.id === id);
    if (!found) throw new WardlensError('not-found', `Import ${id} is not an extract of "${name}".`);
    return found;
  };
  const overlap = (a: ImportRow, b: ImportRow) => sharedMonths(db, a.id, b.id).length > 0;
  const olderOverlapping = (to: ImportRow) => all.find((i) => isNewerExtract(to, i) && overlap(i, to));
  if (spec.fromImport !== undefined && spec.toImport !== undefined) {
    const [a, b] = [byId(spec.fromImport), byId(spec.toImport)];
    if (a.id === b.id) throw new WardlensError('bad-request', 'Choose two different extracts to compare.');
    if (!overlap(a, b)) throw new WardlensError('not-found', `${a.file} and ${b.file} share no month: there is nothing to compare.`);
    return isNewerExtract(a, b) ? { from: b, to: a } : { from: a, to: b };
  }
  if (spec.toImport !== undefined) {
    const to = byId(spec.toImport);
    const from = olderOverlapping(to);
    if (!from) throw new WardlensError('not-found', `No older extract of "${name}" covers any month of ${to.file}: there is nothing to compare.`);
    return { from, to };
  }
  if (spec.fromImport !== undefined) {
    const from = byId(spec.fromImport);
    const to = all.find((i) => isNewerExtract(i, from) && overlap(i, from));
    if (!to) throw new WardlensError('not-found', `No newer extract of "${name}" covers any month of ${from.file}: there is nothing to compare.`);
    return { from, to };
  }
  if (all.length === 0) throw new WardlensError('not-found', `"${name}" has no imports.`);
  for (const to of all) {
    const from = olderOverlapping(to);
    if (from) return { from, to };
  }
  throw new WardlensError('not-found', `No two extracts of "${name}" cover the same month: there is nothing to compare.`);
}

/** The facts of one extract, keyed for comparison: monthly counts as they are, incidents counted. */
const FIGURES_SQL = {
  counts: `SELECT f.month, f.area_id AS area, f.borough_id AS borough, f.category_id AS category, f.count AS n
           FROM all_monthly_counts f WHERE f.dataset_id = ? AND f.import_id = ? AND f.month IN (SELECT value FROM json_each(?))`,
  incidents: `SELECT f.month, coalesce(f.lsoa_id, 0) AS area, coalesce(f.lsoa_id, 0) AS borough, f.category_id AS category, count(*) AS n
              FROM incidents f WHERE f.dataset_id = ? AND f.import_id = ? AND f.month IN (SELECT value FROM json_each(?))
              GROUP BY f.month, f.lsoa_id, f.category_id`,
};

export function revisionReport(db: Db, spec: RevisionSpec): RevisionReport {
  const dataset = db.prepare('SELECT id, key, name, kind FROM datasets WHERE key = ?').get(spec.dataset) as { id: number; key: string; name: string; kind: string } | undefined;
  if (!dataset || dataset.kind === 'population') throw new WardlensError('not-found', `There is no crime dataset "${spec.dataset}".`);
  const { from, to } = choosePair(db, extracts(db, dataset.id), spec, dataset.name);
  const months = sharedMonths(db, from.id, to.id);
  const sql = FIGURES_SQL[dataset.kind as 'counts' | 'incidents'];
  const key = (r: { month: number; area: number; borough: number; category: number }) => `${r.month}|${r.area}|${r.borough}|${r.category}`;
  type Fig = { month: number; area: number; borough: number; category: number; n: number };
  const oldFigures = new Map((db.prepare(sql).all(dataset.id, from.id, JSON.stringify(months)) as Fig[]).map((r) => [key(r), r]));
  const newFigures = new Map((db.prepare(sql).all(dataset.id, to.id, JSON.stringify(months)) as Fig[]).map((r) => [key(r), r]));
  const names = nameLookup(db, dataset.id);
  const rows: RevisedFigure[] = [];
  const byMonth = new Map(months.map((m) => [m, { month: toIsoMonth(m), old: 0, new: 0, difference: 0, figuresChanged: 0 }]));
  for (const k of new Set([...oldFigures.keys(), ...newFigures.keys()])) {
    const o = oldFigures.get(k);
    const n = newFigures.get(k);
    const fig = (o ?? n)!;
    const month = byMonth.get(fig.month)!;
    month.old += o?.n ?? 0;
    month.new += n?.n ?? 0;
    if ((o?.n ?? 0) === (n?.n ?? 0)) continue;
    month.figuresChanged++;
    const area = names.area(fig.area);
    const category = names.category(fig.category);
    rows.push({ month: toIsoMonth(fig.month), areaKey: area.key, area: area.name, borough: names.area(fig.borough).name, categoryKey: category.key, category: category.label, old: o?.n ?? 0, new: n?.n ?? 0, difference: (n?.n ?? 0) - (o?.n ?? 0) });
  }
  for (const m of byMonth.values()) m.difference = m.new - m.old;
  rows.sort((a, b) => a.month.localeCompare(b.month) || a.borough.localeCompare(b.borough) || a.area.localeCompare(b.area) || a.category.localeCompare(b.category));
  const monthRows = [...byMonth.values()];
  const sum = (f: (m: (typeof monthRows)[number]) => number) => monthRows.reduce((t, m) => t + f(m), 0);
  return {
    dataset: { key: dataset.key, name: dataset.name },
    from: ref(from),
    to: ref(to),
    months: months.map(toIsoMonth),
    rows,
    byMonth: monthRows,
    totals: { old: sum((m) => m.old), new: sum((m) => m.new), difference: sum((m) => m.difference), figuresChanged: rows.length },
  };
}

/** Names by id, wards as in the boundary set the dataset is on. */
function nameLookup(db: Db, datasetId: number) {
  const wardSet = datasetWardSet(db, datasetId);
  const rows = db.prepare('SELECT id, coalesce(code, name) AS key, name, code FROM areas').all() as { id: number; key: string; name: string; code: string | null }[];
  const areas = new Map(rows.map((a) => [a.id, { key: a.key, name: nameInSet(a.code, a.name, wardSet) }]));
  const categories = new Map((db.prepare('SELECT id, key, minor AS label FROM categories').all() as { id: number; key: string; label: string }[]).map((c) => [c.id, c]));
  return {
    area: (id: number) => areas.get(id) ?? { key: 'none', name: 'No location' },
    category: (id: number) => categories.get(id) ?? { key: String(id), label: String(id) },
  };
}
