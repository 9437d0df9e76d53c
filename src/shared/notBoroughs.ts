/**
 * The borough-level names the MPS files crimes under that are not boroughs, in words: its own
 * police areas (the airports, "Aviation Security (SO18)") and "Unknown", its label for crimes
 * whose borough was not recorded (a label, not a place). Shared by the Data view and `wardlens info`.
 */

/** "Unknown": the MPS's label for crimes with no borough recorded. */
export const isNoBoroughLabel = (name: string): boolean => name.trim().toLowerCase() === 'unknown';

const quoted = (names: string[]) => names.map((n) => `“${n}”`).join(', ');

/** "police areas “A”, “B”; “Unknown”: crimes with no borough recorded". */
export function notBoroughsText(names: string[]): string {
  const places = names.filter((n) => !isNoBoroughLabel(n));
  const unknown = names.filter(isNoBoroughLabel);
  return [
    ...(places.length ? [`${places.length === 1 ? 'police area' : 'police areas'} ${quoted(places)}`] : []),
    ...(unknown.length ? [`${quoted(unknown)}: crimes with no borough recorded`] : []),
  ].join('; ');
}
