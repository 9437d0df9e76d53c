/**
 * Importing a boundary file: read it (GeoJSON or shapefile, WGS84 or British National Grid),
 * find its code column, link each feature to its area by ONS code, settle the set's vintage,
 * and store the polygons in one transaction. Codes that match no area are reported, never
 * guessed; a failure anywhere leaves the workspace exactly as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { BoundaryImportOptions, BoundaryImportResult } from '../../shared/geo';
import type { AreaKind } from '../../shared/workspace';
import { badInput, WardlensError } from '../errors';
import { AreaRegistry, looksLikeOnsCode, type AreaRow } from '../store/areas';
import type { Workspace } from '../store/workspace';
import { areasWithoutPolygon, insertSet, polygonWriter, setByIdentity } from './boundaryStore';
import { detectCodeColumn, detectNameColumn, kindOfCode, text, vintageFromProperty } from './codes';
import { mergeGeometries, readGeometry, type ReadGeometry } from './geometry';
import { readBoundarySource, type RawFeature } from './sources';
import { settleVintage } from './vintage';

interface Shape {
  code: string;
  name: string | null;
  parentCode: string | null;
  feature: number;
  shape: ReadGeometry;
}

export function importBoundaries(ws: Workspace, path: string, options: BoundaryImportOptions = {}): BoundaryImportResult {
  const full = resolve(path);
  const file = basename(full);
  if (!existsSync(full) || !statSync(full).isFile()) throw new WardlensError('not-found', `${file}: no such file (${full}).`, { file });
  const sha256 = hashOf(full);
  const identity = createHash('sha256')
    .update(JSON.stringify([sha256, options.vintage ?? null, options.codeProperty?.toLowerCase() ?? null, options.addAreas ?? null]))
    .digest('hex');
  const { db } = ws;
  const previous = setByIdentity(db, identity);
  if (previous) {
    return {
      file, status: 'already-imported', set: previous, features: 0, areasLinked: 0, areasAdded: 0, codeProperty: '', nameProperty: null,
      unmatchedCodes: [], areasWithoutPolygon: [],
      warnings: [`This file was already imported the same way, as boundary set "${previous.name}" on ${previous.importedAt.slice(0, 10)}; nothing was changed.`],
    };
  }
  const source = readBoundarySource(full);
  if (source.features.length === 0) throw badInput(file, 'the file holds no features.');
  const column = detectCodeColumn(file, source.features, options.codeProperty);
  const nameProperty = detectNameColumn(source.features, column.property, options.nameProperty);
  const parentProperty = column.kind === 'borough' ? null : detectParentColumn(source.features, column.property);
  const warnings: string[] = [];
  const shapes = readShapes(file, source.features, column.property, nameProperty, parentProperty, source.crs, warnings);

  const areas = new AreaRegistry(db);
  const known = new Map<string, AreaRow>();
  for (const s of shapes.values()) {
    const area = lookup(areas, column.kind, s.code);
    if (area) known.set(s.code, area);
  }
  let vintage: string | null = options.vintage ?? vintageFromProperty(column.kind, column.property);
  let tagNew = false;
  if (column.kind === 'ward') ({ vintage, isNew: tagNew } = settleVintage(db, file, [...known.values()], options.vintage, warnings));
  // Known ward sets are complete in the gazetteer: an unknown code there is a stray, not a new ward.
  const addAreas = column.kind === 'ward' ? tagNew && options.addAreas === true : (options.addAreas ?? column.kind === 'lsoa');
  if (column.kind === 'ward' && options.addAreas && !tagNew) {
    warnings.push(`No wards were added: the ${vintage} set is already known in full; unknown codes are listed instead.`);
  }

  const unmatchedCodes: BoundaryImportResult['unmatchedCodes'] = [];
  let areasAdded = 0;
  const parents = new Set<number>();
  const setName = options.name ?? file.replace(/\.(geo)?json$|\.zip$|\.shp$/i, '');
  db.exec('BEGIN IMMEDIATE');
  try {
    const setId = insertSet(db, {
      name: setName, kind: column.kind, vintage, sourceFile: full, sourceCrs: source.crs, sha256, identity, codeProperty: column.property,
    });
    const write = polygonWriter(db, setId);
    for (const s of shapes.values()) {
      let area = known.get(s.code) ?? null;
      if (!area && addAreas) {
        const parent = s.parentCode ? lookup(areas, 'borough', s.parentCode) : null;
        area = areas.ensureCoded(column.kind, s.code, s.name ?? s.code, parent?.id ?? null);
        areasAdded++;
      }
      if (!area) {
        unmatchedCodes.push({ code: s.code, name: s.name, feature: s.feature });
        continue;
      }
      if (tagNew && vintage !== null) areas.tagVintage(area, vintage);
      if (area.parentId !== null) parents.add(area.parentId);
      write(area.id, s.feature, s.shape.geometry, s.shape.bbox);
    }
    if (unmatchedCodes.length === shapes.size) {
      throw badInput(file, `none of the ${shapes.size} ${column.kind} codes in "${column.property}" matches an area of this workspace (first: ${unmatchedCodes[0]?.code}).`, { column: column.property });
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
  if (unmatchedCodes.length) {
    warnings.push(
      `${unmatchedCodes.length} feature code(s) match no ${column.kind} this workspace knows and were left out` +
        (column.kind === 'ward' ? ': if this is an older ward set, import it with its vintage and the option to add areas.' : '.'),
    );
  }
  const missing = areasWithoutPolygon(db, column.kind, vintage, column.kind === 'borough' ? undefined : parents);
  const set = setByIdentity(db, identity)!;
  return {
    file, status: 'imported', set, features: source.features.length, areasLinked: set.polygons, areasAdded,
    codeProperty: column.property, nameProperty, unmatchedCodes, areasWithoutPolygon: missing, warnings,
  };
}

/** A feature's area, by code among its kind (a City-merged ward file's E09000001 is a ward in the gazetteer). */
function lookup(areas: AreaRegistry, kind: AreaKind, code: string): AreaRow | null {
  return areas.byOnsCode(kind, code);
}

