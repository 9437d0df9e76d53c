/**
 * Block 2: the wards with the most crime, and those that rose and fell most; small counts and
 * changes within chance marked as the Pivot marks them.
 */
import type { CellFlag } from '../../../shared/pivot';
import type { FactsSpec, Findings, WardFigures } from '../../../shared/findings';
import { ExportButtons } from '../../components/ExportButtons';
import { FlagKey, FlaggedFigure, FlagMarks } from '../pivot/FlagMarks';
import { countChange, count, isSmall, pctChange, pctWhy } from './figures';
import { noWardsAdvice } from './wardAdvice';

/** The "~" on a ward's change: the engine's test of the two years' counts found it within chance. */
const chanceFlags = (w: WardFigures): CellFlag[] =>
  w.flags.includes('not-significant') ? ['not-significant'] : [];

/** A ward whose crimes began to be filed elsewhere within the years: its change is no change. */
function SeriesBreakMark({ reason }: { reason: string }) {
  const words = `Not like for like: ${reason}.`;
  return (
    <span className="series-break-mark" title={words}>
      {' '}
      †<span className="visually-hidden"> {words}</span>
    </span>
  );
}

function WardTable({ title, rows, years, empty = 'None.' }: { title: string; rows: WardFigures[]; years: Findings['years']; empty?: string }) {
  return (
    <div className="ward-table">
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="compact-table">
          <thead>
            <tr>
              <th scope="col">Ward</th>
              <th scope="col" className="num">
                {years.previous}
              </th>
              <th scope="col" className="num">
                {years.current}
              </th>
              <th scope="col" className="num">
                Change
              </th>
              <th scope="col" className="num">
                % change
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((w) => (
              <tr key={w.key} className={isSmall(w) ? 'is-small' : undefined}>
                <th scope="row">
                  {w.name}
                  {w.seriesBreak && <SeriesBreakMark reason={w.seriesBreak} />}
                </th>
                <td className="num">{count(w.previous)}</td>
                <td className="num">
                  {count(w.current)}
                  <FlagMarks flags={isSmall(w) ? ['small'] : []} />
                </td>
                <td className="num">
                  <FlaggedFigure text={countChange(w)} flags={chanceFlags(w)} />
                </td>
                <td className="num">
                  <FlaggedFigure
                    text={pctChange(w)}
                    title={pctWhy(w)}
                    flags={w.percentChange.value === null ? [] : chanceFlags(w)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function WardsBlock({
  findings: f,
  spec,
  fileName,
}: {
  findings: Findings;
  spec: FactsSpec;
  fileName: string;
}) {
  const w = f.wards;
  const partYear = f.quickFacts.flags.includes('incomplete') ? 'Not given: a year lacks months.' : 'None.';
  return (
    <section className="card assessment-block" aria-labelledby="block-wards">
      <h2 id="block-wards">2. Wards</h2>
      {!w ? (
        <p className="notice">
          “{f.dataset.name}” holds borough figures only, so there is no ward ranking.{' '}
          {noWardsAdvice(f, `To rank ${f.area.name}’s wards`)}
        </p>
      ) : (
        <>
          <div className="findings-text">
            {w.sentences.map((s) => (
              <p key={s}>{s}</p>
            ))}
          </div>
          <div className="ward-tables">
            <WardTable title="Highest" rows={w.highest} years={f.years} />
            <WardTable title="Biggest rises" rows={w.rises} years={f.years} empty={partYear} />
            <WardTable title="Biggest falls" rows={w.falls} years={f.years} empty={partYear} />
          </div>
          <p className="hint">
            <span className="flag-marks">*</span> Small count: fewer than 10 crimes; it swings by chance (3 to
            6 is +100% and means nothing), so its % change is withheld.
            <br />
            <FlagKey flag="not-significant" />
            {w.rows.some((r) => r.seriesBreak) && (
              <>
                <br />† Not like for like: the ward’s crimes began to be recorded elsewhere within the years
                (see the caveats), so its change is not tested.
              </>
            )}
          </p>
          <ExportButtons
            table={{ findings: spec, block: 'wards' }}
            fileName={`${fileName} wards`}
            label="the ward table"
          />
        </>
      )}
    </section>
  );
}
