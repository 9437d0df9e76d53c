/**
 * Escaping for the HTML report. Names come from imported files, so a ward or borough name
 * may hold markup ("<img src=http://…>"): it must reach the page as text, in HTML, in the
 * JSON the charts read, and in Plotly, which reads its own labels as a little HTML.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML[ch]!);
}

/**
 * JSON safe inside <script type="application/json">: no "</script", no "<!--", and none
 * of the line separators old parsers choke on.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Plotly treats < > & in labels as markup (it even makes links of <a href>): give them as numeric entities it shows literally. */
export function plotlyText(text: string): string {
  return text.replace(/[<>&]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
