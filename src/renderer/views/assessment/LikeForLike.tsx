/**
 * When a year compared lacks months, the quick facts compare the same months of both years
 * ("Sep–Dec 2020 against Sep–Dec 2021") instead of the whole years: tiles, test and sentences.
 */
import type { Findings } from '../../../shared/findings';
import { likeForLikeHeading, NO_SHARED_MONTH } from '../../../shared/comparisonWords';
import { ComparisonFacts, type FactTile } from './ComparisonFacts';
import { change, count, pctChange, pctWhy } from './figures';

export function LikeForLike({ findings: f }: { findings: Findings }) {
  const l = f.likeForLike;
  if (!f.quickFacts.flags.includes('incomplete')) return null;
  if (!l)
    return (
      <p className="notice" data-fact="like-for-like">
        {NO_SHARED_MONTH}
      </p>
    );
  const c = l.figures;
  const tiles: FactTile[] = [
    ['like-previous', `Crimes ${l.previous}`, count(c.previous)],
    ['like-current', `Crimes ${l.current}`, count(c.current)],
    ['like-change', 'Change', change(c.change)],
    ['like-percent', '% change', pctChange(c), pctWhy(c)],
  ];
  return (
    <div className="like-for-like" data-fact="like-for-like">
      <h3>{likeForLikeHeading(l)}</h3>
      <ComparisonFacts
        tiles={tiles}
        comparison={c}
        sentences={l.sentences}
        significanceId="like-significance"
      />
    </div>
  );
}
