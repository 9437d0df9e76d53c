/**
 * Revisions: police figures are revised between monthly extracts. Pick a dataset and two of
 * its extracts; see, month by month, what the newer one changed, and the largest revisions.
 */
import { memo, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { RevisionReport } from '../../../shared/revisions';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { formatWhen, monthLabel } from '../../format/months';
import { formatCount, formatMeasure, plural } from '../../format/numbers';

const LARGEST = 25;

// Memoised: switching views re-renders the shell, not this view.
export const RevisionsView = memo(function RevisionsView() {
  const { client, info } = useWorkbench();
  const [dataset, setDataset] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [report, setReport] = useState<RevisionReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!info) return null;
  const candidates = info.datasets.filter((d) => d.kind !== 'population' && d.imports > 1);
  const ds = candidates.find((d) => d.key === dataset) ?? candidates[0] ?? null;
  const imports = ds ? info.imports.filter((i) => i.dataset === ds.name || i.dataset === ds.key) : [];

  // Do any two extracts share a month? Only then can a figure have been revised.
  const overlaps = imports.some((a, n) =>
    imports
      .slice(n + 1)
      .some(
        (b) =>
          a.months.first !== null &&
          b.months.first !== null &&
          a.months.first <= b.months.last! &&
          b.months.first <= a.months.last!,
      ),
  );

  async function compare() {
    if (!ds) return;
    setBusy(true);
    setError(null);
    try {
      setReport(
        await client.invoke('revisions/report', {
          dataset: ds.key,
          fromImport: from ? Number(from) : undefined,
          toImport: to ? Number(to) : undefined,
        }),
      );
    } catch (err) {
      setReport(null);
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const largest = report
    ? [...report.rows].sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference)).slice(0, LARGEST)
    : [];
  const option = (i: (typeof imports)[number]) => (
    <option key={i.id} value={i.id}>
      #{i.id} {i.fileName} ({monthLabel(i.months.first ?? '')} – {monthLabel(i.months.last ?? '')})
    </option>
  );

  return (
    <section className="view" aria-labelledby="view-title-revisions">
      <ViewHeader id="view-title-revisions" title="Revisions">
        Police figures change between extracts. See what a newer extract changed in the months both cover.
      </ViewHeader>
      {!ds ? (
        <div className="card empty">
          <p>
            No dataset has two extracts yet. Import a newer extract of the same series to see its revisions.
          </p>
        </div>
      ) : (
        <div className="card pivot-form">
          <div className="pivot-controls">
            <label className="field field-wide">
              <span>Dataset</span>
              <select value={ds.key} onChange={(e) => (setDataset(e.target.value), setFrom(''), setTo(''))}>
                {candidates.map((d) => (
                  <option key={d.key} value={d.key}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field field-wide">
              <span>Older extract</span>
              <select value={from} onChange={(e) => setFrom(e.target.value)}>
                <option value="">The latest earlier one that overlaps</option>
                {imports.map(option)}
              </select>
            </label>
            <label className="field field-wide">
              <span>Newer extract</span>
              <select value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="">The newest</option>
                {imports.map(option)}
              </select>
            </label>
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => void compare()}
            >
              {busy ? 'Comparing…' : 'Compare extracts'}
            </button>
          </div>
        </div>
      )}
      {ds && !overlaps && (
        <p className="notice">
          The extracts of this dataset cover different months, so no figure has been revised yet. Revisions
          show once a newer extract repeats months an older one held.
        </p>
      )}
      {error && overlaps && <ErrorNotice error={error} title="These extracts cannot be compared." />}
      {report && (
        <>
          <section className="card assessment-block" aria-labelledby="rev-summary">
            <h2 id="rev-summary">
              {report.totals.figuresChanged === 0
                ? 'No figure changed'
                : `${plural(report.totals.figuresChanged, 'figure')} revised, ${formatMeasure('change', report.totals.difference)} crimes in all`}
            </h2>
            <p>
              From <span className="file-name">{report.from.file}</span> (imported{' '}
              {formatWhen(report.from.importedAt)}) to <span className="file-name">{report.to.file}</span>{' '}
              (imported {formatWhen(report.to.importedAt)}), over the {plural(report.months.length, 'month')}{' '}
              both cover. Figures absent from an extract count as 0.
            </p>
            <div className="table-scroll">
              <table className="compact-table revision-months">
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col" className="num">
                      Older extract
                    </th>
                    <th scope="col" className="num">
                      Newer extract
                    </th>
                    <th scope="col" className="num">
                      Difference
                    </th>
                    <th scope="col" className="num">
                      Figures changed
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.byMonth.map((m) => (
                    <tr key={m.month} className={m.difference ? 'is-revised' : undefined}>
                      <th scope="row">{monthLabel(m.month)}</th>
                      <td className="num">{formatCount(m.old)}</td>
                      <td className="num">{formatCount(m.new)}</td>
                      <td className="num">{formatMeasure('change', m.difference)}</td>
                      <td className="num">{formatCount(m.figuresChanged)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td className="num">{formatCount(report.totals.old)}</td>
                    <td className="num">{formatCount(report.totals.new)}</td>
                    <td className="num">{formatMeasure('change', report.totals.difference)}</td>
                    <td className="num">{formatCount(report.totals.figuresChanged)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
          {largest.length > 0 && (
            <section className="card assessment-block" aria-labelledby="rev-largest">
              <h2 id="rev-largest">The largest revisions</h2>
              <div className="table-scroll">
                <table className="compact-table">
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col">Area</th>
                      <th scope="col">Category</th>
                      <th scope="col" className="num">
                        Was
                      </th>
                      <th scope="col" className="num">
                        Now
                      </th>
                      <th scope="col" className="num">
                        Difference
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {largest.map((r) => (
                      <tr key={`${r.month}|${r.areaKey}|${r.categoryKey}`}>
                        <td>{monthLabel(r.month)}</td>
                        <td>
                          {r.area}
                          {r.borough && r.borough !== r.area && <span className="muted"> ({r.borough})</span>}
                        </td>
                        <td>{r.category}</td>
                        <td className="num">{formatCount(r.old)}</td>
                        <td className="num">{formatCount(r.new)}</td>
                        <td className="num">{formatMeasure('change', r.difference)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {report.rows.length > LARGEST && (
                <p className="hint">
                  The {LARGEST} largest of {formatCount(report.rows.length)} revised figures.
                </p>
              )}
            </section>
          )}
        </>
      )}
    </section>
  );
});
