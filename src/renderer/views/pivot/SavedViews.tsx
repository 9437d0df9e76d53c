/** Pivots saved by name, to open again next month with the new extract. */
import { useCallback, useEffect, useState } from 'react';
import type { PivotSpec } from '../../../shared/pivot';
import type { SavedView } from '../../../shared/saved';
import { asApiError } from '../../api/errors';
import { useWorkbench } from '../../api/context';

export function SavedViews({
  spec,
  onOpen,
}: {
  spec: PivotSpec;
  onOpen(spec: PivotSpec, name: string): void;
}) {
  const { client } = useWorkbench();
  const [views, setViews] = useState<SavedView[]>([]);
  const [name, setName] = useState('');
  const [selected, setSelected] = useState('');
  // What was last said, and of which pivot: once the pivot changes (a drill-down, a new filter) it no longer applies.
  const [status, setStatusFor] = useState<{ text: string; spec: PivotSpec } | null>(null);
  const setStatus = (text: string, about: PivotSpec = spec) => setStatusFor({ text, spec: about });
  // The saved pivot on screen, if the table still shows it: after a drill-down it no longer does.
  const shown = views.some((v) => v.name === selected && sameSpec(v.state as PivotSpec, spec))
    ? selected
    : '';

  const load = useCallback(
    () => client.invoke('views/list', {}).then((v) => setViews(v.filter((x) => x.kind === 'pivot'))),
    [client],
  );
  useEffect(() => {
    load().catch(() => setViews([]));
  }, [load]);

  // A name already saved for another pivot: asked about before it is replaced (views/save replaces).
  const [replacing, setReplacing] = useState<string | null>(null);

  async function save(replace = false) {
    const n = name.trim();
    if (!n) return;
    const existing = views.find((v) => v.name === n);
    if (existing && !replace && !sameSpec(existing.state as PivotSpec, spec)) {
      setReplacing(n);
      return;
    }
    setReplacing(null);
    try {
      await client.invoke('views/save', { name: n, kind: 'pivot', state: spec });
      await load();
      setSelected(n);
      setStatus(`Saved “${n}”.`);
    } catch (err) {
      setStatus(asApiError(err).message);
    }
  }

  async function remove() {
    if (!selected) return;
    try {
      await client.invoke('views/delete', { name: selected });
      setStatus(`Deleted “${selected}”.`);
      setSelected('');
      await load();
    } catch (err) {
      setStatus(asApiError(err).message);
    }
  }

  function open(n: string) {
    setSelected(n);
    const v = views.find((x) => x.name === n);
    if (v) {
      onOpen(v.state as PivotSpec, n);
      setName(n);
      setStatus(`Opened “${n}”.`, v.state as PivotSpec);
    }
  }

  return (
    <div className="saved-views">
      <label className="field">
        <span>Saved pivots</span>
        <select value={shown} onChange={(e) => open(e.target.value)}>
          <option value="">{views.length ? 'Open a saved pivot…' : 'None saved yet'}</option>
          {views.map((v) => (
            <option key={v.name} value={v.name}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {shown && (
        <button type="button" className="button button-quiet" onClick={() => void remove()}>
          Delete
        </button>
      )}
      <label className="field">
        <span>Save this pivot as</span>
        <input
          type="text"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setReplacing(null);
          }}
          placeholder="e.g. Harrow wards by year"
        />
      </label>
      <button type="button" className="button" onClick={() => void save()} disabled={!name.trim()}>
        Save
      </button>
      {replacing && replacing === name.trim() && (
        <ReplaceQuestion name={replacing} onReplace={() => void save(true)} onKeep={() => setReplacing(null)} />
      )}
      {status && sameSpec(status.spec, spec) && (
        <span className="save-state" role="status">
          {status.text}
        </span>
      )}
    </div>
  );
}

/** Asked before a saved pivot of the same name is replaced; the focus goes to the safe answer. */
function ReplaceQuestion({ name, onReplace, onKeep }: { name: string; onReplace(): void; onKeep(): void }) {
  return (
    <div className="replace-question" role="alertdialog" aria-label={`Replace “${name}”?`}>
      <span>A saved pivot is already called “{name}”. Replace it with the pivot on screen?</span>
      <button type="button" className="button" onClick={onReplace}>
        Replace it
      </button>
      <button type="button" className="button button-quiet" onClick={onKeep} autoFocus>
        Keep the saved one
      </button>
    </div>
  );
}

const sameSpec = (a: PivotSpec, b: PivotSpec) => a === b || JSON.stringify(a) === JSON.stringify(b);
