/** A scheme's categories, grouped by major category, with every spelling the sources used. */
import type { CategorySummary } from '../../../shared/workspace';
import { plural } from '../../format/numbers';

export function CategoryList({ categories, scheme }: { categories: CategorySummary[]; scheme: string }) {
  const byMajor = new Map<string, CategorySummary[]>();
  for (const c of categories) byMajor.set(c.major, [...(byMajor.get(c.major) ?? []), c]);
  const respelt = categories.filter((c) => c.spellings.length > 1).length;
  return (
    <details className="categories">
      <summary>
        {plural(categories.length, 'category', 'categories')} in the “{scheme}” scheme
        {respelt > 0 && `, ${respelt} spelt more than one way`}
      </summary>
      <div className="category-columns">
        {[...byMajor].map(([major, list]) => (
          <section key={major} className="category-group">
            <h4>{major}</h4>
            <ul>
              {list.map((c) => (
                <li key={c.key}>
                  {c.minor}
                  {c.spellings.filter((s) => s !== c.minor).length > 0 && (
                    <span className="muted">
                      {' '}
                      — also spelt{' '}
                      {c.spellings
                        .filter((s) => s !== c.minor)
                        .map((s) => `“${s}”`)
                        .join(', ')}
                    </span>
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
