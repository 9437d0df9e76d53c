/**
 * Maps and hotspots: boundary sets, points to areas, choropleth data and hotspot grids.
 * Types only (the renderer sees them). Coordinates are always WGS84 longitude/latitude in
 * what crosses the API; British National Grid stays inside the engine.
 */
import type { Dimension, Measure, MonthSpan, PivotSpec } from './pivot';
import type { AreaKind, Month } from './workspace';

// ---------------------------------------------------------------------------------------
// GeoJSON (RFC 7946), the subset Wardlens reads and writes
// ---------------------------------------------------------------------------------------

export type Position = [number, number];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface Feature<P> {
  type: 'Feature';
  id?: string | number;
  geometry: AreaGeometry;
  properties: P;
}
export interface FeatureCollection<P> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

// ---------------------------------------------------------------------------------------
// Boundaries
// ---------------------------------------------------------------------------------------

export interface BoundarySet {
  id: number;
  name: string;
  kind: AreaKind;
  /** Ward sets: '2011', '2014', '2018', '2022'; LSOA sets: '2011' / '2021'; null when unknown. */
  vintage: string | null;
  sourceFile: string;
  importedAt: string;
  /** The projection the file was in ('WGS84' or 'British National Grid'); stored in WGS84. */
  sourceCrs: string;
  polygons: number;
}

export interface BoundaryImportOptions {
  /** The boundary set's vintage; detected from the ward codes when omitted. */
  vintage?: string;
  /** The property holding each feature's ONS code; detected when omitted. */
  codeProperty?: string;
  /** The property holding each feature's name; detected when omitted. */
  nameProperty?: string;
  /** A name for the set; the file name by default. */
  name?: string;
  /**
   * Create areas for codes the workspace does not know (an older ward set, LSOAs). By default
   * only LSOAs are created (the workspace ships no LSOA list); unknown ward and borough codes
   * are reported and left out.
   */
  addAreas?: boolean;
}

export interface BoundaryImportResult {
  file: string;
  status: 'imported' | 'already-imported';
  set: BoundarySet;
  features: number;
  /** Areas that got a polygon. */
  areasLinked: number;
  /** Areas created from the file (only with addAreas, or for LSOAs). */
  areasAdded: number;
  codeProperty: string;
  nameProperty: string | null;
  /** Feature codes that match no area of the workspace: left out, never guessed. */
  unmatchedCodes: { code: string; name: string | null; feature: number }[];
  /** Areas of the set's vintage (wards) or kind that the file gives no polygon. */
  areasWithoutPolygon: { code: string; name: string }[];
  warnings: string[];
}

// ---------------------------------------------------------------------------------------
// Points to areas
// ---------------------------------------------------------------------------------------

export interface AssignAreasArgs {
  /** An incidents (police.uk) dataset. */
  dataset: string;
  /** The ward set to assign; by default the newest ward vintage that has polygons. */
  vintage?: string;
}

export interface AssignAreasResult {
  dataset: string;
  vintage: string;
  /** Where each incident's borough came from: borough polygons (when imported), else its ward's own borough. */
  boroughFrom: 'borough-polygons' | 'ward-parent';
  incidents: number;
  assigned: number;
  /** Rows with no coordinates (police.uk publishes some without a location). */
  noLocation: number;
  /** Rows whose point lies in no ward polygon of the set: counted, never assigned. */
  outside: number;
  /** Points exactly on a shared edge, given to one ward by a fixed rule (lowest ward code). */
  onBoundary: number;
  /** Wards, with how many incidents each got (most first). */
  wards: { code: string; name: string; incidents: number }[];
  seconds: number;
  notes: string[];
}

// ---------------------------------------------------------------------------------------
// Choropleth (ward heat maps)
// ---------------------------------------------------------------------------------------

export type ClassMethod = 'quantile' | 'natural-breaks';

export interface ChoroplethArgs {
  /** A pivot with exactly one area dimension (ward or borough) in the rows and nothing else. */
  pivot: PivotSpec;
  /** The ward set to draw; must be the dataset's own. Detected when omitted. */
  vintage?: string;
  method?: ClassMethod;
  /** Number of classes, 5 by default (fewer when the values do not allow that many). */
  classes?: number;
  /**
   * 'screen' (the map views): outlines simplified within half a pixel of the map as drawn, so
   * there are fewer points to draw. Left out (exports, the CLI): boundaries at full detail.
   */
  detail?: 'full' | 'screen';
}

