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
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Something went wrong inside Wardlens: ${message}` };
}
