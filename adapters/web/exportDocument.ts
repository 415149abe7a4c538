import type { ReadableAdvisorPart } from '../../bot/exports/readableAdvisorPart';
import type { AnswerView, ReadableExport } from '../../bot/exports/readableExport';
import { escapeHtml } from './html';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2b24}
h1{font-size:1.6rem;margin-bottom:.25rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #cfd8d3;padding-bottom:.25rem}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}h4{font-size:1rem;margin:1rem 0 .25rem;color:#3a4f45}
dl{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.25rem 1rem;margin:0}dt{font-weight:600}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
ol{padding-left:1.25rem}li{margin-bottom:1rem}.question{font-weight:600}.answer{white-space:pre-wrap;overflow-wrap:anywhere;margin:.25rem 0}
.note,.date{color:#56675e;font-size:.9rem}.feedback{border-left:3px solid #8fb3a0;padding-left:.75rem;white-space:pre-wrap;margin:.25rem 0}
progress{width:8rem;vertical-align:middle}
@media (max-width:30rem){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}li{break-inside:avoid}}
`.trim();

const text = escapeHtml;

function facts(items: readonly { label: string; value: string }[]): string {
  return `<dl>${items.map((f) => `<dt>${text(f.label)}</dt><dd>${text(f.value)}</dd>`).join('')}</dl>`;
}

function answerItem(answer: AnswerView, feedbackLabel: string): string {
  return (
    `<li><div class="question">${text(answer.question)}</div>` +
    (answer.answer ? `<div class="answer">${text(answer.answer)}</div>` : '') +
    (answer.note ? `<div class="note">${text(answer.note)}</div>` : '') +
    (answer.feedback ? `<div class="feedback" aria-label="${text(feedbackLabel)}">${text(answer.feedback)}</div>` : '') +
    `<div class="date">${text(answer.at)}</div></li>`
  );
}

function advisorSection(part: ReadableAdvisorPart, nothing: string): string {
  const list = (items: readonly string[]) =>
    items.length ? `<ul>${items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>` : `<p>${text(nothing)}</p>`;
  const notes = part.notes.items.length
    ? `<ol>${part.notes.items
        .map(
          (n) =>
            `<li><div class="date">${text(n.byline)}</div><div class="answer">${text(n.text)}</div>` +
            n.replies.map((r) => `<div class="feedback"><div class="date">${text(r.byline)}</div>${text(r.text)}</div>`).join('') +
            `</li>`,
        )
        .join('')}</ol>`
    : `<p>${text(nothing)}</p>`;
  return (
    `<h2>${text(part.heading)}</h2><h3>${text(part.notes.heading)}</h3>${notes}` +
    `<h3>${text(part.requests.heading)}</h3>${list(part.requests.items)}<h3>${text(part.accessLog.heading)}</h3>${list(part.accessLog.items)}`
  );
}

/**
 * The learner's export as a self-contained HTML document (no scripts, no outside resources) that reads well on a
 * phone and prints cleanly. Every value is escaped: nothing the learner wrote is read as HTML.
 */
export function exportDocumentHtml(exported: ReadableExport): string {
  const { progress, artefacts, answers } = exported;
  const progressList = progress.modules
    .map((m) => `<li>${text(m.title)}: ${text(m.line)} <progress max="100" value="${m.percent}">${m.percent} %</progress> ${m.percent} %</li>`)
    .join('');
  const artefactSections = artefacts.items.map((a) => `<h3>${text(a.title)}</h3>${facts(a.fields)}`).join('');
  const answerSections = answers.modules
    .map(
      (m) =>
        `<h3>${text(m.title)}</h3>` +
        m.lessons.map((l) => `<h4>${text(l.title)}</h4><ol>${l.answers.map((a) => answerItem(a, exported.labels.feedback)).join('')}</ol>`).join(''),
    )
    .join('');
  return (
    `<!doctype html><html lang="${exported.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${text(exported.title)}</title><style>${STYLE}</style></head><body>` +
    `<h1>${text(exported.title)}</h1><p>${text(exported.intro)}</p>` +
    `<h2>${text(exported.aboutYou.heading)}</h2>${facts(exported.aboutYou.facts)}` +
    (progressList ? `<h2>${text(progress.heading)}</h2><ul>${progressList}</ul>` : '') +
    (artefactSections ? `<h2>${text(artefacts.heading)}</h2>${artefactSections}` : '') +
    `<h2>${text(answers.heading)}</h2>${answerSections || `<p>${text(answers.empty)}</p>`}` +
    (exported.advisors ? advisorSection(exported.advisors, exported.labels.nothingYet) : '') +
    `</body></html>`
  );
}
