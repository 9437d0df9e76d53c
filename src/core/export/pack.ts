/**
 * `export/pack`: the assessment pack for an area, a year and a list of categories, in one
 * folder: a workbook (Contents, Summary, each category's tables, Sources & caveats), the
 * HTML report, and each chart's data as JSON. Chart images (PNG, SVG) need a browser
 * engine to draw them: the app asks `export/pack-charts` for the figures, draws them and
 * sends the images with the pack request; the engine checks them and writes them with the
 * rest. Without them (the CLI) it says so rather than faking it. A ward map needs no browser:
 * the engine draws it as SVG (packMap), in the report too, and the app adds a PNG of that very
 * picture. The PDF is printed by the desktop app from the finished HTML report.
 *
 * Every file is staged under a temporary name first and renamed only when all are ready,
 * so a failed or cancelled pack leaves none of its files behind. Other files already in
 * the folder are never touched.
 */
import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type {
  ChartData,
  ExportPackArgs,
  ExportPackResult,
  PackChartsArgs,
  PackChartsResult,
  ReportSource,
  ReportTable,
} from '../../shared/export';
import type { Findings } from '../../shared/findings';
import type { ImportProgress } from '../../shared/importing';
import { buildFindings } from '../analysis/findings/build';
import { WardlensError } from '../errors';
import type { Db } from '../store/workspace';
import { checkChartImages, checkMapImages, type CheckedImage } from './chartImages';
import { findingsCharts, slug } from './charts';
import { findingsSource, findingsTables, summaryTable } from './findingsTables';
import { imageFigure } from './html/imageFigure';
import { reportHtml, type ReportCategory } from './html/report';
import { mapToDraw, packWardMap, reportMap, type PackWardMap, type WardMapOutcome } from './packMap';
import { mapsNote, mapsReadme, packMapFiles } from './packMapFiles';
import { packSheets } from './packSheets';
import {
  asWriteError,
  checkTargets,
  commitFiles,
  discardFiles,
  stageFile,
  type StagedFile,
} from './safeWrite';
import { fileNamePart } from './names';
import { workbookBytes } from './xlsx';

export const IMAGES_NOTE =
  'The charts are written as data (JSON in the charts folder), not as images: PNG and SVG images and the PDF report are drawn by the Wardlens app. The HTML report draws the charts itself.';
export const RENDERED_NOTE =
  'Each chart is in the charts folder as a PNG image (2,480 pixels wide: an A4 page at 300 dpi, for Word), as an SVG image (scales to any size) and as data (JSON).';

