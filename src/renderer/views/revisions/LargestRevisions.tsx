/** The largest revised figures: "was" in the older extract, "now" in the newer one. */
import type { RevisionReport } from '../../../shared/revisions';
import { monthLabel } from '../../format/months';
import { formatCount, formatMeasure } from '../../format/numbers';

const LARGEST = 25;

export function LargestRevisions({ report }: { report: RevisionReport }) {
  const largest = [...report.rows]
    .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))
    .slice(0, LARGEST);
  if (largest.length === 0) return null;
  return (
    <section className="card assessment-block" aria-labelledby="rev-largest">
      <h2 id="rev-largest">The largest revisions</h2>
      <div className="table-scroll">
        <table className="compact-table revision-largest">
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
  );
}
