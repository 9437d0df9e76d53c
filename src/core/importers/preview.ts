/** A look at a file before importing it: what Wardlens recognises it as, and its first rows. */
import { basename, extname } from 'node:path';
import type { ColumnMapping } from '../../shared/importing';
import type { FilePreview } from '../../shared/preview';
import { toApiError, WardlensError } from '../errors';
import type { Workspace } from '../store/workspace';
import { planImport } from './plan';
import { openTable } from './readers/open';
import { cellText } from './readers/table';
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
  } catch (err) {
    preview.problem = toApiError(err).message;
  }
  return preview;
}
