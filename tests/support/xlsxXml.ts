// Reading an xlsx file's own XML (through SheetJS's zip reader, not the writer's code): which
// sheet file is which, a cell's font and number format, frozen panes, column widths, formulas.
import * as XLSX from 'xlsx';

export interface XlsxParts {
  /** A part's text by its path in the zip, e.g. "xl/styles.xml". */
  part(name: string): string;
  /** The worksheet XML of a sheet by its name. */
  sheetXml(sheet: string): string;
  /** Font weight and number format of a cell ("B5") of a sheet. */
  cellStyle(sheet: string, ref: string): { bold: boolean; numFmt: string | null; fill: string | null };
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const BUILT_IN_FORMATS: Record<string, string> = {
  '0': 'General',
  '1': '0',
  '2': '0.00',
  '3': '#,##0',
  '4': '#,##0.00',
  '9': '0%',
  '10': '0.00%',
  '49': '@',
};

export function xlsxParts(bytes: Buffer): XlsxParts {
  const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
  const part = (name: string) => {
    const i = zip.FullPaths.findIndex((p: string) => p.endsWith(`/${name}`));
    if (i < 0) throw new Error(`no part ${name}`);
    return Buffer.from(zip.FileIndex[i]!.content as Uint8Array).toString('utf8');
  };
  const workbook = part('xl/workbook.xml');
  const rels = part('xl/_rels/workbook.xml.rels');
  const sheetXml = (sheet: string) => {
    const tag = [...workbook.matchAll(/<sheet\b[^>]*>/g)]
      .map((m) => m[0])
      .find((t) => unescape(attr(t, 'name') ?? '') === sheet);
    if (!tag) throw new Error(`no sheet ${sheet}`);
    const id = attr(tag, 'r:id');
    const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
      .map((m) => m[0])
      .find((t) => attr(t, 'Id') === id);
    const target = attr(rel ?? '', 'Target')!.replace(/^\/?(xl\/)?/, '');
    return part(`xl/${target}`);
  };
  const styles = part('xl/styles.xml');
  const section = (name: string) =>
    new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`).exec(styles)?.[1] ?? '';
  const fonts = [...section('fonts').matchAll(/<font\b[^>]*?(?:\/>|>([\s\S]*?)<\/font>)/g)].map(
    (m) => m[1] ?? '',
  );
  const fills = [...section('fills').matchAll(/<fill\b[^>]*?(?:\/>|>([\s\S]*?)<\/fill>)/g)].map(
    (m) => m[1] ?? '',
  );
  const xfs = [...section('cellXfs').matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  const formats = new Map(
    [...section('numFmts').matchAll(/<numFmt\b[^>]*>/g)].map((m) => [
      attr(m[0], 'numFmtId')!,
      unescape(attr(m[0], 'formatCode')!),
    ]),
  );
  return {
    part,
    sheetXml,
    cellStyle(sheet, ref) {
      const cell = new RegExp(`<c r="${ref}"[^>]*>`).exec(sheetXml(sheet))?.[0];
      if (!cell) throw new Error(`no cell ${ref} in ${sheet}`);
      const xf = xfs[Number(attr(cell, 's') ?? 0)] ?? '';
      const font = fonts[Number(attr(xf, 'fontId') ?? 0)] ?? '';
      const fill = fills[Number(attr(xf, 'fillId') ?? 0)] ?? '';
      const numFmtId = attr(xf, 'numFmtId') ?? '0';
      return {
        bold: /<b\s*\/>|<b\s+val="(1|true)"/.test(font),
        numFmt: formats.get(numFmtId) ?? BUILT_IN_FORMATS[numFmtId] ?? null,
        fill: /<fgColor rgb="([0-9A-F]+)"/i.exec(fill)?.[1] ?? null,
      };
    },
  };
}
