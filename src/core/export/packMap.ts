/**
 * The ward heat map of each category in the assessment pack: the Assessment's own map question
 * (the borough's wards, the category, the current year's months, crimes counted) answered by
 * the engine's choropleth and drawn as an SVG picture (mapSvg). When the dataset's own ward set
 * has no boundaries in the workspace, the pack says so in words instead of leaving the map out
 * silently; a borough-level dataset has no wards to map (the pack's notes say that already).
 */
import { createHash } from 'node:crypto';
import type { PackMap } from '../../shared/export';
import type { Findings } from '../../shared/findings';
import type { ChoroplethResult } from '../../shared/geo';
import { WardlensError } from '../errors';
import { choropleth } from '../geo/choropleth';
import type { Db } from '../store/workspace';
import { MAP_SCALE, mapSourceNote, mapSvg, type MapPicture } from './mapSvg';
import { monthSpanText } from './words';
import { wardMapSpec, wardMapTitle } from '../../shared/wardMapSpec';

export interface PackWardMap {
  /** "burglary-ward-map": its files are charts/<id>.svg (.png from the app) and .geojson. */
  id: string;
  title: string;
  sourceNote: string;
  map: ChoroplethResult;
  picture: MapPicture;
  scale: number;
  /** A hash of the picture: the PNG the app draws of it must be of this very picture. */
  fingerprint: string;
}

/** A category's map, or why it has none (null: a borough-level dataset, which has no wards). */
export type WardMapOutcome = { map: PackWardMap } | { missing: string } | null;

export function packWardMap(db: Db, f: Findings, prefix: string): WardMapOutcome {
  const spec = wardMapSpec(f);
  if (!spec) return null;
  let map: ChoroplethResult;
  try {
    map = choropleth(db, { pivot: spec });
  } catch (err) {
    // No polygons of the dataset's ward set, or codes of no one set: a gap to state, not a failure.
    if (!(err instanceof WardlensError) || (err.code !== 'not-found' && err.code !== 'bad-request'))
      throw err;
    const reason = err.message.charAt(0).toLowerCase() + err.message.slice(1);
    // Missing polygons: say why another set's (which may be held) is not used instead.
    const why = /polygon|ward set/.test(reason)
      ? ' Wardlens draws wards only on the boundary set their codes belong to.'
      : '';
    return { missing: `${f.category.label}: the ward map is not drawn: ${reason}${why}` };
  }
  const title = wardMapTitle(f);
  const sourceNote = mapSourceNote(map, monthSpanText(map.span.from, map.span.to));
  const id = `${prefix}-ward-map`;
  const picture = mapSvg(map, title, sourceNote, id);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([picture.svg, picture.width, picture.height, MAP_SCALE]))
    .digest('hex');
  return {
    map: { id, title, sourceNote, map, picture, scale: MAP_SCALE, fingerprint },
  };
}

/** The map as `export/pack-charts` offers it to the app, to be drawn as a PNG. */
export const mapToDraw = (m: PackWardMap): PackMap => ({
  id: m.id,
  title: m.title,
  svg: m.picture.svg,
  width: m.picture.width,
  height: m.picture.height,
  scale: m.scale,
  fingerprint: m.fingerprint,
});

/** The map as the HTML report (and the PDF printed from it) shows it: the same picture, as wide as the page. */
export const reportMap = (m: PackWardMap) => ({ id: m.id, title: m.title, svg: m.picture.inline });
