// shpjs ships no types: the two parsers Wardlens calls, as its source defines them.
declare module 'shpjs' {
  /** Geometries in the file's own coordinates (no .prj given, so no reprojection). */
  export function parseShp(shp: ArrayBufferView | ArrayBuffer): ({ type: string; coordinates: unknown } | null)[];
  /** Attribute rows, decoded with the .cpg's code page when given. */
  export function parseDbf(dbf: ArrayBufferView | ArrayBuffer, cpg?: string): Record<string, unknown>[];
}
