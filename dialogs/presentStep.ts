import type { Locale, Step } from '../curriculum/schema';
import { say } from './catalogue';
import { escapeMarkdown, markdown } from './markdown';
import { stepKey, type ConversationContext, type LessonPosition } from './conversationContext';
import { describeAnswer } from './describeAnswer';
import type { Choice, OutgoingMessage } from './outgoing';
import type { ProgrammeIndex } from './programmeIndex';
import { numberHint } from './numberMessages';
import { presentCalculation } from './presentCalculation';
import { lessonsDone, modulePercent, progressBar, quizScore } from './progress';
import { sdgList } from './sdgs';
import { isAnsweredStep } from './stepKinds';

/** Choice values that are commands rather than answers (the channel layer turns them into command events). */
export const COMMAND_VALUE_PREFIX = 'cmd:';
export const MODULE_VALUE_PREFIX = 'module:';
export const LESSON_VALUE_PREFIX = 'lesson:';
export const NEXT_VALUE = 'next';

function nextChoice(locale: Locale): Choice {
  return { label: say(locale, 'next'), value: NEXT_VALUE };
}

function skipChoice(step: Step, locale: Locale): Choice[] {
  return 'optional' in step && step.optional ? [{ label: say(locale, 'skipButton'), value: `${COMMAND_VALUE_PREFIX}skip` }] : [];
}

/** The messages that put a step in front of the learner. */
export function presentStep(index: ProgrammeIndex, context: ConversationContext, position: LessonPosition, locale: Locale): OutgoingMessage[] {
  const step = stepKey(position.moduleId, position.lessonId, position.stepId);
  // Every button names the step it answers, so a press from a window that shows an older step is recognised.
  return stepMessages(index, context, position, locale).map((message) =>
    'choices' in message && message.kind !== 'progress' ? { ...message, choices: message.choices.map((choice) => ({ ...choice, step })) } : message,
  );
}

function stepMessages(index: ProgrammeIndex, context: ConversationContext, position: LessonPosition, locale: Locale): OutgoingMessage[] {
  const step = index.step(position);
  if (!step) return [];
  switch (step.kind) {
    case 'teach':
    case 'example': {
      const text = step.kind === 'example' ? `💡 ${step.text[locale]}` : step.text[locale];
      const image = step.image ? { image: { url: step.image.url, alt: step.image.alt[locale] } } : {};
      return [{ kind: 'choices', text, choices: [nextChoice(locale)], ...image }];
    }
    case 'question': {
      const skip = skipChoice(step, locale);
      return skip.length > 0 ? [{ kind: 'choices', text: step.prompt[locale], choices: skip }] : [{ kind: 'text', text: step.prompt[locale] }];
    }
    case 'choice':
      return [
        {
          kind: 'choices',
          text: step.prompt[locale],
          choices: [...step.options.map((o) => ({ label: o.text[locale], value: o.id })), ...skipChoice(step, locale)],
          multiple: step.multiple ?? false,
          ...(step.multiple ? { submitLabel: say(locale, 'submitChoices') } : {}),
        },
      ];
    case 'scale':
      return [
        {
          kind: 'choices',
          text: `${step.prompt[locale]}\n${say(locale, 'scaleHint', { low: step.low[locale], high: step.high[locale] })}`,
          choices: [1, 2, 3, 4, 5].map((n) => ({ label: String(n), value: String(n) })),
        },
      ];
    case 'quiz':
      return [{ kind: 'choices', text: step.prompt[locale], choices: step.options.map((o) => ({ label: o.text[locale], value: o.id })) }];
    case 'sdg':
      return context.pendingSdgMain === null
        ? [{ kind: 'text', text: `${step.prompt[locale]}\n\n${sdgList(locale)}\n\n${say(locale, 'sdgMainPrompt')}` }]
        : [{ kind: 'text', text: say(locale, 'sdgSecondaryPrompt') }];
    case 'number': {
      const text = `${step.prompt[locale]}\n${numberHint(step, locale)}`;
      const skip = skipChoice(step, locale);
      return skip.length > 0 ? [{ kind: 'choices', text, choices: skip }] : [{ kind: 'text', text }];
    }
    case 'calculation':
      return [presentCalculation(index.module(position.moduleId)!, position.lessonId, step, context.answers, locale, [nextChoice(locale)])];
    case 'summary':
      return [presentSummary(index, context, position, locale)];
  }
}

function presentSummary(index: ProgrammeIndex, context: ConversationContext, position: LessonPosition, locale: Locale): OutgoingMessage {
  const module = index.module(position.moduleId)!;
  const lesson = index.lesson(position.moduleId, position.lessonId)!;
  const step = index.step(position);
  const answers = lesson.steps.flatMap((s) => {
    if (s.kind === 'calculation') {
      return presentCalculation(module, lesson.id, s, context.answers, locale, []).lines.map((line) => ({ label: line.label, answer: line.result }));
    }
    if (!isAnsweredStep(s) || !('prompt' in s)) return [];
    const answer = context.answers[stepKey(module.id, lesson.id, s.id)];
    return [{ label: s.prompt[locale], answer: answer ? describeAnswer(s, answer, locale) : say(locale, 'notAnswered') }];
  });
  const done = lessonsDone(module, context);
  const score = quizScore(index, context, module.id, lesson.id);
  const percent = modulePercent(module, context);
  const sources = markdown(lesson.sources.map((s) => `${escapeMarkdown(s.title[locale])} (${s.url})`).join('; '));
  const hasNext = index.nextLesson(module.id, lesson.id) !== null;
  return {
    kind: 'summary',
    title: say(locale, 'summaryTitle', { lesson: lesson.title[locale] }),
    text: `${step && step.kind === 'summary' ? step.text[locale] : ''}\n\n${say(locale, 'readMore', { sources })}`,
    answers,
    progressLine: say(locale, 'summaryProgress', {
      module: module.title[locale],
      bar: progressBar(percent),
      done,
      count: module.lessons.length,
      correct: score.correct,
      total: score.total,
    }),
    choices: [
      ...(hasNext ? [{ label: say(locale, 'nextLesson'), value: NEXT_VALUE }] : []),
      { label: say(locale, 'backToMenu'), value: `${COMMAND_VALUE_PREFIX}menu` },
    ],
  };
}
