import { emit } from 'xstate';
import type { Locale } from '../../curriculum/schema';
import type { ConversationContext } from '../conversationContext';
import type { ConversationEvent } from '../events';
import { say, type CatalogueKey } from '../catalogue';
import { inputOf, localeOf } from '../eventInput';
import type { EmittedEvent, OutgoingMessage } from '../outgoing';
import { matchLanguage } from '../matchInput';
import { baseSetup, type GuardArgs } from './baseSetup';

/** What the `say` action says: a catalogue text, with placeholder values taken from the context when it runs. */
export interface SayParams {
  readonly key: CatalogueKey;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** The `say` action for a catalogue text, its placeholders filled from the context when it runs. */
export function sayAction(key: CatalogueKey, values?: (context: ConversationContext) => Readonly<Record<string, string | number>>) {
  return {
    type: 'say' as const,
    params: ({ context }: { context: ConversationContext }): SayParams => ({ key, ...(values ? { values: values(context) } : {}) }),
  };
}

export const sayEvent = (message: OutgoingMessage): EmittedEvent => ({ type: 'bot.say', message });
export const textEvent = (text: string): EmittedEvent => sayEvent({ kind: 'text', text });

/** The two language buttons; their labels are the languages' own names, in the catalogue like every other label. */
export function languageChoices(locale: Locale) {
  return [
    { label: say(locale, 'languageSwedish'), value: 'sv' },
    { label: say(locale, 'languageEnglish'), value: 'en' },
  ];
}

/** Speaking in general: one parameterised `say`, and the guards every concern asks. */
export function conversationBehaviour() {
  return {
    actions: {
      say: emit<ConversationContext, ConversationEvent, SayParams, ConversationEvent, EmittedEvent>(({ context }, params) =>
        textEvent(say(localeOf(context), params.key, params.values)),
      ),
      setLanguage: baseSetup.assign({
        locale: ({ event, context }) => {
          const input = inputOf(event);
          return (input && matchLanguage(input)) ?? context.locale;
        },
      }),
    },
    guards: {
      isLanguageChoice: ({ event }: GuardArgs) => {
        const input = inputOf(event);
        return input !== null && matchLanguage(input) !== null;
      },
      isCommand: ({ event }: GuardArgs, params: { command: string }) => event.type === 'user.command' && event.command === params.command,
    },
  };
}
