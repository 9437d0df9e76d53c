/** The dataset's quality check after the import: how many warnings and notes, their headlines, and the way to the full report. */
import type { QualitySummary } from '../../../shared/quality';
import { formatCount, plural } from '../../format/numbers';
import { showQuality } from '../data/qualityLink';
import { SEVERITY } from '../data/severity';

export function QualityLine({ q }: { q: QualitySummary }) {
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
