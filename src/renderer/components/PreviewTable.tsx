/** The first rows of a file, exactly as it has them, with the spreadsheet's row numbers. */
import type { FilePreview } from '../../shared/preview';

const MAX_COLUMNS = 12;
const MAX_ROWS = 8;

export function PreviewTable({ preview, headerRow }: { preview: FilePreview; headerRow: number }) {
  const rows = preview.rows.slice(0, Math.max(MAX_ROWS, headerRow + 4));
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  const shown = Math.min(width, MAX_COLUMNS);
  return (
    <div className="preview-scroll" tabIndex={0} role="region" aria-label={`First rows of ${preview.file}`}>
      <table className="preview-table">
        <thead>
          <tr>
            <th scope="col" className="row-number">
              Row
            </th>
            {Array.from({ length: shown }, (_, i) => (
              <th scope="col" key={i}>
                {columnLetter(i)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.row}
              className={
                r.row === headerRow ? 'is-header-row' : r.row < headerRow ? 'is-title-row' : undefined
              }
            >
              <th scope="row" className="row-number">
                {r.row}
              </th>
              {Array.from({ length: shown }, (_, i) => (
                <td key={i} title={r.cells[i]}>
                  {r.cells[i] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {width > shown && <p className="table-more">…and {width - shown} more columns.</p>}
    </div>
  );
}

/** A, B, … Z, AA: how spreadsheet programs name columns. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
