/** A look at a file before importing it: what Wardlens recognises it as, and its first rows. */
import { basename, extname } from 'node:path';
import type { ColumnMapping } from '../../shared/importing';
import type { AreaCheck, FilePreview } from '../../shared/preview';
import { toApiError, WardlensError } from '../errors';
import { AreaRegistry } from '../store/areas';
import type { Workspace } from '../store/workspace';
import { Tally, type ImportContext } from './context';
import { checkMappedAreas, layoutFromMapping } from './formats/mapped';
import { planImport, type ImportPlan } from './plan';
import { openTable } from './readers/open';
import { cellText, type TableSource } from './readers/table';
import { xlsxSheetNames } from './readers/xlsx';

export async function previewFile(ws: Workspace, path: string, sheet?: string, mapping?: ColumnMapping): Promise<FilePreview> {
  if (typeof path !== 'string' || path === '') throw new WardlensError('bad-request', 'Give the file to preview.');
  const preview: FilePreview = { file: basename(path), sheets: [], sheet: null, format: null, dataset: null, headerRow: 1, rows: [], problem: null };
  try {
    if (['.xlsx', '.xlsm'].includes(extname(path).toLowerCase())) preview.sheets = xlsxSheetNames(path);
    const source = openTable(path, mapping?.sheet ?? sheet);
    preview.sheet = source.sheet;
    preview.rows = source.head.map((r) => ({ row: r.row, cells: r.cells.map(cellText) }));
    const plan = await planImport(ws.db, source, mapping ? { mapping } : {});
    Object.assign(preview, { format: plan.format, dataset: plan.dataset.name, headerRow: plan.headerRow });
    if (mapping && plan.format === 'mapped') {
      preview.areas = await checkAreas(ws, source, plan, mapping);
      preview.problem = nothingStored(preview.areas);
    }
  } catch (err) {
    preview.problem = toApiError(err).message;
  }
  return preview;
}

/** Every row's area, resolved as the import will resolve it; nothing is written (no import, no dataset). */
async function checkAreas(ws: Workspace, source: TableSource, plan: ImportPlan, mapping: ColumnMapping): Promise<AreaCheck> {
  const header = source.head.find((r) => r.row === plan.headerRow)!.cells;
  const layout = layoutFromMapping(source.file, mapping, header, plan.headerRow);
  const ctx: ImportContext = {
    db: ws.db, source, header: plan.header, headerRow: plan.headerRow, importId: 0, datasetId: 0,
    areas: new AreaRegistry(ws.db), tally: new Tally(),
  };
  return checkMappedAreas(ctx, mapping, layout);
}

/** The import refuses a file none of whose rows it would store: the check says so first (the view says which names, and why). */
function nothingStored(check: AreaCheck): string | null {
  if (check.rowsStored > 0) return null;
  if (check.rows === 0) return 'No row would be stored: the sheet has a header but no rows below it.';
  if (check.rows === check.totalsRows) return 'No row would be stored: below the header there are only totals rows.';
  return `No row would be stored: no area name in the sheet resolves to one ${check.level} in the workspace.`;
}
