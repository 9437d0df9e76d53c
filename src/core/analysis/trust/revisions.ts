/**
 * The revision report: every figure that changed between two extracts of a series, for the
 * months both cover, with totals by month. Police figures are revised between extracts;
 * this is what an analyst shows when asked why last year's baseline moved.
 */
import type { ExtractRef, RevisedFigure, RevisionReport, RevisionSpec } from '../../../shared/revisions';
import { WardlensError } from '../../errors';
import { toIsoMonth } from '../../months';
import type { Db } from '../../store/workspace';

interface ImportRow {
  id: number;
  file: string;
  sha256: string;
  importedAt: string;
  f: number;
  l: number;
}

function extracts(db: Db, datasetId: number): ImportRow[] {
  return db
    .prepare('SELECT id, file_name AS file, sha256, finished_at AS importedAt, first_month AS f, last_month AS l FROM imports WHERE dataset_id = ? ORDER BY id')
    .all(datasetId) as ImportRow[];
}

function sharedMonths(db: Db, a: number, b: number): number[] {
  return (db.prepare('SELECT month FROM import_months WHERE import_id = ? INTERSECT SELECT month FROM import_months WHERE import_id = ? ORDER BY month').all(a, b) as { month: number }[]).map((r) => r.month);
}

const ref = (i: ImportRow): ExtractRef => ({ id: i.id, file: i.file, sha256: i.sha256, importedAt: i.importedAt, months: { first: toIsoMonth(i.f), last: toIsoMonth(i.l) } });

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
  const all = extracts(db, dataset.id);
  const to = spec.toImport === undefined ? all.at(-1) : all.find((i) => i.id === spec.toImport);
  if (!to) throw new WardlensError('not-found', spec.toImport === undefined ? `"${dataset.name}" has no imports.` : `Import ${spec.toImport} is not an extract of "${dataset.name}".`);
  const from =
    spec.fromImport === undefined
      ? [...all].reverse().find((i) => i.id !== to.id && sharedMonths(db, i.id, to.id).length > 0)
      : all.find((i) => i.id === spec.fromImport);
  if (!from) {
    throw new WardlensError('not-found', spec.fromImport === undefined ? `No other extract of "${dataset.name}" covers any month of ${to.file}: there is nothing to compare.` : `Import ${spec.fromImport} is not an extract of "${dataset.name}".`);
  }
  const months = sharedMonths(db, from.id, to.id);
  const sql = FIGURES_SQL[dataset.kind as 'counts' | 'incidents'];
  const key = (r: { month: number; area: number; borough: number; category: number }) => `${r.month}|${r.area}|${r.borough}|${r.category}`;
  type Fig = { month: number; area: number; borough: number; category: number; n: number };
  const oldFigures = new Map((db.prepare(sql).all(dataset.id, from.id, JSON.stringify(months)) as Fig[]).map((r) => [key(r), r]));
  const newFigures = new Map((db.prepare(sql).all(dataset.id, to.id, JSON.stringify(months)) as Fig[]).map((r) => [key(r), r]));
  const names = nameLookup(db);
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

function nameLookup(db: Db) {
  const areas = new Map((db.prepare('SELECT id, coalesce(code, name) AS key, name FROM areas').all() as { id: number; key: string; name: string }[]).map((a) => [a.id, a]));
  const categories = new Map((db.prepare('SELECT id, key, minor AS label FROM categories').all() as { id: number; key: string; label: string }[]).map((c) => [c.id, c]));
  return {
    area: (id: number) => areas.get(id) ?? { key: 'none', name: 'No location' },
    category: (id: number) => categories.get(id) ?? { key: String(id), label: String(id) },
  };
}
