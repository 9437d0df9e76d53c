/**
 * A population table's result: the years it holds (a fact, not a warning), the region rows
 * passed over (London, Inner and Outer London are regions, not unmatched names), and the
 * area codes new to Wardlens, listed on request.
 */
import type { ImportFileResult, PopulationDetail } from '../../../shared/importing';
import { counted } from '../../../shared/counted';
import { formatCount } from '../../format/numbers';
import { skippedText } from './leftOut';

const KIND_WORD = { borough: 'borough', ward: 'ward', lsoa: 'LSOA' } as const;

/**
 * Warnings the engine also gives the command line in words, which these lines show as facts
 * and lists instead: the years held, and the count of codes added.
 */
export function populationWarning(r: ImportFileResult, w: string): boolean {
  if (!r.population) return false;
  return w.startsWith('Population years held') || (r.population.addedAreas.length > 0 && w.includes('were added as new areas'));
}

function yearsText(years: number[]): string {
  if (years.length === 0) return 'no years';
  const first = years[0]!;
  const last = years.at(-1)!;
  return first === last ? String(first) : `${first}–${last} (${counted(years.length, 'year')})`;
}

export function PopulationLines({ r }: { r: ImportFileResult }) {
  const p = r.population!;
  const other = r.rowsRejected;
  return (
    <>
      <p className="result-summary">
        Population table. {counted(r.rowsRead, 'row')} read, {formatCount(r.rowsStored)} stored
        {other > 0 && `, ${formatCount(other)} not stored`}
        {r.skipped && `, ${skippedText(r.skipped)}`}. Years: {yearsText(p.years)}.{' '}
        {counted(r.areas, 'area')}.
      </p>
      {p.regions.length > 0 && (
        <p className="result-line">
          <strong>Regions passed over</strong> (Wardlens holds populations for boroughs, wards and LSOAs, not
          regions): {p.regions.map((g) => `${g.name} (${g.code})`).join(', ')}.
        </p>
      )}
      {p.addedAreas.length > 0 && <AddedAreas added={p.addedAreas} />}
    </>
  );
}

function AddedAreas({ added }: { added: PopulationDetail['addedAreas'] }) {
  const kinds = [...new Set(added.map((a) => a.kind))];
  const word = kinds.length === 1 ? KIND_WORD[kinds[0]!] : 'area';
  return (
    <details className="result-line added-areas">
      <summary>
        {counted(added.length, `${word} code`)} new to Wardlens’s London gazetteer, added as new areas
      </summary>
      <div className="table-scroll added-areas-list">
        <table className="compact-table">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name in the file</th>
            </tr>
          </thead>
          <tbody>
            {added.map((a) => (
              <tr key={a.code}>
                <td>
                  <code>{a.code}</code>
                </td>
                <td>{a.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
