/**
 * The HTML report's style sheet, inlined so the report is one file with no external resources. System
 * fonts only; colours survive printing (`print-color-adjust: exact`) and every verdict is also written
 * out, so nothing depends on colour alone.
 */
export const HTML_REPORT_CSS = `
:root {
  --ink: #1f2328;
  --muted: #59636e;
  --line: #d1d9e0;
  --soft: #f6f8fa;
  --pass: #1a7f37;
  --fail: #cf222e;
  --warn: #9a6700;
  --skip: #6e7781;
  --error: #8250df;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0 auto;
  max-width: 1040px;
  padding: 32px 28px 48px;
  color: var(--ink);
  background: #ffffff;
  font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif;
}
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0; }
h3 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
a { color: #0969da; text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace; }
.subtitle { color: var(--muted); margin: 0 0 20px; }

.status {
  display: flex; align-items: center; gap: 18px;
  border: 1px solid; border-left-width: 6px; border-radius: 8px;
  padding: 14px 18px; margin: 0 0 20px;
}
.status.certified { border-color: var(--pass); background: #dafbe1; }
.status.not-certified { border-color: var(--fail); background: #ffebe9; }
.status-word { font-size: 22px; font-weight: 700; white-space: nowrap; }
.status.certified .status-word { color: var(--pass); }
.status.not-certified .status-word { color: var(--fail); }
.status p { margin: 0; }
.counts { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }

.meta {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 10px 24px;
  margin: 0 0 24px; padding: 14px 18px; border: 1px solid var(--line); border-radius: 8px; background: var(--soft);
}
.meta div { min-width: 0; }
.meta dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.meta .wide { grid-column: 1 / -1; }
.meta dd.margins { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; font-size: 13px; }
.meta dd.margins .mono { color: var(--muted); }

.verdict {
  display: inline-block; min-width: 64px; padding: 1px 8px; border-radius: 10px;
  color: #ffffff; font-size: 12px; font-weight: 700; letter-spacing: .03em; text-align: center; white-space: nowrap;
}
.verdict-PASS { background: var(--pass); }
.verdict-FAIL { background: var(--fail); }
.verdict-WARN { background: var(--warn); }
.verdict-SKIP { background: var(--skip); }
.verdict-ERROR { background: var(--error); }
.level { font-size: 12px; color: var(--muted); }
.level-required { color: var(--ink); font-weight: 600; }

.table-title { margin: 0 0 8px; }
table.verdicts { width: 100%; border-collapse: collapse; margin: 0 0 32px; }
table.verdicts th {
  text-align: left; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em;
  border-bottom: 2px solid var(--line); padding: 6px 10px;
}
table.verdicts td { border-bottom: 1px solid var(--line); padding: 8px 10px; vertical-align: top; }
table.verdicts tr { break-inside: avoid; }
table.verdicts td.rule-id { white-space: nowrap; font-weight: 600; }
table.verdicts td.refresh { white-space: nowrap; text-align: right; font-variant-numeric: tabular-nums; }
table.verdicts th.refresh { text-align: right; }
section.refresh-model { margin: 0 0 32px; break-inside: avoid; }
section.refresh-model h2 { font-size: 18px; margin: 0 0 6px; }
table.refresh-points { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
table.refresh-points th, table.refresh-points td { border-bottom: 1px solid var(--line); padding: 4px 12px 4px 0; text-align: left; }
table.refresh-points tr.vectorcare td { font-weight: 600; }
section.refresh-model .note, .caught-by { color: var(--muted); font-size: 13px; }

section.rule { border-top: 1px solid var(--line); padding: 24px 0 8px; }
section.rule > header { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
.statement { margin: 8px 0 4px; font-size: 15px; }
.summary { margin: 4px 0 10px; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0 0 12px; color: var(--muted); font-size: 13px; }
.facts div { display: flex; gap: 6px; }
.facts dt::after { content: ':'; }
.facts dd { margin: 0; color: var(--ink); font-variant-numeric: tabular-nums; }

figure.timeline-figure { margin: 8px 0 4px; overflow-x: auto; break-inside: avoid; }
figure.timeline-figure svg { display: block; max-width: 100%; height: auto; }
figure.timeline-figure figcaption { color: var(--muted); font-size: 12px; margin-top: 2px; }

ol.evidence, ul.actions { margin: 0; padding-left: 0; list-style: none; }
ol.evidence li, ul.actions li { display: flex; gap: 12px; padding: 3px 0; border-bottom: 1px dotted var(--line); }
.at { flex: 0 0 76px; text-align: right; color: var(--muted); font-variant-numeric: tabular-nums; font-size: 13px; }
.evidence-text { overflow-wrap: anywhere; }
.none { color: var(--muted); font-style: italic; margin: 0; }

details.adapter-log { margin: 0; }
details.adapter-log summary { cursor: pointer; color: var(--muted); }
details.adapter-log pre {
  margin: 6px 0 0; padding: 10px 12px; max-height: 28em; overflow: auto;
  background: var(--soft); border: 1px solid var(--line); border-radius: 6px;
  font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere;
}

footer { margin-top: 32px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }

@media print {
  body { max-width: none; padding: 0; font-size: 12px; }
  a { color: inherit; }
  section.rule { break-before: auto; }
  section.rule > header, .statement, .summary { break-after: avoid; }
  details.adapter-log pre { max-height: none; }
}
`;
