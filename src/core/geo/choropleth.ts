/**
 * The data a ward (or borough) heat map draws: a pivot of one area dimension, joined by code
 * to the polygons of the dataset's own ward set, classed into a legend. The map view only
 * draws what this returns; it never picks polygons or classes itself. 2022-ward figures are
 * only ever joined to 2022 polygons: the join is by code, and the vintage is checked.
 */
import type { AreaGeometry, BBox, ChoroplethArgs, ChoroplethProperties, ChoroplethResult, Feature } from '../../shared/geo';
import type { Measure, PivotCell } from '../../shared/pivot';
import { pivotRun } from '../analysis/pivot/run';
import { WardlensError } from '../errors';
import type { Db } from '../store/workspace';
import { polygonsOf, type AreaPolygon } from './boundaryStore';
import { classify, classifyAroundZero, classOf } from './classes';
import { bboxOf, outlinesOf } from './features';
import { legendClasses } from './legend';
import { SNAP_POINT_NOTE } from './notes';
import { wardPopulationNote } from './populationNote';
import { simplifyShapes, toleranceFor } from './simplify';
import { vintageCoverage } from './vintage';

/**
 * The largest plot area a map view draws in, in pixels (the maps are 620 px high with room
 * for the title and source note; the width is a wide screen's). Outlines for the screen are
 * simplified within half a pixel at this size, so the map looks the same at any smaller one.
 */
const SCREEN_PLOT = { width: 1600, height: 490 };

const CHANGES = new Set<Measure>(['change', 'pct-change', 'rate-change']);

interface DatasetRow {
  id: number;
  kind: string;
  vintage: string | null;
}

export function choropleth(db: Db, args: ChoroplethArgs): ChoroplethResult {
  const spec = args.pivot;
  const dims = [...(spec?.rows ?? []), ...(spec?.columns ?? [])];
  const level = dims[0];
  if (dims.length !== 1 || (level !== 'ward' && level !== 'borough')) {
    throw new WardlensError('bad-request', 'A map shows one area dimension: put ward or borough (and nothing else) in the rows.');
  }
  const classesWanted = args.classes ?? 5;
  if (!Number.isInteger(classesWanted) || classesWanted < 2 || classesWanted > 9) {
    throw new WardlensError('bad-request', 'A map legend has 2 to 9 classes.');
  }
  const { result: pivot, blankRatesNote } = pivotRun(db, { ...spec, rows: [level], columns: [] });
  if (pivot.rows.length === 0) throw new WardlensError('not-found', 'There are no figures to map for this dataset, period and filters.');
  const dataset = db.prepare('SELECT id, kind, boundary_vintage AS vintage FROM datasets WHERE key = ?').get(spec.dataset) as DatasetRow;
  let notes = [...pivot.notes];
  if (dataset.kind === 'incidents') notes.push(SNAP_POINT_NOTE);

  const figures = new Map<string, { name: string; cell: PivotCell }>();
  pivot.rows.forEach((r, i) => figures.set(r.keys[0]!, { name: r.labels[0]!, cell: pivot.rowTotals[i]! }));
  let vintage: string | null = null;
  let polygons: AreaPolygon[];
  if (level === 'ward') {
    vintage = wardVintage(db, dataset, [...figures.keys()], args.vintage);
    const all = polygonsOf(db, 'ward', vintage);
    // The map covers the boroughs the figures are in, with their other wards as "no data".
    const parents = new Set(all.filter((p) => figures.has(p.code)).map((p) => p.parentId));
    polygons = all.filter((p) => figures.has(p.code) || parents.has(p.parentId));
  } else {
    polygons = polygonsOf(db, 'borough');
  }
  if (polygons.length === 0) {
    throw new WardlensError('not-found', level === 'ward'
      ? `None of these wards has a ${vintage} polygon in this workspace: import the ${vintage} ward boundaries first.`
      : 'There are no borough boundaries in this workspace: import a borough GeoJSON (e.g. london_boroughs.geojson) first.');
  }

  const boroughNames = new Map((db.prepare("SELECT id, name FROM areas WHERE kind = 'borough'").all() as { id: number; name: string }[]).map((b) => [b.id, b.name]));
  const values = polygons.map((p) => figures.get(p.code)?.cell.value ?? null).filter((v): v is number => v !== null);
  const method = args.method ?? 'quantile';
  // A change reads from zero (a fall and a rise never share a class); a level from its lowest value.
  const classes = CHANGES.has(pivot.measure)
    ? classifyAroundZero(values, classesWanted, method)
    : classify(values, classesWanted, method);
  if (classes.ranges.length < classesWanted && values.length > 0) {
    notes.push(`Only ${classes.ranges.length} class(es): the figures take only ${classes.ranges.length} distinct value(s).`);
  }
  const features: Feature<ChoroplethProperties>[] = polygons.map((p) => {
    const f = figures.get(p.code);
    const value = f?.cell.value ?? null;
    return {
      type: 'Feature',
      id: p.code,
      geometry: p.geometry,
      properties: {
        code: p.code,
        name: p.name,
        borough: level === 'ward' && p.parentId !== null ? (boroughNames.get(p.parentId) ?? null) : null,
        value,
        count: f ? f.cell.count : null,
        classIndex: value === null ? null : classOf(classes, value),
        small: f?.cell.flags.includes('small') ?? false,
        notSignificant: f?.cell.flags.includes('not-significant') ?? false,
        reason: f ? (f.cell.reason ?? null) : 'No figures for this area in the data.',
      },
    };
  });
  if (vintage !== null) notes = withPopulationNote(db, vintage, figures, notes, blankRatesNote);
  const drawn = new Set(polygons.map((p) => p.code));
  const unmapped = [...figures].filter(([code]) => !drawn.has(code)).map(([code, f]) => ({ code, name: f.name, value: f.cell.value }));
  if (unmapped.length) {
    notes.push(`${unmapped.length} row(s) of figures have no polygon and are not on the map: ${unmapped.slice(0, 5).map((u) => u.name).join(', ')}${unmapped.length > 5 ? ', …' : ''}.`);
  }
  const small = features.filter((f) => f.properties.small).length;
  if (small) notes.push(`${small} area(s) have small counts (under ${spec.smallCount ?? 10}): their shading can swing a lot from one period to the next.`);
  const outlines = level === 'ward' ? outlinesOf(db, new Set(polygons.map((p) => p.parentId).filter((id): id is number => id !== null))) : null;
  if (level === 'ward' && !outlines) notes.push('Import borough boundaries (e.g. london_boroughs.geojson) to draw borough outlines over the wards.');
  const bbox = bboxOf(polygons);
  if (args.detail === 'screen' && bbox) forScreen(bbox, features, outlines?.features ?? []);
  return {
    dataset: pivot.dataset,
    level,
    vintage,
    measure: pivot.measure,
    span: pivot.span,
    features: { type: 'FeatureCollection', features },
    outlines,
    bbox,
    legend: {
      method,
      measure: pivot.measure,
      classes: legendClasses(pivot.measure, classes),
      noData: features.filter((f) => f.properties.value === null).length,
      small,
    },
    unmapped,
    notes,
  };
}

