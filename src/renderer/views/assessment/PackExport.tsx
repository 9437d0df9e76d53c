/**
 * "Export assessment pack": the chosen borough and year for several crime types at once — a
 * workbook of every table, every chart as PNG and SVG (drawn here, in the page, and sent with
 * the request), the charts' data, a self-contained HTML report and, in the desktop app, the
 * report as PDF.
 */
import { useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { FactsSpec } from '../../../shared/findings';
import type { ImportProgress } from '../../../shared/importing';
import type { ExportOutcome, PackExport as PackArgs } from '../../api/client';
import { useWorkbench } from '../../api/context';
import { asApiError } from '../../api/errors';
import { drawPackPictures } from '../../charts/packImages';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import type { Choice } from './choices';

interface Done {
  outcome: NonNullable<ExportOutcome>;
  charts: number;
}

/** `choices` are the crime types the assessment's dataset holds: nothing else can be ticked. */
export function PackExport({ spec, choices }: { spec: FactsSpec; choices: Choice[] }) {
  const { client } = useWorkbench();
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [drawing, setDrawing] = useState<{ done: number; total: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const categories = chosen ?? [spec.category];
  const desktop = client.mode === 'desktop';

  async function run() {
    setBusy(true);
    setDone(null);
    setError(null);
    setProgress(null);
    try {
      const { dataset, area, year, compare, yearKind, neighbours, populationYear } = spec;
      const args: PackArgs = {
        dataset,
        area,
        year,
        compare,
        yearKind,
        neighbours,
        populationYear,
        categories,
      };
      // The engine prepares each chart; the page draws it (the engine has no browser to draw with).
      setDrawing({ done: 0, total: 0 });
      const prepared = await client.invoke('export/pack-charts', args);
      const total = prepared.charts.length + (prepared.maps?.length ?? 0);
      setDrawing({ done: 0, total });
      const { images, mapImages } = await drawPackPictures(prepared, (n) => setDrawing({ done: n, total }));
      setDrawing(null);
      const outcome = await client.exportPack({ ...args, images, mapImages }, `${area} ${year} assessment pack`, {
        onProgress: setProgress,
      });
      if (outcome) setDone({ outcome, charts: total });
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setDrawing(null);
      setBusy(false);
    }
  }

  const toggle = (c: string, on: boolean) =>
    setChosen(on ? [...categories, c] : categories.filter((x) => x !== c));

  return (
    <section className="card assessment-block pack-export" aria-labelledby="block-pack">
      <h2 id="block-pack">Assessment pack</h2>
      <p className="hint">
        One folder for {spec.area}, {spec.year}: an Excel workbook of every table, every chart as PNG and SVG
        (for Word), a report (HTML, opens offline) in the standard block order
        {desktop ? ' and the same report as PDF' : ''}, and the charts’ data.
      </p>
      <fieldset className="checkbox-grid">
        <legend>Crime types in the pack</legend>
        {choices.map((c) => (
          <label key={c.value} className="check-option">
            <input
              type="checkbox"
              checked={categories.includes(c.value)}
              onChange={(e) => toggle(c.value, e.target.checked)}
            />{' '}
            {c.label}
          </label>
        ))}
      </fieldset>
      <div className="action-row">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || categories.length === 0}
          onClick={() => void run()}
        >
          Export assessment pack ({categories.length})
        </button>
      </div>
      {busy && drawing && (
        <ProgressBar
          label={
            drawing.total
              ? `Drawing the charts (${drawing.done} of ${drawing.total})…`
              : 'Drawing the charts…'
          }
          percent={drawing.total ? (100 * drawing.done) / drawing.total : null}
        />
      )}
      {busy && !drawing && (
        <ProgressBar
          label={progress?.file ? `Writing ${progress.file}…` : 'Writing the pack…'}
          percent={progress?.percent ?? null}
        />
      )}
      {done && <PackResult done={done} desktop={desktop} />}
      {error && <ErrorNotice error={error} title="The pack could not be written." />}
    </section>
  );
}

function PackResult({ done, desktop }: { done: Done; desktop: boolean }) {
  const { outcome, charts } = done;
  const pdf = outcome.pdf;
  return (
    <div className="pack-result" role="status" aria-label="Pack written">
      <p>
        <strong>{outcome.where}</strong>
      </p>
      <ul className="hint">
        <li>Workbook of every table (xlsx) and the report (HTML, opens offline)</li>
        <li>
          {charts} chart{charts === 1 ? '' : 's'} as PNG (A4 width at 300 dpi) and SVG, with their data
        </li>
        {pdf && 'written' in pdf && <li>PDF written: {pdf.written}</li>}
        {pdf && 'problem' in pdf && <li>The PDF report could not be written: {pdf.problem}</li>}
        {!desktop && (
          <li>
            The PDF report comes from the Wardlens desktop app. Here, open the HTML report in your browser and
            use Print → Save as PDF (A4): it is laid out for printing.
          </li>
        )}
        {desktop && !pdf && <li>No PDF: this version of the app cannot print one.</li>}
      </ul>
    </div>
  );
}
