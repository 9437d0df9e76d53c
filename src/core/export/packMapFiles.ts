/**
 * The pack's files for its ward maps, all in the charts folder: each map as SVG (the engine's
 * own drawing), as PNG when the app drew one from that SVG, and its wards' figures and classes
 * as GeoJSON (as `wardlens map` writes them, for QGIS); and the words that say so.
 */
import { join } from 'node:path';
import type { WrittenFile } from '../../shared/export';
import type { PackWardMap } from './packMap';

export interface MapFile {
  mapId: string;
  path: string;
  content: string | Buffer;
  kind: WrittenFile['kind'];
}

function geojson(m: PackWardMap): string {
  const { features, legend, notes } = m.map;
  return `${JSON.stringify({ ...features, name: m.title, wardlens: { sourceNote: m.sourceNote, legend, notes } })}\n`;
}

export function packMapFiles(
  maps: PackWardMap[],
  pngs: Map<string, Buffer> | null,
  folder: string,
): MapFile[] {
  return maps.flatMap((m) => {
    const at = (ext: string) => join(folder, `${m.id}.${ext}`);
    const png = pngs?.get(m.id);
    return [
      { mapId: m.id, path: at('svg'), content: m.picture.svg, kind: 'svg' as const },
      ...(png ? [{ mapId: m.id, path: at('png'), content: png, kind: 'png' as const }] : []),
      { mapId: m.id, path: at('geojson'), content: geojson(m), kind: 'json' as const },
    ];
  });
}

/** What the pack says about its maps (null when it has none). */
export function mapsNote(maps: PackWardMap[], withPng: boolean): string | null {
  if (maps.length === 0) return null;
  return withPng
    ? 'Each ward map is in the charts folder as a PNG image (2,480 pixels wide, for Word), as an SVG image and as GeoJSON (its wards’ figures and classes, for QGIS).'
    : 'Each ward map is in the charts folder as an SVG image, drawn by Wardlens itself, and as GeoJSON (its wards’ figures and classes, for QGIS). A PNG of the map comes with the pack from the Wardlens app.';
}

/** The README's lines for the maps: the note, then each map's files and title, and its caveats. */
export function mapsReadme(maps: PackWardMap[], note: string | null, withPng: boolean): string[] {
  if (!note) return [];
  return [
    'Ward maps',
    '',
    note,
    '',
    ...maps.flatMap((m) => [
      `${m.id}.{${withPng ? 'png,' : ''}svg,geojson}  ${m.title}`,
      ...m.map.notes.map((n) => `  ${n}`),
    ]),
    '',
  ];
}
