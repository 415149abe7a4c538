import { say } from '../../dialogs/catalogue';
import type { Coach, CoachReply, CoachRequest, FeedbackRequest, QuestionRequest } from '../../bot/ports/coach';
import { meetsKeyword, readAnswer } from './rubricMatch';

/**
 * The coach that needs no network: feedback from the rubric written in the content (each criterion is met when the
 * answer has one of its keywords as a word), and for a question the lessons whose text matches it best. It says
 * plainly that it is a simple automatic check, and it never praises an answer that meets no criterion.
 */
export class OfflineCoach implements Coach {
  async reply(request: CoachRequest): Promise<CoachReply> {
    return { text: offlineReply(request), source: 'offline' };
  }
}

/** The offline coach's text for a request (synchronous: a conversation test can use it as the turn engine does). */
export function offlineReply(request: CoachRequest): string {
  switch (request.kind) {
    case 'feedback':
      return rubricFeedback(request);
    case 'followUp':
      return say(request.locale, 'offlineFollowUp');
    case 'question':
      return lessonsMatching(request);
  }
}

function rubricFeedback({ locale, rubric, answer }: FeedbackRequest): string {
  if (rubric.length === 0) return say(locale, 'offlineNoRubric');
  const read = readAnswer(answer, locale);
  const checked = rubric.map((criterion) => ({
    criterion,
    met: criterion.keywords[locale].some((keyword) => meetsKeyword(read, keyword, locale)),
  }));
  const intro = say(locale, 'offlineCheckIntro');
  if (checked.every((c) => !c.met)) {
    return [intro, say(locale, 'offlineNothingFound'), ...checked.map((c) => `➜ ${c.criterion.missing[locale]}`)].join('\n');
  }
  return [intro, ...checked.map((c) => (c.met ? `✔ ${c.criterion.met[locale]}` : `➜ ${c.criterion.missing[locale]}`))].join('\n');
}

function lessonsMatching({ locale, passages, advisor }: QuestionRequest): string {
  const advisorLine = say(locale, 'questionAdvisor', { contact: `${advisor.contact} (${advisor.organisationName})` });
  if (passages.length === 0) return [say(locale, 'offlineQuestionNothing'), advisorLine].join('\n');
  return [
    say(locale, 'offlineQuestionIntro'),
    ...passages.map((p) => say(locale, 'offlineQuestionLesson', { lesson: p.lessonTitle, module: p.moduleTitle })),
    say(locale, 'openLessonHint'),
    advisorLine,
  ].join('\n');
}
