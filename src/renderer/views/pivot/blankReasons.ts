/**
 * Why figures in a pivot are blank, said once per kind of reason. The engine gives each blank
 * figure its own reason, naming its area and year ("No population for Belmont …"): a ward ×
 * year rate table can hold dozens that differ only in those, and the notes under the table
 * listed every one. Figures are grouped by the engine's `reasonKind` where it gives one (else
 * by the reason with its area codes and years set aside), each kind told once with how many
 * figures it covers; each figure still gives its own reason on focus or hover.
 */
import type { PivotCell, PivotResult } from '../../../shared/pivot';
import { counted } from '../../../shared/counted';

/** ONS area codes (E05013542, E09000015) and years: what sets one figure's reason apart from the next. */
const PARTICULARS = /\b[EWSN]\d{8}\b|\b(19|20)\d\d\b/g;

export function blankReasons(result: PivotResult): string[] {
  const kinds = new Map<string, { first: string; figures: number; reasons: Set<string> }>();
  const look = (c: PivotCell) => {
    if (c.value !== null || !c.reason) return;
    const kind = c.reasonKind ?? c.reason.replace(PARTICULARS, '…');
    const k = kinds.get(kind) ?? { first: c.reason, figures: 0, reasons: new Set<string>() };
    k.figures += 1;
    k.reasons.add(c.reason);
    kinds.set(kind, k);
  };
  for (const row of result.cells) row.forEach(look);
  result.rowTotals.forEach(look);
  result.columnTotals.forEach(look);
  look(result.grandTotal);
  return [...kinds.values()].map((k) =>
    k.reasons.size === 1
      ? `Where a cell shows “–”: ${k.first}`
      : `Where a cell shows “–” (${counted(k.figures, 'figure')}), the reason is of this kind: ${k.first} ` +
        'Each figure names its own area and year when you point at it or move to it with Tab.',
  );
}
