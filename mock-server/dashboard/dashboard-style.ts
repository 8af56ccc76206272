/**
 * The dashboard's style sheet, inline in the page. The colours of text and lines are the HTML report's
 * (every pair at least 4.5:1 against its background); the pictures bring their own, from
 * shared/timeline/timeline-palette.ts. Laid out for a laptop screen: the pictures on the left, the
 * controls in a column on the right, one column below 1100 px.
 */
export const DASHBOARD_CSS = `
:root {
  --ink: #1f2328;
  --muted: #59636e;
  --line: #d1d9e0;
  --soft: #f6f8fa;
  --ok: #1a7f37;
  --bad: #cf222e;
  --focus: #0969da;
  color-scheme: light;
}
* { box-sizing: border-box; }
body {
  margin: 0;
  color: var(--ink);
  background: #ffffff;
  font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif;
}
code, .mono { font-family: ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace; }
h1 { font-size: 18px; margin: 0; }
h1 .version, h1 .subtitle { font-weight: 400; color: var(--muted); }
h2 { font-size: 15px; margin: 0 0 8px; }
h3 { font-size: 13px; margin: 12px 0 4px; color: var(--muted); }
.top {
  display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px;
  padding: 10px 20px; border-bottom: 1px solid var(--line); background: var(--soft);
}
.live { margin: 0; font-weight: 600; }
.live::before { content: '●'; margin-right: 6px; }
.live[data-state='live']::before { color: var(--ok); }
.live[data-state='connecting']::before { color: var(--muted); }
.live[data-state='error'] { color: var(--bad); }
.recorder { margin: 0; color: var(--muted); }
.token-form { display: flex; gap: 6px; align-items: center; }
.token-form[hidden] { display: none; }
.layout {
  display: grid; grid-template-columns: minmax(0, 1fr) 330px; gap: 20px;
  padding: 14px 20px 40px; max-width: 1600px;
}
@media (max-width: 1100px) { .layout { grid-template-columns: minmax(0, 1fr); } }
.quiet { color: var(--muted); margin: 4px 0 0; }
.clients-head { display: flex; align-items: baseline; gap: 10px; }
.clients-head h2 { margin-right: auto; }
section.client { border-top: 1px solid var(--line); padding: 10px 0 6px; }
/* A picture off screen is laid out and painted only when scrolled to: with many clients, drawing them all
   costs no more layout than the ones in view. */
section.client { content-visibility: auto; contain-intrinsic-size: auto 420px; }
section.client header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 14px; }
section.client h3 { font-size: 15px; margin: 0; color: var(--ink); }
.facts { color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
figure.timeline-figure { margin: 6px 0 0; }
figure.timeline-figure svg { display: block; width: 100%; max-width: 1100px; height: auto; }
figure.timeline-figure figcaption { color: var(--muted); font-size: 12px; margin-top: 2px; }
.token-bar { cursor: pointer; }
.render-info { color: var(--muted); font-size: 12px; }
.none { color: var(--muted); font-style: italic; }
.controls {
  display: flex; flex-direction: column; gap: 12px;
  position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; padding: 2px 2px 12px 0;
}
@media (max-width: 1100px) { .controls { position: static; max-height: none; } }
.panel { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: #ffffff; }
.row { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 0 0 8px; }
.row label { min-width: 92px; }
.row input[type='number'] { width: 90px; }
.row select { flex: 1 1 140px; min-width: 0; max-width: 100%; }
.grid { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 6px 8px; align-items: center; }
.grid [hidden] { display: none; }
.buttons { gap: 8px; }
.hint { color: var(--muted); font-size: 12px; margin: 0 0 6px; }
input, select, button { font: inherit; color: var(--ink); }
input, select { padding: 3px 6px; border: 1px solid #8c959f; border-radius: 5px; background: #ffffff; }
button {
  padding: 4px 12px; border: 1px solid #8c959f; border-radius: 6px; background: var(--soft); cursor: pointer;
}
button:hover { background: #eaeef2; }
button.danger { border-color: var(--bad); color: var(--bad); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; }
.clock-state { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 10px; }
.clock-state div { display: contents; }
.clock-state dt { color: var(--muted); }
.clock-state dd { margin: 0; font-variant-numeric: tabular-nums; }
ul.faults, ol.results { margin: 0 0 8px; padding: 0; list-style: none; font-size: 13px; }
/* The latest answers stay in sight above the controls; older ones scroll. */
ol.results { max-height: 11em; overflow-y: auto; margin: 0; }
ul.faults li, ol.results li { padding: 3px 0; border-bottom: 1px dotted var(--line); overflow-wrap: anywhere; }
ol.results li.ok::before { content: '✔ '; color: var(--ok); }
ol.results li.error { color: var(--bad); }
ol.results li.error::before { content: '✘ '; }
ol.results .at { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: 6px; }
.noscript { padding: 20px; }
section.webhooks { border-top: 2px solid var(--line); margin-top: 16px; padding-top: 10px; }
table.deliveries { width: 100%; border-collapse: collapse; font-size: 13px; }
table.deliveries th {
  text-align: left; font-size: 12px; color: var(--muted); border-bottom: 2px solid var(--line); padding: 4px 8px;
}
table.deliveries td { border-bottom: 1px solid var(--line); padding: 5px 8px; vertical-align: top; }
table.deliveries .url { overflow-wrap: anywhere; }
.attempt {
  display: inline-block; margin: 0 6px 3px 0; padding: 0 7px; border: 1px solid var(--line);
  border-left: 5px solid var(--muted); border-radius: 4px; background: var(--soft); white-space: nowrap;
  font-variant-numeric: tabular-nums;
}
`;
