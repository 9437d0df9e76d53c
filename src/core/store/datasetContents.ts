/**
 * The areas and categories one dataset holds, for the Data view. Areas come from the current
 * figures (their monthly area totals), the incidents' LSOAs, or the population rows; categories from the
 * yearly summaries kept on import (store/summaries.ts), so a ward file's million rows are not
 * summed again here.
 */
import type { DatasetContents, DatasetArea, DatasetCategory } from '../../shared/datasetContents';
import { WardlensError } from '../errors';
import { datasetWardSet, nameInSet } from './areas';
import type { Db } from './workspace';

const AREA_IDS: Record<string, string> = {
  // ward_totals (migration 010) holds each area's current monthly totals: a fiftieth of the figures.
  counts: 'SELECT DISTINCT area_id AS id FROM ward_totals WHERE dataset_id = ?',
  incidents: 'SELECT DISTINCT lsoa_id AS id FROM incidents WHERE dataset_id = ? AND lsoa_id IS NOT NULL',
  population: 'SELECT DISTINCT p.area_id AS id FROM populations p JOIN imports i ON i.id = p.import_id WHERE i.dataset_id = ?',
};

const CATEGORY_TOTALS: Record<string, string | undefined> = {
  counts: 'SELECT category_id AS id, sum(count) AS crimes FROM yearly_totals WHERE dataset_id = ? GROUP BY category_id',
  incidents: 'SELECT category_id AS id, sum(count) AS crimes FROM incident_yearly WHERE dataset_id = ? GROUP BY category_id',
};

function areasOf(db: Db, datasetId: number, kind: string): DatasetArea[] {
  const wardSet = datasetWardSet(db, datasetId);
  const rows = db
    .prepare(
      `SELECT a.kind, a.code, a.name, b.name AS borough
       FROM (${AREA_IDS[kind]}) held JOIN areas a ON a.id = held.id
       LEFT JOIN areas b ON b.id = a.parent_id AND b.kind = 'borough'
       ORDER BY CASE a.kind WHEN 'borough' THEN 0 WHEN 'ward' THEN 1 ELSE 2 END, coalesce(b.name, ''), a.name`,
    )
    .all(datasetId) as DatasetArea[];
  const named = rows.map((a) => ({ ...a, name: nameInSet(a.code, a.name, wardSet) }));
  // A ward named otherwise in this set ("St. Peter's", stored as Bethnal Green West) takes its place by that name.
  const byName = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return wardSet ? named.sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || byName(x.borough ?? '', y.borough ?? '') || byName(x.name, y.name)) : named;
}

const KIND_ORDER: Record<DatasetArea['kind'], number> = { borough: 0, ward: 1, lsoa: 2 };

function categoriesOf(db: Db, datasetId: number, kind: string): DatasetCategory[] {
  const totals = CATEGORY_TOTALS[kind];
  if (!totals) return [];
  return db
    .prepare(
      `SELECT c.key, c.major, c.minor, t.crimes FROM (${totals}) t JOIN categories c ON c.id = t.id
       ORDER BY c.major, c.minor`,
    )
    .all(datasetId) as DatasetCategory[];
}

function importYearsOf(db: Db, datasetId: number): DatasetContents['importYears'] {
  return db
    .prepare(
      `SELECT p.import_id AS importId, min(p.year) AS first, max(p.year) AS last, count(DISTINCT p.year) AS count
       FROM populations p JOIN imports i ON i.id = p.import_id WHERE i.dataset_id = ? GROUP BY p.import_id ORDER BY p.import_id`,
    )
    .all(datasetId) as DatasetContents['importYears'];
}

export function datasetContents(db: Db, key: string): DatasetContents {
  const dataset = db.prepare('SELECT id, kind FROM datasets WHERE key = ?').get(key) as { id: number; kind: string } | undefined;
  if (!dataset) throw new WardlensError('not-found', `No dataset "${key}" in this workspace.`);
  return {
    dataset: key,
    areas: areasOf(db, dataset.id, dataset.kind),
    categories: categoriesOf(db, dataset.id, dataset.kind),
    importYears: dataset.kind === 'population' ? importYearsOf(db, dataset.id) : [],
  };
}
