import { say } from '../catalogue';
import { localeOf, textOf } from '../eventInput';
import { baseSetup, type GuardArgs } from './baseSetup';
import { sayAction, sayEvent } from './conversationBehaviour';
import type { ProgrammeSetup } from './machineSetup';

/** The learner's control over their data: an export, and deletion after a confirmation. */
export function dataRightsBehaviour() {
  return {
    guards: {
      isDeleteConfirmed: ({ event }: GuardArgs) => (event.type === 'user.choice' ? event.value === 'delete-yes' : /^(ja|yes)\b/i.test(textOf(event))),
    },
    actions: {
      requestExport: baseSetup.enqueueActions(({ enqueue }) => enqueue.emit({ type: 'effect.requested', request: { effect: 'exportData' } })),
      askDeleteConfirmation: baseSetup.enqueueActions(({ context, enqueue }) => {
        const locale = localeOf(context);
        const choices = [
          { label: say(locale, 'confirmDeleteYes'), value: 'delete-yes' },
          { label: say(locale, 'confirmDeleteNo'), value: 'delete-no' },
        ];
        enqueue.emit(sayEvent({ kind: 'choices', text: say(locale, 'confirmDelete'), choices }));
      }),
      requestDeletion: baseSetup.enqueueActions(({ context, enqueue }) => {
        enqueue.emit({ type: 'effect.requested', request: { effect: 'deleteData' } });
        enqueue.emit(sayEvent({ kind: 'text', text: say(localeOf(context), 'dataDeleted') }));
      }),
    },
  };
}

/** `confirmDelete` asks once; `deleted` is final (the turn engine deletes everything and does not persist it). */
export function dataRightsStates(s: ProgrammeSetup) {
  const decide = [
    { guard: 'isDeleteConfirmed', actions: 'requestDeletion', target: 'deleted' },
    { actions: sayAction('deleteCancelled'), target: 'active.history' },
  ] as const;
  const confirmDelete = s.createStateConfig({
    entry: 'askDeleteConfirmation',
    on: {
      'user.choice': decide,
      'user.text': decide,
      'session.started': { target: 'confirmDelete', reenter: true },
      'user.command': { actions: sayAction('deleteCancelled'), target: 'active.history' },
    },
  });
  const deleted = s.createStateConfig({ type: 'final' });
  return { confirmDelete, deleted };
}
