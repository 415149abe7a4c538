import { assign } from 'xstate';
import { say } from '../catalogue';
import type { ConversationContext } from '../conversationContext';
import type { ConversationEvent } from '../events';
import { localeOf, textOf } from '../eventInput';
import { baseSetup, type GuardArgs } from './baseSetup';
import { languageChoices, sayAction, sayEvent } from './conversationBehaviour';
import { MAX_ANSWER_LENGTH } from './lessons';
import type { ProgrammeOptions, ProgrammeSetup } from './machineSetup';

/** Longest first name or venture name taken; a longer one is asked again, never cut. */
export const MAX_NAME_LENGTH = 80;

type ProfileField = 'firstName' | 'ventureName' | 'ventureLine';
const LIMIT: Record<ProfileField, number> = { firstName: MAX_NAME_LENGTH, ventureName: MAX_NAME_LENGTH, ventureLine: MAX_ANSWER_LENGTH };

const YES = /^(ja|yes|ok|okej|okay|japp|visst|sure|jo)\b/i;
const NO = /^(nej|no|nope)\b/i;

/**
 * Getting to know the learner: language, consent, names, one line about the venture, and whether the organisation's
 * advisors may follow them. Consent comes before anything identifying is asked, so nothing about someone who declines
 * is ever stored.
 */
export function onboardingBehaviour(options: ProgrammeOptions = {}) {
  const answered =
    (value: string, yes: RegExp | string) =>
    ({ event }: GuardArgs) =>
      event.type === 'user.choice' ? event.value === value : typeof yes === 'string' ? false : yes.test(textOf(event));
  const choices = (locale: 'sv' | 'en', pairs: readonly (readonly [Parameters<typeof say>[1], string])[]) =>
    pairs.map(([label, value]) => ({ label: say(locale, label), value }));
  return {
    guards: {
      isNonEmptyText: ({ event }: GuardArgs) => textOf(event).length > 0,
      isTooLongFor: ({ event }: GuardArgs, params: { field: ProfileField }) => textOf(event).length > LIMIT[params.field],
      isConsentGiven: answered('consent-yes', YES),
      isConsentDeclined: answered('consent-no', NO),
      isSharingAccepted: answered('share-yes', YES),
      isSharingDeclined: answered('share-no', NO),
      hasProfile: ({ context }: GuardArgs, params: { field: ProfileField }) => Boolean(context.profile[params.field]),
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
        profile: ({ context, event }, params) => ({ ...context.profile, [params.field]: textOf(event) }),
      }),
      sayTooLongFor: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const locale = localeOf(context);
        const tooLongName = textOf(event).length <= MAX_ANSWER_LENGTH;
        const values = {
          max: (tooLongName ? MAX_NAME_LENGTH : MAX_ANSWER_LENGTH).toLocaleString(locale),
          count: textOf(event).length.toLocaleString(locale),
        };
        enqueue.emit(sayEvent({ kind: 'text', text: say(locale, tooLongName ? 'nameTooLong' : 'answerTooLong', values) }));
      }),
      askConsent: baseSetup.enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        enqueue.emit(
          sayEvent({
            kind: 'choices',
            text: options.aiServiceName
              ? `${say(locale, 'consent')}\n\n${say(locale, 'consentAi', { service: options.aiServiceName })}`
              : say(locale, 'consent'),
            choices: choices(locale, [
              ['consentAccept', 'consent-yes'],
              ['consentDecline', 'consent-no'],
            ]),
            links: [
              { label: say(locale, 'privacyLink'), path: `/privacy?lang=${locale}` },
              { label: say(locale, 'termsLink'), path: `/terms?lang=${locale}` },
            ],
          }),
        );
      }),
      setConsent: baseSetup.assign({
        profile: ({ context }) => ({ ...context.profile, consented: true, ...(options.aiServiceName ? { aiConsent: true } : {}) }),
      }),
      /** Nothing identifying has been given yet; the turn engine removes the learner record as well. */
      declineConsent: baseSetup.enqueueActions(({ context, enqueue }) => {
        enqueue.emit(sayEvent({ kind: 'text', text: say(localeOf(context), 'consentDeclined') }));
        enqueue.emit({ type: 'effect.requested', request: { effect: 'deleteData' } });
      }),
      askSharing: baseSetup.enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        const pairs = [
          ['sharingAccept', 'share-yes'],
          ['sharingDecline', 'share-no'],
        ] as const;
        enqueue.emit(sayEvent({ kind: 'choices', text: say(locale, 'askSharing'), choices: choices(locale, pairs) }));
      }),
      shareWithAdvisors: baseSetup.assign({ profile: ({ context }) => ({ ...context.profile, sharesWithAdvisors: true }) }),
      keepFromAdvisors: baseSetup.assign({ profile: ({ context }) => ({ ...context.profile, sharesWithAdvisors: false }) }),
    },
  };
}

