/**
 * Assessment: the Strategic Assessment's standard blocks for one borough, crime type and
 * year — quick facts, wards, months, rolling year, nearest neighbours, caveats and sources —
 * each with its table export, and the whole pack in one go.
 */
import { memo, useMemo, useState } from 'react';
import type { FactsSpec } from '../../../shared/findings';
import type { DatasetSummary } from '../../../shared/workspace';
import { useWorkbench } from '../../api/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { formatWhen, monthLabel } from '../../format/months';
import { AssessmentForm } from './AssessmentForm';
import { NeighboursBlock } from './NeighboursBlock';
import { PackExport } from './PackExport';
import { QuickFacts } from './QuickFacts';
import { MonthsBlock, RollingBlock } from './TrendBlocks';
import { findCategory, settleSpec, yearsOf, type CategoryChoices, type Choice } from './choices';
import { useBoroughs, useCategoryChoices, useFindings } from './useFindings';
import { WardMapBlock } from './WardMapBlock';
import { WardsBlock } from './WardsBlock';

// The table blocks re-render only when their findings change, not while the next answer loads.
const FactsBlock = memo(QuickFacts);
const WardTablesBlock = memo(WardsBlock);
const NeighbourTableBlock = memo(NeighboursBlock);

/** "2017-01 to 2018-12" → "Jan 2017 to Dec 2018". */
const monthsText = (text: string) => text.replace(/\b\d{4}-\d{2}\b/g, (m) => monthLabel(m));

const crimeData = (ds: DatasetSummary[]) => ds.filter((d) => d.kind === 'counts' && d.months.first);

const NO_CHOICES: CategoryChoices = { majors: [], minors: [] };

// Memoised: switching views re-renders the shell, and a view whose `active` is unchanged need not follow.
export const AssessmentView = memo(function AssessmentView({
  active,
  onImport,
}: {
  active: boolean;
  onImport(): void;
}) {
  const { info } = useWorkbench();
  const datasets = useMemo(() => crimeData(info?.datasets ?? []), [info]);
  const [chosen, setChosen] = useState<Partial<FactsSpec>>({});
  // Everything comes from the dataset asked for, else the ward data, else the first.
  const source =
    datasets.find((d) => d.key === chosen.dataset) ??
    datasets.find((d) => d.areaLevel === 'ward') ??
    datasets[0] ??
    null;
  const boroughs = useBoroughs(source?.key ?? null, info);
  const choices = useCategoryChoices(source?.key ?? null, info);
  // Settled only once this dataset's own lists are known, so the page asks only what the form shows.
  const spec: FactsSpec | null = useMemo(
    () => (source && boroughs.length > 0 && choices ? settleSpec(chosen, source, boroughs, choices) : null),
    [chosen, source, boroughs, choices],
  );
  // While a new dataset's lists load, the form stays (and keeps focus) on what was asked.
  const formSpec: FactsSpec | null =
    spec ?? (source ? { area: '', category: '', year: 0, ...chosen, dataset: source.key } : null);
  const packChoices = useMemo(() => (spec && choices ? packCategories(spec, choices) : []), [spec, choices]);
  const { findings, error, loading } = useFindings(spec, info);
  const fileName = findings
    ? `${findings.area.name} ${findings.category.label} ${findings.years.current}`
    : 'assessment';

  if (!info) return null;
  return (
    <section className="view" aria-labelledby="view-title-assessment">
      <ViewHeader id="view-title-assessment" title="Assessment">
        The Strategic Assessment’s blocks for one borough, crime type and year, ready for the report.
      </ViewHeader>
      {datasets.length === 0 && (
        <div className="card empty">
          <p>There is no monthly crime data to assess yet. Import the MPS ward or borough files.</p>
          <button type="button" className="button button-primary" onClick={onImport}>
            Import files…
          </button>
        </div>
      )}
      {source && formSpec && (
        <div className="card pivot-form">
          <AssessmentForm
            datasets={datasets}
            dataset={source}
            spec={formSpec}
            boroughs={boroughs}
            categories={choices ?? NO_CHOICES}
            years={yearsOf(source, formSpec.yearKind)}
            populationYears={info.populations.years}
            populationBases={info.populations.bases}
            onChange={setChosen}
          />
        </div>
      )}
      {loading && (
        <p className="status-line" role="status">
          Working out the figures…
        </p>
      )}
      {error && <ErrorNotice error={error} title="This assessment cannot be shown." />}
      {findings && spec && !error && (
        <div className={`assessment${loading ? ' is-updating' : ''}`}>
          <p className="assessment-title">
            <strong>
              {findings.category.label} in {findings.area.name}: {findings.years.current} against{' '}
              {findings.years.previous}
            </strong>
            <span className="muted"> · {findings.dataset.name}</span>
          </p>
          <FactsBlock findings={findings} spec={spec} fileName={fileName} />
          <WardTablesBlock findings={findings} spec={spec} fileName={fileName} />
          <WardMapBlock findings={findings} active={active} />
          <MonthsBlock findings={findings} spec={spec} fileName={fileName} active={active} />
          <RollingBlock findings={findings} spec={spec} fileName={fileName} active={active} />
          <NeighbourTableBlock findings={findings} spec={spec} fileName={fileName} />
          <section className="card assessment-block" aria-labelledby="block-caveats">
            <h2 id="block-caveats">6. Caveats</h2>
            <ul className="caveats">
              {findings.caveats.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </section>
          <section className="card assessment-block" aria-labelledby="block-sources">
            <h2 id="block-sources">7. Sources</h2>
            <ul className="sources">
              {findings.sources.imports.map((i) => (
                <li key={i.file}>
                  <span className="file-name">{i.file}</span> — {monthsText(i.months)}; imported{' '}
                  {formatWhen(i.finishedAt)}
                </li>
              ))}
              <li>Population: {findings.sources.populations}</li>
            </ul>
          </section>
          <PackExport key={`${spec.dataset}|${spec.area}|${spec.year}`} spec={spec} choices={packChoices} />
        </div>
      )}
    </section>
  );
});

/** The pack's crime types: the dataset's major categories, and the minor one asked for if it is one. */
function packCategories(spec: FactsSpec, choices: CategoryChoices): Choice[] {
  const asked = findCategory(choices, spec.category);
  return asked && !choices.majors.includes(asked) ? [...choices.majors, asked] : choices.majors;
}
