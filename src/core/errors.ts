/** The engine's one error type: an ApiError that can be thrown. */
import type { ApiError, ErrorCode, ErrorDetails } from '../shared/errors';

export class WardlensError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'WardlensError';
  }

  toApiError(): ApiError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

/** A bad-input error that names the file, row and column, as every import error must. */
export function badInput(file: string, message: string, where: Omit<ErrorDetails, 'file'> = {}): WardlensError {
  const place = [where.row !== undefined ? `row ${where.row}` : null, where.column ? `column "${where.column}"` : null]
    .filter(Boolean)
    .join(', ');
  return new WardlensError('bad-input', `${file}${place ? ` (${place})` : ''}: ${message}`, { file, ...where });
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof WardlensError) return err.toApiError();
  const sqlite = (err as { code?: string }).code;
  if (sqlite === 'SQLITE_BUSY' || sqlite === 'SQLITE_LOCKED') {
    return { code: 'workspace-invalid', message: 'Another Wardlens (or another program) is writing to this workspace. Nothing was changed; try again when it has finished.' };
  }
  if (sqlite === 'SQLITE_FULL') return { code: 'internal', message: 'The disk is full: nothing was changed. Free some space and try again.' };
  if (sqlite === 'SQLITE_CORRUPT' || sqlite === 'SQLITE_NOTADB') {
    return { code: 'workspace-invalid', message: 'The workspace file is damaged. Nothing was written to it; open a backup copy instead.' };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Something went wrong inside Wardlens: ${message}` };
}
