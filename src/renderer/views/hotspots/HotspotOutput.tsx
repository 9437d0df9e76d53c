/**
 * A hotspot run on screen: the snap-point caveat first, the map (PNG / SVG), the cells as
 * GeoJSON and csv, what was counted and left out, and the Gi* tally at each confidence level.
 */
import { useMemo } from 'react';
import type { HotspotResult } from '../../../shared/geo';
import { chartFileName } from '../../charts/assessment';
import { hotspotFigure, METHOD_LABELS, type HotspotMethod } from '../../charts/hotspots';
import { PlotlyChart } from '../../charts/PlotlyChart';
import { formatCount, formatPValue } from '../../format/numbers';
import { monthRange } from '../../format/months';
import { CellExport } from './CellExport';

interface Props {
  result: HotspotResult;
  method: HotspotMethod;
  crimeType: string | null;
  active: boolean;
  loading: boolean;
}

export function hotspotTitle(result: HotspotResult, method: HotspotMethod, crimeType: string | null): string {
  const area = result.parameters.area.map((a) => a.name).join(', ') || 'the extent of the points';
  return `${METHOD_LABELS[method]}: ${crimeType ?? 'all crime'}, ${area}, ${monthRange(result.span.from, result.span.to)}`;
}

const p = (x: number | null) => (x === null ? 'no cell' : `p ≤ ${formatPValue(x)}`);

export function HotspotOutput({ result, method, crimeType, active, loading }: Props) {
  const title = hotspotTitle(result, method, crimeType);
  const figure = useMemo(() => hotspotFigure(result, method, title), [result, method, title]);
  const s = result.summary;
  const [snapNote, ...notes] = result.notes;
  return (
    <section className={`card hotspot-output${loading ? ' is-updating' : ''}`} aria-label="Hotspot map">
      <p className="snap-note" role="note">
        <strong>Approximate locations.</strong> {snapNote}
      </p>
      <PlotlyChart figure={figure} fileName={chartFileName(title)} paused={!active} />
      <CellExport result={result} fileName={chartFileName(`hotspot cells ${title}`)} />
      <div className="hotspot-facts">
        <section aria-labelledby="hotspot-counted">
          <h3 id="hotspot-counted">What was counted</h3>
          <dl className="fact-list">
            <dt>Incidents chosen</dt>
            <dd>{formatCount(s.incidents)}</dd>
            <dt>In the grid</dt>
            <dd>{formatCount(s.points)}</dd>
            <dt>No location</dt>
            <dd>{formatCount(s.noLocation)}</dd>
            <dt>Outside the grid</dt>
            <dd>{formatCount(s.outsideGrid)}</dd>
            <dt>Cells</dt>
            <dd>
              {formatCount(s.cells)} of {result.parameters.cell.toLocaleString('en-GB')} m
            </dd>
          </dl>
        </section>
        <section aria-labelledby="hotspot-gi">
          <h3 id="hotspot-gi">Gi* hot and cold spots</h3>
          <table className="compact-table gi-table">
            <thead>
              <tr>
                <th scope="col">Confidence</th>
                <th scope="col" className="num">
                  Hot cells
                </th>
                <th scope="col" className="num">
                  Cold cells
                </th>
                <th scope="col" className="num">
                  Significant when
                </th>
              </tr>
            </thead>
            <tbody>
              {([99, 95, 90] as const).map((level) => (
                <tr key={level}>
                  <th scope="row">{level}%</th>
                  <td className="num">{formatCount(s.hot[level])}</td>
                  <td className="num">{formatCount(s.cold[level])}</td>
                  <td className="num">{p(s.criticalP[level])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            {result.parameters.correction === 'fdr'
              ? 'Corrected for multiple testing: Benjamini–Hochberg false discovery rate (ArcGIS’s FDR option), at each level.'
              : 'Not corrected for multiple testing: about 1 cell in 10 is “significant” at 90% by chance alone.'}{' '}
            {result.parameters.neighbours}
          </p>
        </section>
      </div>
      <section className="notes" aria-label="Notes on this map">
        <h3>Notes</h3>
        <ul>
          <li>{result.parameters.kernel}</li>
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </section>
    </section>
  );
}
