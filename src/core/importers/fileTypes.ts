/**
 * The kinds of file Wardlens reads, from the readers' own lists of extensions, in the
 * analyst's words: a file of any other kind is refused with this list, so the refusal says
 * exactly what the importers take (a new reader's extension shows up in it by itself).
 */
import { BOUNDARY_EXTENSIONS } from '../geo/sources';

/** What openTable reads as a table (a file with no extension is read as CSV too). */
export const TABLE_EXTENSIONS = ['.csv', '.txt', '.xlsx', '.xlsm'];

/** A .zip is read as boundaries when it holds a shapefile (geo/sources.ts isBoundaryFile). */
const ZIPPED_BOUNDARIES = '.zip';

const WORDS: Record<string, string> = {
  '.csv': 'CSV',
  '.txt': 'CSV',
  '.xlsx': 'Excel workbooks',
  '.xlsm': 'Excel workbooks',
  '.geojson': 'GeoJSON boundaries',
  '.json': 'GeoJSON boundaries',
  '.shp': 'ESRI shapefile boundaries',
  '.zip': 'zipped shapefiles',
};

/** Every extension an import reads, tables first. */
export function readableExtensions(): string[] {
  return [...TABLE_EXTENSIONS, ...BOUNDARY_EXTENSIONS, ZIPPED_BOUNDARIES];
}

/** "CSV (.csv, .txt), Excel workbooks (.xlsx, .xlsm), … and zipped shapefiles (.zip)". */
export function readableKindsText(): string {
  const kinds = new Map<string, string[]>();
  for (const ext of readableExtensions()) {
    const words = WORDS[ext] ?? `${ext.slice(1).toUpperCase()} files`;
    kinds.set(words, [...(kinds.get(words) ?? []), ext]);
  }
  const parts = [...kinds].map(([words, exts]) => `${words} (${exts.join(', ')})`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts.join('');
}

/** The refusal of a file of a kind no importer reads. */
export function unreadableKindText(ext: string): string {
  const found = ext ? `“${ext}” is none of these` : 'this file has none of these endings';
  return `Wardlens reads ${readableKindsText()}; ${found}. Save the figures as CSV or Excel and import that.`;
}
