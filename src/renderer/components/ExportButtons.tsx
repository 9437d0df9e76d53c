/**
 * "Export table: Excel · CSV" for any pivot or findings table. The desktop app asks where to
 * save; browser mode downloads the file. Says where it went, or what went wrong.
 */
import { useState } from 'react';
import type { ApiError } from '../../shared/errors';
import type { ExportFormat, TableSource } from '../../shared/export';
import { useWorkbench } from '../api/context';
import { asApiError } from '../api/errors';
import { ErrorNotice } from './ErrorNotice';

export function ExportButtons({
  table,
  fileName,
  label,
}: {
  table: TableSource;
  fileName: string;
  label: string;
}) {
  const { client } = useWorkbench();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function run(format: ExportFormat) {
    setBusy(format);
    setDone(null);
    setError(null);
    try {
      const outcome = await client.exportTable({ table, format }, `${fileName}.${format}`);
      if (outcome) setDone(outcome.where);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="export-buttons" role="group" aria-label={`Export ${label}`}>
      <span className="export-label">Export table:</span>
      <button
        type="button"
        className="button button-quiet"
        disabled={busy !== null}
        onClick={() => void run('xlsx')}
      >
        {busy === 'xlsx' ? 'Exporting…' : 'Excel (xlsx)'}
      </button>
      <button
        type="button"
        className="button button-quiet"
        disabled={busy !== null}
        onClick={() => void run('csv')}
      >
        {busy === 'csv' ? 'Exporting…' : 'CSV'}
      </button>
      {done && (
        <span className="hint" role="status">
          {done}
        </span>
      )}
      {error && <ErrorNotice error={error} title="The table could not be exported." />}
    </div>
  );
}
