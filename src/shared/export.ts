/**
 * Export: the neutral "report table" every table becomes before it is written (xlsx, csv,
 * HTML), the charts' data the pack writes, and the arguments and results of the export
 * methods. Types only: the renderer sees them too.
 */
import type { YearBasis } from './populationBasis';
import type { FactsSpec } from './findings';
import type { CellFlag, PivotSpec } from './pivot';
import type { Month } from './workspace';

// ---------------------------------------------------------------------------------------
// Report tables
// ---------------------------------------------------------------------------------------

/**
 * What a figure is, which decides how it reads: counts "1,869", rates "7.54", percents
 * "2.6%", changes signed "+57", rate changes signed "+0.23" (points per 1,000, not a %).
 */
export type FigureKind = 'count' | 'rate' | 'percent' | 'change' | 'rate-change';

/** RAG colours a text cell may carry (the nearest-neighbour table). */
export type Tone = 'red' | 'amber' | 'green';

export interface TextCell {
  kind: 'text';
  text: string;
  tone?: Tone;
}

export interface FigureCell {
  kind: FigureKind;
  /** The figure, unrounded; null when it cannot be given honestly (then `reason` says why). */
  value: number | null;
  /** For percents: a change, shown with its sign ("+2.6%"), rather than a share. */
  signed?: boolean;
  flags?: CellFlag[];
  reason?: string;
}

export type ReportCell = TextCell | FigureCell;

export interface ReportRow {
  cells: ReportCell[];
  /** A totals row (or the London row of a neighbour table): shown bold. */
  total?: boolean;
}

export interface ReportSource {
  dataset: { key: string; name: string };
  /** The months the table covers. */
  months: { first: Month; last: Month } | null;
  /** For changes: the months compared with (a year earlier). */
  comparedWith: { first: Month; last: Month } | null;
  /** Set when the figures are reproduced as they stood when this import was the newest extract. */
  asOf: { importId: number; file: string } | null;
  /** The imports whose figures the table uses for those months, oldest first. */
  imports: { file: string; first: Month | null; last: Month | null; importedAt: string | null }[];
  /** Null when the table uses no population. */
  /** bases: whether each year's populations are estimates or projections, as their sources say. */
  populations: { files: string[]; years: number[]; fixed: boolean; bases?: YearBasis[] } | null;
  /** ISO timestamp of the export. */
  exportedAt: string;
}

export interface ReportTable {
  title: string;
  /** One line under the title: measure, period, dataset. */
  subtitle: string;
  /** Header rows, each as wide as the body (a pivot with two column dimensions has two). */
  header: string[][];
  /** The last header row's cell is the only one per column that names it; its kind sets the width and alignment. */
  body: ReportRow[];
  source: ReportSource;
  /** The flags the body uses, in the order of the legend. */
  flagsUsed: CellFlag[];
  /** Plain-words caveats about this table (missing populations, ward vs borough totals…). */
  notes: string[];
}

// ---------------------------------------------------------------------------------------
// Charts' data
// ---------------------------------------------------------------------------------------

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  /** How the series is drawn: last year muted, this year strong, an average as a flat line. */
  role: 'previous' | 'current' | 'average' | 'total';
}

/** A chart as data: what the HTML report draws with Plotly, and what the app renders to PNG/SVG. */
export interface ChartData {
  /** Unique within a pack, safe as a file name: "burglary-months". */
  id: string;
  kind: 'line' | 'bar';
  title: string;
  sourceNote: string;
  /** Along the category axis: months, month ends, wards or boroughs. */
  categories: string[];
  categoryAxis: string;
  valueAxis: string;
  unit: 'count' | 'rate';
  series: ChartSeries[];
  /** Plain words when the chart leaves something out or needs a warning. */
  notes: string[];
}

// ---------------------------------------------------------------------------------------
// The export methods
// ---------------------------------------------------------------------------------------

export type ExportFormat = 'xlsx' | 'csv';

/** The findings blocks that are tables. */
export type FindingsBlock = 'quick-facts' | 'wards' | 'months' | 'rolling-year' | 'neighbours';

/** What to export: a pivot, or one block of an area's findings. */
export type TableSource = { pivot: PivotSpec } | { findings: FactsSpec; block: FindingsBlock };

