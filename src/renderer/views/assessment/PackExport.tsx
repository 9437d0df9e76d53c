/**
 * "Export assessment pack": the chosen borough and year for several crime types at once — a
 * workbook of every table, the charts' data and a self-contained HTML report.
 */
import { useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { FactsSpec } from '../../../shared/findings';
import type { ImportProgress } from '../../../shared/importing';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';

export function PackExport({ spec, majors }: { spec: FactsSpec; majors: string[] }) {
  const { client } = useWorkbench();
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const categories = chosen ?? [spec.category];

  async function run() {
    setBusy(true);
    setDone(null);
    setError(null);
    setProgress(null);
    try {
      const { dataset, area, year, compare, yearKind, neighbours, populationYear } = spec;
      const outcome = await client.exportPack(
        { dataset, area, year, compare, yearKind, neighbours, populationYear, categories },
        `${area} ${year} assessment pack`,
        { onProgress: setProgress },
      );
      if (outcome) setDone(outcome.where);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (c: string, on: boolean) =>
    setChosen(on ? [...categories, c] : categories.filter((x) => x !== c));

  return (
    <section className="card assessment-block pack-export" aria-labelledby="block-pack">
      <h2 id="block-pack">Assessment pack</h2>
      <p className="hint">
        One folder for {spec.area}, {spec.year}: an Excel workbook of every table, a report (HTML, opens
        offline) in the standard block order, and the charts’ data.
      </p>
      <fieldset className="checkbox-grid">
        <legend>Crime types in the pack</legend>
        {[...new Set([...majors, ...categories])].map((c) => (
          <label key={c} className="check-option">
            <input
              type="checkbox"
              checked={categories.includes(c)}
              onChange={(e) => toggle(c, e.target.checked)}
            />{' '}
            {c}
          </label>
        ))}
      </fieldset>
      <div className="action-row">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || categories.length === 0}
          onClick={() => void run()}
        >
          Export assessment pack ({categories.length})
        </button>
        {done && (
          <span className="hint" role="status">
            {done}
          </span>
        )}
      </div>
      {busy && (
        <ProgressBar
          label={progress?.file ? `Writing ${progress.file}…` : 'Writing the pack…'}
          percent={progress?.percent ?? null}
        />
      )}
      {error && <ErrorNotice error={error} title="The pack could not be written." />}
    </section>
  );
}
