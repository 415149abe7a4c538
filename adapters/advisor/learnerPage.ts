import type { Locale } from '../../curriculum/schema';
import type { DeliveryRecord } from '../../bot/advisors/advisorRecords';
import type { LearnerDetail } from '../../bot/advisors/learnerDetail';
import { escapeHtml as e } from '../web/html';
import { artefactHtml } from './artefactViews';
import { csrfField, type HeaderAdvisor, layout } from './dashboardLayout';
import { formatTime, t } from './dashboardTexts';

export interface LearnerPageOptions {
  readonly locale: Locale;
  readonly nonce: string;
  readonly advisor: HeaderAdvisor;
  readonly detail: LearnerDetail;
  readonly notice?: 'noteSent';
}

const CHANNEL_NAMES: Record<string, string> = { msteams: 'Teams', webchat: 'Web' };

/** One learner: who they are, notes and requests (with a form for a new note), SDGs, artefacts, every answer. Printable. */
export function learnerPage(options: LearnerPageOptions): string {
  const { locale, detail } = options;
  const { learner } = detail;
  const name = learner.displayName ?? t(locale, 'unnamed');
  const id = encodeURIComponent(learner.id);
  const channels = [...new Set(learner.identities.map((i) => CHANNEL_NAMES[i.channel] ?? i.channel))].join(', ');
  const head = `<div class="learner-head"><div><p class="no-print"><a href="/advisor">${e(t(locale, 'backToCohort'))}</a></p><h1>${e(name)}</h1></div>
<div class="actions"><button class="button secondary" type="button" id="print">${e(t(locale, 'print'))}</button><a class="button secondary" href="/advisor/learners/${id}/answers.csv">${e(t(locale, 'exportAnswers'))}</a></div></div>
<div class="card"><dl class="facts"><dt>${e(t(locale, 'venture'))}</dt><dd>${e(learner.ventureName ?? '–')}</dd><dt>${e(t(locale, 'languageColumn'))}</dt><dd>${learner.locale === 'en' ? 'English' : learner.locale === 'sv' ? 'Svenska' : '–'}</dd><dt>${e(t(locale, 'channels'))}</dt><dd>${e(channels)}</dd><dt>${e(t(locale, 'lastActive'))}</dt><dd>${e(formatTime(detail.lastActiveAt, locale))}</dd></dl></div>`;
  const notice = options.notice ? `<p class="notice" role="status">${e(t(locale, 'noteSent'))}</p>` : '';

  const answered = detail.modules.flatMap((m) => m.lessons.flatMap((l) => l.answers.map((a) => ({ ...a, lesson: l.title }))));
  const answerOptions = answered
    .map((a) => `<option value="${e(`${a.moduleId}/${a.lessonId}/${a.stepId}`)}">${e(`${a.lesson}: ${excerpt(a.question)}`)}</option>`)
    .join('');
  const form = `<form class="card no-print" method="post" action="/advisor/learners/${id}/notes"><h2>${e(t(locale, 'writeNote'))}</h2>${csrfField(options.advisor.csrfToken)}
<p><label for="note-text">${e(t(locale, 'noteText'))}</label><br><textarea id="note-text" name="text" required maxlength="4000"></textarea></p>
<p><label for="note-answer">${e(t(locale, 'noteAbout'))}</label><br><select id="note-answer" name="answer"><option value="">${e(t(locale, 'noteGeneral'))}</option>${answerOptions}</select></p>
<button class="primary" type="submit">${e(t(locale, 'sendNote'))}</button></form>`;

  const questionOf = (ref: { moduleId: string; lessonId: string; stepId: string } | undefined) =>
    ref ? answered.find((a) => a.moduleId === ref.moduleId && a.lessonId === ref.lessonId && a.stepId === ref.stepId)?.question : undefined;
  const events = [
    ...detail.thread.requests.map((r) => ({
      at: r.createdAt,
      html: `<li class="request"><div class="meta">${e(formatTime(r.createdAt, locale))}</div><div>${e(t(locale, r.status === 'open' ? 'requestOpen' : 'requestAnswered'))}</div></li>`,
    })),
    ...detail.thread.notes.map((n) => {
      const question = questionOf(n.answer);
      const replies = detail.thread.replies
        .filter((r) => r.noteId === n.id)
        .map(
          (r) =>
            `<li class="reply"><div class="meta">${e(t(locale, 'replyFromLearner'))} · ${e(formatTime(r.createdAt, locale))}</div><div class="text">${e(r.text)}</div></li>`,
        )
        .join('');
      return {
        at: n.createdAt,
        html: `<li class="note"><div class="meta">${e(t(locale, 'noteBy', { name: n.advisorName }))} · ${e(formatTime(n.createdAt, locale))} · <span class="delivery">${e(deliveryText(detail.deliveries.get(n.id), locale))}</span></div>${question ? `<div class="meta">${e(t(locale, 'aboutAnswer', { question: excerpt(question) }))}</div>` : ''}<div class="text">${e(n.text)}</div></li>${replies}`,
      };
    }),
  ].sort((a, b) => (a.at < b.at ? -1 : 1));
  const thread = `<section class="card" aria-labelledby="thread"><h2 id="thread">${e(t(locale, 'thread'))}</h2>${events.length ? `<ul class="thread">${events.map((x) => x.html).join('')}</ul>` : `<p>${e(t(locale, 'noThread'))}</p>`}</section>`;

  const sdgs = detail.sdgs
    ? `<section class="card" aria-labelledby="sdgs"><h2 id="sdgs">${e(t(locale, 'sdgs'))}</h2><dl class="facts"><dt>${e(t(locale, 'mainGoal'))}</dt><dd>${e(detail.sdgs.main)}</dd><dt>${e(t(locale, 'secondaryGoals'))}</dt><dd>${e(detail.sdgs.secondary.join(', ') || '–')}</dd></dl></section>`
    : '';
  const artefacts = `<h2>${e(t(locale, 'artefacts'))}</h2>${detail.artefacts.length ? detail.artefacts.map(artefactHtml).join('') : `<p>${e(t(locale, 'noArtefacts'))}</p>`}`;

  const modules = detail.modules
    .filter((m) => m.lessons.some((l) => l.status !== 'not-started' || l.answers.length > 0))
    .map((m) => {
      const lessons = m.lessons
        .filter((l) => l.answers.length > 0 || l.status !== 'not-started')
        .map((l) => {
          const answers = l.answers
            .map(
              (a) =>
                `<div class="answer"><div class="q">${e(a.question)}</div><div class="a">${e(a.answer)}${a.correct === undefined ? '' : ` <span class="${a.correct ? 'right' : 'wrong'}">${e(t(locale, a.correct ? 'right' : 'wrong'))}</span>`}</div>${a.feedback ? `<div class="fb"><strong>${e(t(locale, 'feedbackGiven'))}:</strong> ${e(a.feedback)}</div>` : ''}${a.earlier.length ? `<div class="fb">${e(t(locale, 'earlierAnswers'))}: ${e(a.earlier.join(' · '))}</div>` : ''}</div>`,
            )
            .join('');
          return `<h3>${e(l.title)} <span class="tag">${e(t(locale, l.status === 'completed' ? 'statusCompleted' : l.status === 'in-progress' ? 'statusInProgress' : 'statusNotStarted'))}</span></h3>${answers || `<p>${e(t(locale, 'noAnswers'))}</p>`}`;
        })
        .join('');
      return `<section class="card"><h2>${e(m.title)}</h2><p>${e(t(locale, 'lessonsOf', { done: m.lessonsDone, count: m.lessonCount }))}</p>${lessons}</section>`;
    })
    .join('');
  return layout({
    locale,
    nonce: options.nonce,
    advisor: options.advisor,
    title: name,
    scripts: ['/advisor/assets/print.js'],
    body: `${head}${notice}${thread}${form}${sdgs}${artefacts}<h2>${e(t(locale, 'answers'))}</h2>${modules || `<p>${e(t(locale, 'noAnswers'))}</p>`}`,
  });
}

function deliveryText(delivery: DeliveryRecord | undefined, locale: Locale): string {
  if (!delivery) return t(locale, 'deliveryPending');
  switch (delivery.status) {
    case 'delivered':
      return t(locale, 'deliveryDelivered', {
        channel: CHANNEL_NAMES[delivery.channel ?? ''] ?? delivery.channel ?? '',
        at: formatTime(delivery.deliveredAt, locale),
      });
    case 'failed':
      return t(locale, 'deliveryFailed', { reason: delivery.lastError ?? '' });
    case 'waiting-for-visit':
      return t(locale, 'deliveryWaiting');
    case 'sending':
      return t(locale, 'deliverySending');
    case 'pending':
      return delivery.lastError ? t(locale, 'deliveryRetrying', { reason: delivery.lastError }) : t(locale, 'deliveryPending');
  }
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= 90 ? line : `${line.slice(0, 89)}…`;
}
