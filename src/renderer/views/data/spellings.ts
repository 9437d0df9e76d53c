/**
 * The source spellings besides the name shown. A name shown in title case that no file used
 * ("Fraud and Forgery" for "FRAUD AND FORGERY") is the same spelling, not another one.
 */
export function otherSpellings(shown: string, spellings: string[]): string[] {
  const used = spellings.includes(shown);
  return spellings.filter((s) => s !== shown && (used || s.toLowerCase() !== shown.toLowerCase()));
}
