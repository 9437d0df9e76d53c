/** Any failure as the contract's ApiError, so every view shows errors the same way. */
import { isApiError, type ApiError } from '../../shared/errors';
import { EngineError } from './client';

export function asApiError(err: unknown): ApiError {
  if (err instanceof EngineError) return err.error;
  if (isApiError(err)) return err;
  if (err instanceof DOMException && err.name === 'AbortError')
    return { code: 'cancelled', message: 'Cancelled.' };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
