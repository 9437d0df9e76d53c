/**
 * "Show the quality report" from anywhere (the import results): the shell switches to the
 * Data view, and the dataset's quality panel scrolls into view and takes the focus. A DOM
 * event keeps the views apart: neither needs a prop threaded through the other.
 */
const EVENT = 'wardlens:show-quality';

export function showQuality(dataset: string): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: dataset }));
}

export function onShowQuality(listener: (dataset: string) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<string>).detail);
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}
