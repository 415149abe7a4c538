import { enqueueActions } from 'xstate';
import type { Step } from '../../curriculum/schema';
import { say } from '../catalogue';
import { lessonKey, type ConversationContext } from '../conversationContext';
import { inputOf, localeOf, textOf } from '../eventInput';
import { recordedAnswer, withAnswer, withPosition } from '../lessonNavigation';
import { matchGoal, matchGoals, matchOption, matchOptions, matchScale, type LearnerInput } from '../matchInput';
import { numberProblem, numberRecorded } from '../numberMessages';
import { presentStep } from '../presentStep';
import { repromptStep } from '../repromptStep';
import type { ConversationEvent } from '../events';
import type { EmittedEvent } from '../outgoing';
import type { ProgrammeIndex } from '../programmeIndex';
import { readNumberAnswer } from '../readNumberAnswer';
import { baseSetup, type GuardArgs } from './baseSetup';
import { coachingStates, coachWindowMessage } from './coaching';
import { sayAction, sayEvent, textEvent, type SayParams } from './conversationBehaviour';
import type { ProgrammeSetup } from './machineSetup';

/** Longest answer taken, in characters; a longer one is refused with a message saying so, never cut. */
export const MAX_ANSWER_LENGTH = 10_000;

/** A lesson step by step: presenting each step, taking and recording answers, back, skip and restart. */
export function lessonBehaviour(index: ProgrammeIndex) {
  const stepAt = (context: ConversationContext): Step | undefined => (context.position ? index.step(context.position) : undefined);
  const optionsInput = ({ context, event }: GuardArgs) => {
    const step = stepAt(context);
    const input = inputOf(event);
    return step && input ? { step, input, locale: localeOf(context) } : null;
  };
  /** The answer to the current number step, read as the learner's language writes numbers; null at other steps. */
  const numberReading = (args: GuardArgs) => {
    const found = optionsInput(args);
    if (found?.step.kind !== 'number') return null;
    return { step: found.step, locale: found.locale, reading: readNumberAnswer(found.step, typedOrPressed(found.input), found.locale) };
  };
  return {
    guards: {
      isAtTeachingStep: ({ context }: GuardArgs) => ['teach', 'example'].includes(stepAt(context)?.kind ?? ''),
      isAtQuestion: ({ context }: GuardArgs) => stepAt(context)?.kind === 'question',
      isAtChoice: ({ context }: GuardArgs) => stepAt(context)?.kind === 'choice',
      isAtScale: ({ context }: GuardArgs) => stepAt(context)?.kind === 'scale',
      isAtQuiz: ({ context }: GuardArgs) => stepAt(context)?.kind === 'quiz',
      isAtSdg: ({ context }: GuardArgs) => stepAt(context)?.kind === 'sdg',
      isAtSdgSecondary: ({ context }: GuardArgs) => stepAt(context)?.kind === 'sdg' && context.pendingSdgMain !== null,
      isAtNumber: ({ context }: GuardArgs) => stepAt(context)?.kind === 'number',
      isAtCalculation: ({ context }: GuardArgs) => stepAt(context)?.kind === 'calculation',
      isAcceptableNumber: (args: GuardArgs) => numberReading(args)?.reading.kind === 'accepted',
      isAtSummary: ({ context }: GuardArgs) => stepAt(context)?.kind === 'summary',
      isTooLongAnswer: ({ event }: GuardArgs) => textOf(event).length > MAX_ANSWER_LENGTH,
      isLongEnoughAnswer: ({ context, event }: GuardArgs) => {
        const step = stepAt(context);
        return step?.kind === 'question' && textOf(event).length >= (step.minLength ?? 1);
      },
      isValidChoice: (args: GuardArgs) => {
        const found = optionsInput(args);
        if (found?.step.kind !== 'choice') return false;
        const { step, input, locale } = found;
        return (step.multiple ? matchOptions(step.options, input, locale) : matchOption(step.options, input, locale)) !== null;
      },
      isQuizOption: (args: GuardArgs) => {
        const found = optionsInput(args);
        return found?.step.kind === 'quiz' && matchOption(found.step.options, found.input, found.locale) !== null;
      },
      isValidScale: ({ event }: GuardArgs) => {
        const input = inputOf(event);
        return input !== null && matchScale(input) !== null;
      },
      isGoal: ({ event }: GuardArgs) => {
        const input = inputOf(event);
        return input !== null && matchGoal(input) !== null;
      },
      isGoalList: ({ event }: GuardArgs) => {
        const input = inputOf(event);
        return input !== null && matchGoals(input) !== null;
      },
      hasNextLesson: ({ context }: GuardArgs) =>
        context.position !== null && index.nextLesson(context.position.moduleId, context.position.lessonId) !== null,
      isOptionalStep: ({ context }: GuardArgs) => {
        const step = stepAt(context);
        return step !== undefined && 'optional' in step && step.optional === true;
      },
      hasPreviousQuestion: ({ context }: GuardArgs) => context.position !== null && index.previousInteractiveStep(context.position) !== null,
    },
    actions: {
      announceLesson: baseSetup.enqueueActions(({ context, enqueue }) => {
        const p = context.position!;
        if (index.stepIndex(p) !== 0) return;
        const locale = localeOf(context);
        const module = index.module(p.moduleId)!;
        const values = {
          module: module.title[locale],
          number: index.lessonIndex(p.moduleId, p.lessonId) + 1,
          count: module.lessons.length,
          lesson: index.lesson(p.moduleId, p.lessonId)!.title[locale],
        };
        enqueue.emit(textEvent(say(locale, 'lessonStart', values)));
      }),
      /** The current step's messages; while the conversation about an answer is open, where that conversation is. */
      presentStep: baseSetup.enqueueActions(({ context, enqueue }) => {
        if (context.coachWindow) return enqueue.emit(sayEvent(coachWindowMessage(context, context.coachWindow)));
        presentStep(index, context, context.position!, localeOf(context)).forEach((message) => enqueue.emit(sayEvent(message)));
      }),
      advance: baseSetup.assign(({ context }) => {
        const next = index.nextStep(context.position!);
        return next ? withPosition(context, next) : {};
      }),
      completeLesson: baseSetup.assign(({ context }) => {
        const p = context.position!;
        return { lessons: { ...context.lessons, [lessonKey(p.moduleId, p.lessonId)]: { status: 'completed' as const, stepId: p.stepId } } };
      }),
      enterNextLesson: baseSetup.assign(({ context }) => {
        const { moduleId, lessonId } = context.position!;
        return withPosition(context, index.firstStep(moduleId, index.nextLesson(moduleId, lessonId)!)!);
      }),
      sayModuleFinished: baseSetup.enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        enqueue.emit(textEvent(say(locale, 'moduleFinished', { module: index.module(context.position!.moduleId)!.title[locale] })));
      }),
      sayTooShort: baseSetup.enqueueActions(({ context, enqueue }) => {
        const step = stepAt(context);
        enqueue.emit(textEvent(say(localeOf(context), 'tooShort', { min: step?.kind === 'question' ? (step.minLength ?? 1) : 1 })));
      }),
      recordChoice: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const step = stepAt(context);
        if (step?.kind !== 'choice') return;
        const input = inputOf(event)!;
        const locale = localeOf(context);
        const ids = step.multiple ? matchOptions(step.options, input, locale)! : [matchOption(step.options, input, locale)!];
        enqueue.assign(withAnswer(context, { kind: 'options', optionIds: ids }));
        enqueue.emit(recordedAnswer(index, context, ids));
      }),
      sayPickOption: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const step = stepAt(context);
        const multiple = step?.kind === 'choice' && step.multiple === true;
        const nothingTicked = multiple && event.type === 'user.choice' && event.value === '';
        const key = nothingTicked ? 'tickAtLeastOne' : multiple ? 'pickOptions' : 'pickOption';
        enqueue.emit(sayEvent(repromptStep(index, context, context.position!, localeOf(context), say(localeOf(context), key))));
      }),
      /** A catalogue text as the re-ask of the current step, with its buttons. */
      reprompt: enqueueActions<ConversationContext, ConversationEvent, SayParams, ConversationEvent, never, never, never, never, EmittedEvent>(
        ({ context, enqueue }, params) =>
          enqueue.emit(
            sayEvent(repromptStep(index, context, context.position!, localeOf(context), say(localeOf(context), params.key, params.values))),
          ),
      ),
      sayAnswerTooLong: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const values = { max: MAX_ANSWER_LENGTH.toLocaleString(localeOf(context)), count: textOf(event).length.toLocaleString(localeOf(context)) };
        enqueue.emit(textEvent(say(localeOf(context), 'answerTooLong', values)));
      }),
      recordScale: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const value = matchScale(inputOf(event)!)!;
        enqueue.assign(withAnswer(context, { kind: 'scale', value }));
        enqueue.emit(recordedAnswer(index, context, value));
      }),
      recordQuiz: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const step = stepAt(context);
        if (step?.kind !== 'quiz') return;
        const locale = localeOf(context);
        const optionId = matchOption(step.options, inputOf(event)!, locale)!;
        const correct = step.options.find((o) => o.id === optionId)?.correct === true;
        enqueue.assign(withAnswer(context, { kind: 'quiz', optionId, correct }));
        enqueue.emit(recordedAnswer(index, context, optionId, correct));
        enqueue.emit(textEvent(`${correct ? '✅' : '❌'} ${step.explanation[correct ? 'correct' : 'incorrect'][locale]}`));
      }),
      recordNumber: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const found = numberReading({ context, event });
        if (found?.reading.kind !== 'accepted') return;
        enqueue.assign(withAnswer(context, { kind: 'number', value: found.reading.value }));
        enqueue.emit(recordedAnswer(index, context, found.reading.value));
        enqueue.emit(textEvent(numberRecorded(found.step, found.reading.value, found.locale)));
      }),
      sayNumberProblem: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const found = numberReading({ context, event });
        if (found && found.reading.kind !== 'accepted') enqueue.emit(textEvent(numberProblem(found.step, found.reading, found.locale)));
      }),
      setSdgMain: baseSetup.assign({ pendingSdgMain: ({ event }) => matchGoal(inputOf(event)!) }),
      recordSdg: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const main = context.pendingSdgMain!;
        const secondary = matchGoals(inputOf(event)!)!.filter((goal) => goal !== main);
        enqueue.assign({ ...withAnswer(context, { kind: 'sdg', main, secondary }), pendingSdgMain: null });
        enqueue.emit(recordedAnswer(index, context, [main, ...secondary]));
      }),
      recordSkipped: baseSetup.enqueueActions(({ context, enqueue }) => {
        enqueue.assign(withAnswer(context, { kind: 'skipped' }));
        enqueue.emit(recordedAnswer(index, context, ''));
      }),
      goBack: baseSetup.assign(({ context }) => withPosition(context, index.previousInteractiveStep(context.position!)!)),
      restartLesson: baseSetup.assign(({ context }) =>
        withPosition(context, index.firstStep(context.position!.moduleId, context.position!.lessonId)!),
      ),
    },
  };
}