export interface PackContext {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

function validate(args: PackChartsArgs & { folder?: unknown }, needsFolder = true): void {
  if (typeof args.area !== 'string' || !args.area.trim())
    throw new WardlensError('bad-request', 'Give the area (a borough) for the pack.');
  if (!Number.isInteger(args.year))
    throw new WardlensError('bad-request', 'Give the year of the assessment, e.g. 2017.');
  if (
    !Array.isArray(args.categories) ||
    args.categories.length === 0 ||
    args.categories.some((c) => typeof c !== 'string' || !c.trim())
  ) {
    throw new WardlensError(
      'bad-request',
      'Give one or more categories for the pack, e.g. Burglary, Robbery.',
    );
  }
  if (needsFolder && (typeof args.folder !== 'string' || !isAbsolute(args.folder)))
    throw new WardlensError('bad-request', 'Give the full path of the folder for the pack.');
}

export interface PackCategory {
  findings: Findings;
  source: ReportSource;
  prefix: string;
  tables: { block: string; table: ReportTable }[];
  charts: ChartData[];
  /** The ward heat map, why it is not drawn, or null for a borough-level dataset. */
  map: WardMapOutcome;
}

/** Each category's findings, tables and charts, in the order asked for. */
function packCategories(
  db: Db,
  args: PackChartsArgs,
  step: (category: string, i: number) => void = () => undefined,
): PackCategory[] {
  const prefixes = new Set<string>();
  const categories: PackCategory[] = [];
  for (const [i, category] of args.categories.entries()) {
    step(category, i);
    const findings = buildFindings(db, {
      area: args.area,
      category: category.trim(),
      year: args.year,
      compare: args.compare,
      yearKind: args.yearKind,
      neighbours: args.neighbours,
      populationYear: args.populationYear,
      dataset: args.dataset,
    });
    let prefix = slug(findings.category.label);
    for (let n = 2; prefixes.has(prefix); n++) prefix = `${slug(findings.category.label)}-${n}`;
    prefixes.add(prefix);
    const source = findingsSource(db, findings);
    categories.push({
      findings,
      source,
      prefix,
      tables: findingsTables(findings, source),
      charts: findingsCharts(findings, source, prefix),
      map: packWardMap(db, findings, prefix),
    });
  }
  return categories;
}

/** `export/pack-charts`: the pack's charts as figures ready to draw, so the app can send their images with the pack. */
export function packCharts(db: Db, args: PackChartsArgs): PackChartsResult {
  validate(args, false);
  const categories = packCategories(db, args);
  return {
    charts: categories.flatMap((c) => c.charts.map(imageFigure)),
    maps: wardMaps(categories).map(mapToDraw),
  };
}

const wardMaps = (categories: PackCategory[]): PackWardMap[] =>
  categories.flatMap((c) => (c.map && 'map' in c.map ? [c.map.map] : []));

export async function exportPack(
  db: Db,
  args: ExportPackArgs,
  ctx: PackContext = {},
): Promise<ExportPackResult> {
  validate(args);
  const force = args.force === true;
  const checkCancelled = () => {
    if (ctx.signal?.aborted)
      throw new WardlensError('cancelled', 'The pack was cancelled; nothing was written.');
  };

  const steps = args.categories.length + 2;
  const progress = (label: string, step: number) =>
    ctx.onProgress?.({ file: label, rows: step, percent: (100 * step) / steps });
  const categories = packCategories(db, args, (category, i) => {
    checkCancelled();
    progress(category, i);
  });

  const first = categories[0]!.findings;
  const base = `${fileNamePart(first.area.name, 'Area')} ${first.years.current.replace('/', '-')}`;
  const folder = args.folder;
  const paths = {
    workbook: join(folder, `${base} tables.xlsx`),
    report: join(folder, `${base} report.html`),
    chartsReadme: join(folder, 'charts', 'README.txt'),
    chart: (c: ChartData) => join(folder, 'charts', `${c.id}.json`),
    image: (id: string, ext: 'png' | 'svg') => join(folder, 'charts', `${id}.${ext}`),
  };
  const allCharts = categories.flatMap((c) => c.charts);
  // Checked before anything is written: a bad image stops the whole pack.
  const images: CheckedImage[] | null =
    args.images === undefined ? null : checkChartImages(args.images, allCharts.map(imageFigure));
  const imagesNote = images ? RENDERED_NOTE : IMAGES_NOTE;
  const maps = wardMaps(categories);
  const mapPngs =
    args.mapImages === undefined
      ? null
      : checkMapImages(
          args.mapImages,
          maps.map((m) => ({ ...m, width: m.picture.width, height: m.picture.height })),
        );
  const mapFiles = packMapFiles(maps, mapPngs, join(folder, 'charts'));
  checkTargets(
    [
      paths.workbook,
      paths.report,
      paths.chartsReadme,
      ...allCharts.map(paths.chart),
      ...(images ?? []).flatMap((i) => [paths.image(i.id, 'png'), paths.image(i.id, 'svg')]),
      ...mapFiles.map((f) => f.path),
    ],
    force,
  );

  const notes = categories.flatMap((c) =>
    c.findings.wards
      ? []
      : [
          `${c.findings.category.label}: no ward table or ward chart, because ${c.findings.dataset.name} is by borough.`,
        ],
  );
  notes.push(...categories.flatMap((c) => (c.map && 'missing' in c.map ? [c.map.missing] : [])));
  const mapNote = mapsNote(maps, mapPngs !== null);
  const exportedAt = new Date().toISOString();
  const summary = summaryTable(
    categories.map((c) => c.findings),
    categories[0]!.source,
  );
  const sheets = packSheets({ categories, summary, notes, imagesNote, mapNote });
  checkCancelled();
  progress('workbook', args.categories.length);
  const workbook = await workbookBytes(sheets);
  checkCancelled();
  progress('report', args.categories.length + 1);
  const html = reportHtml({
    title: `${first.area.name}: crime in ${first.years.current} compared with ${first.years.previous}`,
    subtitle: `Strategic Assessment tables and charts: ${categories.map((c) => c.findings.category.label).join(', ')}. ${first.dataset.name}.`,
    summary,
    categories: categories.map((c): ReportCategory => ({
      findings: c.findings,
      anchor: c.prefix,
      tables: c.tables,
      charts: c.charts,
      map: c.map && 'map' in c.map ? reportMap(c.map.map) : undefined,
    })),
    sources: categories.map((c) => c.source),
    notes,
    exportedAt,
    images: images !== null,
  });

  try {
    mkdirSync(join(folder, 'charts'), { recursive: true });
  } catch (err) {
    throw asWriteError(err, join(folder, 'charts'));
  }
  const staged: StagedFile[] = [];
  try {
    staged.push(await stageFile(paths.workbook, workbook, 'xlsx'));
    staged.push(await stageFile(paths.report, html, 'html'));
    for (const chart of allCharts) {
      checkCancelled();
      staged.push(await stageFile(paths.chart(chart), `${JSON.stringify(chart, null, 2)}\n`, 'json'));
    }
    for (const image of images ?? []) {
      checkCancelled();
      staged.push(await stageFile(paths.image(image.id, 'png'), image.png, 'png'));
      staged.push(await stageFile(paths.image(image.id, 'svg'), image.svg, 'svg'));
    }
    for (const file of mapFiles) {
      checkCancelled();
      staged.push(await stageFile(file.path, file.content, file.kind));
    }
    const readme = [chartsReadme(allCharts, imagesNote), ...mapsReadme(maps, mapNote, mapPngs !== null)].join(
      '\r\n',
    );
    staged.push(await stageFile(paths.chartsReadme, readme, 'txt'));
    checkCancelled();
  } catch (err) {
    discardFiles(staged);
    throw err;
  }
  const files = commitFiles(staged, force);
  progress('done', steps);
  return {
    folder,
    files,
    sheets: sheets.map((s) => s.name),
    charts: allCharts.map((chart) => ({ file: paths.chart(chart), chart })),
    images: { rendered: images !== null, note: imagesNote },
    maps: maps.map((m) => ({
      id: m.id,
      title: m.title,
      files: mapFiles.filter((f) => f.mapId === m.id).map((f) => f.path),
    })),
    notes,
  };
}

function chartsReadme(charts: ChartData[], imagesNote: string): string {
  const rendered = imagesNote === RENDERED_NOTE;
  return [
    `Charts of the assessment pack${rendered ? '' : ', as data'} (made by Wardlens).`,
    '',
    imagesNote,
    '',
    'Each JSON file holds one chart: its title, source note, the labels along its category axis, and one list of values per series (null where the data has no figure).',
    '',
    ...charts.map((c) => `${c.id}.${rendered ? '{png,svg,json}' : 'json'}  ${c.title}`),
    '',
  ].join('\r\n');
}
