/** The answer to a pivot: its title and source, the table with its key and notes, and the chart. */
import { useCallback, useMemo, useState } from 'react';
import type { PivotResult } from '../../../shared/pivot';
import { titleFileName } from '../../../shared/fileNames';
import type { DatasetSummary } from '../../../shared/workspace';
import { pivotFigure } from '../../charts/figure';
import { PlotlyChart } from '../../charts/PlotlyChart';
import { ExportButtons } from '../../components/ExportButtons';
import type { DrillTarget } from './drill';
import { blankReasons } from './blankReasons';
import { Legend } from './Legend';
import { PivotTable } from './PivotTable';
import { TrailPanel, type TrailTarget } from './TrailPanel';

interface Props {
  result: PivotResult;
  dataset: DatasetSummary;
  /** Names for keys (ward codes → ward names), for the title. */
  names: Map<string, string>;
  onDrill(t: DrillTarget): void;
  active: boolean;
  loading: boolean;
}

export function PivotOutput({ result, dataset, names, onDrill, active, loading }: Props) {
  const [source, setSource] = useState<TrailTarget | null>(null);
  // Stable, so the table's rows need not redraw when this card does.
  const spec = result.spec;
  const explain = useCallback((row: number, column: number) => setSource({ spec, row, column }), [spec]);
  // The months the engine actually used (the dataset's own span when none was asked for).
  const first = result.span?.from ?? result.spec.months?.from ?? dataset.months.first;
  const last = result.span?.to ?? result.spec.months?.to ?? dataset.months.last;
  const figure = useMemo(() => {
    const filters = Object.values(result.spec.filters ?? {}).flatMap((values) =>
      (values ?? []).map((v) => names.get(v) ?? v),
    );
    return pivotFigure(result, { datasetName: result.dataset.name, first, last, filters });
  }, [result, first, last, names]);
  // Once per answer: a ward × month table has 128,000 figures to look through.
  const reasons = useMemo(() => blankReasons(result), [result]);
  const narrow = result.columns.length <= 4;
  const tableKey = `${result.dataset.key}|${result.rowDimensions.join()}|${result.columnDimensions.join()}|${result.measure}`;
  return (
    <div className={`pivot-output${narrow ? ' is-side-by-side' : ''}`}>
      <section className="card pivot-table-card" aria-labelledby="pivot-title">
        <h2 id="pivot-title" className="pivot-title" tabIndex={-1}>
          <span>{figure.title}</span>
          {loading && <span className="badge">Updating…</span>}
        </h2>
        <p className="source-line">{figure.sourceNote}</p>
        <PivotTable key={tableKey} result={result} onDrill={onDrill} onExplain={explain} />
        <p className="hint">
          Click a column heading to sort. Click a figure, a row name or a column total to see what lies behind
          it; the{' '}
          <span className="source-button inline-icon" aria-hidden="true">
            <span />
          </span>{' '}
          beside a figure shows the files and rows it came from.
        </p>
        <ExportButtons
          table={{ pivot: result.spec }}
          fileName={fileNameFor(figure.title)}
          label="this pivot"
        />
        <Legend smallCount={result.spec.smallCount ?? 10} />
        {(result.notes.length > 0 || reasons.length > 0) && (
          <section className="notes" aria-label="Notes on this table">
            <h3>Notes</h3>
            <ul>
              {result.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
              {reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </section>
        )}
      </section>
      <section className="card pivot-chart-card" aria-label="Chart of this pivot">
        {!figure.empty && (
          <PlotlyChart figure={figure} fileName={fileNameFor(figure.title)} paused={!active} />
        )}
        {figure.empty && (
          <p className="chart-empty">
            <strong>{figure.title}</strong>
            <br />
            No chart: every figure in this table is blank. The notes under the table say why.
          </p>
        )}
      </section>
      {source && active && <TrailPanel target={source} onClose={() => setSource(null)} />}
    </div>
  );
}

const fileNameFor = titleFileName;