/** The `lesson` state: `routing` picks the state of the current step's kind; each step state takes its answer. */
export function lessonState(s: ProgrammeSetup) {
  /** An answer to a step: if valid, record it and move on; otherwise say how to answer and stay. */
  const answer = <Guard extends string, Record extends string, Reprompt>(guard: Guard, record: Record, reprompt: Reprompt) =>
    [{ guard, actions: [record, 'advance'], target: 'routing' }, { actions: reprompt }] as const;
  /** An answer from a window that shows another step: kept in the log, the learner shown where they are. */
  const stale = { guard: 'isStaleView', actions: ['keepStaleAnswer', 'presentStep'] } as const;
  /** The same transition for a typed answer and a pressed button, after the check for a window that is behind. */
  const onInput = <T>(transitions: readonly T[]) => {
    const checked = [stale, ...transitions];
    return { 'user.text': checked, 'user.choice': checked } as const;
  };
  const say = sayAction;
  const reprompt = (key: 'pickScale') => ({ type: 'reprompt', params: { key } }) as const;
  /** A side command inside a lesson ends with the current step again, so its buttons are the last on screen. */
  const sideCommand = <Action extends string>(command: string, action: Action) =>
    ({ guard: { type: 'isCommand', params: { command } }, actions: [action, 'presentStep'] }) as const;

  return s.createStateConfig({
    initial: 'routing',
    on: {
      'session.started': { target: '.routing', actions: 'sayWelcomeBack' },
      // A question is answered by the coach and the learner stays at the step: it is never an answer, never "Next".
      'user.question': { actions: 'askQuestionInLesson' },
      'coach.replied': [
        { guard: 'isQuestionReply', actions: ['sayQuestionReply', 'presentStep'] },
        { guard: 'isLateFeedback', actions: 'keepLateFeedback' },
      ],
      'user.command': [
        { guard: { type: 'isCommand', params: { command: 'continue' } }, target: '.routing' },
        sideCommand('help', 'sayHelpInLesson'),
        sideCommand('progress', 'showProgress'),
        sideCommand('artefact', 'showArtefacts'),
        sideCommand('exportData', 'requestExport'),
        sideCommand('advisor', 'requestAdvisor'),
        sideCommand('link', 'requestLinkCode'),
        sideCommand('stopSharing', 'setSharing'),
        sideCommand('startSharing', 'setSharing'),
        { guard: { type: 'isCommand', params: { command: 'back' } }, target: '.back' },
        { guard: { type: 'isCommand', params: { command: 'skip' } }, target: '.skip' },
        { guard: { type: 'isCommand', params: { command: 'restart' } }, actions: ['restartLesson', say('restarted')], target: '.routing' },
      ],
    },
    states: {
      back: {
        always: [
          { guard: 'hasPreviousQuestion', actions: 'goBack', target: 'routing' },
          { actions: say('cannotGoBack'), target: 'routing' },
        ],
      },
      skip: {
        always: [
          { guard: 'isOptionalStep', actions: ['recordSkipped', 'advance'], target: 'routing' },
          { actions: say('cannotSkip'), target: 'routing' },
        ],
      },
      routing: {
        entry: 'clearCoachWindow',
        always: [
          { guard: 'isAtTeachingStep', target: 'teaching' },
          { guard: 'isAtQuestion', target: 'question' },
          { guard: 'isAtChoice', target: 'choice' },
          { guard: 'isAtScale', target: 'scale' },
          { guard: 'isAtQuiz', target: 'quiz' },
          { guard: 'isAtSdgSecondary', target: 'sdgSecondary' },
          { guard: 'isAtSdg', target: 'sdg' },
          { guard: 'isAtNumber', target: 'number' },
          { guard: 'isAtCalculation', target: 'calculation' },
          { guard: 'isAtSummary', target: 'summary' },
          { target: '#programme.active.menu' },
        ],
      },
      teaching: {
        entry: ['announceLesson', 'presentStep'],
        on: onInput([{ actions: 'advance', target: 'routing' } as const]),
      },
      question: {
        entry: ['announceLesson', 'presentStep'],
        on: {
          'user.text': [
            stale,
            { guard: 'isTooLongAnswer', actions: 'sayAnswerTooLong' },
            { guard: 'isLongEnoughAnswer', actions: ['recordText', 'advance'], target: 'awaitingFeedback' },
            { actions: 'sayTooShort' },
          ],
          'user.question': [{ guard: 'isQuestionAnswerExpected', actions: 'readQuestionAsText' }],
          'user.choice': [stale, { actions: 'presentStep' }],
        },
      },
      ...coachingStates(s),
      choice: { entry: ['announceLesson', 'presentStep'], on: onInput(answer('isValidChoice', 'recordChoice', 'sayPickOption')) },
      scale: { entry: ['announceLesson', 'presentStep'], on: onInput(answer('isValidScale', 'recordScale', reprompt('pickScale'))) },
      quiz: { entry: ['announceLesson', 'presentStep'], on: onInput(answer('isQuizOption', 'recordQuiz', 'sayPickOption')) },
      sdg: {
        entry: ['announceLesson', 'presentStep'],
        on: { 'user.text': [stale, { guard: 'isGoal', actions: 'setSdgMain', target: 'sdgSecondary' }, { actions: say('sdgInvalid') }] },
      },
      sdgSecondary: {
        entry: 'presentStep',
        on: {
          'user.text': [
            stale,
            { guard: 'isGoalList', actions: ['recordSdg', 'advance'], target: 'routing' },
            { actions: say('sdgSecondaryInvalid') },
          ],
        },
      },
      number: { entry: ['announceLesson', 'presentStep'], on: onInput(answer('isAcceptableNumber', 'recordNumber', 'sayNumberProblem')) },
      calculation: {
        entry: ['announceLesson', 'presentStep'],
        on: onInput([{ actions: 'advance', target: 'routing' } as const]),
      },
      summary: {
        entry: ['completeLesson', 'presentStep'],
        on: onInput([
          { guard: 'hasNextLesson', actions: 'enterNextLesson', target: 'routing' },
          { actions: 'sayModuleFinished', target: '#programme.active.menu' },
        ]),
      },
    },
  });
}

/** What the learner typed, or the value of the button they pressed (at a number step, read like typed text). */
function typedOrPressed(input: LearnerInput): string {
  return 'text' in input ? input.text : input.value;
}
