/** The comparison month by month: what each extract held, and how many figures changed. */
import type { ExtractRef, RevisionReport } from '../../../shared/revisions';
import { formatWhen, monthLabel, monthRange } from '../../format/months';
import { formatCount, formatMeasure, plural } from '../../format/numbers';
import { REVISED_KEY_ID, REVISED_MONTH, RevisionKey, UNCHANGED_KEY_ID, UNCHANGED_MONTH } from './RevisionKey';

function Extract({ x }: { x: ExtractRef }) {
  return (
    <>
      <span className="file-name">{x.file}</span> ({monthRange(x.months.first, x.months.last)}, imported{' '}
      {formatWhen(x.importedAt)})
    </>
  );
}

export function RevisionSummary({ report }: { report: RevisionReport }) {
  const { totals } = report;
  return (
    <section className="card assessment-block" aria-labelledby="rev-summary">
      <h2 id="rev-summary">
        {totals.figuresChanged === 0
          ? 'No figure changed'
          : `${plural(totals.figuresChanged, 'figure')} revised, ${formatMeasure('change', totals.difference)} crimes in all`}
      </h2>
      <p>
        From <Extract x={report.from} /> to <Extract x={report.to} />, over the{' '}
        {plural(report.months.length, 'month')} both cover. The newer extract is the one whose data runs
        later, whatever order the files were imported in. Figures absent from an extract count as 0.
      </p>
      <div className="revision-months-with-key">
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
              {report.byMonth.map((m) => {
                // Shaded when any figure changed, even where the changes cancel out in the month's total.
                const revised = m.figuresChanged > 0;
                return (
                  <tr
                    key={m.month}
                    className={revised ? 'is-revised' : undefined}
                    title={revised ? REVISED_MONTH : UNCHANGED_MONTH}
                    aria-describedby={revised ? REVISED_KEY_ID : UNCHANGED_KEY_ID}
                  >
                    <th scope="row">{monthLabel(m.month)}</th>
                    <td className="num">{formatCount(m.old)}</td>
                    <td className="num">{formatCount(m.new)}</td>
                    <td className="num">{formatMeasure('change', m.difference)}</td>
                    <td className="num">{formatCount(m.figuresChanged)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num">{formatCount(totals.old)}</td>
                <td className="num">{formatCount(totals.new)}</td>
                <td className="num">{formatMeasure('change', totals.difference)}</td>
                <td className="num">{formatCount(totals.figuresChanged)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <RevisionKey />
      </div>
    </section>
  );
}
