/**
 * Block 5: the nearest-neighbour table. RAG by the quartile of rate change among all London
 * boroughs; the colour is backed by words ("Red · top quarter") so it reads in greyscale and
 * to a screen reader.
 */
import { QUARTILE_WORDS, RAG_WORDS } from '../../../shared/comparisonWords';
import type { AreaFigures, FactsSpec, Findings, NeighbourRow } from '../../../shared/findings';
import { ExportButtons } from '../../components/ExportButtons';
import { countChange, count, pctChange, pctWhy, rate, rateChange } from './figures';

function Row({ r, self, rag }: { r: AreaFigures; self?: boolean; rag?: NeighbourRow }) {
  return (
    <tr className={self ? 'is-self' : undefined} data-area={r.name}>
      <th scope="row">
        {r.name}
        {self && <span className="muted"> (this borough)</span>}
      </th>
      <td className="num">{count(r.previous)}</td>
      <td className="num">{rate(r.previousRate)}</td>
      <td className="num">{count(r.current)}</td>
      <td className="num">{rate(r.currentRate)}</td>
      <td className="num">{countChange(r)}</td>
      <td className="num" title={pctWhy(r)}>
        {pctChange(r)}
      </td>
      <td className="num">{rateChange(r.rateChange)}</td>
      <td>
        {rag?.rag ? (
          <span className={`rag rag-${rag.rag}`}>
            <span className="rag-word">{RAG_WORDS[rag.rag]}</span>
            {rag.quartile && <span className="rag-quartile"> · {QUARTILE_WORDS[rag.quartile]}</span>}
          </span>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
    </tr>
  );
}

export function NeighboursBlock({
  findings: f,
  spec,
  fileName,
}: {
  findings: Findings;
  spec: FactsSpec;
  fileName: string;
}) {
  const n = f.neighbours;
  const { previous: py, current: cy } = f.years;
  return (
    <section className="card assessment-block" aria-labelledby="block-neighbours">
      <h2 id="block-neighbours">5. Nearest neighbours</h2>
      {!n ? (
        <p className="notice">
          Pick the nearest neighbours above to compare {f.area.name} with them and with London.
        </p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="compact-table neighbour-table">
              <caption className="visually-hidden">
                {f.category.label}: {f.area.name} and its nearest neighbours, {py} and {cy}, with RAG rating
                by rate change.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Borough</th>
                  <th scope="col" className="num">
                    Offences {py}
                  </th>
                  <th scope="col" className="num">
                    Rate {py}
                  </th>
                  <th scope="col" className="num">
                    Offences {cy}
                  </th>
                  <th scope="col" className="num">
                    Rate {cy}
                  </th>
                  <th scope="col" className="num">
                    Change
                  </th>
                  <th scope="col" className="num">
                    % change
                  </th>
                  <th scope="col" className="num">
                    Rate change
                  </th>
                  <th scope="col">RAG (rate change)</th>
                </tr>
              </thead>
              <tbody>
                {n.rows.map((r) => (
                  <Row key={r.key} r={r} rag={r} self={r.key === f.area.key} />
                ))}
              </tbody>
              {n.london && (
                <tfoot>
                  <Row r={n.london} />
                </tfoot>
              )}
            </table>
          </div>
          <p className="hint">
            Rates are crimes per 1,000 residents. RAG: the quarter of all {n.quartiles?.count ?? 32} London
            boroughs’ rate changes a borough falls in — green the lowest quarter (best), red the highest.
          </p>
          <div className="findings-text">
            {n.sentences.map((s) => (
              <p key={s}>{s}</p>
            ))}
          </div>
          <ExportButtons
            table={{ findings: spec, block: 'neighbours' }}
            fileName={`${fileName} neighbours`}
            label="the nearest-neighbour table"
          />
        </>
      )}
    </section>
  );
}
