/**
 * The chart images the app's renderer sends with a pack request, checked before any is
 * written: one PNG and one SVG for every chart of the pack and nothing else, each within a
 * size limit; the PNG really a PNG of the size the chart was drawn at; the SVG well-formed
 * XML that runs nothing and loads nothing (no script, no event handlers, no foreign
 * content, no reference outside the file), so it is safe to open, insert into Word or
 * serve. The bytes come from a page, so they are treated as untrusted input. A ward map's
 * SVG is the engine's own drawing, so only its PNG is sent, and checked the same way.
 */
import type { ChartImage, MapImage, PackChart } from '../../shared/export';
import { WardlensError } from '../errors';

export const MAX_PNG_BYTES = 12 * 1024 * 1024;
export const MAX_SVG_BYTES = 4 * 1024 * 1024;

export interface CheckedImage {
  id: string;
  png: Buffer;
  svg: string;
}

const bad = (id: string, what: string) =>
  new WardlensError(
    'bad-request',
    `The image of chart "${id.slice(0, 80)}" ${what}. Nothing was written; export the pack again.`,
  );

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes and checks a PNG: signature, IHDR first, IEND last, and the expected pixel size. */
export function checkPng(id: string, base64: unknown, expected: { width: number; height: number }): Buffer {
  if (typeof base64 !== 'string' || base64.length > Math.ceil(MAX_PNG_BYTES / 3) * 4)
    throw bad(id, `is missing its PNG or the PNG is larger than ${MAX_PNG_BYTES / 1024 / 1024} MB`);
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
    throw bad(id, 'is not a PNG (not base64)');
  const png = Buffer.from(base64, 'base64');
  const iend = png.subarray(png.length - 12);
  if (
    png.length < 45 ||
    !png.subarray(0, 8).equals(PNG_SIGNATURE) ||
    png.toString('latin1', 12, 16) !== 'IHDR' ||
    iend.toString('latin1', 4, 8) !== 'IEND'
  )
    throw bad(id, 'is not a PNG');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  // Plotly rounds the scaled size; allow it a pixel either way.
  if (Math.abs(width - expected.width) > 1 || Math.abs(height - expected.height) > 1)
    throw bad(
      id,
      `is ${width} × ${height} pixels, not the ${expected.width} × ${expected.height} it is drawn at`,
    );
  return png;
}

const DENIED_ELEMENTS = new Set([
  'script',
  'foreignobject',
  'iframe',
  'embed',
  'object',
  'audio',
  'video',
  'a',
  'animate',
  'set',
  'animatemotion',
  'animatetransform',
  'handler',
  'listener',
]);
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/y;
const NAME = '[A-Za-z_][\\w:.-]*';
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'y');
const OPEN_TAG = new RegExp(`<(${NAME})`, 'y');
const CLOSE_TAG = new RegExp(`</(${NAME})\\s*>`, 'y');

