/** The boroughs a hotspot grid can cover (they have borough or ward polygons), asked once per workspace change. */
import { useEffect, useState } from 'react';
import { useWorkbench } from '../../api/context';

export function useHotspotAreas(): string[] {
  const { client, info } = useWorkbench();
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let stale = false;
    client.invoke('hotspots/areas', {}).then(
      (areas) => !stale && setNames(areas.map((a) => a.name)),
      () => !stale && setNames([]),
    );
    return () => {
      stale = true;
    };
  }, [client, info]);
  return names;
}
