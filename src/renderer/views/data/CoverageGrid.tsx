/**
 * A dataset's months at a glance: one row per year, one cell per calendar month. Held months
 * are filled, gaps inside the coverage are marked, and months that a later extract revised
 * carry a symbol, so "how reliable is this data?" has an answer on screen.
 */
import type { DatasetSummary } from '../../../shared/workspace';
import { MONTH_NAMES, monthKey, monthLabel, parseMonth } from '../../format/months';

type State = 'held' | 'missing' | 'revised' | 'outside';

const TEXT: Record<State, string> = {
  held: 'held',
  missing: 'missing: a gap in the data',
  revised: 'revised by a later extract',
  outside: 'outside the data',
};

export function CoverageGrid({ dataset }: { dataset: DatasetSummary }) {
  const first = dataset.months.first ? parseMonth(dataset.months.first) : null;
  const last = dataset.months.last ? parseMonth(dataset.months.last) : null;
  if (!first || !last) return <p className="hint">No months yet.</p>;
  const missing = new Set(dataset.missingMonths);
  const revised = new Set(dataset.revisedMonths);
  const state = (key: string): State => {
    if (key < dataset.months.first! || key > dataset.months.last!) return 'outside';
    if (missing.has(key)) return 'missing';
    return revised.has(key) ? 'revised' : 'held';
  };
  const years = Array.from({ length: last.year - first.year + 1 }, (_, i) => first.year + i);
  return (
    <div className="coverage">
      <table className="coverage-grid" aria-label={`Months held in ${dataset.name}`}>
        <thead>
          <tr>
            <th scope="col">Year</th>
            {MONTH_NAMES.map((m) => (
              <th scope="col" key={m}>
                {m}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y}>
              <th scope="row">{y}</th>
              {MONTH_NAMES.map((_, i) => {
                const key = monthKey(y, i + 1);
                const s = state(key);
                return (
                  <td key={key} className={`cov cov-${s}`} title={`${monthLabel(key)}: ${TEXT[s]}`}>
                    <span className="visually-hidden">{`${monthLabel(key)}: ${TEXT[s]}`}</span>
                    <span aria-hidden="true">{s === 'missing' ? '✗' : s === 'revised' ? '↻' : ''}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="legend coverage-legend" aria-label="Key to the month grid">
        <li>
          <span className="swatch cov-held" aria-hidden="true" /> Held
        </li>
        <li>
          <span className="swatch cov-revised" aria-hidden="true">
            ↻
          </span>{' '}
          Revised by a later extract ({dataset.revisedMonths.length})
        </li>
        <li>
          <span className="swatch cov-missing" aria-hidden="true">
            ✗
          </span>{' '}
          Missing ({dataset.missingMonths.length})
        </li>
        <li>
          <span className="swatch cov-outside" aria-hidden="true" /> Before or after the data
        </li>
      </ul>
    </div>
  );
}
