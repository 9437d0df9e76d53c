/**
 * Names the export makes from analysts' data: Excel sheet names (at most 31 characters,
 * none of : \ / ? * [ ], unique ignoring case) and file names that every system accepts
 * (area names come from imported files and may hold anything).
 */

const SHEET_FORBIDDEN = /[:\\/?*[\]]/g;

/** Hands out valid, unique sheet names: "Burglary – Wards", "Burglary – Wards (2)". */
export class SheetNames {
  private readonly taken = new Set<string>(['history']);

  name(wanted: string): string {
    const clean =
      wanted
        .replace(SHEET_FORBIDDEN, ' ')
        .replace(/./gsu, (ch) => (ch < ' ' ? '' : ch))
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^'+|'+$/g, '') || 'Sheet';
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const candidate = clean.slice(0, 31 - suffix.length).trimEnd() + suffix;
      if (!this.taken.has(candidate.toLowerCase())) {
        this.taken.add(candidate.toLowerCase());
        return candidate;
      }
    }
  }
}

/** "Burglary – Wards" with the category shortened so the block name always shows. */
export function blockSheetName(category: string, block: string): string {
  const room = 31 - block.length - 3;
  const short = category.length > room ? `${category.slice(0, room - 1).trimEnd()}…` : category;
  return `${short} – ${block}`;
}

const FILE_FORBIDDEN = /[<>:"/\\|?*]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A file-name part from any text: no path or control characters, no trailing dot or space, not a Windows device name. */
export function fileNamePart(text: string, fallback = 'export'): string {
  let s = text
    .replace(/./gsu, (ch) => (ch < ' ' ? '_' : ch))
    .replace(FILE_FORBIDDEN, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 80);
  if (s.startsWith('.')) s = `_${s.slice(1)}`;
  if (!s || WINDOWS_RESERVED.test(s)) s = fallback;
  return s;
}
