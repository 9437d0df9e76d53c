/**
 * The hotspot cells as files: GeoJSON for QGIS and csv for Excel, byte for byte what
 * `wardlens hotspots --out/--csv` writes (the same pure functions, so the two never differ).
 */
import type { HotspotResult } from '../../../shared/geo';
import { hotspotsCsv, hotspotsGeoJson } from '../../../shared/hotspotFiles';

export type CellFormat = 'geojson' | 'csv';

export const CELL_FORMATS: { format: CellFormat; label: string; type: string }[] = [
  { format: 'geojson', label: 'GeoJSON', type: 'application/geo+json' },
  { format: 'csv', label: 'CSV', type: 'text/csv' },
];

export function cellFile(result: HotspotResult, format: CellFormat): Uint8Array {
  return new TextEncoder().encode(format === 'csv' ? hotspotsCsv(result) : hotspotsGeoJson(result));
}
