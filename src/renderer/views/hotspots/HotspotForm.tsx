/**
 * The hotspot question: which incidents (dataset, months, crime type), over which area (one
 * borough or several together), on which grid (cell size) and shown how (counts, kernel
 * density or Gi*). Sizes are typed in metres and applied on Enter or on leaving the box.
 */
import { useState } from 'react';
import type { FdrCorrection } from '../../../shared/geo';
import type { CategorySummary, DatasetSummary } from '../../../shared/workspace';
import { METHOD_LABELS, type HotspotMethod } from '../../charts/hotspots';

import { plural } from '../../format/numbers';
import { MonthSelect } from '../../components/MonthSelect';

export interface HotspotChoice {
  dataset: string;
  area: string[];
  from: string;
  to: string;
  /** A category key, or '' for every crime type. */
  category: string;
  cell: number;
  /** null: the engine's default, twice the cell. */
  bandwidth: number | null;
  correction: FdrCorrection;
  method: HotspotMethod;
}

interface Props {
  datasets: DatasetSummary[];
  boroughs: string[];
  categories: CategorySummary[];
  months: string[];
  choice: HotspotChoice;
  onChange(choice: HotspotChoice): void;
}

export function HotspotForm({ datasets, boroughs, categories, months, choice, onChange }: Props) {
  const set = (change: Partial<HotspotChoice>) => onChange({ ...choice, ...change });
  const toggle = (b: string, on: boolean) =>
    set({ area: on ? [...choice.area, b] : choice.area.filter((x) => x !== b) });
  return (
    <div className="hotspot-form">
      {/* Every choice as wide as its longest option, as in the Pivot and the Map. */}
      <div className="pivot-controls">
        <label className="field field-wide field-dataset">
          <span>Dataset</span>
          <select
            value={choice.dataset}
            title={datasets.find((d) => d.key === choice.dataset)?.name}
            onChange={(e) => set({ dataset: e.target.value, area: [], category: '' })}
          >
            {datasets.map((d) => (
              <option key={d.key} value={d.key}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <MonthSelect label="From" months={months} value={choice.from} onChange={(m) => set({ from: m })} />
        <MonthSelect label="To" months={months} value={choice.to} onChange={(m) => set({ to: m })} />
        <label className="field field-whole">
          <span>Crime type</span>
          <select value={choice.category} onChange={(e) => set({ category: e.target.value })}>
            <option value="">All crime types</option>
            {categories.map((c) => (
              <option key={c.key} value={c.key}>
                {c.minor}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="pivot-controls">
        <label className="field field-whole">
          <span>Method</span>
          <select value={choice.method} onChange={(e) => set({ method: e.target.value as HotspotMethod })}>
            {(Object.keys(METHOD_LABELS) as HotspotMethod[]).map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <MetresField
          key={`cell-${choice.cell}`}
          label="Cell size (m)"
          value={choice.cell}
          min={25}
          max={5000}
          onCommit={(cell) => set({ cell })}
        />
        {choice.method === 'density' && (
          <MetresField
            key={`bandwidth-${choice.bandwidth ?? 'default'}-${choice.cell}`}
            label="Bandwidth (m)"
            value={choice.bandwidth ?? 2 * choice.cell}
            min={choice.cell / 2}
            max={choice.cell * 20}
            onCommit={(b) => set({ bandwidth: b === 2 * choice.cell ? null : b })}
          />
        )}
        {choice.method === 'gistar' && (
          <label className="field field-whole">
            <span>Multiple testing</span>
            <select
              value={choice.correction}
              onChange={(e) => set({ correction: e.target.value as FdrCorrection })}
            >
              <option value="fdr">Corrected (false discovery rate)</option>
              <option value="none">Not corrected</option>
            </select>
          </label>
        )}
      </div>
      <details className="neighbour-pick" open>
        <summary>
          Area: {choice.area.length ? choice.area.join(', ') : 'the extent of the points'}{' '}
          <span className="muted">({plural(choice.area.length, 'borough')})</span>
        </summary>
        <p className="hint">
          Tick one borough or several: the grid covers them as one area, not cut at ward or borough
          boundaries, so a hotspot straddling a boundary shows whole.
        </p>
        {boroughs.length === 0 && (
          <p className="notice">
            No borough has boundaries in this workspace yet: import the borough or ward boundaries (GeoJSON)
            to choose an area. Until then the grid covers the extent of the points.
          </p>
        )}
        <fieldset className="checkbox-grid">
          <legend className="visually-hidden">Boroughs</legend>
          {boroughs.map((b) => (
            <label key={b} className="check-option">
              <input
                type="checkbox"
                checked={choice.area.includes(b)}
                onChange={(e) => toggle(b, e.target.checked)}
              />{' '}
              {b}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}

/** A size in metres, applied when the analyst presses Enter or leaves the box, and only when in range. */
function MetresField(p: {
  label: string;
  value: number;
  min: number;
  max: number;
  onCommit(v: number): void;
}) {
  // The parent keys this field by its value, so a new value starts a fresh draft.
  const [draft, setDraft] = useState(String(p.value));
  const n = Number(draft);
  const valid = draft.trim() !== '' && Number.isFinite(n) && n >= p.min && n <= p.max;
  const commit = () => {
    if (valid && n !== p.value) p.onCommit(Math.round(n));
    else if (!valid) setDraft(String(p.value));
  };
  return (
    <label className="field field-narrow">
      <span>{p.label}</span>
      <input
        type="number"
        inputMode="numeric"
        min={p.min}
        max={p.max}
        step={25}
        value={draft}
        aria-invalid={!valid}
        title={`From ${p.min.toLocaleString('en-GB')} to ${p.max.toLocaleString('en-GB')} m`}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}