/**
 * A ward rate map whose wards have no population at all says so once, naming the ward set it
 * needs and the sets held, in place of the pivot's own note on those wards (which cannot know
 * the ward set).
 */
function withPopulationNote(
  db: Db,
  vintage: string,
  figures: Map<string, { cell: PivotCell }>,
  notes: string[],
  pivotsNote: string | null,
): string[] {
  const blank = [...figures]
    .filter(([, f]) => f.cell.value === null && f.cell.populationYear != null && f.cell.population == null)
    .map(([code]) => code);
  const note = wardPopulationNote(db, vintage, blank);
  if (!note) return notes;
  return [note, ...notes.filter((n) => n !== pivotsNote)];
}

/**
 * Outlines as the map view draws them: simplified within half a pixel (ward fills and borough
 * lines together, so a borough line stays on its wards' edges). The features are this call's
 * own objects; the stored boundaries and every export keep their full detail.
 */
function forScreen(bbox: BBox, ...layers: { geometry: AreaGeometry }[][]): void {
  const all = layers.flat();
  const simpler = simplifyShapes(all.map((f) => f.geometry), toleranceFor(bbox, SCREEN_PLOT.width, SCREEN_PLOT.height));
  all.forEach((f, i) => (f.geometry = simpler[i]!));
}

/** The ward set the dataset's codes belong to; a different one asked for is refused. */
function wardVintage(db: Db, dataset: DatasetRow, codes: string[], requested: string | undefined): string {
  if (dataset.kind === 'incidents' && dataset.vintage === null) {
    throw new WardlensError('bad-request', 'These incidents have not been placed in wards yet: run "assign areas" (wardlens assign-areas) first.');
  }
  let own = dataset.vintage;
  if (own === null) {
    const ids = db.prepare("SELECT id FROM areas WHERE kind = 'ward' AND code = ?").pluck();
    const found = codes.map((c) => ids.get(c) as number | undefined).filter((id): id is number => id !== undefined);
    const fits = [...vintageCoverage(db, found)].filter(([, n]) => n === found.length && n > 0).map(([v]) => v);
    own = requested !== undefined && fits.includes(requested) ? requested : (fits.at(-1) ?? null);
    if (own === null) throw new WardlensError('bad-request', "These figures’ ward codes do not all belong to one ward set, so they cannot be drawn on one map.");
  }
  if (requested !== undefined && requested !== own) {
    throw new WardlensError('bad-request', `This dataset’s wards are the ${own} set; they cannot be drawn on ${requested} polygons (ward boundaries changed, and codes differ).`);
  }
  return own;
}
