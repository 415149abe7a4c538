import { assign, enqueueActions, setup } from 'xstate';
import type { Step } from '../curriculum/schema';
import { say } from './catalogue';
import { initialContext, lessonKey, type ConversationContext } from './conversationContext';
import type { ConversationEvent } from './events';
import { matchGoal, matchGoals, matchLanguage, matchOption, matchOptions, matchScale } from './matchInput';
import type { EmittedEvent, OutgoingMessage } from './outgoing';
import { LESSON_VALUE_PREFIX, NEXT_VALUE, presentStep } from './presentStep';
import type { ProgrammeIndex } from './programmeIndex';
import { assembleArtefacts } from './progress';
import { inputOf, localeOf, textOf } from './eventInput';
import { lessonToEnter, positionFor, recordedAnswer, withAnswer, withPosition } from './lessonNavigation';
import { menuMessage, moduleFromInput } from './moduleMenu';

const MAX_NAME_LENGTH = 80;
const MAX_ANSWER_LENGTH = 4000;

type Ctx = ConversationContext;
type Ev = ConversationEvent;

/**
 * The whole programme conversation for one learner: onboarding, the module menu, lessons step by step,
 * and the global commands. Pure: it reads the curriculum through `index`, emits `bot.say` messages,
 * `answer.recorded` answers and `effect.requested` requests, and keeps everything else in its context.
 */
