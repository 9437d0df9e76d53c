/** The report's stylesheet: plain, readable on screen, and laid out for A4 when printed. */
export const REPORT_CSS = `
:root { --ink: #1d2330; --muted: #4a5263; --rule: #c9ced8; --head: #e8ecf2; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; color: var(--ink); line-height: 1.45; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 4rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .75rem; padding-top: .5rem; border-top: 3px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
p, li { max-width: 48rem; }
.meta, .source, figcaption .source { color: var(--muted); font-size: .9rem; }
nav ol { columns: 2; padding-left: 1.25rem; }
nav a { color: inherit; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(10.5rem, 1fr)); gap: .75rem; margin: .75rem 0 1rem; padding: 0; list-style: none; }
.facts li { border: 1px solid var(--rule); border-radius: 4px; padding: .6rem .75rem; }
.facts .label { display: block; color: var(--muted); font-size: .85rem; }
.facts .value { display: block; font-size: 1.45rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.facts .value.words { font-size: 1.05rem; }
.facts .detail { display: block; color: var(--muted); font-size: .85rem; }
.table-wrap { overflow-x: auto; margin: .5rem 0 1.5rem; }
table { border-collapse: collapse; font-size: .9rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding-bottom: .35rem; }
th, td { padding: .3rem .55rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: bottom; }
thead th { background: var(--head); border-bottom: 1.5px solid var(--ink); max-width: 8.5rem; }
thead th.num { white-space: normal; }
td:not(.num), tbody th { min-width: 9rem; }
tbody th { font-weight: normal; }
.num { text-align: right; white-space: nowrap; }
tr.total th, tr.total td { font-weight: 700; border-top: 1.5px solid var(--ink); }
.mark { margin-left: .1em; color: var(--muted); }
.rag-red { background: #f4c7c3; } .rag-amber { background: #fce8b2; } .rag-green { background: #b7e1cd; }
.table-notes { color: var(--muted); font-size: .85rem; padding-left: 1.1rem; }
figure { margin: 1rem 0 1.75rem; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .35rem; }
.chart { width: 100%; min-height: 320px; }
.notice { border-left: 4px solid #e69f00; padding: .5rem .75rem; background: #fff8e6; }
.files { font-size: .85rem; color: var(--muted); margin-top: .25rem; }
.files a { color: inherit; }
@media print {
  @page { size: A4; margin: 15mm; }
  html { font-size: 10.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table { font-size: 8.5pt; }
  body { max-width: none; padding: 0; }
  nav, .modebar-container, .no-print { display: none !important; }
  section.category { break-before: page; }
  h2, h3 { break-after: avoid; }
  table, figure, .facts, .facts li, tr { break-inside: avoid; }
  .chart { min-height: 0; width: 100%; overflow: hidden; }
  .notice { break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;
