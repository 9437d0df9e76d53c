/**
 * A typed filter value in the spelling the pivot shows: "BURGLARY" or "burglary" becomes
 * "Burglary" when the dataset offers it so, so the chip and the pivot's title read as the
 * table does. The engine matches either way (case-insensitively); a value the dataset does
 * not offer (or not yet: the suggestions may still be on their way) is kept as typed.
 */
export function valueAsShown(typed: string, suggestions: readonly string[]): string {
  const v = typed.trim();
  const wanted = v.toLocaleLowerCase('en-GB');
  return suggestions.find((s) => s.toLocaleLowerCase('en-GB') === wanted) ?? v;
}