export interface ChoroplethProperties {
  code: string;
  name: string;
  /** The borough the area belongs to (for wards), for hover text and drill-down. */
  borough: string | null;
  /** The pivot's measure for the area; null when there is no figure (then `reason` may say why). */
  value: number | null;
  count: number | null;
  /** Class index into legend.classes; null for no data. */
  classIndex: number | null;
  small: boolean;
  /** A change (measure change, % or rate change) within what chance alone would give: the pivot's '~'. */
  notSignificant: boolean;
  reason: string | null;
}

export interface LegendClass {
  /** Inclusive lower and upper edges. */
  from: number;
  to: number;
  /** Areas in the class. */
  areas: number;
  /** "0 – 12" style label, UK number format. */
  label: string;
}

export interface Legend {
  method: ClassMethod;
  measure: Measure;
  classes: LegendClass[];
  /** Areas drawn with no figure. */
  noData: number;
  /** Areas flagged as small counts (under the pivot's threshold). */
  small: number;
}

export interface ChoroplethResult {
  dataset: { key: string; name: string };
  level: 'ward' | 'borough';
  vintage: string | null;
  measure: Measure;
  span: { from: Month; to: Month };
  features: FeatureCollection<ChoroplethProperties>;
  /** Borough outlines to draw over ward fills; null when no borough boundaries are imported. */
  outlines: FeatureCollection<{ code: string; name: string }> | null;
  bbox: BBox | null;
  legend: Legend;
  /** Areas with a figure but no polygon (cannot be drawn; listed so they are not lost). */
  unmapped: { code: string; name: string; value: number | null }[];
  notes: string[];
}

// ---------------------------------------------------------------------------------------
// Hotspots
// ---------------------------------------------------------------------------------------

export type FdrCorrection = 'fdr' | 'none';

export interface HotspotArgs {
  /** An incidents (police.uk) dataset. */
  dataset: string;
  /** As a pivot's filters (category, crime-type, outcome, ward, lsoa…). */
  filters?: Partial<Record<Dimension, string[]>>;
  months?: MonthSpan;
  /** Boroughs (codes or names) whose area the grid covers; all the points' extent when omitted. */
  area?: string[];
  /** Hexagon size in metres across the flats (the distance between neighbouring centres); default 250. */
  cell?: number;
  /** Kernel density bandwidth in metres; default twice the cell. */
  bandwidth?: number;
  /** Multiple-testing correction of the Gi* p-values; default 'fdr'. */
  correction?: FdrCorrection;
}

/** -3…3 as ArcGIS's Gi_Bin: 3 = hot spot at 99%, -1 = cold spot at 90%, 0 = not significant. */
export type HotspotBin = -3 | -2 | -1 | 0 | 1 | 2 | 3;

export interface HotspotCellProperties {
  /** Axial hex coordinates "q,r" on the British National Grid lattice. */
  id: string;
  easting: number;
  northing: number;
  count: number;
  /** Quartic kernel density at the cell centre, incidents per km². */
  density: number;
  z: number;
  /** Two-sided p-value of z (before correction). */
  p: number;
  bin: HotspotBin;
  /** "Hot spot (99% confidence)", "Cold spot (90% confidence)", "Not significant". */
  label: string;
}

export interface HotspotResult {
  dataset: { key: string; name: string };
  span: { from: Month; to: Month };
  parameters: {
    cell: number;
    bandwidth: number;
    correction: FdrCorrection;
    neighbours: string;
    kernel: string;
    area: { code: string; name: string }[];
  };
  cells: FeatureCollection<HotspotCellProperties>;
  /** Ward and borough outlines over the grid's extent (empty when none are imported). */
  outlines: { wards: FeatureCollection<{ code: string; name: string }>; boroughs: FeatureCollection<{ code: string; name: string }> };
  bbox: BBox | null;
  summary: {
    incidents: number;
    /** Used: inside the grid. */
    points: number;
    noLocation: number;
    outsideGrid: number;
    cells: number;
    hot: { 99: number; 95: number; 90: number };
    cold: { 99: number; 95: number; 90: number };
    /** The largest p-value counted significant at each level, after any correction (null: no cell is). */
    criticalP: { 99: number | null; 95: number | null; 90: number | null };
  };
  notes: string[];
}
