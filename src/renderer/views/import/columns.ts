/**
 * The columns a mapping can name: the header row's texts (matched by the engine without
 * regard to case), or the column's number when its header is blank or repeated.
 */
import type { FilePreview } from '../../../shared/preview';
import { columnLetter } from '../../components/PreviewTable';

export interface ColumnChoice {
  /** What goes into the mapping. */
  ref: string | number;
  /** The <option> value (a string either way). */
  value: string;
  label: string;
}

export function columnChoices(preview: FilePreview, headerRow: number): ColumnChoice[] {
  const cells = preview.rows.find((r) => r.row === headerRow)?.cells ?? [];
  const counts = new Map<string, number>();
  for (const c of cells) counts.set(c.trim().toLowerCase(), (counts.get(c.trim().toLowerCase()) ?? 0) + 1);
  return cells.map((c, i) => {
    const text = c.trim();
    const unique = text !== '' && counts.get(text.toLowerCase()) === 1;
    const ref = unique ? text : i + 1;
    return { ref, value: refValue(ref), label: `${columnLetter(i)}: ${text || '(blank)'}` };
  });
}

export const refValue = (ref: string | number | undefined): string =>
  ref === undefined ? '' : typeof ref === 'number' ? `#${ref}` : `=${ref}`;

export function refFromValue(value: string): string | number | undefined {
  if (value === '') return undefined;
  return value.startsWith('#') ? Number(value.slice(1)) : value.slice(1);
}
