/** Runs a pivot whenever its spec changes; the newest answer wins, the previous stays on screen meanwhile. */
import { startTransition, useEffect, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { PivotResult, PivotSpec } from '../../../shared/pivot';
import { asApiError } from '../../api/errors';
import { useWorkbench } from '../../api/context';

interface Answer {
  spec: PivotSpec;
  generation: unknown;
  result: PivotResult | null;
  error: ApiError | null;
}

export function usePivot(spec: PivotSpec | null, generation: unknown) {
  const { client } = useWorkbench();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [shown, setShown] = useState<PivotResult | null>(null);
  // Names of every key seen, so a filter chip shows "Belmont" after a drill, not its ONS code.
  const [names, setNames] = useState(() => new Map<string, string>());

  useEffect(() => {
    if (!spec) return;
    let stale = false;
    // A newer question makes this one stale: the engine drops it if it has not started yet.
    const controller = new AbortController();
    client.invoke('pivot/run', spec, { signal: controller.signal }).then(
      (result) => {
        if (stale) return;
        // A transition: a new table of hundreds of rows is drawn in short slices, and the
        // analyst can go on choosing (a newer answer simply replaces it).
        startTransition(() => {
          setAnswer({ spec, generation, result, error: null });
          setShown(result);
          setNames((old) => {
            const next = new Map(old);
            for (const h of [...result.rows, ...result.columns])
              h.keys.forEach((k, i) => next.set(k, h.labels[i] ?? k));
            return next;
          });
        });
      },
      (err) => !stale && setAnswer({ spec, generation, result: null, error: asApiError(err) }),
    );
    return () => {
      stale = true;
      controller.abort();
    };
    // `generation` re-runs the same spec after an import changed the data.
  }, [client, spec, generation]);

  const current = answer !== null && answer.spec === spec && answer.generation === generation;
  return {
    result: spec ? shown : null,
    error: current ? answer.error : null,
    loading: spec !== null && !current,
    names,
  };
}
