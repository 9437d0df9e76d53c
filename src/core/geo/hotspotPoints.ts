/**
 * The incident points a hotspot run uses: one dataset, a span of months, the pivot's filters
 * (category, outcome, ward…), summed by location. police.uk snaps crimes to shared points,
 * so a million incidents sit on far fewer locations, and each is projected once.
 */
import type { BBox, HotspotArgs } from '../../shared/geo';
import type { Dimension } from '../../shared/pivot';
import { dimensionSql, isTimeDimension, JOIN_SQL, periodCode } from '../analysis/pivot/dimensions';
import { resolveFilters } from '../analysis/pivot/filters';
import { WardlensError } from '../errors';
import { fromIsoMonth, toIsoMonth } from '../months';
import type { Db } from '../store/workspace';
import type { IncidentDataset } from './assignAreas';
import type { WeightedPoint } from './kde';
import { wgs84ToBng } from './projection';

export interface PointSet {
  /** The located incidents inside the box asked for (all of them without one). */
  points: WeightedPoint[];
  incidents: number;
  noLocation: number;
  span: { from: string; to: string };
}

/** `box` (WGS84) keeps only the points that can fall in the grid: a London-wide dataset need not be grouped and projected whole for three boroughs. */
export function loadPoints(db: Db, dataset: IncidentDataset, args: HotspotArgs, box: BBox | null): PointSet {
  const held = db.prepare('SELECT min(month) AS first, max(month) AS last FROM dataset_months WHERE dataset_id = ?').get(dataset.id) as {
    first: number | null;
    last: number | null;
  };
  if (held.first === null || held.last === null) throw new WardlensError('not-found', `"${dataset.name}" holds no months yet.`);
  const month = (text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    const m = fromIsoMonth(text);
    if (m === null) throw new WardlensError('bad-request', `"${text}" is not a month; give it as YYYY-MM, e.g. 2022-01.`);
    return m;
  };
  const first = month(args.months?.from, held.first);
  const last = month(args.months?.to, held.last);
  const scheme = (db.prepare('SELECT category_scheme FROM datasets WHERE id = ?').pluck().get(dataset.id) as string | null) ?? null;
  const filters = resolveFilters(db, dataset.id, scheme, args.filters ?? {});
  const joins = new Set<string>();
  const where = ['f.dataset_id = ?', 'f.month BETWEEN ? AND ?'];
  const params: (string | number)[] = [dataset.id, first, last];
  // Filters go through the pivot's fixed dimension table: no caller's text reaches the SQL.
  for (const [d, values] of Object.entries(filters) as [Dimension, string[]][]) {
    if (!values?.length) continue;
    const s = dimensionSql('incidents', d);
    if (!s) throw new WardlensError('bad-request', `Incidents cannot be filtered by "${d}".`);
    s.joins.forEach((j) => joins.add(JOIN_SQL[j]));
    const bound = isTimeDimension(d) ? values.map((v) => periodCode(d, v) ?? -1) : values;
    where.push(`${s.key} IN (${bound.map(() => '?').join(', ')})`);
    params.push(...bound);
  }
  const from = `FROM current_incidents f ${[...joins].join(' ')} WHERE ${where.join(' AND ')}`;
  const [incidents, located] = db.prepare(`SELECT count(*), count(f.longitude) ${from}`).raw().get(...params) as [number, number];
  const inBox = box ? ' AND f.longitude BETWEEN ? AND ? AND f.latitude BETWEEN ? AND ?' : ' AND f.longitude IS NOT NULL';
  const rows = db
    .prepare(`SELECT f.longitude, f.latitude, count(*) ${from}${inBox} AND f.latitude IS NOT NULL GROUP BY 1, 2`)
    .raw()
    .all(...params, ...(box ? [box[0], box[2], box[1], box[3]] : [])) as [number, number, number][];
  const points = rows.map(([lon, lat, weight]) => {
    const [x, y] = wgs84ToBng(lon, lat);
    return { x, y, weight };
  });
  const noLocation = incidents - located;
  return { points, incidents, noLocation, span: { from: toIsoMonth(first), to: toIsoMonth(last) } };
}
