/**
 * Taking an import back out (imports/delete), after a confirmation that says what will
 * happen: its figures go, and the months it had replaced go back to the earlier extract's
 * figures. Used by the Data view's imports table and by an import's result card.
 */
import { useEffect, useRef, useState } from 'react';
import type { DeletedImport } from '../../../shared/importing';
import type { ApiError } from '../../../shared/errors';
import { counted } from '../../../shared/counted';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { monthList } from '../../format/months';

export interface RemovableImport {
  id: number;
  file: string;
  dataset: string;
}

/** What the removal did, in plain words. */
export function removedText(d: DeletedImport): string {
  const parts = [`${d.file} was taken out of “${d.dataset}” (${counted(d.rowsRemoved, 'figure')} removed).`];
  if (d.restoredMonths.length) {
    const from = [...new Set(d.restoredMonths.map((m) => m.file))].join(', ');
    parts.push(`${monthList(d.restoredMonths.map((m) => m.month))} went back to the earlier figures from ${from}.`);
  }
  if (d.emptiedMonths.length) parts.push(`${monthList(d.emptiedMonths)} are no longer held: no other file has them.`);
  if (d.datasetRemoved) parts.push('The dataset held nothing else and was removed.');
  return parts.join(' ');
}

/** The question, and the removal once the analyst says yes. */
export function ConfirmRemove({
  target,
  onRemoved,
  onCancel,
}: {
  target: RemovableImport;
  onRemoved?(d: DeletedImport): void;
  onCancel(): void;
}) {
  const { client, refresh } = useWorkbench();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      const deleted = await client.invoke('imports/delete', { importId: target.id });
      await refresh();
      onRemoved?.(deleted);
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  }

  return (
    <div className="confirm-remove" role="group" aria-label={`Remove ${target.file}?`}>
      <p>
        Take <strong>{target.file}</strong> out of “{target.dataset}”? Its figures are removed. Any months it
        replaced go back to the figures of the earlier extract, which are kept; months no other file holds
        will no longer be held. You can import the file again later.
      </p>
      <div className="confirm-actions">
        <button type="button" className="button button-danger" disabled={busy} onClick={() => void remove()}>
          {busy ? 'Removing…' : 'Remove the import'}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onCancel} autoFocus>
          Keep it
        </button>
      </div>
      {error && <ErrorNotice error={error} title="The import could not be removed." />}
    </div>
  );
}

/** A button that opens the question in place; "Keep it" closes it and the keyboard returns to the button. */
export function RemoveImport({
  target,
  label,
  onRemoved,
}: {
  target: RemovableImport;
  /** "Remove this import" or "Undo this import". */
  label: string;
  onRemoved?(d: DeletedImport): void;
}) {
  const [asking, setAsking] = useState(false);
  const opener = useReturnFocus(asking);
  if (!asking) {
    return (
      <button ref={opener} type="button" className="button button-small" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return <ConfirmRemove target={target} onRemoved={onRemoved} onCancel={() => setAsking(false)} />;
}

/** A ref for the button that opened a question: focused again when the question closes. */
export function useReturnFocus(open: boolean) {
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open && wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return opener;
}
