import type { ArtefactView } from '../../bot/advisors/learnerDetail';
import { escapeHtml as e } from '../web/html';

/** The Social Business Model Canvas as the canvas grid, the theory of change as a chain, the growth plan as a table, others as a list. */
export function artefactHtml(artefact: ArtefactView): string {
  const body =
    artefact.id === 'social-business-model-canvas'
      ? canvas(artefact)
      : artefact.id === 'theory-of-change'
        ? chain(artefact)
        : artefact.id === 'growth-plan'
          ? planTable(artefact)
          : definitionList(artefact);
  return `<section class="artefact card" aria-labelledby="artefact-${e(artefact.id)}"><h3 id="artefact-${e(artefact.id)}">${e(artefact.title)}</h3>${body}</section>`;
}

function canvas(artefact: ArtefactView): string {
  const cells = artefact.fields.map((f) => `<div class="cell ${e(f.id)}"><h4>${e(f.label)}</h4>${e(f.value || '–')}</div>`).join('');
  return `<div class="canvas">${cells}</div>`;
}

/** Resources and activities → outcomes → long-term goal, then what the chain rests on. */
function chain(artefact: ArtefactView): string {
  const field = (id: string) => artefact.fields.find((f) => f.id === id);
  const links = ['activities', 'outcomes', 'long-term-goal'].map(field).filter((f) => f !== undefined);
  const rest = artefact.fields.filter((f) => !['activities', 'outcomes', 'long-term-goal'].includes(f.id));
  const items = links.map((f) => `<li><h4>${e(f.label)}</h4>${e(f.value || '–')}</li>`).join('');
  return `<ol class="chain">${items}</ol>${definitionList({ ...artefact, fields: rest })}`;
}

function planTable(artefact: ArtefactView): string {
  const rows = artefact.fields.map((f) => `<tr><th scope="row">${e(f.label)}</th><td>${e(f.value || '–')}</td></tr>`).join('');
  return `<div class="table-wrap"><table><tbody>${rows}</tbody></table></div>`;
}

function definitionList(artefact: ArtefactView): string {
  const items = artefact.fields.map((f) => `<dt>${e(f.label)}</dt><dd>${e(f.value || '–')}</dd>`).join('');
  return items ? `<dl class="facts">${items}</dl>` : '';
}
