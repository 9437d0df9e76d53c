/**
 * Boundary files in the Import view: which dropped files are boundaries (told by name, as the
 * engine does: .geojson, .json, .shp, and a .zip holding a shapefile), the choices the analyst
 * may make for one (the ward set's year, the code property, adding older wards), and what the
 * engine's refusal asks for, so the card can point at the right choice.
 */
import type { ApiError } from '../../../shared/errors';
import type { BoundaryImportOptions } from '../../../shared/geo';
import type { AreaKind } from '../../../shared/workspace';

export type BoundaryFileKind = 'geojson' | 'shapefile' | 'zip';

export interface BoundaryChoice {
  kind: BoundaryFileKind;
  /** '' = found from the ward codes. */
  vintage: string;
  /** '' = found from the values (the property whose values are one ONS code per feature). */
  codeProperty: string;
  /** Create wards the workspace does not know: only for an older ward set given its year. */
  addAreas: boolean;
  /** What the last refusal asked the analyst to choose. */
  asked: 'vintage' | 'code-property' | null;
}

export const WARD_VINTAGES = ['2011', '2014', '2018', '2022'] as const;

/** A shapefile's companions, read from beside the .shp: never imported on their own. */
const SHAPEFILE_PARTS = /\.(dbf|prj|shx|cpg|sbn|sbx|atx|qix|xml)$/i;

export function boundaryFileKind(name: string): BoundaryFileKind | null {
  const ext = /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? '';
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  if (ext === '.shp') return 'shapefile';
  // An .xlsx is a zip too, but is never named .zip: a .zip is taken for a zipped shapefile.
  if (ext === '.zip') return 'zip';
  return null;
}

/** A .dbf, .prj… dropped with its .shp: the engine reads it from beside the .shp. */
export function isShapefilePart(name: string, names: string[]): boolean {
  if (!SHAPEFILE_PARTS.test(name)) return false;
  const stem = name.toLowerCase().replace(/(\.shp)?\.[^.]+$/, '');
  return names.some((n) => n.toLowerCase() === `${stem}.shp`);
}

export function newChoice(kind: BoundaryFileKind): BoundaryChoice {
  return { kind, vintage: '', codeProperty: '', addAreas: false, asked: null };
}

export function boundaryOptions(c: BoundaryChoice): BoundaryImportOptions {
  return {
    ...(c.vintage ? { vintage: c.vintage } : {}),
    ...(c.codeProperty.trim() ? { codeProperty: c.codeProperty.trim() } : {}),
    ...(c.vintage && c.addAreas ? { addAreas: true } : {}),
  };
}

/** What the engine's refusal asks for, from its own words (it names the option to use). */
export function askedFor(error: ApiError): BoundaryChoice['asked'] {
  if (/give (the set['’]s|its) vintage|not \d{4} wards/i.test(error.message)) return 'vintage';
  if (/code property option|no feature has a property|does not hold ONS/i.test(error.message))
    return 'code-property';
  return null;
}

export const KIND_LABELS: Record<BoundaryFileKind, string> = {
  geojson: 'GeoJSON boundaries',
  shapefile: 'ESRI shapefile boundaries',
  zip: 'Zipped ESRI shapefile boundaries',
};

export const LEVEL_WORDS: Record<AreaKind, { one: string; many: string }> = {
  ward: { one: 'ward', many: 'wards' },
  borough: { one: 'borough', many: 'boroughs' },
  lsoa: { one: 'LSOA', many: 'LSOAs' },
};
