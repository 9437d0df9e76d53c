/**
 * Incidents not yet placed in wards have no borough to choose an area by: one button places
 * them (point in polygon, the newest ward set imported) and says what could not be placed.
 */
import { useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { DatasetSummary } from '../../../shared/workspace';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';

export function PlaceIncidents({ dataset }: { dataset: DatasetSummary }) {
  const { client, refresh } = useWorkbench();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function place() {
    setBusy(true);
    setError(null);
    try {
      await client.invoke('incidents/assign-areas', { dataset: dataset.key });
      await refresh();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="place-incidents">
      <p>
        These incidents are not yet placed in wards and boroughs, so they cannot be mapped or pivoted by ward
        (hotspots do not need it). Points outside every ward are counted and reported, never guessed.
      </p>
      <button type="button" className="button" disabled={busy} onClick={() => void place()}>
        {busy ? 'Placing incidents…' : 'Place incidents in wards and boroughs'}
      </button>
      {error && <ErrorNotice error={error} title="The incidents could not be placed in wards." />}
    </div>
  );
}
