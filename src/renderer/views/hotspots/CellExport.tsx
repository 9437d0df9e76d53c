/** "Export cells: GeoJSON · CSV": the hotspot grid as a table, saved the way every export is. */
import { useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { HotspotResult } from '../../../shared/geo';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { cellFile, CELL_FORMATS, type CellFormat } from './cellFiles';

export function CellExport({ result, fileName }: { result: HotspotResult; fileName: string }) {
  const { client } = useWorkbench();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function save(format: CellFormat, type: string) {
    setDone(null);
    setError(null);
    try {
      const outcome = await client.saveFile(`${fileName}.${format}`, [format], cellFile(result, format), type);
      if (outcome) setDone(outcome.where);
    } catch (err) {
      setError(asApiError(err));
    }
  }

  return (
    <div className="export-buttons" role="group" aria-label="Export the cells">
      <span className="export-label">Export cells:</span>
      {CELL_FORMATS.map((f) => (
        <button key={f.format} type="button" className="button button-quiet" onClick={() => void save(f.format, f.type)}>
          {f.label}
        </button>
      ))}
      {done && (
        <span className="hint" role="status">
          {done}
        </span>
      )}
      {error && <ErrorNotice error={error} title="The cells could not be exported." />}
    </div>
  );
}
