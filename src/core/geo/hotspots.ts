/**
 * Hotspots over the whole chosen area: the analyst's boroughs together, not clipped at a
 * ward or borough boundary, so a cluster straddling two boroughs shows as one. Incidents are
 * counted in hexagons on the British National Grid (metres), smoothed by a quartic kernel,
 * and tested with Getis-Ord Gi* (see gistar.ts for the statistic and the FDR correction).
 */
import type { BBox, Feature, HotspotArgs, HotspotCellProperties, HotspotResult, Position } from '../../shared/geo';
import { WardlensError } from '../errors';
import type { Db } from '../store/workspace';
import { incidentDataset } from './assignAreas';
import { vintagesWithPolygons } from './boundaryStore';
import { outlinesInBox } from './features';
import { binLabel, giStar } from './gistar';
import { HexLattice, hexKey, NEIGHBOURS, type Hex } from './hexgrid';
import { areaOutline, type AreaOutline } from './hotspotArea';
import { loadPoints } from './hotspotPoints';
import { quarticDensity, type WeightedPoint } from './kde';
import { SNAP_POINT_NOTE } from './notes';
import { bngToWgs84 } from './projection';

export const DEFAULT_CELL = 250;

export function runHotspots(db: Db, args: HotspotArgs): HotspotResult {
  const cell = args.cell ?? DEFAULT_CELL;
  if (!(cell >= 25 && cell <= 5000)) throw new WardlensError('bad-request', 'The cell size is in metres, from 25 to 5,000.');
  const bandwidth = args.bandwidth ?? 2 * cell;
  if (!(bandwidth >= cell / 2 && bandwidth <= 20 * cell)) {
    throw new WardlensError('bad-request', `The bandwidth is in metres, from half the cell (${cell / 2}) to twenty cells (${20 * cell}).`);
  }
  const correction = args.correction ?? 'fdr';
  const dataset = incidentDataset(db, args.dataset);
  const area = args.area?.length ? areaOutline(db, args.area) : null;
  const lattice = new HexLattice(cell);
  // With an area the cells come first, and only points that can fall in them are read.
  const areaHexes = area ? areaCells(lattice, area) : null;
  const { points, incidents, noLocation, span } = loadPoints(db, dataset, args, areaHexes ? wgsExtent(lattice, areaHexes) : null);
  const hexes = areaHexes ?? pointCells(lattice, points);
  if (hexes.length === 0) throw new WardlensError('not-found', 'There are no incidents with a location to map for this choice.');
  if (hexes.length > 200_000) throw new WardlensError('too-large', `${hexes.length.toLocaleString('en-GB')} cells is too many to test: choose a larger cell or a smaller area.`);

  const cellAt = new Map<number, number>(hexes.map((h, i) => [hexKey(h.q, h.r), i]));
  const centres = new Float64Array(hexes.length * 2);
  hexes.forEach((h, i) => centres.set(lattice.centre(h), 2 * i));
  const counts = new Float64Array(hexes.length);
  let inGrid = 0;
  for (const p of points) {
    const h = lattice.hexAt(p.x, p.y);
    const i = cellAt.get(hexKey(h.q, h.r));
    if (i === undefined) continue;
    counts[i]! += p.weight;
    inGrid += p.weight;
  }
  const outsideGrid = incidents - noLocation - inGrid;
  const neighbours = hexes.map((h, i) => {
    const list = [i];
    for (const d of NEIGHBOURS) {
      const j = cellAt.get(hexKey(h.q + d.q, h.r + d.r));
      if (j !== undefined) list.push(j);
    }
    return list;
  });
  const density = quarticDensity(points, centres, lattice, cellAt, bandwidth);
  const g = giStar(counts, neighbours, correction);

  const toWgs = cornerProjector();
  const features: Feature<HotspotCellProperties>[] = hexes.map((h, i) => ({
    type: 'Feature',
    id: `${h.q},${h.r}`,
    geometry: { type: 'Polygon', coordinates: [lattice.corners(h).map(([x, y]) => toWgs(x, y))] },
    properties: {
      id: `${h.q},${h.r}`,
      easting: Math.round(centres[2 * i]!),
      northing: Math.round(centres[2 * i + 1]!),
      count: counts[i]!,
      density: Math.round(density[i]! * 100) / 100,
      z: Math.round(g.z[i]! * 10_000) / 10_000,
      p: g.p[i]!,
      bin: g.bin[i]!,
      label: binLabel(g.bin[i]!),
    },
  }));
  const bbox = toWgs.box();
  const tally = (b: number) => g.bin.filter((x) => x === b).length;
  // Outlines of the dataset's own ward set once its points are placed, else the newest set imported.
  const wardVintage = (db.prepare('SELECT boundary_vintage FROM datasets WHERE id = ?').pluck().get(dataset.id) as string | null) ?? vintagesWithPolygons(db)[0] ?? null;
  return {
    dataset: { key: dataset.key, name: dataset.name },
    span,
    parameters: {
      cell,
      bandwidth,
      correction,
      neighbours: 'Hexagon contiguity: each cell with the six cells touching it, itself included (binary weights).',
      kernel: `Quartic (biweight) kernel, bandwidth ${bandwidth.toLocaleString('en-GB')} m${args.bandwidth === undefined ? ' (the default: twice the cell size)' : ''}.`,
      area: area?.boroughs ?? [],
    },
    cells: { type: 'FeatureCollection', features },
    outlines: bbox ? outlinesInBox(db, bbox, wardVintage) : { wards: { type: 'FeatureCollection', features: [] }, boroughs: { type: 'FeatureCollection', features: [] } },
    bbox,
    summary: {
      incidents,
      points: incidents - noLocation - outsideGrid,
      noLocation,
      outsideGrid,
      cells: hexes.length,
      hot: { 99: tally(3), 95: tally(2), 90: tally(1) },
      cold: { 99: tally(-3), 95: tally(-2), 90: tally(-1) },
      criticalP: g.critical,
    },
    notes: hotspotNotes(area, correction, noLocation, outsideGrid, hexes.length),
  };
}

