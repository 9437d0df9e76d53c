/**
 * One comparison of two years as the Assessment shows it: its tiles, whether the change is
 * real, and its sentences. The quick facts and the like-for-like comparison both show one.
 */
import type { CountComparison } from '../../../shared/analysis';
import { significance } from './figures';

/** A tile: its data-fact id, label, figure and an optional note under the figure. */
export type FactTile = [id: string, label: string, value: string, note?: string];

export function ComparisonFacts({
  tiles,
  comparison: c,
  sentences,
  significanceId,
}: {
  tiles: FactTile[];
  comparison: CountComparison & { seriesBreak?: string };
  sentences: string[];
  significanceId: string;
}) {
  const verdict = c.test?.verdict;
  // A series that breaks within the years gets no verdict, and a caution of its own rather than the grey of "within chance".
  const tone = c.seriesBreak ? 'break' : verdict === 'significant rise' ? 'bad' : verdict === 'significant fall' ? 'good' : 'neutral';
  return (
    <>
      <dl className="fact-tiles">
        {tiles.map(([id, label, value, note]) => (
          <div key={id} className="fact-tile" data-fact={id}>
            <dt>{label}</dt>
            <dd>
              <span className="fact-value">{value}</span>
              {note && <span className="fact-note">{note}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <p className={`significance significance-${tone}`} data-fact={significanceId}>
        <strong>Is it real?</strong> {significance(c)}
      </p>
      <div className="findings-text">
        {sentences.map((s) => (
          <p key={s}>{s}</p>
        ))}
      </div>
    </>
  );
}
