/**
 * Map: a ward or borough heat map of a pivot measure for a dataset, period and crime type,
 * drawn offline from the workspace's own boundaries, with the classes, small counts and
 * unmapped areas said, and the same figures as a table (the keyboard's way to the drill-down).
 */
import { memo, useMemo, useState } from 'react';
import type { Measure, PivotSpec } from '../../../shared/pivot';
import { useWorkbench } from '../../api/context';
import { chartFileName } from '../../charts/assessment';
import { choroplethFigure } from '../../charts/choropleth';
import { MEASURE_UNITS } from '../../charts/labels';
import { PlotlyChart } from '../../charts/PlotlyChart';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { monthsBetween } from '../../format/months';
import { useBoroughs } from '../assessment/useFindings';
import { OpenedAreaDetail } from './AreaDetail';
import { useChoropleth } from './useChoropleth';
import { MonthSelect } from '../../components/MonthSelect';
import { openingDataset } from './mapCoverage';
import { MapEmpty } from './MapEmpty';
import { MapNotes, MissingOutlinesNotice, nothingShaded } from './MapNotes';
import { MapTable } from './MapTable';
import { mapTitle } from './mapTitle';
import { useBoundarySets } from './useBoundarySets';
import { useMajorCategories } from './useMajorCategories';

const MEASURES: Measure[] = ['count', 'rate', 'change', 'rate-change'];

// Memoised: switching views re-renders the shell, and a view whose `active` is unchanged need not follow.
export const MapView = memo(function MapView({ active, onImport }: { active: boolean; onImport?(): void }) {
  const { info } = useWorkbench();
  const datasets = useMemo(
    () => (info?.datasets ?? []).filter((d) => d.kind === 'counts' && d.months.first),
    [info],
  );
  const [key, setKey] = useState('');
  const boundarySets = useBoundarySets();
  // Until one is chosen, a dataset whose ward set's outlines are held: a map with no gaps.
  const ds = datasets.find((d) => d.key === key) ?? openingDataset(datasets, boundarySets);
  const [level, setLevel] = useState<'ward' | 'borough'>('ward');
  const [measure, setMeasure] = useState<Measure>('count');
  const [borough, setBorough] = useState('');
  const [category, setCategory] = useState({ dataset: '', key: '' });
  const categories = useMajorCategories(ds?.key ?? null);
  // A crime type belongs to its dataset: another dataset starts again from all crime.
  const crimeType =
    categories.find((c) => ds && category.dataset === ds.key && c.key === category.key) ?? null;
  const noBoundaries =
    boundarySets !== null && !boundarySets.some((b) => b.kind === 'ward' || b.kind === 'borough');
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
        filters: {
          ...(borough && areaLevel === 'ward' ? { borough: [borough] } : {}),
          ...(crimeType ? { major: [crimeType.key] } : {}),
        },
      }
    : null;
  // The last map stays on screen while the next is drawn, so changing a control does not blank it.
  const {
    last: answer,
    names,
    openArea,
    opened,
    loading,
  } = useChoropleth(ds && !noBoundaries ? pivot : null, ds, active);
  const map = answer?.map ?? null;
  // What the map on screen answers (not what the controls ask now: see mapTitle).
  const title = map && answer ? mapTitle(map, answer.question, categories) : '';
  const figure = useMemo(() => (map ? choroplethFigure(map, title) : null), [map, title]);

  if (!info) return null;
  return (
    <section className="view" aria-labelledby="view-title-map">
      <ViewHeader id="view-title-map" title="Map">
        Ward and borough heat maps, drawn from the boundaries in this workspace. Nothing is fetched from the
        web.
      </ViewHeader>
      {(!ds || noBoundaries) && <MapEmpty noData={!ds} noBoundaries={noBoundaries} onImport={onImport} />}
      {ds && !noBoundaries && (
        <div className="card pivot-form map-form">
          <div className="pivot-controls">
            {/* Every choice as wide as its longest option, as in the Pivot: "Change in rate pe…" said nothing. */}
            <label className="field field-wide field-dataset">
              <span>Dataset</span>
              <select value={ds.key} title={ds.name} onChange={(e) => setKey(e.target.value)}>
                {datasets.map((d) => (
                  <option key={d.key} value={d.key}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            {ds.areaLevel === 'ward' && (
              <label className="field field-whole">
                <span>Areas</span>
                <select value={level} onChange={(e) => setLevel(e.target.value as 'ward' | 'borough')}>
                  <option value="ward">Wards</option>
                  <option value="borough">Boroughs</option>
                </select>
              </label>
            )}
            {areaLevel === 'ward' && (
              <label className="field field-whole">
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
            <label className="field field-whole">
              <span>Crime type</span>
              <select
                value={crimeType?.key ?? ''}
                onChange={(e) => setCategory({ dataset: ds.key, key: e.target.value })}
              >
                <option value="">All crime</option>
                {categories.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field field-measure field-whole">
              <span>Measure</span>
              <select
                value={measure}
                title={MEASURE_UNITS[measure]}
                onChange={(e) => setMeasure(e.target.value as Measure)}
              >
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
      {/* An all-London ward map takes seconds: say so, rather than leave a blank page under the form. */}
      {loading && (
        <p className="card map-status" role="status">
          {map ? 'Updating the map…' : 'Drawing the map: reading the figures and the boundaries…'}
        </p>
      )}
      {answer?.error && !noBoundaries && (
        <>
          <ErrorNotice
            error={answer.error}
            title="This map cannot be drawn. Import the ward or borough boundaries (GeoJSON) for this dataset in the Import view."
          />
          {onImport && (
            <button type="button" className="button map-import" onClick={onImport}>
              Go to the Import view
            </button>
          )}
        </>
      )}
      {map && figure && (
        <section className="card" aria-label="Heat map">
          {/* Nothing shaded: the reason comes first, not under a grey map. */}
          {nothingShaded(map) && <MapNotes map={map} />}
          {/* Most wards without an outline: said above the map, with the boundaries to import. */}
          <MissingOutlinesNotice map={map} onImport={onImport} />
          <PlotlyChart
            figure={figure}
            fileName={chartFileName(title)}
            onPointClick={openArea}
            paused={!active}
          />
          <p className="hint map-hint">
            Click a {map.level} to see{' '}
            {map.level === 'borough' && ds?.areaLevel === 'ward'
              ? 'its wards'
              : 'its months across the crime categories'}
            , or open it from the table below.
          </p>
          <MapTable map={map} onOpen={(code) => openArea({ location: code })} />
          {!nothingShaded(map) && <MapNotes map={map} />}
        </section>
      )}
      {ds && <OpenedAreaDetail area={opened} dataset={ds} names={names} active={active} />}
    </section>
  );
});
