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
