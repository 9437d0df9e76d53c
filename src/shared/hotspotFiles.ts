/** A hotspot grid as a table (CSV, one row per cell) for Excel or QGIS's "Add delimited text layer". */
import type { HotspotResult } from './geo';

const HEADER = ['cell_id', 'easting', 'northing', 'longitude', 'latitude', 'count', 'density_per_km2', 'gi_z', 'gi_p', 'gi_bin', 'class'];

const cell = (v: string | number) => (typeof v === 'number' ? String(v) : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function hotspotsCsv(result: HotspotResult): string {
  const rows = result.cells.features.map((f) => {
    const p = f.properties;
    // The centre in WGS84: the mean of the hexagon's six corners (the seventh closes the ring).
    const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]!.slice(0, 6) : [];
    const lon = ring.reduce((s, c) => s + c[0], 0) / ring.length;
    const lat = ring.reduce((s, c) => s + c[1], 0) / ring.length;
    return [p.id, p.easting, p.northing, Number(lon.toFixed(6)), Number(lat.toFixed(6)), p.count, p.density, p.z, Number(p.p.toPrecision(6)), p.bin, p.label];
  });
  return `\uFEFF${[HEADER, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** The cells as a GeoJSON file: the FeatureCollection with its parameters alongside (foreign members are allowed). */
export function hotspotsGeoJson(result: HotspotResult): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    name: `Hotspots, ${result.dataset.name}, ${result.span.from} to ${result.span.to}`,
    wardlens: { dataset: result.dataset, span: result.span, parameters: result.parameters, summary: result.summary, notes: result.notes },
    features: result.cells.features,
  });
}
