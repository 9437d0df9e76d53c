/**
 * What lies behind a ward on the map: its months across the categories (a borough: its wards),
 * as the Pivot view shows a drill — the table with its source trail and exports, the chart —
 * and a further click drills on, with the way back shown.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DatasetSummary } from '../../../shared/workspace';
import { useWorkbench } from '../../api/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { drillSpec, type Drill } from '../pivot/drill';
import { PivotOutput } from '../pivot/PivotOutput';
import { usePivot } from '../pivot/usePivot';
import type { OpenedArea } from './useChoropleth';

interface Props {
  area: OpenedArea;
  dataset: DatasetSummary;
  /** Area codes to names, for the chart's title. */
  names: Map<string, string>;
  active: boolean;
}

/** The area the map's click opened, if any: a new area gets a new panel, with its own trail. */
export function OpenedAreaDetail({ area, ...rest }: Omit<Props, 'area'> & { area: OpenedArea | null }) {
  return area && <AreaDetail key={JSON.stringify(area.drill.spec)} area={area} {...rest} />;
}

function AreaDetail({ area, dataset, names, active }: Props) {
  const { info } = useWorkbench();
  const [trail, setTrail] = useState<Drill[]>([area.drill]);
  const box = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Where the keyboard was when the panel opened (an area's button in the map's table): Close
  // takes it back there rather than to the top of the page.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  // The figures open below the map: bring them into view, as the click asked for them, and the
  // keyboard with them. In braces: Chromium's scrollIntoView now returns a promise, and an
  // effect that returns anything but a clean-up function brings the whole app down when the
  // panel closes.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, []);
  const close = () => {
    area.close();
    if (opener?.isConnected && opener !== document.body) opener.focus();
  };
  const here = trail.at(-1)!;
  // The map's kept answers: going back up the trail, or to an area opened before, shows its
  // figures at once; a step made stale by the next click is cancelled.
  const { result, error, loading } = usePivot(here.spec, info, { paused: !active, kept: area.kept });
  const allNames = useMemo(() => {
    const m = new Map(names);
    result?.rows.forEach((r) => r.keys.forEach((k, i) => m.set(k, r.labels[i] ?? k)));
    return m;
  }, [names, result]);

  return (
    <section ref={box} className={`card ward-detail${loading ? ' is-updating' : ''}`} aria-labelledby="area-detail-title">
      <div className="ward-detail-head">
        <h2 id="area-detail-title" ref={heading} tabIndex={-1}>{trail.map((d) => d.label).join(' › ')}</h2>
        <span className="action-row">
          {trail.length > 1 && (
            <button type="button" className="button button-quiet" onClick={() => {
                setTrail(trail.slice(0, -1));
                // The button goes with the last step back: the keyboard stays in the panel.
                heading.current?.focus({ preventScroll: true });
              }}
            >
              Back to {trail.at(-2)!.label}
            </button>
          )}
          <button type="button" className="button button-quiet" onClick={close}>
            Close
          </button>
        </span>
      </div>
      {error && <ErrorNotice error={error} title="The figures behind this area cannot be shown." />}
      {/* A step that failed shows no table: the one before it belongs to another step of the trail. */}
      {result && !error && (
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
