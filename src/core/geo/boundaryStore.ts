/**
 * The boundary tables (migration 005): sets, polygons keyed by area, and the R*Tree over
 * their bounding boxes. An area's polygon is the one from the newest set that has it, so
 * importing a corrected file replaces shapes without deleting the old set's record.
 */
import type { AreaGeometry, BBox, BoundarySet } from '../../shared/geo';
import type { AreaKind } from '../../shared/workspace';
import { nameInSet } from '../store/areas';
import type { Db } from '../store/workspace';

export interface NewSet {
  name: string;
  kind: AreaKind;
  vintage: string | null;
  sourceFile: string;
  sourceCrs: string;
  sha256: string;
  identity: string;
  codeProperty: string;
}

export function insertSet(db: Db, s: NewSet): number {
  const row = db
    .prepare(
      `INSERT INTO boundary_sets (name, kind, vintage, source_file, source_crs, sha256, identity, code_property, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(s.name, s.kind, s.vintage, s.sourceFile, s.sourceCrs, s.sha256, s.identity, s.codeProperty, new Date().toISOString()) as { id: number };
  return row.id;
}

export function polygonWriter(db: Db, setId: number) {
  const insert = db.prepare(
    `INSERT INTO boundary_polygons (set_id, area_id, source_feature, geometry, min_lon, min_lat, max_lon, max_lat)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const rtree = db.prepare('INSERT INTO boundary_polygons_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)');
  return (areaId: number, feature: number, geometry: AreaGeometry, b: BBox) => {
    const { id } = insert.get(setId, areaId, feature, JSON.stringify(geometry), b[0], b[1], b[2], b[3]) as { id: number };
    rtree.run(id, b[0], b[2], b[1], b[3]);
  };
}

const SET_COLUMNS = `s.id, s.name, s.kind, s.vintage, s.source_file AS sourceFile, s.imported_at AS importedAt,
  s.source_crs AS sourceCrs, (SELECT count(*) FROM boundary_polygons p WHERE p.set_id = s.id) AS polygons`;

export function listSets(db: Db): BoundarySet[] {
  return db.prepare(`SELECT ${SET_COLUMNS} FROM boundary_sets s ORDER BY s.kind, s.vintage, s.id`).all() as BoundarySet[];
}

export function setByIdentity(db: Db, identity: string): BoundarySet | null {
  return (db.prepare(`SELECT ${SET_COLUMNS} FROM boundary_sets s WHERE s.identity = ?`).get(identity) as BoundarySet | undefined) ?? null;
}

export interface AreaPolygon {
  areaId: number;
  code: string;
  name: string;
  parentId: number | null;
  geometry: AreaGeometry;
  bbox: BBox;
}

interface PolygonRow {
  areaId: number;
  code: string;
  name: string;
  parentId: number | null;
  geometry: string;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

const POLYGON_COLUMNS = `a.id AS areaId, coalesce(a.code, a.name) AS code, a.name, a.parent_id AS parentId, p.geometry,
  p.min_lon AS minLon, p.min_lat AS minLat, p.max_lon AS maxLon, p.max_lat AS maxLat`;
/** The newest polygon of each area. */
const NEWEST = 'JOIN boundary_polygons p ON p.id = (SELECT max(q.id) FROM boundary_polygons q WHERE q.area_id = a.id)';

/** A polygon row as an area, a ward named as in the set drawn (a map of 2018 wards says "St. Peter's"). */
const toPolygon = (r: PolygonRow, vintage: string | null): AreaPolygon => ({
  areaId: r.areaId,
  code: r.code,
  name: nameInSet(r.code, r.name, vintage),
  parentId: r.parentId,
  geometry: JSON.parse(r.geometry) as AreaGeometry,
  bbox: [r.minLon, r.minLat, r.maxLon, r.maxLat],
});

/** Polygons of every area of a kind (wards: of one vintage) that has one, in code order. */
export function polygonsOf(db: Db, kind: AreaKind, vintage: string | null = null): AreaPolygon[] {
  const rows =
    kind === 'ward' && vintage !== null
      ? db
          .prepare(
            `SELECT ${POLYGON_COLUMNS} FROM areas a JOIN area_vintages v ON v.area_id = a.id AND v.vintage = ? ${NEWEST}
             WHERE a.kind = 'ward' ORDER BY a.code`,
          )
          .all(vintage)
      : db.prepare(`SELECT ${POLYGON_COLUMNS} FROM areas a ${NEWEST} WHERE a.kind = ? ORDER BY a.code`).all(kind);
  return (rows as PolygonRow[]).map((r) => toPolygon(r, vintage));
}

/** Polygons of a kind whose bounding box meets `box`: the R*Tree answers without reading any geometry. */
export function polygonsInBox(db: Db, kind: AreaKind, box: BBox, vintage: string | null = null): AreaPolygon[] {
  const rows = db
    .prepare(
      `SELECT ${POLYGON_COLUMNS} FROM boundary_polygons_rtree r
       JOIN boundary_polygons p ON p.id = r.id
       JOIN areas a ON a.id = p.area_id
       WHERE r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ? AND a.kind = ?
         AND p.id = (SELECT max(q.id) FROM boundary_polygons q WHERE q.area_id = a.id)
         AND (? IS NULL OR EXISTS (SELECT 1 FROM area_vintages v WHERE v.area_id = a.id AND v.vintage = ?))
       ORDER BY a.code`,
    )
    .all(box[0], box[2], box[1], box[3], kind, vintage, vintage) as PolygonRow[];
  return rows.map((r) => toPolygon(r, vintage));
}

/** Ward vintages with at least one polygon, newest first. */
export function vintagesWithPolygons(db: Db): string[] {
  return (
    db
      .prepare(
        `SELECT DISTINCT v.vintage FROM area_vintages v JOIN boundary_polygons p ON p.area_id = v.area_id ORDER BY v.vintage DESC`,
      )
      .all() as { vintage: string }[]
  ).map((r) => r.vintage);
}

/** Areas of a kind (wards: of a vintage) with no polygon in any set; only those under `parents` when given. */
export function areasWithoutPolygon(db: Db, kind: AreaKind, vintage: string | null, parents?: Set<number>): { code: string; name: string }[] {
  const rows = (
    kind === 'ward' && vintage !== null
      ? db
          .prepare(
            `SELECT coalesce(a.code, a.name) AS code, a.name, a.parent_id AS parentId FROM areas a JOIN area_vintages v ON v.area_id = a.id AND v.vintage = ?
             WHERE a.kind = 'ward' AND NOT EXISTS (SELECT 1 FROM boundary_polygons p WHERE p.area_id = a.id) ORDER BY a.code`,
          )
          .all(vintage)
      : db
          .prepare(
            `SELECT coalesce(a.code, a.name) AS code, a.name, a.parent_id AS parentId FROM areas a
             WHERE a.kind = ? AND a.code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM boundary_polygons p WHERE p.area_id = a.id) ORDER BY a.code`,
          )
          .all(kind)
  ) as { code: string; name: string; parentId: number | null }[];
  return rows.filter((r) => !parents || (r.parentId !== null && parents.has(r.parentId))).map(({ code, name }) => ({ code, name }));
}
