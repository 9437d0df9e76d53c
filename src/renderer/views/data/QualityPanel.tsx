/**
 * The data-quality report for one dataset: each finding with how serious it is, what it means
 * for the figures and what the analyst can do — the "health warning" readers asked for.
 */
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { QualityFinding, QualityReport, QualitySeverity } from '../../../shared/quality';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatWhen } from '../../format/months';
import { plural } from '../../format/numbers';

const SEVERITY: Record<QualitySeverity, { word: string; badge: string; mark: string }> = {
  warning: { word: 'Warning', badge: 'badge-bad', mark: '!' },
  note: { word: 'Note', badge: 'badge-warn', mark: 'i' },
  ok: { word: 'OK', badge: 'badge-good', mark: '✓' },
};
const ORDER: QualitySeverity[] = ['warning', 'note', 'ok'];
const MAX_ITEMS = 12;

function Finding({ f }: { f: QualityFinding }) {
  const s = SEVERITY[f.severity];
  const columns = f.items.length ? Object.keys(f.items[0]!) : [];
  return (
    <li className={`quality-finding quality-${f.severity}`}>
      <p className="quality-title">
        <span className={`badge ${s.badge}`}>
          <span aria-hidden="true">{s.mark} </span>
          {s.word}
        </span>{' '}
        <strong>{f.title}</strong>
      </p>
      <p>{f.detail}</p>
      {f.severity !== 'ok' && (
        <dl className="quality-advice">
          <dt>What it means</dt>
          <dd>{f.meaning}</dd>
          <dt>What to do</dt>
          <dd>{f.action}</dd>
        </dl>
      )}
      {f.items.length > 0 && f.severity !== 'ok' && (
        <details>
          <summary>The figures ({plural(f.items.length, 'item')})</summary>
          <table className="compact-table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {f.items.slice(0, MAX_ITEMS).map((item, n) => (
                <tr key={n}>
                  {columns.map((c) => (
                    <td key={c} className={typeof item[c] === 'number' ? 'num' : undefined}>
                      {typeof item[c] === 'number'
                        ? (item[c] as number).toLocaleString('en-GB')
                        : (item[c] ?? '–')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {f.items.length > MAX_ITEMS && <p className="hint">The first {MAX_ITEMS} are shown.</p>}
        </details>
      )}
    </li>
  );
}

export function QualityPanel({ dataset, generation }: { dataset: string; generation: unknown }) {
  const { client } = useWorkbench();
  const [answer, setAnswer] = useState<{ report: QualityReport | null; error: ApiError | null } | null>(null);
  useEffect(() => {
    let stale = false;
    client.invoke('quality/check', { dataset }).then(
      (report) => !stale && setAnswer({ report, error: null }),
      (err) => !stale && setAnswer({ report: null, error: asApiError(err) }),
    );
    return () => {
      stale = true;
    };
  }, [client, dataset, generation]);

  const report = answer?.report;
  const sorted = report
    ? [...report.findings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity))
    : [];
  const warnings = sorted.filter((f) => f.severity === 'warning').length;
  return (
    <section className="quality-panel" aria-label="Data quality">
      <h3>
        Data quality
        {report && (
          <span className="muted">
            {' '}
            · {warnings ? plural(warnings, 'warning') : 'no warnings'} · checked{' '}
            {formatWhen(report.checkedAt)}
          </span>
        )}
      </h3>
      {!answer && <p className="status-line">Checking the data…</p>}
      {answer?.error && <ErrorNotice error={answer.error} title="The data could not be checked." />}
      {report && (
        <ul className="quality-list">
          {sorted.map((f) => (
            <Finding key={f.check + f.title} f={f} />
          ))}
        </ul>
      )}
    </section>
  );
}