function readShapes(
  file: string, features: RawFeature[], codeProperty: string, nameProperty: string | null, parentProperty: string | null,
  crs: Parameters<typeof readGeometry>[3], warnings: string[],
): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  const uncoded: number[] = [];
  const empty: number[] = [];
  const crossed: string[] = [];
  let merged = 0;
  features.forEach((f, i) => {
    const n = i + 1;
    const code = text(f.properties[codeProperty]).toUpperCase();
    if (!looksLikeOnsCode(code)) return void uncoded.push(n);
    if (f.geometry === null || f.geometry === undefined) return void empty.push(n);
    const shape = readGeometry(file, n, f.geometry, crs, code);
    if (shape.crossing) crossed.push(`feature ${n} (${code}) near ${shape.crossing[1].toFixed(5)}, ${shape.crossing[0].toFixed(5)}`);
    const had = shapes.get(code);
    if (had) {
      had.shape = mergeGeometries(had.shape, shape);
      merged++;
      return;
    }
    const name = nameProperty ? text(f.properties[nameProperty]) || null : null;
    const parentCode = parentProperty ? text(f.properties[parentProperty]).toUpperCase() || null : null;
    shapes.set(code, { code, name, parentCode, feature: n, shape });
  });
  const list = (ns: number[]) => `${ns.slice(0, 10).join(', ')}${ns.length > 10 ? ', …' : ''}`;
  if (uncoded.length) warnings.push(`${uncoded.length} feature(s) have no ONS code in "${codeProperty}" and were left out (feature ${list(uncoded)}).`);
  if (empty.length) warnings.push(`${empty.length} feature(s) have no geometry and were left out (feature ${list(empty)}).`);
  if (crossed.length) {
    warnings.push(
      `${crossed.length} feature(s) have a boundary that crosses or touches itself (${crossed.slice(0, 3).join('; ')}${crossed.length > 3 ? '; …' : ''}). ` +
        'They were kept, and a point counts as inside where the boundary goes round it an odd number of times; ' +
        'counts near a crossing may be off. QGIS can mend them (Vector ▸ Geometry Tools ▸ Fix Geometries).',
    );
  }
  if (merged) warnings.push(`${merged} feature(s) repeat a code already seen; their shapes were joined to it as one multipolygon.`);
  return shapes;
}

/** The property giving each feature's borough (LAD25CD, LB_GSS_CD…): borough codes that repeat. */
function detectParentColumn(features: RawFeature[], codeProperty: string): string | null {
  const names = [...new Set(features.flatMap((f) => Object.keys(f.properties)))].filter((n) => n !== codeProperty);
  return (
    names.find((n) => /^LAD\d\dCD$/i.test(n)) ??
    names.find((n) => features.every((f) => kindOfCode(text(f.properties[n]).toUpperCase()) === 'borough' && looksLikeOnsCode(text(f.properties[n])))) ??
    null
  );
}

/** What identifies the file's contents: the file itself, and for a bare .shp its .dbf too. */
function hashOf(path: string): string {
  const hash = createHash('sha256').update(readFileSync(path));
  if (extname(path).toLowerCase() === '.shp') {
    const dbf = path.replace(/\.shp$/i, '.dbf');
    if (existsSync(dbf)) hash.update(readFileSync(dbf));
  }
  return hash.digest('hex');
}
