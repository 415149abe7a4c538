/**
 * The dashboard's one stylesheet, with a print stylesheet: navigation and forms hidden, each artefact on its own A4
 * page, the canvas grid kept on one page.
 */
export const DASHBOARD_STYLE = `
:root { color-scheme: light; --ink: #1d2b28; --muted: #4d5d59; --line: #cdd7d3; --accent: #1f6f5c; --accent-soft: #e3f1ec; --warn: #8a3b12; --warn-soft: #fbeee6; --bg: #f6f8f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #f2b134; outline-offset: 2px; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .75rem 1rem; background: var(--accent); color: #fff; }
header.top a, header.top button.link { color: #fff; }
header.top .brand { font-weight: 700; font-size: 1.05rem; margin-right: auto; }
header.top nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; }
header.top form { margin: 0; }
.who { font-size: .875rem; opacity: .9; width: 100%; }
button.link { background: none; border: 0; padding: 0; font: inherit; text-decoration: underline; cursor: pointer; }
main { max-width: 80rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .25rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; margin: 0 0 1rem; }
.card > h2:first-child, .card > h3:first-child { margin-top: 0; }
.narrow { max-width: 36rem; }
.notice { background: var(--accent-soft); border-left: 4px solid var(--accent); padding: .5rem .75rem; border-radius: .25rem; }
.error { background: var(--warn-soft); border-left: 4px solid var(--warn); padding: .5rem .75rem; border-radius: .25rem; }
.button, button.primary { display: inline-block; background: var(--accent); color: #fff; border: 0; border-radius: .375rem; padding: .55rem 1rem; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; min-height: 2.75rem; }
.button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; }
form.filters label { display: flex; flex-direction: column; font-size: .875rem; gap: .125rem; }
form.filters label.check { flex-direction: row; align-items: center; gap: .375rem; min-height: 2.75rem; }
input[type=search], input[type=text], input[type=email], input[type=date], select, textarea { font: inherit; padding: .45rem .5rem; border: 1px solid #8a9a95; border-radius: .25rem; background: #fff; min-height: 2.75rem; max-width: 100%; }
input[type=checkbox] { width: 1.25rem; height: 1.25rem; }
textarea { width: 100%; min-height: 7rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; vertical-align: top; padding: .5rem; border-bottom: 1px solid var(--line); }
th { font-size: .875rem; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.bars { display: grid; gap: .125rem; min-width: 9rem; }
.bar { display: grid; grid-template-columns: 3.5rem 1fr; gap: .375rem; align-items: center; font-size: .75rem; color: var(--muted); white-space: nowrap; }
.legend { font-size: .8rem; color: var(--muted); margin: .25rem 0 .75rem; }
.legend span + span::before { content: " · "; }
.bar svg { display: block; }
.tag { display: inline-block; font-size: .75rem; padding: .05rem .45rem; border-radius: 1rem; background: var(--accent-soft); color: var(--accent); font-weight: 600; white-space: nowrap; }
.tag.warn { background: var(--warn-soft); color: var(--warn); }
.pager { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; flex-wrap: wrap; }
.learner-head { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: baseline; justify-content: space-between; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.answer { border-top: 1px solid var(--line); padding: .5rem 0; }
.answer .q { font-weight: 600; }
.answer .a { white-space: pre-wrap; overflow-wrap: anywhere; }
.answer .fb { color: var(--muted); font-size: .9rem; white-space: pre-wrap; }
.right { color: #1b6b3a; font-weight: 600; }
.wrong { color: var(--warn); font-weight: 600; }
details > summary { cursor: pointer; font-weight: 600; padding: .25rem 0; }
.canvas { display: grid; grid-template-columns: repeat(5, 1fr); gap: .25rem; }
.canvas .cell { border: 1px solid var(--ink); padding: .5rem; min-height: 6rem; background: #fff; overflow-wrap: anywhere; white-space: pre-wrap; }
.canvas .cell h4 { margin: 0 0 .25rem; font-size: .8rem; text-transform: uppercase; letter-spacing: .02em; color: var(--muted); }
.canvas .partners { grid-column: 1; grid-row: 1 / span 3; }
.canvas .key-activities { grid-column: 2; grid-row: 1; }
.canvas .key-resources { grid-column: 2; grid-row: 2; }
.canvas .type-of-intervention { grid-column: 2; grid-row: 3; }
.canvas .social-value-proposition { grid-column: 3; grid-row: 1; }
.canvas .customer-value-proposition { grid-column: 3; grid-row: 2; }
.canvas .impact-measures { grid-column: 3; grid-row: 3; }
.canvas .channels { grid-column: 4; grid-row: 1 / span 3; }
.canvas .beneficiaries { grid-column: 5; grid-row: 1 / span 2; }
.canvas .customers { grid-column: 5; grid-row: 3; }
.canvas .cost-structure { grid-column: 1 / span 2; grid-row: 4; }
.canvas .surplus { grid-column: 3; grid-row: 4; }
.canvas .revenue { grid-column: 4 / span 2; grid-row: 4; }
.canvas .legal-form { grid-column: 1 / span 5; grid-row: 5; min-height: 3rem; }
.chain { display: flex; flex-wrap: wrap; gap: .5rem; align-items: stretch; list-style: none; padding: 0; margin: 0; }
.chain li { flex: 1 1 12rem; border: 1px solid var(--accent); border-radius: .375rem; padding: .5rem; background: #fff; position: relative; overflow-wrap: anywhere; white-space: pre-wrap; }
.chain li h4 { margin: 0 0 .25rem; font-size: .85rem; color: var(--accent); }
.chain li + li::before { content: "→"; position: absolute; left: -.55rem; top: 40%; color: var(--accent); font-weight: 700; }
.thread { list-style: none; padding: 0; margin: 0; }
.thread li { border-left: 3px solid var(--line); padding: .25rem .75rem; margin: .5rem 0; }
.thread li.note { border-color: var(--accent); }
.thread li.request { border-color: var(--warn); }
.thread li.reply { margin-left: 1.5rem; border-color: #6a7f9c; }
.thread .meta { font-size: .8rem; color: var(--muted); }
.thread .text { white-space: pre-wrap; overflow-wrap: anywhere; }
.chart { display: block; max-width: 100%; height: auto; }
/* Bar charts keep their size and scroll sideways on a phone rather than shrink their labels. */
.chart-scroll { overflow-x: auto; }
.chart-scroll .chart { max-width: none; }
.chart text { font: 12px system-ui, sans-serif; fill: var(--ink); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 40rem) {
  .canvas { grid-template-columns: 1fr; }
  .canvas .cell { grid-column: auto !important; grid-row: auto !important; min-height: 0; }
  table.cohort thead { display: none; }
  table.cohort, table.cohort tbody, table.cohort tr, table.cohort td { display: block; width: 100%; }
  table.cohort tr { border-bottom: 2px solid var(--line); padding: .25rem 0; }
  table.cohort td { border: 0; padding: .2rem .25rem; }
  table.cohort td.num { text-align: left; }
  table.cohort td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: .8rem; }
}
@media print {
  @page { size: A4; margin: 14mm; }
  body { background: #fff; font-size: 10.5pt; }
  header.top, nav, form, .actions, .no-print, .pager { display: none !important; }
  main { max-width: none; padding: 0; }
  .card { border: 0; padding: 0; }
  section.artefact { break-before: page; break-inside: avoid; }
  .canvas .cell { min-height: 0; font-size: 9pt; }
  a { color: inherit; text-decoration: none; }
}
`;
