/**
 * British National Grid (EPSG:27700) ⇄ WGS84, through proj4.
 *
 * Why a library: the OSGB36 → WGS84 step is a datum change (a seven-parameter Helmert
 * transform on the Airy 1830 ellipsoid), not just a Transverse Mercator projection; getting
 * it right by hand is easy to get subtly wrong by 100 m. proj4 is the widely used port of
 * PROJ. With the EPSG:27700 Helmert parameters below it agrees with GDAL/ogr2ogr (which uses
 * the same parameters when the OSTN15 grid is not installed) and lies within about 2 m of
 * ONS's own OSTN15-based coordinates across London: far inside a ward boundary's accuracy.
 */
import proj4 from 'proj4';
import type { Position } from '../../shared/geo';

const BNG =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

const converter = proj4(BNG, 'WGS84');

/** Easting/northing (metres) to longitude/latitude (degrees). */
export function bngToWgs84(easting: number, northing: number): Position {
  const [lon, lat] = converter.forward([easting, northing]);
  return [lon!, lat!];
}

/** Longitude/latitude (degrees) to easting/northing (metres). */
export function wgs84ToBng(lon: number, lat: number): Position {
  const [e, n] = converter.inverse([lon, lat]);
  return [e!, n!];
}

/** The rough extent of British National Grid coordinates, to tell them from degrees. */
export function looksLikeBng(x: number, y: number): boolean {
  return x >= -10_000 && x <= 800_000 && y >= -10_000 && y <= 1_300_000 && (Math.abs(x) > 360 || Math.abs(y) > 90);
}

export function looksLikeDegrees(x: number, y: number): boolean {
  return Math.abs(x) <= 180 && Math.abs(y) <= 90;
}
