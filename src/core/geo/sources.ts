/**
 * Boundary files as a list of features (properties + raw geometry) and the CRS they are in:
 * GeoJSON (.geojson / .json), ESRI shapefiles (.shp beside its .dbf and .prj) and zipped
 * shapefiles. Shapefiles are parsed by shpjs without its own reprojection, so British
 * National Grid goes through the one datum-aware transform in projection.ts.
 */
import { unzipSync } from 'fflate';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { parseDbf, parseShp } from 'shpjs';
import { badInput, WardlensError } from '../errors';
import { detectCrs, firstPosition, type SourceCrs } from './geometry';

export interface RawFeature {
  properties: Record<string, unknown>;
  geometry: unknown;
}

export interface BoundarySource {
  crs: SourceCrs;
  features: RawFeature[];
}

/** Boundary files beyond this are refused rather than read half-way (London's LSOAs are ~60 MB as GeoJSON). */
const MAX_BYTES = 512 * 1024 * 1024;

/**
 * How deep a feature's JSON may nest: a MultiPolygon's coordinates are 4 lists deep inside
 * 3 levels of feature, with room for structured properties. Anything deeper is refused up
 * front, because printing or joining such a value recurses and would overflow the stack.
 */
const MAX_DEPTH = 32;

export const BOUNDARY_EXTENSIONS = new Set(['.geojson', '.json', '.shp']);

/** Whether an import path is a boundary file (a zip counts when it holds a shapefile). */
export function isBoundaryFile(path: string): boolean {
  const ext = extname(path).toLowerCase();
  if (BOUNDARY_EXTENSIONS.has(ext)) return true;
  if (ext !== '.zip' || !existsSync(path)) return false;
  try {
    return Object.keys(unzipEntries(path, () => false, basename(path), true)).some((n) => n.toLowerCase().endsWith('.shp'));
  } catch {
    return false;
  }
}

export function readBoundarySource(path: string): BoundarySource {
  const file = basename(path);
  const ext = extname(path).toLowerCase();
  if (statSync(path).size > MAX_BYTES) throw new WardlensError('too-large', `${file} is over 512 MB; Wardlens reads boundary files up to that size.`, { file });
  if (ext === '.zip') return fromZip(path, file);
  if (ext === '.shp') return fromShapefile(file, siblings(path));
  return fromGeoJson(file, readFileSync(path, 'utf8'));
}

function fromGeoJson(file: string, text: string): BoundarySource {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw badInput(file, `the file is not valid JSON (${(err as Error).message}).`);
  }
  const d = doc as { type?: unknown; features?: unknown; crs?: unknown; geometry?: unknown; properties?: unknown };
  const list = d?.type === 'FeatureCollection' && Array.isArray(d.features) ? (d.features as unknown[]) : d?.type === 'Feature' ? [d] : null;
  if (!list) {
    throw new WardlensError('unknown-format', `${file} is JSON but not GeoJSON (no "FeatureCollection" with "features"), so it cannot be read as boundaries.`, { file });
  }
  const features = list.map((f, i) => {
    const feature = f as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
    if (feature?.type !== 'Feature') throw badInput(file, `feature ${i + 1} is not a GeoJSON Feature.`, { row: i + 1 });
    if (nestedDeeperThan(feature, MAX_DEPTH)) {
      throw badInput(
        file,
        `feature ${i + 1} holds lists or objects nested more than ${MAX_DEPTH} deep; a boundary needs at most 4 levels of coordinates, so the file is damaged or not a boundary file.`,
        { row: i + 1 },
      );
    }
    const properties = feature.properties && typeof feature.properties === 'object' ? (feature.properties as Record<string, unknown>) : {};
    return { properties, geometry: feature.geometry };
  });
  const first = features.map((f) => firstPosition(f.geometry)).find((p) => p !== null) ?? null;
  return { crs: detectCrs(file, d.crs, first), features };
}

interface ShapefileParts {
  shp: Uint8Array;
  dbf: Uint8Array | null;
  prj: string | null;
  cpg: string | null;
}

