/**
 * What an import did, in plain words: rows, months, areas, categories, revisions, names not
 * matched, warnings, errors, and what the data-quality check then found in the dataset.
 */
import type { ImportFileResult } from '../../../shared/importing';
import type { QualitySummary } from '../../../shared/quality';
import { ErrorNotice } from '../../components/ErrorNotice';
import { coverageText, monthList } from '../../format/months';
import { formatCount, plural } from '../../format/numbers';
import { showQuality } from '../data/qualityLink';
import { SEVERITY } from '../data/severity';
import { FORMAT_LABELS } from './formats';

export function ImportResults({ results }: { results: ImportFileResult[] }) {
  if (results.length === 0) return null;
  return (
    <section className="results" aria-labelledby="results-title">
      <h2 id="results-title">Import results</h2>
      {results.map((r, i) => (
        <ResultCard key={`${r.file}-${i}`} result={r} />
      ))}
    </section>
  );
}

function ResultCard({ result: r }: { result: ImportFileResult }) {
  const cancelled = r.error?.code === 'cancelled';
  const headline = cancelled
    ? 'Cancelled'
    : r.status === 'imported'
      ? `Imported into “${r.dataset}”`
      : r.status === 'already-imported'
        ? `Already imported: this exact file is in “${r.dataset}”, so nothing changed`
        : 'Not imported';
  const badge = cancelled ? 'badge-warn' : r.status === 'failed' ? 'badge-bad' : 'badge-good';
  return (
    <article
      className={`card result-card result-${cancelled ? 'cancelled' : r.status}`}
      aria-label={`Result for ${r.file}`}
    >
      <header className="card-header">
        <h3>{r.file}</h3>
        <span className={`badge ${badge}`}>{headline}</span>
      </header>
      {r.error && (cancelled ? <p role="status">{r.error.message}</p> : <ErrorNotice error={r.error} />)}
      {r.status !== 'failed' && (
        <>
          <p className="result-summary">
            {r.format && `${FORMAT_LABELS[r.format]}. `}
            {plural(r.rowsRead, 'row')} read, {formatCount(r.rowsStored)} stored,{' '}
            {formatCount(r.rowsRejected)} rejected. Months: {coverageText(r.months)}.{' '}
            {plural(r.areas, 'area')}, {plural(r.categories, 'category', 'categories')}.
          </p>
          {r.supersededMonths.length > 0 && (
            <p className="result-line">
              <strong>Revised:</strong> this extract replaces earlier figures for{' '}
              {plural(r.supersededMonths.length, 'month')} ({monthList(r.supersededMonths)}). The earlier
              figures are kept as revisions.
            </p>
          )}
          {r.unmatchedNames.length > 0 && (
            <div className="result-line">
              <strong>Names not matched</strong> (their rows were rejected; check the spelling or the area
              level):
              <table className="compact-table">
                <thead>
                  <tr>
                    <th scope="col">Name in the file</th>
                    <th scope="col" className="num">
                      Rows
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.unmatchedNames.map((u) => (
                    <tr key={u.name}>
                      <td>{u.name}</td>
                      <td className="num">{formatCount(u.rows)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {r.warnings.length > 0 && (
            <ul className="warnings">
              {r.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          {r.quality && <QualityLine q={r.quality} />}
          <p className="hint">
            Took {r.seconds.toLocaleString('en-GB', { maximumFractionDigits: 1 })} seconds.
          </p>
        </>
      )}
    </article>
  );
}

/** The dataset's quality check after the import: how many warnings and notes, their headlines, and the way to the full report. */
function QualityLine({ q }: { q: QualitySummary }) {
  const clear = q.counts.warning + q.counts.note === 0;
  return (
    <div className="result-line result-quality" aria-label={`Data quality of ${q.dataset.name}`}>
      <strong>Data quality of “{q.dataset.name}”:</strong>{' '}
      {clear
        ? `all ${plural(q.counts.ok, 'check')} clear.`
        : `${plural(q.counts.warning, 'warning')}, ${plural(q.counts.note, 'note')}; ${plural(q.counts.ok, 'check')} clear.`}
      {q.headlines.length > 0 && (
        <ul>
          {q.headlines.map((h) => (
            <li key={h.title}>
              <span className={`badge ${SEVERITY[h.severity].badge}`}>
                <span aria-hidden="true">{SEVERITY[h.severity].mark} </span>
                {SEVERITY[h.severity].word}
              </span>{' '}
              {h.title}
            </li>
          ))}
        </ul>
      )}
      {q.skipped && (
        <p className="hint">
          To keep the import quick, the checks that read every one of the {formatCount(q.skipped.incidents)}{' '}
          incidents (areas that come and go, jumps, repeated Crime IDs, locations) run in the full report.
        </p>
      )}
      <button type="button" className="button" onClick={() => showQuality(q.dataset.key)}>
        Show the quality report
      </button>
    </div>
  );
}
