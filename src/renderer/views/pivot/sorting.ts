/** Sorting pivot rows by their label, their total, or one column's values. */
import type { PivotResult } from '../../../shared/pivot';

export type SortKey = 'label' | 'total' | number;
export interface Sort {
  by: SortKey;
  dir: 'asc' | 'desc';
}

/** Row indices in display order; nulls sort last whichever way. */
export function sortedRows(result: PivotResult, sort: Sort | null): number[] {
  const order = result.rows.map((_, i) => i);
  if (!sort) return order;
  const sign = sort.dir === 'asc' ? 1 : -1;
  if (sort.by === 'label') {
    const label = (i: number) => result.rows[i]!.labels.join(' ');
    return order.sort((a, b) => sign * label(a).localeCompare(label(b), 'en-GB', { numeric: true }));
  }
  const value = (i: number) =>
    sort.by === 'total' ? result.rowTotals[i]!.value : (result.cells[i]![sort.by as number]?.value ?? null);
  return order.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? a - b : va === null ? 1 : -1;
    return sign * (va - vb) || a - b;
  });
}

/** Numbers sort largest first on the first click (the question is usually "which is highest?"); labels A–Z. */
export function nextSort(current: Sort | null, by: SortKey): Sort | null {
  const first: Sort['dir'] = by === 'label' ? 'asc' : 'desc';
  if (!current || current.by !== by) return { by, dir: first };
  if (current.dir === first) return { by, dir: first === 'asc' ? 'desc' : 'asc' };
  return null;
}
