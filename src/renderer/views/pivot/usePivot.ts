/** Runs a pivot whenever its spec changes; the newest answer wins, the previous stays on screen meanwhile. */
import { startTransition, useEffect, useRef, useState } from 'react';
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

/**
 * The last few answers, by question, until the data changes: going back after a drill-down
 * shows the earlier table at once instead of asking the engine again (a ward × month table
 * of the whole history takes it seconds) and parsing megabytes of answer on the UI thread.
 */
const KEPT_ANSWERS = 3;

interface KeptAnswers {
  generation: unknown;
  answers: Map<string, PivotResult>;
  /** How many are kept; absent: KEPT_ANSWERS. */
  limit?: number;
}

function keep(kept: KeptAnswers, key: string, result: PivotResult): void {
  kept.answers.delete(key);
  kept.answers.set(key, result);
  if (kept.answers.size > (kept.limit ?? KEPT_ANSWERS)) kept.answers.delete(kept.answers.keys().next().value!);
}

/** Kept answers that outlive one usePivot, e.g. across a map's area drill-downs (each its own panel). */
export function keptAnswers(limit = KEPT_ANSWERS): KeptAnswers {
  return { generation: undefined, answers: new Map(), limit };
}

export interface PivotOptions {
  /** While true no question is sent (a view that is hidden); what is shown stays. */
  paused?: boolean;
  /** The caller's kept answers (from keptAnswers()), instead of this hook's own. */
  kept?: { current: KeptAnswers };
}

export function usePivot(spec: PivotSpec | null, generation: unknown, options: PivotOptions = {}) {
  const { client } = useWorkbench();
  const own = useRef<KeptAnswers>({ generation, answers: new Map() });
  const kept = options.kept ?? own;
  const paused = options.paused ?? false;
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [shown, setShown] = useState<PivotResult | null>(null);
  // Names of every key seen, so a filter chip shows "Belmont" after a drill, not its ONS code.
  const [names, setNames] = useState(() => new Map<string, string>());

  useEffect(() => {
    if (!spec || paused) return;
    // A transition: a new table of hundreds of rows is drawn in short slices, and the
    // analyst can go on choosing (a newer answer simply replaces it).
    const show = (result: PivotResult) =>
      startTransition(() => {
        setAnswer({ spec, generation, result, error: null });
        setShown(result);
        setNames((old) => {
          const next = new Map(old);
          for (const h of [...result.rows, ...result.columns]) h.keys.forEach((k, i) => next.set(k, h.labels[i] ?? k));
          return next;
        });
      });
    if (kept.current.generation !== generation) kept.current = { generation, answers: new Map(), limit: kept.current.limit };
    const key = JSON.stringify(spec);
    const known = kept.current.answers.get(key);
    if (known) {
      keep(kept.current, key, known);
      show(known);
      return;
    }
    let stale = false;
    // A newer question makes this one stale: the engine drops it if it has not started yet.
    const controller = new AbortController();
    const answers = kept.current;
    client.invoke('pivot/run', spec, { signal: controller.signal }).then(
      (result) => {
        keep(answers, key, result);
        if (!stale) show(result);
      },
      (err) => !stale && setAnswer({ spec, generation, result: null, error: asApiError(err) }),
    );
    return () => {
      stale = true;
      controller.abort();
    };
    // `generation` re-runs the same spec after an import changed the data.
  }, [client, spec, generation, paused, kept]);

  const current = answer !== null && answer.spec === spec && answer.generation === generation;
  return {
    result: spec ? shown : null,
    error: current ? answer.error : null,
    loading: spec !== null && !current,
    names,
  };
}
