/**
 * plotly.js inlined into the report, so the HTML opens on a laptop with no network: the
 * official basic bundle (plotly.js-basic-dist-min: scatter, bar and pie, all the report
 * draws; 1.1 MB where the whole library is 4.9 MB), read once per process, and the
 * script hashes for the report's Content-Security-Policy (inline scripts are allowed by
 * hash only, so nothing injected into the page can run).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { WardlensError } from '../../errors';

let cached: { code: string; version: string } | null = null;

export function plotlySource(): { code: string; version: string } {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  let code: string;
  let version: string;
  try {
    code = readFileSync(require.resolve('plotly.js-basic-dist-min/plotly-basic.min.js'), 'utf8');
    version = (
      JSON.parse(readFileSync(require.resolve('plotly.js-basic-dist-min/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch (err) {
    throw new WardlensError(
      'internal',
      `The charting library (plotly.js-basic-dist-min) is missing from this installation: ${(err as Error).message}`,
    );
  }
  // Inside <script>, "</script" would end the element early ("<\/script" means the same to
  // JavaScript); the HTML parser turns CR LF into LF, which would break the CSP hash.
  cached = { code: code.replace(/<\/(script)/gi, '<\\/$1').replace(/\r\n?/g, '\n'), version };
  return cached;
}

/** The width of an A4 page inside the report's 15 mm print margins, in CSS pixels (180 mm at 96 per inch). */
export const PRINT_WIDTH = 680;

/**
 * Draws every figure from the JSON block. For printing (the browser's Print, Save as PDF,
 * the app's PDF) the charts are redrawn at the printed page's width, so none is cut off at
 * the margin, and back to the window's width afterwards. Constant, so its hash is too.
 */
export const INIT_SCRIPT = `(function () {
  var block = document.getElementById('wardlens-charts');
  var figures = block ? JSON.parse(block.textContent || '[]') : [];
  var drawn = [];
  if (!window.Plotly) return;
  var config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ['select2d', 'lasso2d'] };
  figures.forEach(function (f) {
    var el = document.getElementById(f.target);
    if (!el) return;
    window.Plotly.newPlot(el, f.data, f.layout, Object.assign({ toImageButtonOptions: { format: 'png', filename: f.id, scale: 3 } }, config));
    drawn.push(el);
  });
  var printing = false;
  function forPrint() {
    if (printing) return;
    printing = true;
    drawn.forEach(function (el) { window.Plotly.relayout(el, { autosize: false, width: ${PRINT_WIDTH} }); });
  }
  function forScreen() {
    if (!printing) return;
    printing = false;
    drawn.forEach(function (el) { window.Plotly.relayout(el, { autosize: true, width: null }); });
  }
  window.addEventListener('beforeprint', forPrint);
  window.addEventListener('afterprint', forScreen);
  var media = window.matchMedia && window.matchMedia('print');
  if (media && media.addEventListener) media.addEventListener('change', function (e) { if (e.matches) forPrint(); else forScreen(); });
  document.documentElement.setAttribute('data-charts-drawn', String(drawn.length));
})();`;

export const scriptHash = (code: string) =>
  `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;

/**
 * No remote origin for anything: scripts only by hash, styles inline (Plotly sets its
 * own), images only from data: and blob: (Plotly's "download as PNG"), no fetch at all.
 */
export function contentSecurityPolicy(scripts: string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map(scriptHash).join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
