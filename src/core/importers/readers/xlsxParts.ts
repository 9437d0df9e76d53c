/**
 * The small parts of an xlsx workbook that the streaming sheet reader needs besides the sheet
 * itself: the sheet list (xl/workbook.xml and its relationships), the date system, which cell
 * styles are dates (xl/styles.xml) and the shared strings. Each is parsed with `sax`, and each
 * is read to give exactly what SheetJS gives for the same part, so that a large sheet read in a
 * stream and a small one read by SheetJS import alike.
 */
import sax from 'sax';
import * as XLSX from 'xlsx';

export interface WorkbookSheet {
  name: string;
  hidden: boolean;
  /** The sheet's part in the zip, e.g. xl/worksheets/sheet1.xml; null when no relationship names it. */
  part: string | null;
}

export interface WorkbookInfo {
  sheets: WorkbookSheet[];
  /** Serial numbers count days from 1904 (old Mac Excel) rather than 1900. */
  date1904: boolean;
}

type OpenTag = (name: string, attributes: Record<string, string>) => void;

/**
 * Runs `sax` over one XML part. Element names lose any namespace prefix (x:sheet is sheet).
 * Like SheetJS, a malformed spot (an entity XML does not define, say) is passed over rather
 * than failing the whole part.
 */
export function parseXml(xml: string, open: OpenTag, close?: (name: string) => void, text?: (text: string) => void): void {
  const parser = sax.parser(true, { position: false });
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  parser.onopentag = (tag) => open(local(tag.name), tag.attributes as Record<string, string>);
  if (close) parser.onclosetag = (name) => close(local(name));
  if (text) {
    parser.ontext = text;
    parser.oncdata = text;
  }
  parser.onerror = () => {
    (parser as { error: Error | null }).error = null;
    parser.resume();
  };
  parser.write(xml).close();
}

/** xsd:boolean as SheetJS reads it: "1" and "true" are true, anything else false. */
export const xmlTrue = (value: string | undefined) => value === '1' || value === 'true';

export function readWorkbook(workbookXml: string, relsXml: string | undefined): WorkbookInfo {
  const targets = new Map<string, string>();
  if (relsXml) {
    parseXml(relsXml, (name, a) => {
      if (name === 'Relationship' && a.Id && a.Target) targets.set(a.Id, a.Target);
    });
  }
  const sheets: WorkbookSheet[] = [];
  let date1904 = false;
  parseXml(workbookXml, (name, a) => {
    if (name === 'workbookPr' && a.date1904 !== undefined) date1904 = xmlTrue(a.date1904);
    if (name !== 'sheet' || a.name === undefined) return;
    const id = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const target = id === undefined ? undefined : targets.get(id);
    sheets.push({ name: a.name, hidden: a.state === 'hidden' || a.state === 'veryHidden', part: target ? partPath(target) : null });
  });
  return { sheets, date1904 };
}

/** A relationship target as a zip entry name: relative to xl/, or absolute from the root. */
function partPath(target: string): string {
  const parts: string[] = target.startsWith('/') ? [] : ['xl'];
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '' && p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/**
 * Number formats SheetJS treats as dates although styles.xml need not spell them out: the
 * locale date formats Excel numbers 27–36, 50–58 and 71–81 (SheetJS's implicit format table).
 */
const IMPLICIT_DATE_FORMATS = new Set([27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81]);

/**
 * For each cell style (the s attribute of a cell), whether its number format is a date:
 * a number in such a cell is a date serial. Formats as SheetJS reads them (its built-in table,
 * then the workbook's own), judged by SheetJS's own test (SSF.is_date).
 */
export function dateStyles(stylesXml: string | undefined): boolean[] | null {
  if (stylesXml === undefined) return null;
  const builtIn = XLSX.SSF.get_table() as Record<number, string>;
  const custom = new Map<number, string>();
  const formatOfStyle: number[] = [];
  let inCellXfs = false;
  parseXml(
    stylesXml,
    (name, a) => {
      if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(parseInt(a.numFmtId, 10), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formatOfStyle.push(a.numFmtId ? parseInt(a.numFmtId, 10) || 0 : 0);
    },
    (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  );
  return formatOfStyle.map((id) => {
    const format = (id > 0 ? custom.get(id) : undefined) ?? builtIn[id];
    if (format === undefined) return IMPLICIT_DATE_FORMATS.has(id);
    return XLSX.SSF.is_date(format);
  });
}

/** Excel's escapes for characters XML cannot carry (_x000D_ is a carriage return). */
export function excelUnescape(text: string): string {
  const out = text.includes('_x') ? text.replace(/_x([\da-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
  return out.includes('\r\n') ? out.replace(/\r\n/g, '\n') : out;
}

/**
 * Reads string items (<si> of the shared strings, <is> of an inline string) as SheetJS does:
 * an item that starts with <t> is that text; a rich-text item is its runs' texts joined;
 * phonetic guides (<rPh>) are left out.
 */
class StringItems {
  readonly items: string[] = [];
  private text: string | null = null;
  private seenChild = false;
  private plain = false;
  private done = false;
  private inT = false;
  private phonetic = 0;

  constructor(private readonly item: string) {}

  open = (name: string): void => {
    if (name === this.item) {
      this.text = '';
      this.seenChild = this.plain = this.done = false;
      return;
    }
    if (this.text === null) return;
    if (!this.seenChild) {
      this.seenChild = true;
      this.plain = name === 't';
    }
    if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0) this.inT = true;
  };

  close = (name: string): void => {
    if (name === this.item && this.text !== null) {
      this.items.push(excelUnescape(this.text));
      this.text = null;
    } else if (name === 'rPh') this.phonetic--;
    else if (name === 't') {
      this.inT = false;
      // A plain item is its first <t> alone, as SheetJS reads it.
      if (this.plain) this.done = true;
    }
  };

  onText = (text: string): void => {
    if (this.inT && this.text !== null && !this.done) this.text += text;
  };
}

/** Every string of xl/sharedStrings.xml, in order. */
export function sharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  const reader = new StringItems('si');
  parseXml(
    xml,
    reader.open,
    reader.close,
    reader.onText,
  );
  return reader.items;
}

/** The text of one inline string, from the XML inside its cell's <is> element. */
export function inlineString(isXml: string): string {
  return sharedStrings(`<sst><si>${isXml}</si></sst>`)[0] ?? '';
}
