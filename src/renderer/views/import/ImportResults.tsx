/**
 * What an import did, in plain words: rows, months, areas, categories, revisions, names not
 * matched, warnings, errors, and what the data-quality check then found in the dataset. A
 * file that replaces months with far less than they held is said so first, with the way back.
 */
import { useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { DeletedImport, ImportFileResult } from '../../../shared/importing';
import { counted } from '../../../shared/counted';
import { ErrorNotice } from '../../components/ErrorNotice';
import { coverageText, monthList } from '../../format/months';
import { formatCount, plural } from '../../format/numbers';
import { RemoveImport, removedText } from '../data/RemoveImport';
import { BadCellsNotice } from './BadCellsNotice';
import { BatchTotal } from './BatchTotal';
import { FORMAT_LABELS } from './formats';
import { PopulationLines, populationWarning } from './PopulationResult';
import { skippedText } from './leftOut';
import { QualityLine } from './QualityLine';
import { tookText } from './took';

export function ImportResults({ results }: { results: ImportFileResult[] }) {
  if (results.length === 0) return null;
  return (
    <section className="results" aria-labelledby="results-title">
      <h2 id="results-title" tabIndex={-1}>
        Import results
      </h2>
      {results.length > 1 && <BatchTotal results={results} />}
      {results.map((r, i) => (
        <ResultCard key={`${r.file}-${i}`} result={r} />
      ))}
    </section>
  );
}

function headlineOf(r: ImportFileResult, cancelled: boolean, undone: boolean): string {
  if (cancelled) return 'Cancelled';
  if (undone) return `Undone: taken out of “${r.dataset}”`;
  if (r.status === 'imported') return `Imported into “${r.dataset}”`;
  if (r.status === 'already-imported') return `Already imported: this exact file is in “${r.dataset}”, so nothing changed`;
  return 'Not imported';
}

function ResultCard({ result: r }: { result: ImportFileResult }) {
  const [undone, setUndone] = useState<DeletedImport | null>(null);
  const cancelled = r.error?.code === 'cancelled';
  const headline = headlineOf(r, cancelled, undone !== null);
  const badge = cancelled || undone ? 'badge-warn' : r.status === 'failed' ? 'badge-bad' : 'badge-good';
  const status = cancelled ? 'cancelled' : undone ? 'undone' : r.cutDown ? 'cut-down' : r.status;
  return (
    <article className={`card result-card result-${status}`} aria-label={`Result for ${r.file}`}>
      <header className="card-header">
        <h3>{r.file}</h3>
        <span className={`badge ${badge}`}>{headline}</span>
      </header>
      {r.error && <ResultError error={r.error} cancelled={cancelled} />}
      {undone && <p role="status">{removedText(undone)}</p>}
      {r.status !== 'failed' && !undone && <ResultBody r={r} onUndone={setUndone} />}
    </article>
  );
}

function ResultError({ error, cancelled }: { error: ApiError; cancelled: boolean }) {
  if (cancelled) return <p role="status">{error.message}</p>;
  const cells = error.details?.cells;
  return cells && cells.length > 1 ? <BadCellsNotice error={error} cells={cells} /> : <ErrorNotice error={error} />;
}

function ResultBody({ r, onUndone }: { r: ImportFileResult; onUndone(d: DeletedImport): void }) {
  const undo =
    r.status === 'imported' && r.importId !== null && r.dataset
      ? { id: r.importId, file: r.file, dataset: r.dataset }
      : null;
  // The cut-down and skipped-rows sentences are said in their own places above.
  const warnings = r.warnings.filter(
    (w) => w !== r.cutDown?.message && w !== r.skipped?.message && !populationWarning(r, w),
  );
  return (
    <>
      {r.cutDown && (
        <div className="notice notice-warn" role="alert">
          <p className="notice-title">This file holds far less than the figures it replaces</p>
          <p>{r.cutDown.message}</p>
          {undo && <RemoveImport target={undo} label="Undo this import" onRemoved={onUndone} />}
        </div>
      )}
      {r.population ? <PopulationLines r={r} /> : <CountsSummary r={r} />}
      {r.supersededMonths.length > 0 && (
        <p className="result-line">
          <strong>Revised:</strong> this extract replaces earlier figures for{' '}
          {plural(r.supersededMonths.length, 'month')} ({monthList(r.supersededMonths)}). The earlier figures
          are kept as revisions.
        </p>
      )}
      {r.unmatchedNames.length > 0 && <UnmatchedNames names={r.unmatchedNames} />}
      {warnings.length > 0 && (
        <ul className="warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {r.quality && <QualityLine q={r.quality} />}
      <div className="result-footer">
        <p className="hint">{tookText(r.seconds)}</p>
        {undo && !r.cutDown && <RemoveImport target={undo} label="Undo this import" onRemoved={onUndone} />}
      </div>
    </>
  );
}

function CountsSummary({ r }: { r: ImportFileResult }) {
  return (
    <p className="result-summary">
      {r.format && `${FORMAT_LABELS[r.format]}. `}
      {plural(r.rowsRead, 'row')} read, {formatCount(r.rowsStored)} stored, {formatCount(r.rowsRejected)} rejected
      {r.skipped && `, ${skippedText(r.skipped)}`}. Months: {coverageText(r.months)}. {counted(r.areas, 'area')},{' '}
      {counted(r.categories, 'category', 'categories')}.
    </p>
  );
}

function UnmatchedNames({ names }: { names: ImportFileResult['unmatchedNames'] }) {
  return (
    <div className="result-line">
      <strong>Names not matched</strong> (their rows were rejected; check the spelling or the area level):
      <table className="compact-table">
        <thead>
          <tr>
            <th scope="col">Name in the file</th>
            <th scope="col" className="num">
              Rows
            </th>
          </tr>
        </thead>
        <tbody>
          {names.map((u) => (
            <tr key={u.name}>
              <td>{u.name}</td>
              <td className="num">{formatCount(u.rows)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
