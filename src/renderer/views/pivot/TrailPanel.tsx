/**
 * "Show source": a side panel tracing one pivot figure back to the extracts and source rows
 * it came from, with the check that those rows add up to the figure.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { PivotSpec } from '../../../shared/pivot';
import { populationWords } from '../../../shared/populationBasis';
import type { CellTrail } from '../../../shared/trail';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatWhen, monthLabel } from '../../format/months';
import { formatCount, plural } from '../../format/numbers';

export interface TrailTarget {
  spec: PivotSpec;
  row: number;
  column: number;
}

export function TrailPanel({ target, onClose }: { target: TrailTarget; onClose(): void }) {
  const { client } = useWorkbench();
  const [trail, setTrail] = useState<{
    target: TrailTarget;
    trail: CellTrail | null;
    error: ApiError | null;
  } | null>(null);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let stale = false;
    client
      .invoke('pivot/explain', { pivot: target.spec, row: target.row, column: target.column, limit: 500 })
      .then(
        (t) => !stale && setTrail({ target, trail: t, error: null }),
        (err) => !stale && setTrail({ target, trail: null, error: asApiError(err) }),
      );
    close.current?.focus();
    return () => {
      stale = true;
    };
  }, [client, target]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const t = trail?.target === target ? trail.trail : null;
  const error = trail?.target === target ? trail.error : null;
  const incidents = t?.sourceRows.some((r) => r.crimeId !== undefined) ?? false;
  const adds = t && t.sourceTotal === t.cell.count;
  // One extract: its name is above, so the rows need not repeat it.
  const manyFiles = (t?.extracts.length ?? 0) > 1;

  return (
    <aside className="trail-panel" role="dialog" aria-modal="false" aria-labelledby="trail-title">
      <header className="trail-header">
        <h2 id="trail-title">Where this figure came from</h2>
        <button ref={close} type="button" className="button button-quiet" onClick={onClose}>
          Close
        </button>
      </header>
      {!t && !error && <p className="status-line">Tracing the figure…</p>}
      {error && <ErrorNotice error={error} title="The source of this figure cannot be shown." />}
      {t && (
        <div className="trail-body">
          <p className="trail-cell">
            <strong>
              {[...t.cell.rowLabels, ...t.cell.columnLabels].filter(Boolean).join(' · ') || 'All'}
            </strong>
            : {t.cell.measure} {t.cell.value === null ? '–' : formatCount(t.cell.value)}
            {t.cell.value !== t.cell.count && <> ({plural(t.cell.count, 'crime')})</>}
          </p>
          <p className={`trail-check ${adds ? 'is-good' : 'is-bad'}`} role="status">
            {adds ? '✓ ' : '✗ '}These {plural(t.sourceRowCount, 'source row')} add up to{' '}
            {formatCount(t.sourceTotal)}
            {adds ? ', the figure shown.' : `, not the ${formatCount(t.cell.count)} shown.`}
          </p>
          <h3>Dataset and conditions</h3>
          <ul>
            <li>{t.dataset.name}</li>
            {t.conditions.map((c) => (
              <li key={c}>{c.replace(/\b\d{4}-\d{2}\b/g, (m) => monthLabel(m))}</li>
            ))}
          </ul>
          {t.population && (
            <p>
              Population used:{' '}
              {t.population.population === null ? 'none held' : formatCount(t.population.population)}
              {t.population.year ? ` (${populationWords(t.population.year, t.population.basis)})` : ''}
            </p>
          )}
          <h3>Extracts</h3>
          <table className="compact-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">SHA-256</th>
                <th scope="col">Imported</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col" className="num">
                  Crimes
                </th>
              </tr>
            </thead>
            <tbody>
              {t.extracts.map((e) => (
                <tr key={e.importId}>
                  <td className="file-name">{e.file}</td>
                  <td>
                    <code title={e.sha256}>{e.sha256.slice(0, 12)}</code>
                  </td>
                  <td>{formatWhen(e.importedAt)}</td>
                  <td className="num">{formatCount(e.rows)}</td>
                  <td className="num">{formatCount(e.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Source rows</h3>
          <div className="table-scroll trail-rows">
            <table className="compact-table">
              <thead>
                <tr>
                  {manyFiles && <th scope="col">File</th>}
                  <th scope="col" className="num">
                    {incidents ? 'Crime ID' : 'Row'}
                  </th>
                  <th scope="col">{incidents ? 'Month' : 'Month column'}</th>
                  <th scope="col">Area</th>
                  <th scope="col">Category</th>
                  <th scope="col" className="num">
                    Count
                  </th>
                </tr>
              </thead>
              <tbody>
                {t.sourceRows.map((r, n) => (
                  <tr key={n}>
                    {manyFiles && <td className="file-name">{r.file}</td>}
                    <td className="num">{incidents ? (r.crimeId ?? '(none)') : (r.row ?? '–')}</td>
                    <td>{incidents ? monthLabel(r.month) : r.month.replace('-', '')}</td>
                    <td>{r.area ?? r.lsoa ?? r.borough ?? '–'}</td>
                    <td>{r.category}</td>
                    <td className="num">{formatCount(r.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {t.truncated && (
            <p className="hint">
              The first {plural(t.sourceRows.length, 'row')} of {formatCount(t.sourceRowCount)} are listed;
              the total covers them all.
            </p>
          )}
        </div>
      )}
    </aside>
  );
}
