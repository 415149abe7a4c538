import { createActor, type Snapshot } from 'xstate';
import type { ConversationEvent } from './events';
import type { EmittedEvent } from './outgoing';
import { restoreConversation } from './persistedConversation';
import type { ProgrammeIndex } from './programmeIndex';
import type { ProgrammeMachine } from './programmeMachine';

export interface TurnOutcome {
  /** The machine's persisted snapshot after the event: plain JSON. */
  readonly snapshot: Snapshot<unknown>;
  /** Messages, answers and effect requests, in the order the machine emitted them. */
  readonly emitted: readonly EmittedEvent[];
  /** True when the learner asked for their data to be deleted and confirmed it. */
  readonly isDeleted: boolean;
}

/**
 * Restores the learner's machine from its persisted snapshot (or starts it fresh), sends the event (or the events, in
 * order) and returns the new snapshot and everything emitted. No actor outlives the call.
 */
export function runConversationTurn(
  machine: ProgrammeMachine,
  snapshot: Snapshot<unknown> | undefined,
  event: ConversationEvent | readonly ConversationEvent[],
): TurnOutcome {
  const emitted: EmittedEvent[] = [];
  let failure: unknown;
  const actor = createActor(machine, snapshot ? { snapshot: snapshot as never } : {});
  // Subscribe before start: a snapshot that does not fit the machine errors the actor, and an
  // unobserved actor error would be thrown asynchronously and crash the process.
  actor.subscribe({ error: (error) => (failure = error) });
  actor.on('*', (emittedEvent) => emitted.push(emittedEvent));
  actor.start();
  for (const each of Array.isArray(event) ? event : [event]) if (failure === undefined) actor.send(each as ConversationEvent);
  const after = actor.getSnapshot();
  const persisted = actor.getPersistedSnapshot();
  actor.stop();
  if (failure !== undefined || after.status === 'error') {
    throw new ConversationRestoreError('the conversation could not be restored or advanced', { cause: failure ?? after.error });
  }
  return { snapshot: persisted, emitted, isDeleted: after.matches('deleted') };
}

/** A persisted conversation that no longer fits the machine, or a machine failure during the turn. */
export class ConversationRestoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConversationRestoreError';
  }
}

/**
 * One turn from a stored conversation document (or none, for a new learner): restore it, and send the
 * event. A learner whose step was removed from the content is shown their new place instead of having
 * this input applied to a step they never saw.
 */
export function continueConversation(
  machine: ProgrammeMachine,
  index: ProgrammeIndex,
  document: Record<string, unknown> | undefined,
  event: ConversationEvent,
): TurnOutcome {
  if (!document) return runConversationTurn(machine, undefined, event);
  const restored = restoreConversation(document, index);
  return runConversationTurn(machine, restored.snapshot, restored.relocated ? { type: 'session.started' } : event);
}
