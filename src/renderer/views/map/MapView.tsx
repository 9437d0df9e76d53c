/**
 * Map: a ward or borough heat map of a pivot measure for a dataset and period, drawn offline
 * from the workspace's own boundaries, with the classes, small counts and unmapped areas said.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { ChoroplethResult } from '../../../shared/geo';
import type { Measure, PivotSpec } from '../../../shared/pivot';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import { chartFileName } from '../../charts/assessment';
import { choroplethFigure } from '../../charts/choropleth';
import { MEASURE_UNITS } from '../../charts/labels';
import { PlotlyChart, type ChartClick } from '../../charts/PlotlyChart';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { monthRange, monthsBetween } from '../../format/months';
import { formatMeasure } from '../../format/numbers';
import type { Drill } from '../pivot/drill';
import { useBoroughs } from '../assessment/useFindings';
import { AreaDetail } from './AreaDetail';
import { areaDrill } from './areaDrill';
import { MonthSelect } from '../../components/MonthSelect';

const MEASURES: Measure[] = ['count', 'rate', 'change', 'rate-change'];

export function MapView({ active }: { active: boolean }) {
  const { client, info } = useWorkbench();
  const datasets = useMemo(
    () => (info?.datasets ?? []).filter((d) => d.kind === 'counts' && d.months.first),
    [info],
  );
  const [key, setKey] = useState('');
  const ds =
    datasets.find((d) => d.key === key) ??
    datasets.find((d) => d.areaLevel === 'ward') ??
    datasets[0] ??
    null;
  const [level, setLevel] = useState<'ward' | 'borough'>('ward');
  const [measure, setMeasure] = useState<Measure>('count');
  const [borough, setBorough] = useState('');
  const boroughs = useBoroughs(ds?.key ?? null, info);
  const months = ds ? monthsBetween(ds.months.first!, ds.months.last!) : [];
  const [span, setSpan] = useState<{ from?: string; to?: string }>({});
  const to = span.to ?? months[months.length - 1] ?? '';
  const from = span.from ?? months[Math.max(0, months.indexOf(to) - 11)] ?? '';
  const areaLevel = ds?.areaLevel === 'ward' ? level : 'borough';

  const pivot: PivotSpec | null = ds
    ? {
        dataset: ds.key,
        rows: [areaLevel],
        columns: [],
        measure,
        months: { from, to },
        filters: borough && areaLevel === 'ward' ? { borough: [borough] } : {},
      }
    : null;
  // The question as text: a new map only when it changes.
  const question = pivot ? JSON.stringify(pivot) : null;
  const [answer, setAnswer] = useState<{ map: ChoroplethResult | null; error: ApiError | null } | null>(null);
  useEffect(() => {
    if (!question || !active) return;
    let stale = false;
    // Outlines simplified for the screen (within half a pixel): the same map, fewer points to draw.
    client.invoke('map/choropleth', { pivot: JSON.parse(question) as PivotSpec, detail: 'screen' }).then(
      (map) => !stale && setAnswer({ map, error: null }),
      (err) => !stale && setAnswer({ map: null, error: asApiError(err) }),
    );
    return () => {
      stale = true;
    };
  }, [client, question, active, info]);

  const map = answer?.map ?? null;
  const title = map
    ? `${MEASURE_UNITS[map.measure]} by ${map.level}${borough && map.level === 'ward' ? ` — ${borough}` : ''}, ${monthRange(map.span.from, map.span.to)}`
    : '';
  const figure = useMemo(() => (map ? choroplethFigure(map, title) : null), [map, title]);
  const names = useMemo(
    () => new Map((map?.features.features ?? []).map((f) => [f.properties.code, f.properties.name])),
    [map],
  );
  // The area clicked, with the question it belongs to: a new map closes the last area's figures.
  const [clicked, setClicked] = useState<{ question: string | null; drill: Drill | null }>({
    question: null,
    drill: null,
  });
  const drill = clicked.question === question ? clicked.drill : null;
  const open = (click: ChartClick) => {
    const name = click.location ? names.get(click.location) : undefined;
    if (!pivot || !ds || !click.location || name === undefined) return;
    setClicked({ question, drill: areaDrill(pivot, { code: click.location, name }, ds) });
  };

  if (!info) return null;
  return (
    <section className="view" aria-labelledby="view-title-map">
      <ViewHeader id="view-title-map" title="Map">
        Ward and borough heat maps, drawn from the boundaries in this workspace. Nothing is fetched from the
        web.
      </ViewHeader>
      {ds && (
        <div className="card pivot-form">
          <div className="pivot-controls">
            <label className="field field-wide">
              <span>Dataset</span>
              <select value={ds.key} onChange={(e) => setKey(e.target.value)}>
                {datasets.map((d) => (
                  <option key={d.key} value={d.key}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            {ds.areaLevel === 'ward' && (
              <label className="field">
                <span>Areas</span>
                <select value={level} onChange={(e) => setLevel(e.target.value as 'ward' | 'borough')}>
                  <option value="ward">Wards</option>
                  <option value="borough">Boroughs</option>
                </select>
              </label>
            )}
            {areaLevel === 'ward' && (
              <label className="field">
                <span>Borough</span>
                <select value={borough} onChange={(e) => setBorough(e.target.value)}>
                  <option value="">All London</option>
                  {boroughs.map((b) => (
                    <option key={b} value={b}>
                      {b}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="field field-measure">
              <span>Measure</span>
              <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
                {MEASURES.map((m) => (
                  <option key={m} value={m}>
                    {MEASURE_UNITS[m]}
                  </option>
                ))}
              </select>
            </label>
            <MonthSelect
              label="From"
              months={months}
              value={from}
              onChange={(m) => setSpan({ ...span, from: m })}
            />
            <MonthSelect
              label="To"
              months={months}
              value={to}
              onChange={(m) => setSpan({ ...span, to: m })}
            />
          </div>
        </div>
      )}
      {answer?.error && (
        <ErrorNotice
          error={answer.error}
          title="This map cannot be drawn. Import the ward or borough boundaries (GeoJSON) for this dataset in the Import view."
        />
      )}
      {map && figure && (
        <section className="card" aria-label="Heat map">
          {active && <PlotlyChart figure={figure} fileName={chartFileName(title)} onPointClick={open} />}
          <p className="hint map-hint">
            Click a {map.level} to see{' '}
            {map.level === 'borough' && ds?.areaLevel === 'ward'
              ? 'its wards'
              : 'its months across the crime categories'}
            .
          </p>
          {(map.notes.length > 0 || map.unmapped.length > 0) && (
            <section className="notes" aria-label="Notes on this map">
              <h3>Notes</h3>
              <ul>
                {map.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
                {map.unmapped.length > 0 && (
                  <li>
                    Not on the map (no boundary):{' '}
                    {map.unmapped.map((u) => `${u.name} (${formatMeasure(map.measure, u.value)})`).join(', ')}
                    .
                  </li>
                )}
              </ul>
            </section>
          )}
        </section>
      )}
      {drill && ds && (
        <AreaDetail
          key={JSON.stringify(drill.spec)}
          drill={drill}
          dataset={ds}
          names={names}
          active={active}
          onClose={() => setClicked({ question, drill: null })}
        />
      )}
    </section>
  );
}
