/** Category schemes in the analyst's words: the keys ("mps-ho") are the engine's, not theirs. */
const SCHEMES: Record<string, string> = {
  'mps-ho': 'Home Office categories (MPS)',
  'mps-old': 'older MPS categories (before 2019)',
  policeuk: 'police.uk crime types',
  mapped: 'categories from mapped spreadsheets',
};

export function schemeName(scheme: string | null): string {
  if (!scheme) return 'no categories';
  return SCHEMES[scheme] ?? `“${scheme}” categories`;
}
