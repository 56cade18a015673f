/** The HTML report's whole stylesheet, inlined so the file opens offline and prints the same anywhere. */
export const HTML_REPORT_CSS = `
:root { --text: #1d1f24; --muted: #6b7078; --line: #e1e3e8; --accent: #2d5bd7;
  --critical: #b3001b; --high: #d9480f; --medium: #e8a317; --low: #3b82c4; --info: #6b7078; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 980px; padding: 24px 32px 48px; font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--text); }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 18px 0 6px; }
h4 { font-size: 14px; margin: 16px 0 4px; }
.meta, .muted { color: var(--muted); }
.meta { margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f0f1f4; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
time { white-space: nowrap; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 11px; text-transform: uppercase; color: #fff; background: var(--info); }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); } .sev-low { background: var(--low); }
.cause { border-left: 4px solid var(--critical); padding: 4px 12px; margin: 8px 0; background: #fdf6f7; }
.charts { display: grid; gap: 6px; }
figure.chart-box { margin: 0; break-inside: avoid; }
figure.chart-box figcaption { font-weight: 600; font-size: 13px; }
svg.chart { display: block; max-width: 100%; height: auto; }
.legend { font-size: 12px; color: var(--muted); }
.legend span { margin-right: 12px; white-space: nowrap; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
ol.path { margin: 4px 0 8px; padding-left: 26px; font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace; font-size: 12px; }
ol.path li { overflow-wrap: anywhere; }
dl.whys dt { font-weight: 600; margin-top: 8px; }
dl.whys dd { margin: 2px 0 0 20px; }
.finding { break-inside: avoid; border-top: 1px solid var(--line); padding-top: 4px; }
code { font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace; font-size: 12px; }
a { color: var(--accent); }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; }
  tr, figure.chart-box, .cause, .finding { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .badge, .swatch, svg.chart rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
