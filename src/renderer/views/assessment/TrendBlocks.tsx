/** Blocks 3 and 4: this year against last by month with seasonality, and the rolling 12-month total. */
import { memo, useMemo } from 'react';
import type { FactsSpec, Findings } from '../../../shared/findings';
import { chartFileName, monthsFigure, rollingFigure } from '../../charts/assessment';
import { PlotlyChart } from '../../charts/PlotlyChart';
import { ExportButtons } from '../../components/ExportButtons';

interface Props {
  findings: Findings;
  spec: FactsSpec;
  fileName: string;
  /** Charts are drawn only while the view is on screen (Plotly needs a size); hidden, they keep what they drew. */
  active: boolean;
}

// Memoised: the view re-renders while new findings load, and these blocks need not.
export const MonthsBlock = memo(function MonthsBlock({ findings: f, spec, fileName, active }: Props) {
  const figure = useMemo(() => monthsFigure(f), [f]);
  return (
    <section className="card assessment-block" aria-labelledby="block-months">
      <h2 id="block-months">3. Months</h2>
      <PlotlyChart figure={figure} fileName={chartFileName(figure.title)} paused={!active} />
      <div className="findings-text">
        {f.months.sentences.map((s) => (
          <p key={s}>{s}</p>
        ))}
      </div>
      <ExportButtons
        table={{ findings: spec, block: 'months' }}
        fileName={`${fileName} months`}
        label="the months table"
      />
    </section>
  );
});

export const RollingBlock = memo(function RollingBlock({ findings: f, spec, fileName, active }: Props) {
  const figure = useMemo(() => rollingFigure(f), [f]);
  return (
    <section className="card assessment-block" aria-labelledby="block-rolling">
      <h2 id="block-rolling">4. Rolling year</h2>
      <PlotlyChart figure={figure} fileName={chartFileName(figure.title)} paused={!active} />
      <div className="findings-text">
        {f.rollingYear.sentences.map((s) => (
          <p key={s}>{s}</p>
        ))}
      </div>
      <ExportButtons
        table={{ findings: spec, block: 'rolling-year' }}
        fileName={`${fileName} rolling year`}
        label="the rolling-year table"
      />
    </section>
  );
});
