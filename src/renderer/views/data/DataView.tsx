/** Data: what the workspace holds, where each figure came from, and how complete it is. */
import { memo, useRef } from 'react';
import { useWorkbench } from '../../api/context';
import { ViewHeader } from '../../components/ViewHeader';
import { formatCount, plural } from '../../format/numbers';
import { DatasetCard } from './DatasetCard';
import { PoliceAreas } from './PoliceAreas';
import { useFramesShown } from './useFramesShown';

// Memoised: switching views re-renders the shell, not this view.
export const DataView = memo(function DataView({ onImport }: { onImport(): void }) {
  const { info } = useWorkbench();
  const view = useRef<HTMLElement>(null);
  // The dataset cards are laid out a frame after the view opens, their quality reports a frame
  // after that: the click shows the view at once, and none of the frames is a long one.
  const shown = useFramesShown(view, info !== null, 2);
  if (!info) return null;
  const { areas, populations } = info;
  return (
    <section
      ref={view}
      className={`view${shown === 0 ? ' is-opening' : shown === 1 ? ' is-settling' : ''}`}
      aria-labelledby="view-title-data"
    >
      <ViewHeader id="view-title-data" title="Data">
        Every dataset in this workspace, the files it came from, and which months it holds.
      </ViewHeader>
      <dl className="summary-strip" aria-label="Areas and populations">
        <div>
          <dt>Boroughs</dt>
          <dd>{formatCount(areas.boroughs)}</dd>
        </div>
        {areas.policeAreas.length > 0 && <PoliceAreas names={areas.policeAreas} />}
        <div>
          <dt>Wards</dt>
          <dd>
            {formatCount(areas.wards)}
            {areas.wardVintages.length > 0 && (
              <span className="muted"> ({areas.wardVintages.join(', ')} boundaries)</span>
            )}
          </dd>
        </div>
        <div>
          <dt>LSOAs</dt>
          <dd>{formatCount(areas.lsoas)}</dd>
        </div>
        <div>
          <dt>Population figures</dt>
          <dd>
            {populations.rows
              ? `${formatCount(populations.rows)} for ${plural(populations.areas, 'area')}`
              : 'None yet'}
            {populations.years.length > 0 && (
              <span className="muted">
                {' '}
                ({populations.years[0]}–{populations.years[populations.years.length - 1]})
              </span>
            )}
          </dd>
        </div>
      </dl>
      {info.datasets.length === 0 && (
        <div className="card empty">
          <p>This workspace holds no data yet.</p>
          <button type="button" className="button button-primary" onClick={onImport}>
            Import files…
          </button>
        </div>
      )}
      {info.datasets.map((d) => (
        <DatasetCard
          key={d.id}
          dataset={d}
          imports={info.imports.filter((i) => i.dataset === d.name || i.dataset === d.key)}
          categories={d.categoryScheme ? (info.categories[d.categoryScheme] ?? []) : []}
          years={populations.years}
          bases={populations.bases}
          misnamedWards={populations.misnamedWards}
        />
      ))}
    </section>
  );
});