/**
 * `idle` (nothing stored yet: a web visitor is greeted without storing anything, so their first stored event may
 * already be the answer to that greeting, a language) and `onboarding`.
 */
export function onboardingStates(s: ProgrammeSetup) {
  const pickLanguage = [{ guard: 'isLanguageChoice', actions: 'setLanguage', target: 'consent' }, { actions: 'askLanguageAgain' }] as const;
  /** An onboarding question answered with one line of text. */
  const askForText = (self: ProfileField, ask: ReturnType<typeof askAction>, next: string) =>
    s.createStateConfig({
      entry: ask,
      on: {
        'session.started': { target: self, reenter: true },
        'user.text': [
          { guard: { type: 'isTooLongFor', params: { field: self } }, actions: 'sayTooLongFor' },
          { guard: 'isNonEmptyText', actions: { type: 'setProfile', params: { field: self } }, target: next },
          { actions: ask },
        ],
        'user.choice': { actions: ask },
      },
    });
  // Conversations saved before consent came first may already hold names: carry on at the first one missing.
  const afterConsent = [
    { guard: { type: 'hasProfile', params: { field: 'ventureLine' } }, actions: 'setConsent', target: 'sharing' },
    { guard: { type: 'hasProfile', params: { field: 'ventureName' } }, actions: 'setConsent', target: 'ventureLine' },
    { guard: { type: 'hasProfile', params: { field: 'firstName' } }, actions: 'setConsent', target: 'ventureName' },
    { actions: 'setConsent', target: 'firstName' },
  ] as const;
  const answerConsent = [
    { guard: 'isConsentGiven', target: 'consentGiven' },
    { guard: 'isConsentDeclined', actions: 'declineConsent', target: '#programme.deleted' },
    { actions: 'askConsent' },
  ] as const;
  const welcome = sayAction('welcomeDone', (context) => ({ firstName: context.profile.firstName ?? '' }));
  const answerSharing = [
    { guard: 'isSharingAccepted', actions: ['shareWithAdvisors', welcome], target: '#programme.active.menu' },
    { guard: 'isSharingDeclined', actions: ['keepFromAdvisors', welcome], target: '#programme.active.menu' },
    { actions: 'askSharing' },
  ] as const;

  const idle = s.createStateConfig({
    on: {
      'user.choice': [{ guard: 'isLanguageChoice', actions: 'setLanguage', target: 'onboarding.consent' }, { target: 'onboarding' }],
      'user.text': [{ guard: 'isLanguageChoice', actions: 'setLanguage', target: 'onboarding.consent' }, { target: 'onboarding' }],
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
      consent: {
        entry: 'askConsent',
        on: {
          'session.started': { target: 'consent', reenter: true },
          'user.choice': answerConsent,
          'user.text': answerConsent,
        },
      },
      consentGiven: { always: afterConsent },
      firstName: askForText('firstName', askAction('askFirstName'), 'ventureName'),
      ventureName: askForText('ventureName', askAction('askVentureName'), 'ventureLine'),
      ventureLine: askForText('ventureLine', askAction('askVentureLine'), 'sharing'),
      sharing: {
        entry: 'askSharing',
        on: {
          'session.started': { target: 'sharing', reenter: true },
          'user.choice': answerSharing,
          'user.text': answerSharing,
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
