/**
 * The ward map for the assessment's borough, crime type and year: crimes by ward, classed,
 * small counts marked, borough outline on top. Drawn only on the dataset's own ward set: when
 * those polygons are not loaded the block says so instead of borrowing another set's shapes.
 */
import { useMemo } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { Findings } from '../../../shared/findings';
import { useWorkbench } from '../../api/context';
import { chartFileName } from '../../charts/assessment';
import { choroplethFigure } from '../../charts/choropleth';
import { PlotlyChart } from '../../charts/PlotlyChart';
import { ErrorNotice } from '../../components/ErrorNotice';
import { OpenedAreaDetail } from '../map/AreaDetail';
import { MapTable } from '../map/MapTable';
import { useChoropleth } from '../map/useChoropleth';
import { noWardsAdvice } from './wardAdvice';
import { wardMapSpec, wardMapTitle } from '../../../shared/wardMapSpec';

export function WardMapBlock({ findings: f, active }: { findings: Findings; active: boolean }) {
  const { info } = useWorkbench();
  const spec = useMemo(() => wardMapSpec(f), [f]);
  const dataset = info?.datasets.find((d) => d.key === f.dataset.key) ?? null;
  // Only this assessment's map: another borough's or year's is not shown while this one comes.
  const { map, error, names: wards, openArea, opened } = useChoropleth(spec, dataset, active);
  const title = wardMapTitle(f);
  const figure = useMemo(() => (map ? choroplethFigure(map, title, 560) : null), [map, title]);
  // Codes to names for the drill's titles: the borough and its wards.
  const names = useMemo(() => new Map([[f.area.key, f.area.name], ...wards]), [f.area, wards]);

  return (
    <section className="card assessment-block" aria-labelledby="block-ward-map">
      <h2 id="block-ward-map">Ward map</h2>
      {!spec && (
        <p className="notice">
          “{f.dataset.name}” holds borough figures only, so there is no ward map.{' '}
          {noWardsAdvice(f, `To map ${f.area.name}’s wards`, 'its ward boundaries')}
        </p>
      )}
      {error && <VintageNotice error={error} vintage={dataset?.boundaryVintage ?? null} />}
      {map && figure && (
        <>
          <PlotlyChart
            figure={figure}
            fileName={chartFileName(title)}
            onPointClick={openArea}
            paused={!active}
          />
          <p className="hint">
            Drawn on the {map.vintage} ward boundaries, the set this dataset’s ward codes belong to. Click a
            ward (or open the table below) to see its months across the crime categories.
          </p>
          <MapTable map={map} onOpen={(code) => openArea({ location: code })} />
          {map.notes.length > 0 && (
            <ul className="caveats">
              {map.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {dataset && <OpenedAreaDetail area={opened} dataset={dataset} names={names} active={active} />}
    </section>
  );
}

/** Missing polygons of the dataset's own ward set: said plainly, with what to import. */
function VintageNotice({ error, vintage }: { error: ApiError; vintage: string | null }) {
  if (error.code !== 'not-found') return <ErrorNotice error={error} title="The ward map cannot be drawn." />;
  return (
    <p className="notice" role="status">
      The ward map is not drawn: {error.message.charAt(0).toLowerCase() + error.message.slice(1)}{' '}
      {vintage
        ? `These figures use the ${vintage} wards, and Wardlens never draws them on another year’s ward boundaries (wards were redrawn, and their codes changed).`
        : 'Wardlens draws wards only on the boundary set their codes belong to.'}
    </p>
  );
}
