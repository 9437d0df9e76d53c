/**
 * Pivot: the analyst's Excel pivot table, done once and right: pick the dataset, rows,
 * columns, measure, filters and months; read the table and chart; drill down; save by name.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PivotSpec } from '../../../shared/pivot';
import { useWorkbench } from '../../api/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { defaultSpec, pivotable } from './dimensions';
import { drillSpec, type Drill, type DrillTarget } from './drill';
import { FilterEditor } from './FilterEditor';
import { PivotControls } from './PivotControls';
import { PivotOutput } from './PivotOutput';
import { SavedViews } from './SavedViews';
import { usePivot } from './usePivot';

// Memoised: switching to another view re-renders the shell, and a big table need not follow.
export const PivotView = memo(function PivotView({ active, onImport }: { active: boolean; onImport(): void }) {
  const { info } = useWorkbench();
  const datasets = useMemo(() => pivotable(info?.datasets ?? []), [info]);
  const [chosen, setSpec] = useState<PivotSpec | null>(null);
  const [trail, setTrail] = useState<Drill[]>([]);
  const [openError, setOpenError] = useState<string | null>(null);
  // Start on the first crime dataset once there is one (and again if ours disappears).
  const spec = useMemo(
    () =>
      chosen && datasets.some((d) => d.key === chosen.dataset)
        ? chosen
        : datasets[0]
          ? defaultSpec(datasets[0])
          : null,
    [chosen, datasets],
  );
  const dataset = datasets.find((d) => d.key === spec?.dataset) ?? null;
  const { result, error, loading, names } = usePivot(spec, info);
  // A drill-down (or a step back) replaces the table the focus was in: the focus goes on to
  // "← Back" (or, back at the start, the table's title), not to the top of the page.
  const backButton = useRef<HTMLButtonElement>(null);
  const moveFocus = useRef(false);
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    // After the new table is painted: a focus() now would lay it out inside the click's own task.
    const frame = requestAnimationFrame(() =>
      setTimeout(() => (backButton.current ?? document.getElementById('pivot-title'))?.focus(), 0),
    );
    return () => cancelAnimationFrame(frame);
  }, [trail]);

  function change(next: PivotSpec) {
    setOpenError(null);
    setSpec(next);
  }

  // One function for good, reading the latest answer when called: a drill changes the question
  // at once but the answer only later, and a new function would redraw every row of the table
  // still on screen inside the click's own task (a ward × month table: over 100 ms).
  const latest = useRef({ result, dataset, spec });
  useEffect(() => {
    latest.current = { result, dataset, spec };
  });
  const drill = useCallback((target: DrillTarget) => {
    const { result, dataset, spec } = latest.current;
    if (!result || !dataset || !spec) return;
    const d = drillSpec(result, target, dataset);
    if (!d) return;
    moveFocus.current = true;
    setTrail((t) => [...t, { spec, label: d.label }]);
    setOpenError(null);
    setSpec(d.spec);
  }, []);

  function back(to: number) {
    const step = trail[to];
    if (!step) return;
    moveFocus.current = true;
    setTrail(trail.slice(0, to));
    change(step.spec);
  }

  if (!info) return null;
  return (
    <section className="view" aria-labelledby="view-title-pivot">
      <ViewHeader id="view-title-pivot" title="Pivot">
        Count, rate and change by ward, month and category. Marks show which figures to treat with care.
      </ViewHeader>
      {datasets.length === 0 && (
        <div className="card empty">
          <p>There is no crime data to pivot yet.</p>
          <button type="button" className="button button-primary" onClick={onImport}>
            Import files…
          </button>
        </div>
      )}
      {dataset && spec && (
        <>
          <div className="card pivot-form">
            <PivotControls
              datasets={datasets}
              dataset={dataset}
              spec={spec}
              populationYears={info.populations.years}
              populationBases={info.populations.bases}
              onDataset={(key) => {
                setTrail([]);
                change(defaultSpec(datasets.find((d) => d.key === key)!));
              }}
              onChange={change}
            />
            <div className="pivot-form-row">
              <FilterEditor
                dataset={dataset}
                spec={spec}
                labels={names}
                onChange={(filters) => change({ ...spec, filters })}
              />
              <SavedViews
                spec={spec}
                onOpen={(saved, name) => {
                  if (!datasets.some((d) => d.key === saved.dataset))
                    return setOpenError(
                      `“${name}” uses the dataset “${saved.dataset}”, which this workspace does not hold.`,
                    );
                  setTrail([]);
                  change(saved);
                }}
              />
            </div>
          </div>
          {trail.length > 0 && (
            <nav className="breadcrumbs" aria-label="Drill-down">
              <button
                type="button"
                className="button"
                ref={backButton}
                onClick={() => back(trail.length - 1)}
              >
                ← Back
              </button>
              <ol>
                <li>
                  <button type="button" className="link-button" onClick={() => back(0)}>
                    Start
                  </button>
                </li>
                {trail.map((t, i) => (
                  <li key={i} aria-current={i === trail.length - 1 ? 'step' : undefined}>
                    {i < trail.length - 1 ? (
                      <button type="button" className="link-button" onClick={() => back(i + 1)}>
                        {t.label}
                      </button>
                    ) : (
                      <span>{t.label}</span>
                    )}
                  </li>
                ))}
              </ol>
            </nav>
          )}
          {loading && !result && (
            <p className="status-line" role="status">
              Working out the figures…
            </p>
          )}
          {openError && <p className="notice notice-error">{openError}</p>}
          {error && <ErrorNotice error={error} title="This pivot cannot be shown." />}
          {result && !error && (
            <PivotOutput
              result={result}
              dataset={dataset}
              names={names}
              onDrill={drill}
              active={active}
              loading={loading}
            />
          )}
        </>
      )}
    </section>
  );
});
