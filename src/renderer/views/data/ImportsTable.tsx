/**
 * The files a dataset came from, each with a way to take it back out (a wrong or cut-down
 * extract): the months it replaced go back to the earlier figures.
 */
import { Fragment, useState } from 'react';
import type { DatasetContents } from '../../../shared/datasetContents';
import type { DatasetSummary, ImportSummary } from '../../../shared/workspace';
import { counted } from '../../../shared/counted';
import { coverageText, formatWhen } from '../../format/months';
import { formatBytes, formatCount } from '../../format/numbers';
import { FORMAT_LABELS } from '../import/formats';
import { ConfirmRemove, removedText, useReturnFocus } from './RemoveImport';

function yearsText(y: DatasetContents['importYears'][number] | undefined): string {
  if (!y) return '–';
  return y.first === y.last ? String(y.first) : `${y.first}–${y.last} (${counted(y.count, 'year')})`;
}

export function ImportsTable({
  imports,
  dataset,
  importYears,
}: {
  imports: ImportSummary[];
  dataset: DatasetSummary;
  importYears: DatasetContents['importYears'];
}) {
  const [removed, setRemoved] = useState<string | null>(null);
  // The import being asked about: its question takes a full-width row below it.
  const [asking, setAsking] = useState<number | null>(null);
  const opener = useReturnFocus(asking !== null);
  const [lastAsked, setLastAsked] = useState<number | null>(null);
  const population = dataset.kind === 'population';
  return (
    <>
      {removed && (
        <p className="notice notice-done" role="status">
          {removed}
        </p>
      )}
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
              <th scope="col">{population ? 'Years' : 'Months'}</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <Fragment key={i.id}>
                <tr>
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
                  <td>
                    {population ? yearsText(importYears.find((y) => y.importId === i.id)) : coverageText(i.months)}
                  </td>
                  <td className="remove-cell">
                    <button
                      ref={lastAsked === i.id ? opener : undefined}
                      type="button"
                      className="button button-small"
                      aria-expanded={asking === i.id}
                      onClick={() => {
                        setLastAsked(i.id);
                        setAsking(i.id);
                      }}
                    >
                      Remove this import
                    </button>
                  </td>
                </tr>
                {asking === i.id && (
                  <tr className="confirm-row">
                    <td colSpan={8}>
                      <ConfirmRemove
                        target={{ id: i.id, file: i.fileName, dataset: dataset.name }}
                        onCancel={() => setAsking(null)}
                        onRemoved={(d) => {
                          setAsking(null);
                          setRemoved(removedText(d));
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
