/**
 * A file refused for several bad cells: each of them in a table (row, column, what it holds,
 * what is wrong), so the analyst mends them all before importing again, not one per attempt.
 */
import type { ApiError, BadCell } from '../../../shared/errors';
import { formatCount } from '../../format/numbers';

export function BadCellsNotice({ error, cells }: { error: ApiError; cells: BadCell[] }) {
  const more = error.details?.moreCells ?? 0;
  // The message's first line says how many and that nothing was kept; its list is the table's.
  const headline = error.message.split('\n')[0];
  return (
    <div className="notice notice-error" role="alert">
      <p>{headline}</p>
      <div className="table-scroll">
        <table className="compact-table bad-cells">
          <caption className="visually-hidden">Cells that could not be read in {error.details?.file}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              <th scope="col">Column</th>
              <th scope="col">What is wrong</th>
            </tr>
          </thead>
          <tbody>
            {cells.map((c) => (
              <tr key={`${c.row}|${c.column ?? ''}`}>
                <td className="num">{c.row}</td>
                <td>{c.column ?? ''}</td>
                <td>{c.problem}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 && <p>… and {formatCount(more)} more cells like these, not listed.</p>}
      <p className="notice-hint">
        What to do: correct these cells in the spreadsheet, save it, and import the file again.
      </p>
    </div>
  );
}
