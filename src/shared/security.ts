/**
 * What one engine call may carry, over HTTP (browser mode) and IPC (the desktop app) alike:
 * arguments as JSON of at most 1 MB, nested at most 64 deep (deeper JSON could overflow the
 * stack copying it to the engine's thread); a pack from the app carries its charts' images
 * (a PNG and an SVG each), so only that call takes up to 48 MB.
 */
export const MAX_ARGS_BYTES = 1024 * 1024;
export const MAX_ARGS_DEPTH = 64;
export const MAX_PACK_ARGS_BYTES = 48 * 1024 * 1024;

/**
 * The one Content-Security-Policy, for the desktop app and browser mode alike: nothing from
 * any other origin, no inline or eval'd script, no plugins, no framing. Plotly sets inline
 * style attributes and adds <style> rules for its charts, hence 'unsafe-inline' for styles
 * only; images may be data: or blob: URLs (chart export).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