/** The cells of a chosen area: every hexagon with its centre or a corner inside it. */
function areaCells(lattice: HexLattice, area: AreaOutline): Hex[] {
  const [minX, minY, maxX, maxY] = area.bngBox;
  const pad = lattice.cell;
  const out: Hex[] = [];
  for (const h of lattice.hexesIn(minX - pad, minY - pad, maxX + pad, maxY + pad)) {
    const [cx, cy] = lattice.centre(h);
    if (area.index.locate(cx, cy).area >= 0 || lattice.corners(h).some(([x, y]) => area.index.locate(x, y).area >= 0)) out.push(h);
  }
  return out;
}

/** The WGS84 box holding every cell (its corners projected, a few metres to spare). */
function wgsExtent(lattice: HexLattice, hexes: Hex[]): BBox | null {
  if (hexes.length === 0) return null;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const h of hexes) {
    const [x, y] = lattice.centre(h);
    [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  }
  const r = lattice.radius + 10;
  const corners = [bngToWgs84(minX - r, minY - r), bngToWgs84(minX - r, maxY + r), bngToWgs84(maxX + r, minY - r), bngToWgs84(maxX + r, maxY + r)];
  return boxOf(corners);
}

/** Without a chosen area the grid spans the points, less the outermost 0.5% on each side: a few
 * stray points miles away (police.uk has some) must not stretch it over the Home Counties. */
function pointCells(lattice: HexLattice, points: WeightedPoint[]): Hex[] {
  if (points.length === 0) return [];
  const [minX, maxX] = trimmedRange(points.map((p) => [p.x, p.weight]));
  const [minY, maxY] = trimmedRange(points.map((p) => [p.y, p.weight]));
  const half = lattice.cell / 2;
  return [...lattice.hexesIn(minX - half, minY - half, maxX + half, maxY + half)];
}

const TRIM = 0.005;

function trimmedRange(values: [number, number][]): [number, number] {
  values.sort((a, b) => a[0] - b[0]);
  const total = values.reduce((s, v) => s + v[1], 0);
  let seen = 0;
  let lo = values[0]![0];
  let hi = values.at(-1)![0];
  for (const [v, w] of values) {
    seen += w;
    if (seen > total * TRIM) {
      lo = v;
      break;
    }
  }
  seen = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    seen += values[i]![1];
    if (seen > total * TRIM) {
      hi = values[i]![0];
      break;
    }
  }
  return [lo, hi];
}

function hotspotNotes(area: AreaOutline | null, correction: string, noLocation: number, outsideGrid: number, cells: number): string[] {
  const n = (x: number) => x.toLocaleString('en-GB');
  const notes = [SNAP_POINT_NOTE];
  notes.push(area
    ? `The grid covers ${area.boroughs.map((b) => b.name).join(', ')} as one area: cells are not cut at ward or borough boundaries, and cells on the edge reach over it.`
    : 'The grid covers the extent of the points, less the outermost 0.5% on each side; choose boroughs to fix the area (cells with no incidents count in the test).');
  notes.push(correction === 'fdr'
    ? `Significance is corrected for testing ${n(cells)} cells at once (Benjamini–Hochberg false discovery rate, as ArcGIS’s FDR option).`
    : `No correction for testing ${n(cells)} cells at once: expect about 1 in 10 cells to show as significant at 90% by chance alone.`);
  if (noLocation) notes.push(`${n(noLocation)} incident(s) have no location and are not in the grid.`);
  if (outsideGrid) notes.push(`${n(outsideGrid)} incident(s) lie outside the grid’s cells and are not counted.`);
  return notes;
}

const round = ([x, y]: Position): Position => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6];

/**
 * Hexagon corners to WGS84, each corner projected once: three cells share every corner, and
 * the datum shift (proj4) is most of a run's JavaScript time. Corners are keyed on the
 * decimetre, far finer than the lattice, so two corners never share a key by accident. Also
 * keeps the box of everything projected.
 */
function cornerProjector() {
  const seen = new Map<number, Position>();
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const project = (x: number, y: number): Position => {
    const key = Math.round(x * 10) * 1e8 + Math.round(y * 10);
    let p = seen.get(key);
    if (!p) {
      p = round(bngToWgs84(x, y));
      seen.set(key, p);
      if (p[0] < b[0]) b[0] = p[0];
      if (p[1] < b[1]) b[1] = p[1];
      if (p[0] > b[2]) b[2] = p[0];
      if (p[1] > b[3]) b[3] = p[1];
    }
    return p;
  };
  return Object.assign(project, { box: (): BBox | null => (seen.size ? [...b] as BBox : null) });
}

function boxOf(ps: Position[]): BBox | null {
  if (ps.length === 0) return null;
  let b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ps) b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  return b;
}
