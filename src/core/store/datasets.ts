/** Datasets: one series each (a source, a layout, a category scheme, an area level). */
import type { AreaKind, DatasetKind } from '../../shared/workspace';
import { WardlensError } from '../errors';
import type { Db } from './workspace';

export interface DatasetSpec {
  key: string;
  name: string;
  kind: DatasetKind;
  areaLevel: AreaKind;
  categoryScheme: string | null;
  boundaryVintage: string | null;
}

export interface DatasetRow extends DatasetSpec {
  id: number;
}

export function datasetKeyFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The dataset with this key, created from the spec if new; a clash of kinds is refused. */
export function ensureDataset(db: Db, spec: DatasetSpec): DatasetRow {
  const found = db
    .prepare(
      `SELECT id, key, name, kind, area_level AS areaLevel, category_scheme AS categoryScheme,
              boundary_vintage AS boundaryVintage FROM datasets WHERE key = ?`,
    )
    .get(spec.key) as DatasetRow | undefined;
  if (found) {
    if (found.kind !== spec.kind || found.areaLevel !== spec.areaLevel) {
      throw new WardlensError(
        'bad-request',
        `The dataset "${found.name}" holds ${found.kind} by ${found.areaLevel}; this file holds ${spec.kind} by ${spec.areaLevel}, so it cannot join it. Choose another dataset name.`,
      );
    }
    return found;
  }
  const { id } = db
    .prepare(
      `INSERT INTO datasets (key, name, kind, area_level, category_scheme, boundary_vintage, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(spec.key, spec.name, spec.kind, spec.areaLevel, spec.categoryScheme, spec.boundaryVintage, new Date().toISOString()) as {
    id: number;
  };
  return { id, ...spec };
}
