/**
 * "Open the Map view" from a boundary import's result: the shell switches views. A DOM event,
 * as for the quality report, so the Import view needs no prop threaded from the shell.
 */
const EVENT = 'wardlens:show-map';

export function showMap(): void {
  window.dispatchEvent(new CustomEvent(EVENT));
}

export function onShowMap(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
