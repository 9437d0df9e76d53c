/**
 * Hotspots: where incidents cluster, from police.uk points over one borough or several at once
 * (never clipped at a boundary) — hexagon counts, kernel density and Getis-Ord Gi* hot and cold
 * spots, with ward and borough outlines on top, drawn offline and exported as image and table.
 */
import { memo, useMemo, useState } from 'react';
import type { HotspotArgs } from '../../../shared/geo';
import type { DatasetSummary } from '../../../shared/workspace';
import { useWorkbench } from '../../api/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { monthsBetween } from '../../format/months';
import { HotspotForm, type HotspotChoice } from './HotspotForm';
import { HotspotOutput } from './HotspotOutput';
import { PlaceIncidents } from './PlaceIncidents';
import { useHotspotAreas } from './useHotspotAreas';
import { useHotspots } from './useHotspots';

const DEFAULT_CELL = 250;

const incidentData = (ds: DatasetSummary[]) => ds.filter((d) => d.kind === 'incidents' && d.months.first);

// Memoised: switching views re-renders the shell, and a view whose `active` is unchanged need not follow.
export const HotspotsView = memo(function HotspotsView({
  active,
  onImport,
}: {
  active: boolean;
  onImport?(): void;
}) {
  const { info } = useWorkbench();
  const datasets = useMemo(() => incidentData(info?.datasets ?? []), [info]);
  const [chosen, setChosen] = useState<Partial<HotspotChoice>>({});
  const ds = datasets.find((d) => d.key === chosen.dataset) ?? datasets[0] ?? null;
  const months = useMemo(() => (ds ? monthsBetween(ds.months.first!, ds.months.last!) : []), [ds]);
  const boroughs = useHotspotAreas();
  const categories = useMemo(
    () => (ds?.categoryScheme ? (info?.categories[ds.categoryScheme] ?? []) : []),
    [info, ds],
  );

  const to = chosen.to && months.includes(chosen.to) ? chosen.to : (months.at(-1) ?? '');
  const choice: HotspotChoice | null = ds
    ? {
        dataset: ds.key,
        area: (chosen.area ?? []).filter((b) => boroughs.includes(b)),
        to,
        from:
          chosen.from && months.includes(chosen.from)
            ? chosen.from
            : (months[Math.max(0, months.indexOf(to) - 11)] ?? ''),
        category: chosen.category ?? '',
        cell: chosen.cell ?? DEFAULT_CELL,
        bandwidth: chosen.bandwidth ?? null,
        correction: chosen.correction ?? 'fdr',
        method: chosen.method ?? 'gistar',
      }
    : null;
  const args: HotspotArgs | null = choice
    ? {
        dataset: choice.dataset,
        months:
          choice.from <= choice.to
            ? { from: choice.from, to: choice.to }
            : { from: choice.to, to: choice.from },
        ...(choice.area.length ? { area: choice.area } : {}),
        ...(choice.category ? { filters: { category: [choice.category] } } : {}),
        cell: choice.cell,
        ...(choice.bandwidth !== null ? { bandwidth: choice.bandwidth } : {}),
        correction: choice.correction,
      }
    : null;
  const { result, error, loading } = useHotspots(args, active);
  const crimeType = categories.find((c) => c.key === choice?.category)?.minor ?? null;

  if (!info) return null;
  return (
    <section className="view" aria-labelledby="view-title-hotspots">
      <ViewHeader id="view-title-hotspots" title="Hotspots">
        Where incidents cluster, over one borough or several together: hexagon counts, kernel density and
        Getis-Ord Gi* hot and cold spots, with ward and borough boundaries on top. Drawn offline from this
        workspace.
      </ViewHeader>
      {datasets.length === 0 && (
        <div className="card empty">
          <p>
            Hotspots need incident points: import police.uk street-level files (one month’s CSV, several, or a
            folder) and the ward and borough boundaries in the Import view.
          </p>
          {onImport && (
            <button type="button" className="button button-primary" onClick={onImport}>
              Go to the Import view
            </button>
          )}
        </div>
      )}
      {ds && choice && (
        <div className="card pivot-form">
          {!ds.boundaryVintage && <PlaceIncidents dataset={ds} />}
          <HotspotForm
            datasets={datasets}
            boroughs={boroughs}
            categories={categories}
            months={months}
            choice={choice}
            onChange={(c) => setChosen(c)}
          />
        </div>
      )}
      {loading && (
        <p className="status-line" role="status">
          Finding hotspots…
        </p>
      )}
      {error && <ErrorNotice error={error} title="The hotspots cannot be worked out for this choice." />}
      {result && choice && !error && (
        <HotspotOutput
          result={result}
          method={choice.method}
          crimeType={crimeType}
          active={active}
          loading={loading}
        />
      )}
    </section>
  );
});
