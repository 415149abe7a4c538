import { setup } from 'xstate';
import type { ConversationContext } from '../conversationContext';
import type { ConversationEvent } from '../events';
import type { EmittedEvent } from '../outgoing';

/** The machine's types, before any behaviour: what each concern's actions are built with. */
export const baseSetup = setup({
  types: {
    context: {} as ConversationContext,
    events: {} as ConversationEvent,
    emitted: {} as EmittedEvent,
  },
});

/** What a guard is given. */
export interface GuardArgs {
  readonly context: ConversationContext;
  readonly event: ConversationEvent;
}
