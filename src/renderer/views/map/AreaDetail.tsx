/**
 * What lies behind a ward on the map: its months across the categories (a borough: its wards),
 * as the Pivot view shows a drill — the table with its source trail and exports, the chart —
 * and a further click drills on, with the way back shown.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { PivotResult } from '../../../shared/pivot';
import type { DatasetSummary } from '../../../shared/workspace';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { drillSpec, type Drill } from '../pivot/drill';
import { PivotOutput } from '../pivot/PivotOutput';

interface Props {
  drill: Drill;
  dataset: DatasetSummary;
  /** Area codes to names, for the chart's title. */
  names: Map<string, string>;
  active: boolean;
  onClose(): void;
}

export function AreaDetail({ drill, dataset, names, active, onClose }: Props) {
  const { client, info } = useWorkbench();
  const [trail, setTrail] = useState<Drill[]>([drill]);
  const box = useRef<HTMLElement>(null);
  // The figures open below the map: bring them into view, as the click asked for them.
  // (A new area gets a new panel: the parent keys it by the drill.)
  useEffect(() => box.current?.scrollIntoView({ block: 'start' }), []);
  const here = trail.at(-1)!;
  const [answer, setAnswer] = useState<{ drill: Drill; result: PivotResult | null; error: ApiError | null } | null>(null);
  useEffect(() => {
    if (!active) return;
    let stale = false;
    client.invoke('pivot/run', here.spec).then(
      (result) => !stale && setAnswer({ drill: here, result, error: null }),
      (err) => !stale && setAnswer({ drill: here, result: null, error: asApiError(err) }),
    );
    return () => {
      stale = true;
    };
  }, [client, here, active, info]);
  const loading = answer?.drill !== here;
  const result = answer?.result ?? null;
  const allNames = useMemo(() => {
    const m = new Map(names);
    result?.rows.forEach((r) => r.keys.forEach((k, i) => m.set(k, r.labels[i] ?? k)));
    return m;
  }, [names, result]);

  return (
    <section ref={box} className={`card ward-detail${loading ? ' is-updating' : ''}`} aria-labelledby="area-detail-title">
      <div className="ward-detail-head">
        <h2 id="area-detail-title">{trail.map((d) => d.label).join(' › ')}</h2>
        <span className="action-row">
          {trail.length > 1 && (
            <button type="button" className="button button-quiet" onClick={() => setTrail(trail.slice(0, -1))}>
              Back to {trail.at(-2)!.label}
            </button>
          )}
          <button type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
        </span>
      </div>
      {answer?.error && !loading && <ErrorNotice error={answer.error} title="The figures behind this area cannot be shown." />}
      {result && (
        <PivotOutput
          result={result}
          dataset={dataset}
          names={allNames}
          active={active}
          loading={loading}
          onDrill={(t) => {
            const next = drillSpec(result, t, dataset);
            if (next) setTrail([...trail, next]);
          }}
        />
      )}
    </section>
  );
}
