/**
 * An engine error in plain words: the message, then where (file, row, column) and what was
 * expected against what was found, so the analyst knows what to fix. Never a stack trace.
 */
import type { ApiError } from '../../shared/errors';

const HINTS: Partial<Record<ApiError['code'], string>> = {
  'bad-input': 'Correct the cell in the spreadsheet, save it, and import the file again.',
  'unknown-format': 'Map its columns below: say which column holds the area, the month and the count.',
  'too-large': 'Split the file into smaller files and import them together.',
  'workspace-too-new': 'Open it with the newer Wardlens that made it.',
  'not-found': 'Check the spelling, or pick a value from the list.',
};

export function ErrorNotice({ error, title }: { error: ApiError; title?: string }) {
  const d = error.details;
  const where = d && (d.file || d.row !== undefined || d.column);
  const hint = d?.expected ? `Put ${d.expected} there, then import the file again.` : HINTS[error.code];
  return (
    <div className="notice notice-error" role="alert">
      {title && <p className="notice-title">{title}</p>}
      <p>{error.message}</p>
      {where && (
        <dl className="error-where">
          {d.file && (
            <>
              <dt>File</dt>
              <dd>{d.file}</dd>
            </>
          )}
          {d.row !== undefined && (
            <>
              <dt>Row</dt>
              <dd>{d.row}</dd>
            </>
          )}
          {d.column && (
            <>
              <dt>Column</dt>
              <dd>{d.column}</dd>
            </>
          )}
          {d.found !== undefined && (
            <>
              <dt>Found</dt>
              <dd>“{d.found}”</dd>
            </>
          )}
          {d.expected && (
            <>
              <dt>Expected</dt>
              <dd>{d.expected}</dd>
            </>
          )}
        </dl>
      )}
      {hint && <p className="notice-hint">What to do: {hint}</p>}
    </div>
  );
}
