import type { Locale } from '../../curriculum/schema';
import { say } from '../../dialogs/catalogue';
import { stepKey, type ConversationContext, type LessonPosition } from '../../dialogs/conversationContext';
import { localeOf } from '../../dialogs/eventInput';
import type { CoachAsk } from '../../dialogs/outgoing';
import type { ProgrammeIndex } from '../../dialogs/programmeIndex';
import type { Organisation } from '../organisations/organisation';
import type { CoachAdvisor, CoachLearnerContext, CoachRequest } from '../ports/coach';
import { describeLesson, type LessonSearch } from './lessonSearch';

/** Earlier answers given to a coach, and how much of each. */
const EARLIER_ANSWERS = 8;
const EARLIER_ANSWER_CHARS = 400;

/** What the request is built from besides the conversation's ask. */
export interface RequestSources {
  readonly context: ConversationContext;
  readonly index: ProgrammeIndex;
  readonly search: LessonSearch;
  readonly organisation: Organisation;
  /**
   * Leave out the learner's earlier answers: the offline coach does not read them (it checks the answer against the
   * rubric), and gathering them walks the whole programme, on every answer of every learner without AI.
   */
  readonly withoutEarlierAnswers?: boolean;
}

/**
 * The coach request for what the conversation asked: the step, its rubric and the lesson's teaching, the learner's
 * venture and earlier answers. Null when the step no longer exists (the content changed) or has no question.
 */
export function coachRequestFor(ask: CoachAsk, sources: RequestSources): CoachRequest | null {
  const { context, index, organisation } = sources;
  const locale = localeOf(context);
  const learner = learnerContext(context, index, ask.position, sources.withoutEarlierAnswers === true);
  const base = { locale, learner, organisationId: organisation.id };
  if (ask.kind === 'question') {
    const at = ask.position ? index.step(ask.position) : undefined;
    const lesson = ask.position ? index.lesson(ask.position.moduleId, ask.position.lessonId) : undefined;
    return {
      ...base,
      kind: 'question',
      question: masked(ask.text, context),
      passages: sources.search.find(ask.text, locale),
      ...(lesson ? { askedAt: { lessonTitle: lesson.title[locale], ...(at && 'prompt' in at ? { prompt: at.prompt[locale] } : {}) } } : {}),
      advisor: advisorOf(organisation, locale),
    };
  }
  const module = index.module(ask.position.moduleId);
  const lesson = index.lesson(ask.position.moduleId, ask.position.lessonId);
  const step = index.step(ask.position);
  if (!module || !lesson || step?.kind !== 'question') return null;
  const feedback = {
    ...base,
    kind: 'feedback' as const,
    lesson: describeLesson(module, lesson, locale),
    stepId: step.id,
    prompt: step.prompt[locale],
    rubric: step.rubric ?? [],
    answer: masked(ask.answer, context),
  };
  return ask.kind === 'feedback' ? feedback : { ...feedback, kind: 'followUp', feedback: ask.feedback, followUp: masked(ask.text, context) };
}

/** The learner's venture and their other free-text answers, those of the same module first. */
function learnerContext(
  context: ConversationContext,
  index: ProgrammeIndex,
  current: LessonPosition | null,
  withoutEarlierAnswers: boolean,
): CoachLearnerContext {
  const venture = {
    ...(context.profile.ventureName ? { ventureName: masked(context.profile.ventureName, context) } : {}),
    ...(context.profile.ventureLine ? { ventureLine: masked(context.profile.ventureLine, context) } : {}),
  };
  if (withoutEarlierAnswers) return { ...venture, earlierAnswers: [] };
  const locale = localeOf(context);
  const currentKey = current ? stepKey(current.moduleId, current.lessonId, current.stepId) : '';
  // Plain loops, the question steps' keys only: this runs for every coach request, over the whole programme.
  const answers: { sameModule: boolean; question: string; answer: string }[] = [];
  for (const module of index.modules) {
    for (const lesson of module.lessons) {
      for (const step of lesson.steps) {
        if (step.kind !== 'question') continue;
        const key = stepKey(module.id, lesson.id, step.id);
        const answer = context.answers[key];
        if (answer?.kind !== 'text' || key === currentKey) continue;
        const text = masked(answer.text, context);
        const trimmed = text.length > EARLIER_ANSWER_CHARS ? `${text.slice(0, EARLIER_ANSWER_CHARS)} …` : text;
        answers.push({ sameModule: module.id === current?.moduleId, question: step.prompt[locale], answer: trimmed });
      }
    }
  }
  const earlierAnswers = [...answers.filter((a) => a.sameModule), ...answers.filter((a) => !a.sameModule)]
    .slice(0, EARLIER_ANSWERS)
    .map(({ question, answer }) => ({ question, answer }));
  return { ...venture, earlierAnswers };
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const PHONE = /(?<![\p{L}\p{N}])\+?\d[\d ()-]{6,}\d(?![\p{L}\p{N}])/gu;

/**
 * The learner's own words with what identifies them masked: their first name (as a whole word), e-mail addresses and
 * phone numbers. The venture is kept: feedback is about it.
 */
export function masked(text: string, context: ConversationContext): string {
  const locale = localeOf(context);
  const name = context.profile.firstName?.trim();
  let result = text.replace(EMAIL, say(locale, 'maskedEmail')).replace(PHONE, say(locale, 'maskedPhone'));
  if (name && name.length >= 2) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), say(locale, 'maskedName'));
  }
  return result;
}

/** Who to contact at the organisation, in one line. */
function advisorOf(organisation: Organisation, locale: Locale): CoachAdvisor {
  const { contact } = organisation;
  const reach = [contact.name, contact.email, contact.phone, contact.url].filter((p): p is string => Boolean(p)).join(', ');
  const note = contact.note?.[locale];
  return { organisationName: organisation.name[locale], contact: note ? `${reach} – ${note}` : reach };
}
