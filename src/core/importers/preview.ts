/** A look at a file before importing it: what Wardlens recognises it as, and its first rows. */
import { basename, extname } from 'node:path';
import type { ColumnMapping } from '../../shared/importing';
import type { AreaCheck, FilePreview } from '../../shared/preview';
import { toApiError, WardlensError } from '../errors';
import { AreaRegistry } from '../store/areas';
import type { Workspace } from '../store/workspace';
import { isBlank, Tally, type ImportContext } from './context';
import { checkMappedAreas, layoutFromMapping } from './formats/mapped';
import { planImport, type ImportPlan } from './plan';
import { openTable } from './readers/open';
import { cellText, type SheetRow, type TableSource } from './readers/table';
import { xlsxSheetNames } from './readers/xlsx';

export async function previewFile(ws: Workspace, path: string, sheet?: string, mapping?: ColumnMapping): Promise<FilePreview> {
  if (typeof path !== 'string' || path === '') throw new WardlensError('bad-request', 'Give the file to preview.');
  const preview: FilePreview = { file: basename(path), sheets: [], sheet: null, format: null, dataset: null, headerRow: 1, rows: [], problem: null };
  let opened = false;
  try {
    if (['.xlsx', '.xlsm'].includes(extname(path).toLowerCase())) preview.sheets = xlsxSheetNames(path);
    const source = openTable(path, mapping?.sheet ?? sheet);
    opened = true;
    preview.sheet = source.sheet;
    preview.rows = source.head.map((r) => ({ row: r.row, cells: r.cells.map(cellText) }));
    // Unrecognised sheets start the mapping at the guessed header; a recognised one's plan says where it is.
    preview.headerRow = guessHeaderRow(source.head);
    const plan = await planImport(ws.db, source, mapping ? { mapping } : {});
    Object.assign(preview, { format: plan.format, dataset: plan.dataset.name, headerRow: plan.headerRow });
    if (mapping && plan.format === 'mapped') {
      preview.areas = await checkAreas(ws, source, plan, mapping);
      preview.problem = nothingStored(preview.areas);
    }
  } catch (err) {
    // A file that cannot be opened as a table at all (a .parquet, an empty or password-protected
    // file) is refused at the first look: no mapping can read it, so none is offered. A sheet
    // chosen afterwards that cannot be read is said under the sheet list, where another is chosen.
    if (!opened && sheet === undefined && mapping === undefined) throw err;
    const error = toApiError(err);
    preview.problem = error.message;
    if (error.details) preview.problemAt = error.details;
  }
  return preview;
}

/**
 * Where a partner sheet's header probably is: the first row of two or more labels and no
 * figures whose next non-blank row holds a figure. Title rows ("Harrow ASB return",
 * "Produced by…") above it have one cell, or are followed by the header rather than by data.
 * Row 1 when nothing looks like that: the analyst says.
 */
export function guessHeaderRow(head: SheetRow[]): number {
  const filled = head.filter((r) => !isBlank(r.cells));
  const found = filled.findIndex((r, i) => looksLikeHeader(r.cells) && looksLikeData(filled[i + 1]?.cells ?? []));
  return found < 0 ? (head[0]?.row ?? 1) : filled[found]!.row;
}

const nonBlank = (cells: unknown[]) => cells.filter((c) => cellText(c) !== '');
/** A count or other figure; a yyyymm month (201701), which heads a month column, is not. */
function isFigure(value: unknown): boolean {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().replace(/,/g, '') : '';
  return /^-?\d+(\.\d+)?$/.test(text) && !/^(19|20|21|22)\d{2}(0[1-9]|1[0-2])$/.test(text);
}
const looksLikeHeader = (cells: unknown[]) => nonBlank(cells).length >= 2 && !cells.some(isFigure);
const looksLikeData = (cells: unknown[]) => nonBlank(cells).length >= 2 && cells.some(isFigure);

/** Every row's area, resolved as the import will resolve it; nothing is written (no import, no dataset). */
async function checkAreas(ws: Workspace, source: TableSource, plan: ImportPlan, mapping: ColumnMapping): Promise<AreaCheck> {
  const header = source.head.find((r) => r.row === plan.headerRow)!.cells;
  const layout = layoutFromMapping(source.file, mapping, header, plan.headerRow);
  const ctx: ImportContext = {
    db: ws.db, source, header: plan.header, headerRow: plan.headerRow, importId: 0, datasetId: 0,
    areas: new AreaRegistry(ws.db), tally: new Tally(),
  };
  let check: AreaCheck;
  try {
    check = await checkMappedAreas(ctx, mapping, layout);
  } catch (err) {
    throw ctx.tally.badCells.withError(source.file, err);
  }
  // Cells the import would refuse: the check says so in the import's own words, every one of them.
  const bad = ctx.tally.badCells.refusal(source.file);
  if (bad) throw bad;
  return check;
}

/** The import refuses a file none of whose rows it would store: the check says so first (the view says which names, and why). */
function nothingStored(check: AreaCheck): string | null {
  if (check.rowsStored > 0) return null;
  if (check.rows === 0) return 'No row would be stored: the sheet has a header but no rows below it.';
  if (check.rows === check.totalsRows) return 'No row would be stored: below the header there are only totals rows.';
  return `No row would be stored: no area name in the sheet resolves to one ${check.level} in the workspace.`;
}
