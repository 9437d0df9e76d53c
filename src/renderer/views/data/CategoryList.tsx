/**
 * The categories a dataset holds figures for, grouped by major category, with the crimes each
 * holds in the current figures and every other spelling the sources used. The scheme may know
 * more categories (from other datasets or older files): that count is said apart, as such.
 */
import type { DatasetCategory } from '../../../shared/datasetContents';
import type { CategorySummary } from '../../../shared/workspace';
import { counted } from '../../../shared/counted';
import { formatCount } from '../../format/numbers';
import { schemeName } from './schemes';
import { otherSpellings } from './spellings';

export function CategoryList({
  categories,
  known,
  scheme,
}: {
  /** The dataset's own categories. */
  categories: DatasetCategory[];
  /** Every category of the scheme the workspace knows, for the other spellings. */
  known: CategorySummary[];
  scheme: string | null;
}) {
  const spellings = new Map(known.map((c) => [c.key, c.spellings]));
  const byMajor = new Map<string, DatasetCategory[]>();
  for (const c of categories) byMajor.set(c.major, [...(byMajor.get(c.major) ?? []), c]);
  const others = (c: DatasetCategory) => otherSpellings(c.minor, spellings.get(c.key) ?? []);
  const respelt = categories.filter((c) => others(c).length > 0).length;
  return (
    <details className="categories">
      <summary>
        Categories: {counted(categories.length, 'category', 'categories')} with figures in this dataset (
        {schemeName(scheme)}){respelt > 0 && `, ${respelt} spelt more than one way`}
      </summary>
      {known.length > categories.length && (
        <p className="hint">
          This workspace knows {formatCount(known.length)} {schemeName(scheme)} in all, counting those only other
          datasets or older files hold; {formatCount(categories.length)} of them hold figures here. Crimes are
          counted over the months this dataset holds.
        </p>
      )}
      <div className="category-columns">
        {[...byMajor].map(([major, list]) => (
          <section key={major} className="category-group">
            <h4>{major}</h4>
            <ul>
              {list.map((c) => (
                <li key={c.key}>
                  {c.minor}
                  {c.crimes !== null && <span className="muted"> ({counted(c.crimes, 'crime')})</span>}
                  {others(c).length > 0 && (
                    <span className="muted"> — also spelt {others(c).map((s) => `“${s}”`).join(', ')}</span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </details>
  );
}
