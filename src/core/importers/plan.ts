/**
 * Recognising a file: which format it is, where its header is, and which dataset it joins.
 * Nothing is written here; the plan is carried out inside the file's transaction.
 */
import type { ColumnMapping, ImportOptions } from '../../shared/importing';
import type { FileFormat } from '../../shared/workspace';
import { badInput, WardlensError } from '../errors';
import { localIsoDate } from '../months';
import { datasetKeyFromName, type DatasetSpec } from '../store/datasets';
import type { MonthClaims } from '../store/revisions';
import type { Db } from '../store/workspace';
import { normaliseHeader, type ImportContext } from './context';
import { importMapped, layoutFromMapping, mappedDatasetSpec } from './formats/mapped';
import { importMpsWide, mpsDatasetSpec, recogniseMpsWide, wardVintageOf } from './formats/mpsWide';
import { forceOf, importPoliceUk, policeUkDatasetSpec, recognisePoliceUk } from './formats/policeUk';
import { importPopulation, populationDatasetSpec, recognisePopulation } from './formats/population';
import { cellText, type TableSource } from './readers/table';

export interface ImportPlan {
  format: FileFormat;
  headerRow: number;
  header: string[];
  dataset: DatasetSpec;
  /** Reads the rows in; `claim` says which months this extract now supplies (see store/revisions). */
  run(ctx: ImportContext, claim: (months: number[]) => MonthClaims): Promise<void>;
}

export async function planImport(db: Db, source: TableSource, options: ImportOptions): Promise<ImportPlan> {
  if (source.head.length === 0) throw badInput(source.file, 'the file is empty.', { row: 1 });
  const plan = options.mapping ? planMapped(source, options.mapping, options.dataset) : await recognise(db, source);
  if (!plan) {
    throw new WardlensError(
      'unknown-format',
      `${source.file}: Wardlens does not recognise this layout (header: ${source.head[0]!.cells.map(cellText).filter(Boolean).slice(0, 8).join(', ')}). Import it with a column mapping that says which columns hold the area, month, category and count.`,
      { file: source.file, row: 1 },
    );
  }
  if (options.dataset && !options.mapping) {
    plan.dataset = { ...plan.dataset, key: datasetKeyFromName(options.dataset), name: options.dataset };
  }
  return plan;
}

async function recognise(db: Db, source: TableSource): Promise<ImportPlan | null> {
  const first = source.head[0]!;
  const header = normaliseHeader(first.cells);
  const displayHeader = first.cells.map(cellText);
  const base = { headerRow: first.row, header: displayHeader };

  const mps = recogniseMpsWide(header);
  if (mps) {
    const vintage = mps.format === 'mps-ward' ? await wardVintageOf({ db, source, headerRow: first.row }, mps) : null;
    const dataset = mpsDatasetSpec(mps, vintage);
    return { ...base, format: mps.format, dataset, run: (ctx, claim) => importMpsWide(ctx, claim, mps, dataset.categoryScheme!, vintage) };
  }
  const police = recognisePoliceUk(header);
  if (police) {
    const force = forceOf(source.head, first.row, police);
    if (!force) throw badInput(source.file, 'the file has a header but no rows of crimes.', { row: first.row + 1 });
    return { ...base, format: 'policeuk-street', dataset: policeUkDatasetSpec(force), run: (ctx) => importPoliceUk(ctx, police) };
  }
  const population = recognisePopulation(source.head, source.file);
  if (population) {
    const headerCells = source.head.find((r) => r.row === population.headerRow)!.cells.map(cellText);
    return {
      format: 'population',
      headerRow: population.headerRow,
      header: headerCells,
      dataset: populationDatasetSpec,
      run: (ctx) => importPopulation(ctx, population),
    };
  }
  return null;
}

function planMapped(source: TableSource, mapping: ColumnMapping, datasetName: string | undefined): ImportPlan {
  const headerRow = mapping.headerRow ?? 1;
  const headerCells = source.head.find((r) => r.row === headerRow)?.cells;
  if (!headerCells) throw badInput(source.file, `the mapping puts the header on row ${headerRow}, but the sheet has no such row near the top.`, { row: headerRow });
  const layout = layoutFromMapping(source.file, mapping, headerCells, headerRow);
  const name = datasetName ?? source.file.replace(/\.[^.]+$/, '');
  return {
    format: 'mapped',
    headerRow,
    header: headerCells.map((c) => (c instanceof Date ? localIsoDate(c).slice(0, 7) : cellText(c))),
    dataset: mappedDatasetSpec(mapping, name),
    run: (ctx, claim) => importMapped(ctx, claim, mapping, layout),
  };
}
