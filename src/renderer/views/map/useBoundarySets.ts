/** The boundary sets the workspace holds (null until known), asked again after each import. */
import { useEffect, useState } from 'react';
import type { BoundarySet } from '../../../shared/geo';
import { useWorkbench } from '../../api/context';

export function useBoundarySets(): BoundarySet[] | null {
  const { client, info } = useWorkbench();
  const [sets, setSets] = useState<BoundarySet[] | null>(null);
  useEffect(() => {
    let stale = false;
    // `info` changes when an import changes the workspace, boundaries included.
    client.invoke('boundaries/list', {}).then(
      (list) => !stale && setSets(list),
      // Not knowing is not a reason to hide the map: the engine says what is missing when asked.
      () => !stale && setSets(null),
    );
    return () => {
      stale = true;
    };
  }, [client, info]);
  return sets;
}
