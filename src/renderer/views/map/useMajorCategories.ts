/**
 * The major crime categories a dataset itself holds (not every category its scheme knows), for
 * the Map view's crime-type filter: asked of the engine as a one-column pivot.
 */
import { useEffect, useState } from 'react';
import { useWorkbench } from '../../api/context';

export interface Category {
  key: string;
  label: string;
}

export function useMajorCategories(dataset: string | null): Category[] {
  const { client, info } = useWorkbench();
  const [list, setList] = useState<{ dataset: string; categories: Category[] } | null>(null);
  useEffect(() => {
    if (!dataset) return;
    let stale = false;
    const spec = { dataset, rows: ['major' as const], columns: [], measure: 'count' as const };
    client.invoke('pivot/run', spec).then(
      (r) =>
        !stale &&
        setList({
          dataset,
          categories: r.rows
            .map((row) => ({ key: row.keys[0]!, label: row.labels[0] ?? row.keys[0]! }))
            .sort((a, b) => a.label.localeCompare(b.label, 'en-GB')),
        }),
      // Without the list the map still works, for all crime.
      () => !stale && setList({ dataset, categories: [] }),
    );
    return () => {
      stale = true;
    };
    // `info` changes when an import changes the data: the list is asked for again.
  }, [client, dataset, info]);
  return list?.dataset === dataset ? list.categories : [];
}
