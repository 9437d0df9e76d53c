/** One dataset: what it is, how much it holds, where it came from, and which months it covers. */
import type { ImportSummary, DatasetSummary, CategorySummary } from '../../../shared/workspace';
import { coverageText, formatWhen } from '../../format/months';
import { formatBytes, formatCount, plural } from '../../format/numbers';
import { FORMAT_LABELS } from '../import/formats';
import { CategoryList } from './CategoryList';
import { CoverageGrid } from './CoverageGrid';
import { QualityPanel } from './QualityPanel';

const KIND: Record<DatasetSummary['kind'], string> = {
  counts: 'Monthly counts',
  incidents: 'Individual crimes (police.uk)',
  population: 'Population estimates',
};

export function DatasetCard({
  dataset: d,
  imports,
  categories,
  years,
}: {
  dataset: DatasetSummary;
  imports: ImportSummary[];
  categories: CategorySummary[];
  /** Population years held (for population datasets). */
  years: number[];
}) {
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
          <dt>Area level</dt>
          <dd>
            {d.areaLevel === 'lsoa' ? 'LSOA' : d.areaLevel === 'ward' ? 'Ward' : 'Borough'} (
            {plural(d.areas, 'area')})
          </dd>
          <dt>Boundaries</dt>
          <dd>{d.boundaryVintage ? `${d.boundaryVintage} wards` : 'Not tied to a boundary set'}</dd>
          {d.kind === 'population' ? (
            <>
              <dt>Years</dt>
              <dd>
                {years.length
                  ? `${years[0]}–${years[years.length - 1]} (mid-year estimates and projections)`
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
          <dt>Current rows</dt>
          <dd>{formatCount(d.currentRows)}</dd>
          <dt>Superseded rows</dt>
          <dd>
            {d.supersededRows ? `${formatCount(d.supersededRows)} (kept from earlier extracts)` : 'None'}
          </dd>
          {d.kind !== 'population' && (
            <>
              <dt>Categories</dt>
              <dd>
                {formatCount(d.categories)}
                {d.categoryScheme ? ` (${d.categoryScheme} scheme)` : ''}
              </dd>
            </>
          )}
        </dl>
        {d.kind !== 'population' && <CoverageGrid dataset={d} />}
      </div>
      <h3>Imports</h3>
      <div className="table-scroll">
        <table className="compact-table imports-table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Format</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">SHA-256</th>
              <th scope="col">Imported</th>
              <th scope="col" className="num">
                Rows
              </th>
              <th scope="col">Months</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id}>
                <td className="file-name">{i.fileName}</td>
                <td>{FORMAT_LABELS[i.format]}</td>
                <td className="num">{formatBytes(i.fileSize)}</td>
                <td>
                  <code title={i.sha256}>{i.sha256.slice(0, 12)}</code>
                </td>
                <td>{formatWhen(i.finishedAt)}</td>
                <td
                  className="num"
                  title={`${formatCount(i.rowsRead)} read, ${formatCount(i.rowsStored)} stored, ${formatCount(i.rowsRejected)} rejected`}
                >
                  {formatCount(i.rowsStored)}
                  {i.rowsRejected > 0 && (
                    <span className="muted"> ({formatCount(i.rowsRejected)} rejected)</span>
                  )}
                </td>
                <td>{coverageText(i.months)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.kind !== 'population' && (
        <QualityPanel dataset={d.key} generation={`${d.imports}|${d.currentRows}|${d.supersededRows}`} />
      )}
      {categories.length > 0 && <CategoryList categories={categories} scheme={d.categoryScheme ?? ''} />}
    </article>
  );
}
