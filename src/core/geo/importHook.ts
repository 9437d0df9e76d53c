/**
 * Boundary files given to `import/files` (a .geojson dropped in with the month's extracts):
 * imported as boundaries and reported in the import's own result shape, so one import call
 * handles everything an analyst drops in. Options such as the vintage need boundaries/import.
 */
import { basename } from 'node:path';
import type { ImportFileResult } from '../../shared/importing';
import { toApiError } from '../errors';
import type { Workspace } from '../store/workspace';
import { importBoundaries } from './importBoundaries';

export { isBoundaryFile } from './sources';

export function importBoundaryFile(ws: Workspace, path: string): ImportFileResult {
  const started = Date.now();
  const result: ImportFileResult = {
    file: basename(path), status: 'failed', format: null, dataset: null, importId: null, rowsRead: 0, rowsStored: 0, rowsRejected: 0,
    areas: 0, categories: 0, months: { first: null, last: null, count: 0 }, supersededMonths: [], unmatchedNames: [], warnings: [],
    error: null, seconds: 0,
  };
  try {
    const r = importBoundaries(ws, path);
    const s = r.set;
    Object.assign(result, {
      status: r.status,
      format: 'boundaries',
      dataset: `Boundaries: ${s.name} (${s.kind}${s.vintage ? `, ${s.vintage}` : ''})`,
      rowsRead: r.features,
      rowsStored: r.areasLinked,
      rowsRejected: r.unmatchedCodes.length,
      areas: r.areasLinked,
      unmatchedNames: r.unmatchedCodes.map((u) => ({ name: u.name ? `${u.code} ${u.name}` : u.code, rows: 1 })),
      warnings: [
        ...(r.status === 'imported' ? [`Boundary set: ${s.polygons} ${s.kind} polygon(s)${s.vintage ? ` of the ${s.vintage} set` : ''}, read as ${s.sourceCrs}, codes from "${r.codeProperty}".`] : []),
        ...r.warnings,
        ...(r.areasWithoutPolygon.length ? [`${r.areasWithoutPolygon.length} ${s.kind}(s) of these boroughs have no polygon yet: ${r.areasWithoutPolygon.slice(0, 5).map((a) => a.name).join(', ')}${r.areasWithoutPolygon.length > 5 ? ', …' : ''}.`] : []),
      ],
    });
  } catch (err) {
    result.error = toApiError(err);
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}
