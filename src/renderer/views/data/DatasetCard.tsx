/** One dataset: what it is, how much it holds, where it came from, and which months it covers. */
import type { ImportSummary, DatasetSummary, CategorySummary } from '../../../shared/workspace';
import { basesSummary, type YearBasis } from '../../../shared/populationBasis';
import { useDatasetContents } from './useDatasetContents';
import { coverageText } from '../../format/months';
import { formatCount } from '../../format/numbers';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AreaList, areaCountText } from './AreaList';
import { CategoryList } from './CategoryList';
import { CoverageGrid } from './CoverageGrid';
import { ImportsTable } from './ImportsTable';
import { QualityPanel } from './QualityPanel';
import { schemeName } from './schemes';

const KIND: Record<DatasetSummary['kind'], string> = {
  counts: 'Monthly counts',
  incidents: 'Individual crimes (police.uk)',
  population: 'Population by area and year',
};

const LEVEL: Record<DatasetSummary['areaLevel'], string> = { lsoa: 'LSOA', ward: 'Ward', borough: 'Borough' };

export function DatasetCard({
  dataset: d,
  imports,
  categories,
  years,
  bases,
  misnamedWards = 0,
}: {
  dataset: DatasetSummary;
  imports: ImportSummary[];
  /** Every category of the dataset's scheme the workspace knows. */
  categories: CategorySummary[];
  /** Population years held (for population datasets). */
  years: number[];
  /** Whether each population year held is an estimate or a projection, as the files say. */
  bases?: YearBasis[];
  /** Wards an earlier Wardlens named after their borough: the file must be imported again. */
  misnamedWards?: number;
}) {
  const generation = `${d.imports}|${d.currentRows}|${d.supersededRows}`;
  const { contents, error } = useDatasetContents(d.key, generation);
  const population = d.kind === 'population';
  return (
    <article className="card dataset-card" aria-labelledby={`ds-${d.id}`}>
      <header className="card-header">
        <h2 id={`ds-${d.id}`}>{d.name}</h2>
        <code className="key">{d.key}</code>
      </header>
      <div className="dataset-body">
        <dl className="facts facts-grid">
          <dt>Kind</dt>
          <dd>{KIND[d.kind]}</dd>
          <dt>{population ? 'Areas' : 'Area level'}</dt>
          <dd>
            {population
              ? contents
                ? areaCountText(contents.areas)
                : formatCount(d.areas)
              : `${LEVEL[d.areaLevel]} (${contents ? areaCountText(contents.areas) : formatCount(d.areas)})`}
          </dd>
          <dt>Boundaries</dt>
          <dd>{d.boundaryVintage ? `${d.boundaryVintage} wards` : 'Not tied to a boundary set'}</dd>
          {population ? (
            <>
              <dt>Years</dt>
              <dd>
                {years.length
                  ? `${years[0]}–${years[years.length - 1]} (${basesSummary(bases) ?? 'source not stated'})`
                  : 'None'}
              </dd>
            </>
          ) : (
            <>
              <dt>Months</dt>
              <dd>{coverageText(d.months)}</dd>
            </>
          )}
          <dt>Imports</dt>
          <dd>{formatCount(d.imports)}</dd>
          {/* Not "rows": a file's row holds a month per column, so the import's 18,707 rows are 448,968 figures here. */}
          <dt>{d.kind === 'incidents' ? 'Incidents held' : 'Figures held'}</dt>
          <dd>{formatCount(d.currentRows)}</dd>
          <dt>Superseded figures</dt>
          <dd>
            {d.supersededRows ? `${formatCount(d.supersededRows)} (kept from earlier extracts)` : 'None'}
          </dd>
          {!population && (
            <>
              <dt>Categories</dt>
              <dd>
                {formatCount(d.categories)} with figures ({schemeName(d.categoryScheme)})
              </dd>
            </>
          )}
        </dl>
        {!population && <CoverageGrid dataset={d} />}
      </div>
      {population && misnamedWards > 0 && (
        <p className="notice" data-fact="misnamed-wards">
          {misnamedWards} wards added by an earlier version of Wardlens carry their borough’s name instead of
          their own. Remove the ward file’s import (Imports, below) and import the file again to name them;
          their figures and boroughs are already right.
        </p>
      )}
      {error && <ErrorNotice error={error} title="The dataset’s areas and categories could not be listed." />}
      {contents && contents.areas.length > 0 && <AreaList areas={contents.areas} datasetName={d.name} />}
      {contents && contents.categories.length > 0 && (
        <CategoryList categories={contents.categories} known={categories} scheme={d.categoryScheme} />
      )}
      <h3>Imports</h3>
      <ImportsTable imports={imports} dataset={d} importYears={contents?.importYears ?? []} />
      {!population && <QualityPanel dataset={d.key} generation={generation} />}
    </article>
  );
}