/** CSS (a style attribute or element) may point only inside the file: url(#id). */
function cssProblem(css: string): string | null {
  if (/@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding/i.test(css)) return 'has active CSS';
  for (const m of css.matchAll(/url\s*\(\s*(['"]?)\s*([^'")\s]*)/gi))
    if (!m[2]!.startsWith('#')) return `refers to something outside the file (url(${m[2]!.slice(0, 40)}))`;
  return null;
}

function attributeProblem(name: string, value: string): string | null {
  const lower = name.toLowerCase();
  if (lower.startsWith('on')) return `has an event handler (${name})`;
  if (lower === 'href' || lower.endsWith(':href') || lower === 'src')
    return value.trim().startsWith('#') ? null : `refers to something outside the file (${name})`;
  if (/javascript:|vbscript:/i.test(value)) return 'holds a script address';
  return cssProblem(value);
}

/** Checks text between tags: no stray "<", and only XML's own entities. */
function textProblem(text: string): string | null {
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text)) return 'is not well-formed XML (a bare "&")';
  }
  return null;
}

/**
 * A strict walk over the SVG's markup, failing closed: anything that is not a plain
 * element, attribute, text, comment or the XML declaration is refused (no DOCTYPE, so no
 * entities; no CDATA; no processing instructions).
 */
export function svgProblem(svg: string): string | null {
  let at = 0;
  const skipSpace = () => {
    while (at < svg.length && /\s/.test(svg[at]!)) at++;
  };
  skipSpace();
  if (svg.startsWith('<?xml', at)) {
    const end = svg.indexOf('?>', at);
    if (end < 0) return 'is not well-formed XML';
    at = end + 2;
  }
  const open: string[] = [];
  let root = false;
  while (at < svg.length) {
    const lt = svg.indexOf('<', at);
    const text = svg.slice(at, lt < 0 ? svg.length : lt);
    if (!open.length && text.trim()) return 'is not well-formed XML (text outside the <svg> element)';
    const t = textProblem(text);
    if (t) return t;
    if (lt < 0) break;
    if (open.at(-1) === 'style') {
      const c = cssProblem(text);
      if (c) return c;
    }
    at = lt;
    if (svg.startsWith('<!--', at)) {
      const end = svg.indexOf('-->', at + 4);
      if (end < 0) return 'is not well-formed XML (an unclosed comment)';
      at = end + 3;
      continue;
    }
    CLOSE_TAG.lastIndex = at;
    const close = CLOSE_TAG.exec(svg);
    if (close) {
      if (open.pop() !== close[1]!.toLowerCase())
        return `is not well-formed XML (</${close[1]!.slice(0, 40)}> closes nothing open)`;
      at = CLOSE_TAG.lastIndex;
      continue;
    }
    OPEN_TAG.lastIndex = at;
    const tag = OPEN_TAG.exec(svg);
    if (!tag) return 'is not well-formed XML, or holds a DOCTYPE, CDATA or processing instruction';
    const name = tag[1]!.toLowerCase();
    if (!open.length && (root || name !== 'svg')) return 'is not an SVG document';
    root = true;
    if (DENIED_ELEMENTS.has(name.replace(/^svg:/, ''))) return `holds a <${tag[1]}> element`;
    at = OPEN_TAG.lastIndex;
    for (;;) {
      ATTRIBUTE.lastIndex = at;
      const attr = ATTRIBUTE.exec(svg);
      if (!attr) break;
      const value = attr[2] ?? attr[3] ?? '';
      const problem = attributeProblem(attr[1]!, value) ?? textProblem(value);
      if (problem) return problem;
      at = ATTRIBUTE.lastIndex;
    }
    skipSpace();
    if (svg.startsWith('/>', at)) at += 2;
    else if (svg[at] === '>') {
      at += 1;
      open.push(name);
    } else return `is not well-formed XML (in <${tag[1]!.slice(0, 40)}>)`;
  }
  if (!root) return 'is not an SVG document';
  if (open.length) return `is not well-formed XML (<${open.at(-1)}> is never closed)`;
  return null;
}

export function checkSvg(id: string, svg: unknown): string {
  if (typeof svg !== 'string' || Buffer.byteLength(svg, 'utf8') > MAX_SVG_BYTES)
    throw bad(id, `is missing its SVG or the SVG is larger than ${MAX_SVG_BYTES / 1024 / 1024} MB`);
  const problem = svgProblem(svg);
  if (problem) throw bad(id, `(SVG) ${problem}`);
  return svg;
}

/**
 * The images the page sent, by id: a list, each for one of the pack's charts (or maps), none
 * twice. Whether every one was sent is for the caller, which names what is missing.
 */
function imagesById<T extends { id?: unknown }>(images: unknown, ids: Set<string>, noun: 'chart' | 'map'): Map<string, T> {
  if (!Array.isArray(images))
    throw new WardlensError('bad-request', `The ${noun} images must be a list. Nothing was written.`);
  const byId = new Map<string, T>();
  for (const image of images as T[]) {
    const id = typeof image?.id === 'string' ? image.id : '';
    if (!ids.has(id))
      throw new WardlensError(
        'bad-request',
        `An image was sent for "${id.slice(0, 80)}", which is not a ${noun} of this pack. Nothing was written.`,
      );
    if (byId.has(id))
      throw new WardlensError('bad-request', `Two images were sent for ${noun} "${id}". Nothing was written.`);
    byId.set(id, image);
  }
  return byId;
}

/** Exactly one image for each of the pack's charts, each checked; in the charts' order. */
export function checkChartImages(images: unknown, charts: PackChart[]): CheckedImage[] {
  const byId = imagesById<ChartImage>(images, new Set(charts.map((c) => c.chart.id)), 'chart');
  return charts.map(({ chart, width, height, scale, fingerprint }) => {
    const image = byId.get(chart.id);
    if (!image) throw bad(chart.id, 'was not sent');
    // Drawn from what the pack asked for a moment ago: if the data changed since (an import
    // in between), the picture would not match the tables.
    if (image.fingerprint !== fingerprint)
      throw bad(chart.id, 'was drawn from figures that have changed since');
    return {
      id: chart.id,
      png: checkPng(chart.id, image.pngBase64, {
        width: Math.round(width * scale),
        height: Math.round(height * scale),
      }),
      svg: checkSvg(chart.id, image.svg),
    };
  });
}

/** What a map's PNG is checked against: the engine's own picture of it. */
export interface MapToCheck {
  id: string;
  fingerprint: string;
  width: number;
  height: number;
  scale: number;
}

/**
 * Exactly one PNG for each of the pack's ward maps, drawn from the very SVG the engine made
 * (its fingerprint) at the size asked for; keyed by map id. The SVG itself is the engine's
 * own, so only the PNG comes from the page.
 */
export function checkMapImages(images: unknown, maps: MapToCheck[]): Map<string, Buffer> {
  const sent = imagesById<MapImage>(images, new Set(maps.map((m) => m.id)), 'map');
  return new Map(
    maps.map((m) => {
      const image = sent.get(m.id);
      if (!image) throw bad(m.id, 'was not sent');
      if (image.fingerprint !== m.fingerprint)
        throw bad(m.id, 'was drawn from figures that have changed since');
      const size = { width: Math.round(m.width * m.scale), height: Math.round(m.height * m.scale) };
      return [m.id, checkPng(m.id, image.pngBase64, size)];
    }),
  );
}
