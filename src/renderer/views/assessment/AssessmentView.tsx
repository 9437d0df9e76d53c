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
import { useBoroughs, useFindings } from './useFindings';
import { WardMapBlock } from './WardMapBlock';
import { WardsBlock } from './WardsBlock';

// The table blocks re-render only when their findings change, not while the next answer loads.
const FactsBlock = memo(QuickFacts);
const WardTablesBlock = memo(WardsBlock);
const NeighbourTableBlock = memo(NeighboursBlock);

/** "2017-01 to 2018-12" → "Jan 2017 to Dec 2018". */
const monthsText = (text: string) => text.replace(/\b\d{4}-\d{2}\b/g, (m) => monthLabel(m));

const crimeData = (ds: DatasetSummary[]) => ds.filter((d) => d.kind === 'counts' && d.months.first);

function yearsOf(d: DatasetSummary): number[] {
  const first = Number(d.months.first!.slice(0, 4));
  const last = Number(d.months.last!.slice(0, 4));
  const out: number[] = [];
  for (let y = last; y > first; y--) out.push(y);
  return out;
}

/** The latest calendar year the data holds in full. */
const latestYear = (d: DatasetSummary) => {
  const [y, m] = d.months.last!.split('-').map(Number);
  return m === 12 ? y! : y! - 1;
};

export function AssessmentView({ active, onImport }: { active: boolean; onImport(): void }) {
  const { info } = useWorkbench();
  const datasets = useMemo(() => crimeData(info?.datasets ?? []), [info]);
  const [chosen, setChosen] = useState<Partial<FactsSpec>>({});
  // Lists come from the dataset asked for, else the ward data, else the first.
  const source =
    datasets.find((d) => d.key === chosen.dataset) ??
    datasets.find((d) => d.areaLevel === 'ward') ??
    datasets[0] ??
    null;
  const boroughs = useBoroughs(source?.key ?? null, info);
  const categories = useMemo(
    () => (source?.categoryScheme ? (info?.categories[source.categoryScheme] ?? []) : []),
    [info, source],
  );
  const majors = useMemo(() => [...new Set(categories.map((c) => c.major))].sort(), [categories]);

  const spec: FactsSpec | null = useMemo(() => {
    if (!source || boroughs.length === 0) return null;
    const area = chosen.area && boroughs.includes(chosen.area) ? chosen.area : boroughs[0]!;
    const category = chosen.category ?? (majors.includes('Burglary') ? 'Burglary' : (majors[0] ?? ''));
    return {
      ...chosen,
      area,
      category,
      year: chosen.year ?? latestYear(source),
      neighbours: (chosen.neighbours ?? []).filter((n) => n !== area),
    };
  }, [chosen, source, boroughs, majors]);
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
      {source && spec && (
        <div className="card pivot-form">
          <AssessmentForm
            datasets={datasets}
            dataset={source}
            spec={spec}
            boroughs={boroughs}
            categories={categories}
            years={yearsOf(source)}
            populationYears={info.populations.years}
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
          <PackExport key={`${spec.area}|${spec.year}`} spec={spec} majors={majors} />
        </div>
      )}
    </section>
  );
}
