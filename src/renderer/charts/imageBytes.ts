/** The bytes behind a data: URL (what Plotly's toImage gives), for the desktop app's save dialog. */
export function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const meta = url.slice(0, comma);
  const data = url.slice(comma + 1);
  if (meta.endsWith(';base64')) return Uint8Array.from(atob(data), (ch) => ch.charCodeAt(0));
  return new TextEncoder().encode(decodeURIComponent(data));
}
