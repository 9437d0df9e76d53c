/**
 * Revisions: police figures are revised between monthly extracts. The view lists the datasets
 * whose extracts share months, shows straight away what the newer extract changed (the
 * default pair), and lets the analyst choose another pair of extracts to compare.
 */
import { memo, useState } from 'react';
import type { RevisionReport, RevisionSpec } from '../../../shared/revisions';
import type { ImportSummary } from '../../../shared/workspace';
import { useWorkbench } from '../../api/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { monthRange } from '../../format/months';
import { LargestRevisions } from './LargestRevisions';
import { NoRevisions } from './NoRevisions';
import { RevisionSummary } from './RevisionSummary';
import { extractsOf, revisableDatasets } from './revisable';
import { useRevisionReport } from './useRevisionReport';

const extractText = (i: ImportSummary) =>
  `#${i.id} ${i.fileName} (${monthRange(i.months.first, i.months.last)})`;

const option = (i: ImportSummary) => (
  <option key={i.id} value={i.id}>
    {extractText(i)}
  </option>
);

/** A select's tooltip: the chosen extract whole, as a long file name may be cut in the box. */
function chosenText(imports: ImportSummary[], id: string, otherwise: string): string {
  const i = imports.find((x) => String(x.id) === id);
  return i ? extractText(i) : otherwise;
}

const OLDER_DEFAULT = 'The one before the newer extract';
const NEWER_DEFAULT = 'The newest (its data runs latest)';

/** Said when the analyst picked the newer extract as the older one: the engine turns the pair round. */
function turnedRound(report: RevisionReport, spec: RevisionSpec): string | null {
  if (spec.fromImport === undefined || report.from.id === spec.fromImport) return null;
  if (spec.toImport === undefined || report.to.id !== spec.fromImport) return null;
  return `${report.to.file} holds data that runs later than ${report.from.file}, so it is the newer extract: the comparison runs from the older to the newer.`;
}

// Memoised: switching views re-renders the shell, not this view.
export const RevisionsView = memo(function RevisionsView() {
  const { info } = useWorkbench();
  const [dataset, setDataset] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // The pair asked for with "Compare extracts"; until then, the dataset's default pair.
  const [chosen, setChosen] = useState<RevisionSpec | null>(null);
  const candidates = info ? revisableDatasets(info) : [];
  const ds = candidates.find((d) => d.key === dataset) ?? candidates[0] ?? null;
  const spec: RevisionSpec | null = !ds ? null : chosen?.dataset === ds.key ? chosen : { dataset: ds.key };
  const { report, error, loading } = useRevisionReport(spec);
  if (!info) return null;
  const imports = ds ? extractsOf(info, ds) : [];
  const note = report && spec ? turnedRound(report, spec) : null;

  function chooseDataset(key: string) {
    setDataset(key);
    setFrom('');
    setTo('');
    setChosen(null);
  }

  function compare() {
    if (!ds) return;
    setChosen({
      dataset: ds.key,
      fromImport: from ? Number(from) : undefined,
      toImport: to ? Number(to) : undefined,
    });
  }

  return (
    <section className="view" aria-labelledby="view-title-revisions">
      <ViewHeader id="view-title-revisions" title="Revisions">
        Police figures change between extracts. See what a newer extract changed in the months both cover.
      </ViewHeader>
      {!ds ? (
        <NoRevisions info={info} />
      ) : (
        <div className="card pivot-form">
          <div className="pivot-controls">
            <label className="field field-wide field-dataset">
              <span>Dataset</span>
              <select value={ds.key} title={ds.name} onChange={(e) => chooseDataset(e.target.value)}>
                {candidates.map((d) => (
                  <option key={d.key} value={d.key}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            {/* As wide as the longest file name: "The one before the new" said nothing. */}
            <label className="field field-whole">
              <span>Older extract</span>
              <select
                value={from}
                title={chosenText(imports, from, OLDER_DEFAULT)}
                onChange={(e) => setFrom(e.target.value)}
              >
                <option value="">{OLDER_DEFAULT}</option>
                {imports.map(option)}
              </select>
            </label>
            <label className="field field-whole">
              <span>Newer extract</span>
              <select
                value={to}
                title={chosenText(imports, to, NEWER_DEFAULT)}
                onChange={(e) => setTo(e.target.value)}
              >
                <option value="">{NEWER_DEFAULT}</option>
                {imports.map(option)}
              </select>
            </label>
            <button type="button" className="button button-primary" disabled={loading} onClick={compare}>
              {loading ? 'Comparing…' : 'Compare extracts'}
            </button>
          </div>
        </div>
      )}
      {ds && error && <ErrorNotice error={error} title="These extracts cannot be compared." />}
      {ds && loading && !report && (
        <p className="hint" role="status">
          Comparing the extracts of {ds.name}…
        </p>
      )}
      {ds && report && (
        <>
          {note && <p className="notice">{note}</p>}
          <RevisionSummary report={report} />
          <LargestRevisions report={report} />
        </>
      )}
    </section>
  );
});
