import { assign } from 'xstate';
import { say } from '../catalogue';
import type { ConversationContext } from '../conversationContext';
import type { ConversationEvent } from '../events';
import { localeOf, textOf } from '../eventInput';
import { baseSetup, type GuardArgs } from './baseSetup';
import { languageChoices, sayAction, sayEvent } from './conversationBehaviour';
import type { ProgrammeSetup } from './machineSetup';

const MAX_NAME_LENGTH = 80;
const MAX_LINE_LENGTH = 4000;

type ProfileField = 'firstName' | 'ventureName' | 'ventureLine';

/** Getting to know the learner: language, names, one line about the venture, and consent. */
export function onboardingBehaviour() {
  return {
    guards: {
      isNonEmptyText: ({ event }: GuardArgs) => textOf(event).length > 0,
      isConsentGiven: ({ event }: GuardArgs) =>
        event.type === 'user.choice' ? event.value === 'consent-yes' : /^(ja|yes|ok|okej|okay|japp|visst|sure|jo)\b/i.test(textOf(event)),
      isConsentDeclined: ({ event }: GuardArgs) =>
        event.type === 'user.choice' ? event.value === 'consent-no' : /^(nej|no|nope)\b/i.test(textOf(event)),
    },
    actions: {
      greet: baseSetup.enqueueActions(({ event, enqueue }) => {
        const locale = event.type === 'session.started' ? (event.locale ?? 'sv') : 'sv';
        enqueue.emit(sayEvent({ kind: 'choices', text: say(locale, 'greeting'), choices: languageChoices(locale) }));
      }),
      askLanguageAgain: baseSetup.enqueueActions(({ enqueue }) =>
        enqueue.emit(sayEvent({ kind: 'choices', text: say('sv', 'pickLanguageAgain'), choices: languageChoices('sv') })),
      ),
      setProfile: assign<ConversationContext, ConversationEvent, { field: ProfileField }, ConversationEvent, never>({
        profile: ({ context, event }, params) => ({
          ...context.profile,
          [params.field]: textOf(event).slice(0, params.field === 'ventureLine' ? MAX_LINE_LENGTH : MAX_NAME_LENGTH),
        }),
      }),
      askConsent: baseSetup.enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        enqueue.emit(
          sayEvent({
            kind: 'choices',
            text: say(locale, 'consent'),
            choices: [
              { label: say(locale, 'consentAccept'), value: 'consent-yes' },
              { label: say(locale, 'consentDecline'), value: 'consent-no' },
            ],
          }),
        );
      }),
      setConsent: baseSetup.assign({ profile: ({ context }) => ({ ...context.profile, consented: true }) }),
      sayConsentDeclined: baseSetup.enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        enqueue.emit(
          sayEvent({
            kind: 'choices',
            text: say(locale, 'consentDeclined'),
            choices: [{ label: say(locale, 'consentAccept'), value: 'consent-yes' }],
          }),
        );
      }),
    },
  };
}

/**
 * `idle` (nothing stored yet: a web visitor is greeted without storing anything, so their first stored event may
 * already be the answer to that greeting, a language) and `onboarding`.
 */
export function onboardingStates(s: ProgrammeSetup) {
  const pickLanguage = [{ guard: 'isLanguageChoice', actions: 'setLanguage', target: 'firstName' }, { actions: 'askLanguageAgain' }] as const;
  /** An onboarding question answered with one line of text. */
  const askForText = (self: string, ask: ReturnType<typeof askAction>, field: ProfileField, next: string) =>
    s.createStateConfig({
      entry: ask,
      on: {
        'session.started': { target: self, reenter: true },
        'user.text': [{ guard: 'isNonEmptyText', actions: { type: 'setProfile', params: { field } }, target: next }, { actions: ask }],
        'user.choice': { actions: ask },
      },
    });
  const answerConsent = [
    {
      guard: 'isConsentGiven',
      actions: ['setConsent', sayAction('welcomeDone', (context) => ({ firstName: context.profile.firstName ?? '' }))],
      target: '#programme.active.menu',
    },
    { guard: 'isConsentDeclined', actions: 'sayConsentDeclined' },
    { actions: 'askConsent' },
  ] as const;

  const idle = s.createStateConfig({
    on: {
      'user.choice': [{ guard: 'isLanguageChoice', actions: 'setLanguage', target: 'onboarding.firstName' }, { target: 'onboarding' }],
      'user.text': [{ guard: 'isLanguageChoice', actions: 'setLanguage', target: 'onboarding.firstName' }, { target: 'onboarding' }],
      '*': { target: 'onboarding' },
    },
  });
  const onboarding = s.createStateConfig({
    initial: 'language',
    on: { 'user.command': { actions: sayAction('helpOnboarding') } },
    states: {
      language: {
        entry: 'greet',
        on: {
          'session.started': { target: 'language', reenter: true },
          'user.choice': pickLanguage,
          'user.text': pickLanguage,
          'user.command': { actions: 'askLanguageAgain' },
        },
      },
      firstName: askForText('firstName', askAction('askFirstName'), 'firstName', 'ventureName'),
      ventureName: askForText('ventureName', askAction('askVentureName'), 'ventureName', 'ventureLine'),
      ventureLine: askForText('ventureLine', askAction('askVentureLine'), 'ventureLine', 'consent'),
      consent: {
        entry: 'askConsent',
        on: {
          'session.started': { target: 'consent', reenter: true },
          'user.choice': answerConsent,
          'user.text': answerConsent,
        },
      },
    },
  });
  return { idle, onboarding };
}

/** The `say` action for an onboarding question, with the names given so far. */
function askAction(key: 'askFirstName' | 'askVentureName' | 'askVentureLine') {
  return sayAction(key, (context) => ({ firstName: context.profile.firstName ?? '', ventureName: context.profile.ventureName ?? '' }));
}