function fromShapefile(file: string, parts: ShapefileParts): BoundarySource {
  let geometries: ReturnType<typeof parseShp>;
  let rows: Record<string, unknown>[] = [];
  try {
    geometries = parseShp(parts.shp);
    if (parts.dbf) rows = parseDbf(parts.dbf, parts.cpg ?? undefined);
  } catch (err) {
    throw badInput(file, `the shapefile could not be read (${(err as Error).message}).`);
  }
  if (!parts.dbf) throw badInput(file, 'the shapefile has no .dbf beside it, so its features carry no codes.');
  const features = geometries.map((geometry, i) => ({ geometry, properties: rows[i] ?? {} }));
  const first = features.map((f) => firstPosition(f.geometry)).find((p) => p !== null) ?? null;
  return { crs: crsFromPrj(file, parts.prj, first), features };
}

/** A .prj's WKT names its CRS; without one the coordinates themselves tell degrees from metres. */
function crsFromPrj(file: string, prj: string | null, first: ReturnType<typeof firstPosition>): SourceCrs {
  if (prj === null) return detectCrs(file, undefined, first);
  if (/British_National_Grid|OSGB.?1936|27700/i.test(prj)) return 'British National Grid';
  if (!/^\s*PROJCS/i.test(prj) && /WGS.?(19)?84/i.test(prj)) return 'WGS84';
  throw badInput(file, `the .prj says the shapefile is in a projection Wardlens does not read (${prj.slice(0, 80)}…); use WGS84 or British National Grid.`);
}

/** The .dbf, .prj and .cpg next to a .shp, whatever the case of their extensions. */
function siblings(shpPath: string): ShapefileParts {
  const dir = dirname(shpPath);
  const stem = basename(shpPath, extname(shpPath)).toLowerCase();
  const names = new Map(readdirSync(dir).map((n) => [n.toLowerCase(), n] as const));
  const read = (ext: string) => {
    const name = names.get(`${stem}${ext}`);
    return name ? readFileSync(join(dir, name)) : null;
  };
  return { shp: readFileSync(shpPath), dbf: read('.dbf'), prj: read('.prj')?.toString('utf8') ?? null, cpg: read('.cpg')?.toString('utf8') ?? null };
}

function fromZip(path: string, file: string): BoundarySource {
  const entries = unzipEntries(path, (name) => /\.(shp|dbf|prj|cpg)$/i.test(name) && !name.includes('__MACOSX'), file);
  const shps = Object.keys(entries).filter((n) => n.toLowerCase().endsWith('.shp'));
  if (shps.length === 0) throw badInput(file, 'the zip holds no shapefile (.shp).');
  if (shps.length > 1) throw badInput(file, `the zip holds ${shps.length} shapefiles (${shps.map((s) => basename(s)).join(', ')}); zip one boundary set per file.`);
  const stem = shps[0]!.slice(0, -4).toLowerCase();
  const part = (ext: string) => Object.entries(entries).find(([n]) => n.toLowerCase() === `${stem}${ext}`)?.[1] ?? null;
  const text = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('utf8') : null);
  return fromShapefile(file, { shp: entries[shps[0]!]!, dbf: part('.dbf'), prj: text(part('.prj')), cpg: text(part('.cpg')) });
}

/** Entries of a zip that `keep` wants, refusing declared sizes that would not fit in memory. */
function unzipEntries(path: string, keep: (name: string) => boolean, file: string, namesOnly = false): Record<string, Uint8Array> {
  const names: Record<string, Uint8Array> = {};
  let total = 0;
  let out: Record<string, Uint8Array>;
  try {
    out = unzipSync(readFileSync(path), {
      filter: (f) => {
        if (namesOnly) names[f.name] = new Uint8Array();
        if (namesOnly || !keep(f.name)) return false;
        total += f.originalSize;
        if (total > MAX_BYTES) throw new WardlensError('too-large', `${file} unpacks to over 512 MB; Wardlens reads boundary files up to that size.`, { file });
        return true;
      },
    });
  } catch (err) {
    if (err instanceof WardlensError) throw err;
    throw badInput(file, `the zip could not be opened (${(err as Error).message}).`);
  }
  return namesOnly ? names : out;
}

/** Whether a parsed JSON value nests beyond `limit` levels, walked without recursion. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  // Two parallel stacks rather than [value, depth] pairs: a large ward file has millions of positions.
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const c of children) {
      if (c === null || typeof c !== 'object') continue;
      values.push(c);
      depths.push(depth + 1);
    }
  }
  return false;
}