export interface ExportTableArgs {
  table: TableSource;
  format: ExportFormat;
  /** Absolute path of the file to write; its extension must match the format. */
  path: string;
  /** Replace an existing file; without it an existing file is an error. */
  force?: boolean;
}

export interface WrittenFile {
  path: string;
  kind: 'xlsx' | 'csv' | 'html' | 'json' | 'txt' | 'png' | 'svg' | 'pdf';
  bytes: number;
}

export interface ExportTableResult {
  file: WrittenFile;
  title: string;
  /** Body rows written (totals included). */
  rows: number;
}

export interface ExportPackArgs {
  /** A borough (name or ONS code). */
  area: string;
  year: number;
  /** Categories as `facts/build` takes them: minor names or keys, or major categories. */
  categories: string[];
  /** The year compared with; default the year before. */
  compare?: number;
  yearKind?: 'calendar' | 'financial';
  neighbours?: string[];
  /** Use this population year for both years' rates; by default each year's own. */
  populationYear?: number;
  dataset?: string;
  /** Absolute path of the pack's folder; created if missing. */
  folder: string;
  /** Replace the pack's files where they exist; other files in the folder are never touched. */
  force?: boolean;
  /**
   * The charts as images, drawn by the app's renderer (the engine has no browser to draw
   * them): one per chart of the pack, as `export/pack-charts` lists them. Without them the
   * pack holds the charts' data only.
   */
  images?: ChartImage[];
  /**
   * PNGs of the pack's ward maps, drawn by the app from the SVG the engine made of each
   * (`PackChartsResult.maps`). Without them a map is written as SVG only.
   */
  mapImages?: MapImage[];
}

/** A PNG of one of the pack's ward maps (base64), drawn from the engine's own SVG of it. */
export interface MapImage {
  /** The map's id, as in `PackMap.id`. */
  id: string;
  /** `PackMap.fingerprint` of the SVG drawn: the engine refuses a PNG of a picture that has since changed. */
  fingerprint: string;
  pngBase64: string;
}

/**
 * A ward heat map of the pack, drawn by the engine as SVG (a map needs no browser to draw),
 * for the app to turn into a PNG at `width` × `scale` pixels.
 */
export interface PackMap {
  id: string;
  title: string;
  svg: string;
  /** CSS pixels. */
  width: number;
  height: number;
  scale: number;
  fingerprint: string;
}

/** One chart drawn by the renderer: a PNG (base64, so it crosses JSON as well as IPC) and an SVG document. */
export interface ChartImage {
  /** The chart's id, as in `PackChart.chart.id`. */
  id: string;
  /** `PackChart.fingerprint` of the figure drawn: the engine refuses images of figures that have since changed. */
  fingerprint: string;
  pngBase64: string;
  svg: string;
}

/** What `export/pack-charts` takes: the pack's question, without where it goes. */
export type PackChartsArgs = Omit<ExportPackArgs, 'folder' | 'force' | 'images' | 'mapImages'>;

/** A pack chart ready to draw: its data, the Plotly figure (plain JSON) and the image size. */
export interface PackChart {
  chart: ChartData;
  /** Plotly's `data` and `layout`, with the title and source note drawn in, at `width` × `height` CSS pixels. */
  figure: { data: Record<string, unknown>[]; layout: Record<string, unknown> };
  width: number;
  height: number;
  /** PNG pixels per CSS pixel: `width` × `scale` is an A4 page's width at 300 dpi. */
  scale: number;
  /** A hash of the figure and its size, sent back with the images. */
  fingerprint: string;
}

export interface PackChartsResult {
  charts: PackChart[];
  /** The ward heat maps (one per category whose wards can be drawn). */
  maps?: PackMap[];
}

export interface ExportPackResult {
  folder: string;
  files: WrittenFile[];
  /** The workbook's sheets, in order. */
  sheets: string[];
  charts: { file: string; chart: ChartData }[];
  /** Chart images: written when the app supplied them; the engine alone writes the charts' data only. */
  images: { rendered: boolean; note: string };
  /** The ward heat maps written (SVG, the PNG too when the app drew it, and the classed areas as GeoJSON). */
  maps?: { id: string; title: string; files: string[] }[];
  /** Blocks left out, in plain words (e.g. no ward table for a borough-level dataset). */
  notes: string[];
}