export function createProgrammeMachine(index: ProgrammeIndex) {
  const stepAt = (context: Ctx): Step | undefined => (context.position ? index.step(context.position) : undefined);
  const say$ = (message: OutgoingMessage) => ({ type: 'bot.say' as const, message });
  const text$ = (text: string) => say$({ kind: 'text', text });

  // Onboarding questions that take one line of text, and answers accepted both typed and from a button.
  const askForText = <Ask extends string, Store extends string>(self: string, ask: Ask, store: Store, next: string) => ({
    entry: ask,
    on: {
      'session.started': { target: self, reenter: true },
      'user.text': [{ guard: 'isNonEmptyText' as const, actions: store, target: next }, { actions: ask }],
      'user.choice': { actions: ask },
    },
  });
  /** An answer to a lesson step: if valid, record it and move on; otherwise say how to answer and stay. */
  const acceptAnswer = <Guard extends string, Record extends string, Reprompt extends string>(guard: Guard, record: Record, reprompt: Reprompt) => [
    { guard, actions: [record, 'advance' as const], target: 'routing' },
    { actions: reprompt },
  ];
  const pickLanguage = () => [
    { guard: 'isLanguageChoice' as const, actions: 'setLanguage' as const, target: 'firstName' },
    { actions: 'askLanguageAgain' as const },
  ];
  const answerConsent = () => [
    { guard: 'isConsentGiven' as const, actions: ['setConsent' as const, 'sayWelcomeDone' as const], target: '#programme.active.menu' },
    { guard: 'isConsentDeclined' as const, actions: 'sayConsentDeclined' as const },
    { actions: 'askConsent' as const },
  ];

  return setup({
    types: {
      context: {} as Ctx,
      events: {} as Ev,
      emitted: {} as EmittedEvent,
    },
    guards: {
      isLanguageChoice: ({ event }) => {
        const input = inputOf(event);
        return input !== null && matchLanguage(input) !== null;
      },
      isNonEmptyText: ({ event }) => textOf(event).length > 0,
      isConsentGiven: ({ event }) =>
        event.type === 'user.choice' ? event.value === 'consent-yes' : /^(ja|yes|ok|okej|okay|japp|visst|sure|jo)\b/i.test(textOf(event)),
      isConsentDeclined: ({ event }) => (event.type === 'user.choice' ? event.value === 'consent-no' : /^(nej|no|nope)\b/i.test(textOf(event))),
      isModulePick: ({ context, event }) => {
        const moduleId = moduleFromInput(index, context, event);
        return moduleId !== null && index.module(moduleId) !== undefined;
      },
      isKnownLesson: ({ event }) => event.type === 'user.pickLesson' && index.lesson(event.moduleId, event.lessonId) !== undefined,
      isModuleCompleted: ({ context, event }) => {
        const moduleId = moduleFromInput(index, context, event);
        return moduleId !== null && index.module(moduleId) !== undefined && lessonToEnter(index, context, moduleId) === null;
      },
      hasPosition: ({ context }) => context.position !== null && index.step(context.position) !== undefined,
      isAtTeachingStep: ({ context }) => ['teach', 'example'].includes(stepAt(context)?.kind ?? ''),
      isAtQuestion: ({ context }) => stepAt(context)?.kind === 'question',
      isAtChoice: ({ context }) => stepAt(context)?.kind === 'choice',
      isAtScale: ({ context }) => stepAt(context)?.kind === 'scale',
      isAtQuiz: ({ context }) => stepAt(context)?.kind === 'quiz',
      isAtSdg: ({ context }) => stepAt(context)?.kind === 'sdg',
      isAtSummary: ({ context }) => stepAt(context)?.kind === 'summary',
      isLongEnoughAnswer: ({ context, event }) => {
        const step = stepAt(context);
        const text = textOf(event);
        return step?.kind === 'question' && text.length >= (step.minLength ?? 1);
      },
      isValidChoice: ({ context, event }) => {
        const step = stepAt(context);
        const input = inputOf(event);
        if (step?.kind !== 'choice' || !input) return false;
        return (step.multiple ? matchOptions(step.options, input, localeOf(context)) : matchOption(step.options, input, localeOf(context))) !== null;
      },
      isValidScale: ({ event }) => {
        const input = inputOf(event);
        return input !== null && matchScale(input) !== null;
      },
      isQuizOption: ({ context, event }) => {
        const step = stepAt(context);
        const input = inputOf(event);
        return step?.kind === 'quiz' && input !== null && matchOption(step.options, input, localeOf(context)) !== null;
      },
      isGoal: ({ event }) => {
        const input = inputOf(event);
        return input !== null && matchGoal(input) !== null;
      },
      isGoalList: ({ event }) => {
        const input = inputOf(event);
        return input !== null && matchGoals(input) !== null;
      },
      isAtSdgSecondary: ({ context }) => stepAt(context)?.kind === 'sdg' && context.pendingSdgMain !== null,
      isNextPressed: ({ event }) => event.type === 'user.choice' && event.value === NEXT_VALUE,
      hasNextLesson: ({ context }) => context.position !== null && index.nextLesson(context.position.moduleId, context.position.lessonId) !== null,
      isOptionalStep: ({ context }) => {
        const step = stepAt(context);
        return step !== undefined && 'optional' in step && step.optional === true;
      },
      hasPreviousQuestion: ({ context }) => context.position !== null && index.previousInteractiveStep(context.position) !== null,
      isCommand: ({ event }, params: { command: string }) => event.type === 'user.command' && event.command === params.command,
      isDeleteConfirmed: ({ event }) => (event.type === 'user.choice' ? event.value === 'delete-yes' : /^(ja|yes)\b/i.test(textOf(event))),
    },
    actions: {
      greet: enqueueActions(({ enqueue }) =>
        enqueue.emit(
          say$({
            kind: 'choices',
            text: say('sv', 'greetingBilingual'),
            choices: [
              { label: 'Svenska', value: 'sv' },
              { label: 'English', value: 'en' },
            ],
          }),
        ),
      ),
      askLanguageAgain: enqueueActions(({ enqueue }) =>
        enqueue.emit(
          say$({
            kind: 'choices',
            text: say('sv', 'pickLanguageAgain'),
            choices: [
              { label: 'Svenska', value: 'sv' },
              { label: 'English', value: 'en' },
            ],
          }),
        ),
      ),
      askLanguage: enqueueActions(({ context, enqueue }) =>
        enqueue.emit(
          say$({
            kind: 'choices',
            text: say(localeOf(context), 'chooseLanguage'),
            choices: [
              { label: 'Svenska', value: 'sv' },
              { label: 'English', value: 'en' },
            ],
          }),
        ),
      ),
      setLanguage: assign({ locale: ({ event, context }) => (inputOf(event) && matchLanguage(inputOf(event)!)) ?? context.locale }),
      sayLanguageChanged: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'languageChanged')))),
      askFirstName: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'askFirstName')))),
      setFirstName: assign({ profile: ({ context, event }) => ({ ...context.profile, firstName: textOf(event).slice(0, MAX_NAME_LENGTH) }) }),
      askVentureName: enqueueActions(({ context, enqueue }) =>
        enqueue.emit(text$(say(localeOf(context), 'askVentureName', { firstName: context.profile.firstName ?? '' }))),
      ),
      setVentureName: assign({ profile: ({ context, event }) => ({ ...context.profile, ventureName: textOf(event).slice(0, MAX_NAME_LENGTH) }) }),
      askVentureLine: enqueueActions(({ context, enqueue }) =>
        enqueue.emit(text$(say(localeOf(context), 'askVentureLine', { ventureName: context.profile.ventureName ?? '' }))),
      ),
      setVentureLine: assign({ profile: ({ context, event }) => ({ ...context.profile, ventureLine: textOf(event).slice(0, MAX_ANSWER_LENGTH) }) }),
      askConsent: enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        enqueue.emit(
          say$({
            kind: 'choices',
            text: say(locale, 'consent'),
            choices: [
              { label: say(locale, 'consentAccept'), value: 'consent-yes' },
              { label: say(locale, 'consentDecline'), value: 'consent-no' },
            ],
          }),
        );
      }),
      setConsent: assign({ profile: ({ context }) => ({ ...context.profile, consented: true }) }),
      sayConsentDeclined: enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        enqueue.emit(
          say$({ kind: 'choices', text: say(locale, 'consentDeclined'), choices: [{ label: say(locale, 'consentAccept'), value: 'consent-yes' }] }),
        );
      }),
      sayHelpOnboarding: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'helpOnboarding')))),
      sayWelcomeDone: enqueueActions(({ context, enqueue }) =>
        enqueue.emit(text$(say(localeOf(context), 'welcomeDone', { firstName: context.profile.firstName ?? '' }))),
      ),
      showMenu: enqueueActions(({ context, enqueue }) => enqueue.emit(say$(menuMessage(index, context)))),
      showProgress: enqueueActions(({ context, enqueue }) => enqueue.emit(say$(menuMessage(index, context, 'progressTitle')))),
      sayPickModule: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'pickModuleAgain')))),
      sayWelcomeBack: enqueueActions(({ context, enqueue }) =>
        enqueue.emit(text$(say(localeOf(context), 'welcomeBack', { firstName: context.profile.firstName ?? '' }))),
      ),
      offerLessonsOfModule: enqueueActions(({ context, event, enqueue }) => {
        const locale = localeOf(context);
        const module = index.module(moduleFromInput(index, context, event) ?? '')!;
        enqueue.emit(
          say$({
            kind: 'choices',
            text: say(locale, 'moduleCompleted', { module: module.title[locale] }),
            choices: module.lessons.map((l) => ({ label: l.title[locale], value: `${LESSON_VALUE_PREFIX}${module.id}/${l.id}` })),
          }),
        );
      }),
      enterModule: assign(({ context, event }) => {
        const moduleId = moduleFromInput(index, context, event)!;
        const position = positionFor(index, context, moduleId, lessonToEnter(index, context, moduleId)!)!;
        return withPosition(context, position);
      }),
      enterPickedLesson: assign(({ context, event }) => {
        const { moduleId, lessonId } = event as Extract<Ev, { type: 'user.pickLesson' }>;
        return withPosition(context, positionFor(index, context, moduleId, lessonId)!);
      }),
      /** "Continue" after finishing a lesson means the next unfinished lesson of that module, not the old summary. */
      moveOnFromCompletedLesson: assign(({ context }) => {
        const p = context.position;
        if (!p || context.lessons[lessonKey(p.moduleId, p.lessonId)]?.status !== 'completed') return {};
        const next = lessonToEnter(index, context, p.moduleId);
        return next ? withPosition(context, positionFor(index, context, p.moduleId, next)!) : {};
      }),
      enterNextLesson: assign(({ context }) => {
        const { moduleId, lessonId } = context.position!;
        return withPosition(context, index.firstStep(moduleId, index.nextLesson(moduleId, lessonId)!)!);
      }),
      announceLesson: enqueueActions(({ context, enqueue }) => {
        const p = context.position!;
        if (index.stepIndex(p) !== 0) return;
        const locale = localeOf(context);
        const module = index.module(p.moduleId)!;
        enqueue.emit(
          text$(
            say(locale, 'lessonStart', {
              module: module.title[locale],
              number: index.lessonIndex(p.moduleId, p.lessonId) + 1,
              count: module.lessons.length,
              lesson: index.lesson(p.moduleId, p.lessonId)!.title[locale],
            }),
          ),
        );
      }),
      presentStep: enqueueActions(({ context, enqueue }) =>
        presentStep(index, context, context.position!, localeOf(context)).forEach((message) => enqueue.emit(say$(message))),
      ),
      advance: assign(({ context }) => {
        const next = index.nextStep(context.position!);
        return next ? withPosition(context, next) : {};
      }),
      completeLesson: assign(({ context }) => {
        const p = context.position!;
        return { lessons: { ...context.lessons, [lessonKey(p.moduleId, p.lessonId)]: { status: 'completed' as const, stepId: p.stepId } } };
      }),
      sayModuleFinished: enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        enqueue.emit(text$(say(locale, 'moduleFinished', { module: index.module(context.position!.moduleId)!.title[locale] })));
      }),
      recordText: enqueueActions(({ context, event, enqueue }) => {
        const text = textOf(event).slice(0, MAX_ANSWER_LENGTH);
        enqueue.assign(withAnswer(context, { kind: 'text', text }));
        enqueue.emit(recordedAnswer(index, context, text));
        const p = context.position!;
        enqueue.emit(say$({ kind: 'coachRequest', moduleId: p.moduleId, lessonId: p.lessonId, stepId: p.stepId, answer: text }));
      }),
      sayTooShort: enqueueActions(({ context, enqueue }) => {
        const step = stepAt(context);
        enqueue.emit(text$(say(localeOf(context), 'tooShort', { min: step?.kind === 'question' ? (step.minLength ?? 1) : 1 })));
      }),
      recordChoice: enqueueActions(({ context, event, enqueue }) => {
        const step = stepAt(context);
        if (step?.kind !== 'choice') return;
        const input = inputOf(event)!;
        const ids = step.multiple ? matchOptions(step.options, input, localeOf(context))! : [matchOption(step.options, input, localeOf(context))!];
        enqueue.assign(withAnswer(context, { kind: 'options', optionIds: ids }));
        enqueue.emit(recordedAnswer(index, context, ids));
      }),
      sayPickOption: enqueueActions(({ context, enqueue }) => {
        const step = stepAt(context);
        enqueue.emit(text$(say(localeOf(context), step?.kind === 'choice' && step.multiple ? 'pickOptions' : 'pickOption')));
      }),
      recordScale: enqueueActions(({ context, event, enqueue }) => {
        const value = matchScale(inputOf(event)!)!;
        enqueue.assign(withAnswer(context, { kind: 'scale', value }));
        enqueue.emit(recordedAnswer(index, context, value));
      }),
      sayPickScale: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'pickScale')))),
      recordQuiz: enqueueActions(({ context, event, enqueue }) => {
        const step = stepAt(context);
        if (step?.kind !== 'quiz') return;
        const locale = localeOf(context);
        const optionId = matchOption(step.options, inputOf(event)!, locale)!;
        const correct = step.options.find((o) => o.id === optionId)?.correct === true;
        enqueue.assign(withAnswer(context, { kind: 'quiz', optionId, correct }));
        enqueue.emit(recordedAnswer(index, context, optionId, correct));
        enqueue.emit(text$(`${correct ? '✅' : '❌'} ${step.explanation[correct ? 'correct' : 'incorrect'][locale]}`));
      }),
      setSdgMain: assign({ pendingSdgMain: ({ event }) => matchGoal(inputOf(event)!) }),
      recordSdg: enqueueActions(({ context, event, enqueue }) => {
        const main = context.pendingSdgMain!;
        const secondary = matchGoals(inputOf(event)!)!.filter((goal) => goal !== main);
        enqueue.assign({ ...withAnswer(context, { kind: 'sdg', main, secondary }), pendingSdgMain: null });
        enqueue.emit(recordedAnswer(index, context, [main, ...secondary]));
      }),
      saySdgInvalid: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'sdgInvalid')))),
      saySdgSecondaryInvalid: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'sdgSecondaryInvalid')))),
      recordSkipped: enqueueActions(({ context, enqueue }) => {
        enqueue.assign(withAnswer(context, { kind: 'skipped' }));
        enqueue.emit(recordedAnswer(index, context, ''));
      }),
      goBack: assign(({ context }) => withPosition(context, index.previousInteractiveStep(context.position!)!)),
      restartLesson: assign(({ context }) => withPosition(context, index.firstStep(context.position!.moduleId, context.position!.lessonId)!)),
      sayRestarted: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'restarted')))),
      sayCannotGoBack: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'cannotGoBack')))),
      sayCannotSkip: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'cannotSkip')))),
      sayNotInLesson: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'notInLesson')))),
      sayUnreadable: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'emptyMessage')))),
      sayEditNotice: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'editNotice')))),
      sayHelp: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'help')))),
      sayHelpInLesson: enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        const p = context.position!;
        const lesson = index.lesson(p.moduleId, p.lessonId)!;
        enqueue.emit(
          text$(
            `${say(locale, 'helpInLesson', { lesson: lesson.title[locale], number: index.stepIndex(p) + 1, count: lesson.steps.length })}\n${say(locale, 'help')}`,
          ),
        );
      }),
      showArtefacts: enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        const filled = assembleArtefacts(index, context, locale);
        const definitions = index.curriculum.artefacts.filter((a) => filled[a.id]);
        if (definitions.length === 0) enqueue.emit(text$(say(locale, 'noArtefactYet')));
        for (const artefact of definitions) {
          enqueue.emit(
            say$({
              kind: 'artefact',
              title: artefact.title[locale],
              fields: artefact.fields.map((f) => ({ label: f.label[locale], value: filled[artefact.id]?.[f.id] ?? '–' })),
            }),
          );
        }
      }),
      askDeleteConfirmation: enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        enqueue.emit(
          say$({
            kind: 'choices',
            text: say(locale, 'confirmDelete'),
            choices: [
              { label: say(locale, 'confirmDeleteYes'), value: 'delete-yes' },
              { label: say(locale, 'confirmDeleteNo'), value: 'delete-no' },
            ],
          }),
        );
      }),
      sayDeleteCancelled: enqueueActions(({ context, enqueue }) => enqueue.emit(text$(say(localeOf(context), 'deleteCancelled')))),
      requestDeletion: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'effect.requested', request: { effect: 'deleteData' } })),
      requestExport: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'effect.requested', request: { effect: 'exportData' } })),
      requestLinkCode: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'effect.requested', request: { effect: 'issueLinkCode' } })),
      requestAdvisor: enqueueActions(({ context, enqueue }) => {
        enqueue.emit({ type: 'effect.requested', request: { effect: 'requestAdvisor' } });
        enqueue.emit(text$(say(localeOf(context), 'advisorRequested')));
      }),
    },
  }).createMachine({
    id: 'programme',
    context: initialContext,
    initial: 'idle',
    on: {
      'user.editedMessage': { actions: 'sayEditNotice' },
      'user.pickModule': { actions: 'sayHelpOnboarding' },
      'user.pickLesson': { actions: 'sayHelpOnboarding' },
      'user.unreadable': { actions: 'sayUnreadable' },
    },
    states: {
      /**
       * Nothing stored yet. A web visitor is greeted without storing anything, so their first stored event
       * may already be the answer to that greeting (a language); anything else is greeted.
       */
      idle: {
        on: {
          'user.choice': [{ guard: 'isLanguageChoice', actions: 'setLanguage', target: 'onboarding.firstName' }, { target: 'onboarding' }],
          'user.text': [{ guard: 'isLanguageChoice', actions: 'setLanguage', target: 'onboarding.firstName' }, { target: 'onboarding' }],
          '*': { target: 'onboarding' },
        },
      },
      onboarding: {
        initial: 'language',
        on: {
          'user.command': { actions: 'sayHelpOnboarding' },
        },
        states: {
          language: {
            entry: 'greet',
            on: {
              'session.started': { target: 'language', reenter: true },
              'user.choice': pickLanguage(),
              'user.text': pickLanguage(),
              'user.command': { actions: 'askLanguageAgain' },
            },
          },
          firstName: askForText('firstName', 'askFirstName', 'setFirstName', 'ventureName'),
          ventureName: askForText('ventureName', 'askVentureName', 'setVentureName', 'ventureLine'),
          ventureLine: askForText('ventureLine', 'askVentureLine', 'setVentureLine', 'consent'),
          consent: {
            entry: 'askConsent',
            on: {
              'session.started': { target: 'consent', reenter: true },
              'user.choice': answerConsent(),
              'user.text': answerConsent(),
            },
          },
        },
      },
      active: {
        initial: 'menu',
        on: {
          'user.pickModule': [
            { guard: 'isModuleCompleted', actions: 'offerLessonsOfModule' },
            { guard: 'isModulePick', actions: 'enterModule', target: '.lesson', reenter: true },
            { actions: 'sayPickModule' },
          ],
          'user.pickLesson': [
            { guard: 'isKnownLesson', actions: 'enterPickedLesson', target: '.lesson', reenter: true },
            { actions: 'sayPickModule' },
          ],
          'user.command': [
            { guard: { type: 'isCommand', params: { command: 'menu' } }, target: '.menu', reenter: true },
            { guard: { type: 'isCommand', params: { command: 'continue' } }, actions: 'moveOnFromCompletedLesson', target: '.lesson' },
            { guard: { type: 'isCommand', params: { command: 'progress' } }, actions: 'showProgress' },
            { guard: { type: 'isCommand', params: { command: 'language' } }, target: 'changingLanguage' },
            { guard: { type: 'isCommand', params: { command: 'artefact' } }, actions: 'showArtefacts' },
            { guard: { type: 'isCommand', params: { command: 'exportData' } }, actions: 'requestExport' },
            { guard: { type: 'isCommand', params: { command: 'deleteData' } }, target: 'confirmDelete' },
            { guard: { type: 'isCommand', params: { command: 'advisor' } }, actions: 'requestAdvisor' },
            { guard: { type: 'isCommand', params: { command: 'link' } }, actions: 'requestLinkCode' },
            { guard: { type: 'isCommand', params: { command: 'help' } }, actions: 'sayHelp' },
            { actions: 'sayNotInLesson' },
          ],
        },
        states: {
          menu: {
            entry: 'showMenu',
            on: {
              'session.started': { actions: ['sayWelcomeBack', 'showMenu'] },
              'user.choice': { actions: 'sayPickModule' },
              'user.text': [
                { guard: 'isModuleCompleted', actions: 'offerLessonsOfModule' },
                { guard: 'isModulePick', actions: 'enterModule', target: 'lesson' },
                { actions: 'sayPickModule' },
              ],
            },
          },
          lesson: {
            initial: 'routing',
            on: {
              'session.started': { target: '.routing', actions: 'sayWelcomeBack' },
              'user.command': [
                { guard: { type: 'isCommand', params: { command: 'continue' } }, target: '.routing' },
                { guard: { type: 'isCommand', params: { command: 'help' } }, actions: 'sayHelpInLesson' },
                { guard: { type: 'isCommand', params: { command: 'back' } }, target: '.back' },
                { guard: { type: 'isCommand', params: { command: 'skip' } }, target: '.skip' },
                { guard: { type: 'isCommand', params: { command: 'restart' } }, actions: ['restartLesson', 'sayRestarted'], target: '.routing' },
              ],
            },
            states: {
              back: {
                always: [
                  { guard: 'hasPreviousQuestion', actions: 'goBack', target: 'routing' },
                  { actions: 'sayCannotGoBack', target: 'routing' },
                ],
              },
              skip: {
                always: [
                  { guard: 'isOptionalStep', actions: ['recordSkipped', 'advance'], target: 'routing' },
                  { actions: 'sayCannotSkip', target: 'routing' },
                ],
              },
              routing: {
                always: [
                  { guard: 'isAtTeachingStep', target: 'teaching' },
                  { guard: 'isAtQuestion', target: 'question' },
                  { guard: 'isAtChoice', target: 'choice' },
                  { guard: 'isAtScale', target: 'scale' },
                  { guard: 'isAtQuiz', target: 'quiz' },
                  { guard: 'isAtSdgSecondary', target: 'sdgSecondary' },
                  { guard: 'isAtSdg', target: 'sdg' },
                  { guard: 'isAtSummary', target: 'summary' },
                  { target: '#programme.active.menu' },
                ],
              },
              teaching: {
                entry: ['announceLesson', 'presentStep'],
                on: {
                  'user.text': { actions: 'advance', target: 'routing' },
                  'user.choice': { actions: 'advance', target: 'routing' },
                },
              },
              question: {
                entry: ['announceLesson', 'presentStep'],
                on: {
                  'user.text': acceptAnswer('isLongEnoughAnswer', 'recordText', 'sayTooShort'),
                  'user.choice': { actions: 'presentStep' },
                },
              },
              choice: {
                entry: ['announceLesson', 'presentStep'],
                on: {
                  'user.text': acceptAnswer('isValidChoice', 'recordChoice', 'sayPickOption'),
                  'user.choice': acceptAnswer('isValidChoice', 'recordChoice', 'sayPickOption'),
                },
              },
              scale: {
                entry: ['announceLesson', 'presentStep'],
                on: {
                  'user.text': acceptAnswer('isValidScale', 'recordScale', 'sayPickScale'),
                  'user.choice': acceptAnswer('isValidScale', 'recordScale', 'sayPickScale'),
                },
              },
              quiz: {
                entry: ['announceLesson', 'presentStep'],
                on: {
                  'user.text': acceptAnswer('isQuizOption', 'recordQuiz', 'sayPickOption'),
                  'user.choice': acceptAnswer('isQuizOption', 'recordQuiz', 'sayPickOption'),
                },
              },
              sdg: {
                entry: ['announceLesson', 'presentStep'],
                on: {
                  'user.text': [{ guard: 'isGoal', actions: 'setSdgMain', target: 'sdgSecondary' }, { actions: 'saySdgInvalid' }],
                },
              },
              sdgSecondary: {
                entry: 'presentStep',
                on: {
                  'user.text': acceptAnswer('isGoalList', 'recordSdg', 'saySdgSecondaryInvalid'),
                },
              },
              summary: {
                entry: ['completeLesson', 'presentStep'],
                on: {
                  'user.choice': [
                    { guard: 'hasNextLesson', actions: 'enterNextLesson', target: 'routing' },
                    { actions: 'sayModuleFinished', target: '#programme.active.menu' },
                  ],
                  'user.text': [
                    { guard: 'hasNextLesson', actions: 'enterNextLesson', target: 'routing' },
                    { actions: 'sayModuleFinished', target: '#programme.active.menu' },
                  ],
                },
              },
            },
          },
          history: { type: 'history', history: 'deep' },
        },
      },
      changingLanguage: {
        entry: 'askLanguage',
        on: {
          'user.choice': [
            { guard: 'isLanguageChoice', actions: ['setLanguage', 'sayLanguageChanged'], target: 'active.history' },
            { actions: 'askLanguage' },
          ],
          'user.text': [
            { guard: 'isLanguageChoice', actions: ['setLanguage', 'sayLanguageChanged'], target: 'active.history' },
            { actions: 'askLanguage' },
          ],
          'session.started': { target: 'changingLanguage', reenter: true },
          'user.command': { target: 'active.history' },
        },
      },
      confirmDelete: {
        entry: 'askDeleteConfirmation',
        on: {
          'user.choice': [
            { guard: 'isDeleteConfirmed', actions: 'requestDeletion', target: 'deleted' },
            { actions: 'sayDeleteCancelled', target: 'active.history' },
          ],
          'user.text': [
            { guard: 'isDeleteConfirmed', actions: 'requestDeletion', target: 'deleted' },
            { actions: 'sayDeleteCancelled', target: 'active.history' },
          ],
          'session.started': { target: 'confirmDelete', reenter: true },
          'user.command': { actions: 'sayDeleteCancelled', target: 'active.history' },
        },
      },
      /** Everything about the learner is being deleted; the turn engine does not persist this state. */
      deleted: { type: 'final' },
    },
  });
}

export type ProgrammeMachine = ReturnType<typeof createProgrammeMachine>;
