import { say } from '../catalogue';
import { lessonKey } from '../conversationContext';
import type { ConversationEvent } from '../events';
import { localeOf } from '../eventInput';
import { lessonToEnter, positionFor, withPosition } from '../lessonNavigation';
import { menuMessage, moduleFromInput } from '../moduleMenu';
import { LESSON_VALUE_PREFIX } from '../presentStep';
import type { ProgrammeIndex } from '../programmeIndex';
import { baseSetup, type GuardArgs } from './baseSetup';
import { sayEvent } from './conversationBehaviour';

/** Finding one's way: the module menu, entering a module or a lesson, and "continue". */
export function navigationBehaviour(index: ProgrammeIndex) {
  const pickedModule = ({ context, event }: GuardArgs) => {
    const moduleId = moduleFromInput(index, context, event);
    return moduleId !== null && index.module(moduleId) !== undefined ? moduleId : null;
  };
  return {
    guards: {
      isModulePick: (args: GuardArgs) => pickedModule(args) !== null,
      isModuleCompleted: (args: GuardArgs) => {
        const moduleId = pickedModule(args);
        return moduleId !== null && lessonToEnter(index, args.context, moduleId) === null;
      },
      isKnownLesson: ({ event }: GuardArgs) => event.type === 'user.pickLesson' && index.lesson(event.moduleId, event.lessonId) !== undefined,
    },
    actions: {
      showMenu: baseSetup.enqueueActions(({ context, enqueue }) => enqueue.emit(sayEvent(menuMessage(index, context)))),
      showProgress: baseSetup.enqueueActions(({ context, enqueue }) => enqueue.emit(sayEvent(menuMessage(index, context, 'progressTitle')))),
      offerLessonsOfModule: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const locale = localeOf(context);
        const module = index.module(moduleFromInput(index, context, event) ?? '')!;
        enqueue.emit(
          sayEvent({
            kind: 'choices',
            text: say(locale, 'moduleCompleted', { module: module.title[locale] }),
            choices: module.lessons.map((l) => ({ label: l.title[locale], value: `${LESSON_VALUE_PREFIX}${module.id}/${l.id}` })),
          }),
        );
      }),
      enterModule: baseSetup.assign(({ context, event }) => {
        const moduleId = moduleFromInput(index, context, event)!;
        return withPosition(context, positionFor(index, context, moduleId, lessonToEnter(index, context, moduleId)!)!);
      }),
      enterPickedLesson: baseSetup.assign(({ context, event }) => {
        const { moduleId, lessonId } = event as Extract<ConversationEvent, { type: 'user.pickLesson' }>;
        return withPosition(context, positionFor(index, context, moduleId, lessonId)!);
      }),
      /** "Continue" after finishing a lesson means the next unfinished lesson of that module, not the old summary. */
      moveOnFromCompletedLesson: baseSetup.assign(({ context }) => {
        const p = context.position;
        if (!p || context.lessons[lessonKey(p.moduleId, p.lessonId)]?.status !== 'completed') return {};
        const next = lessonToEnter(index, context, p.moduleId);
        return next ? withPosition(context, positionFor(index, context, p.moduleId, next)!) : {};
      }),
    },
  };
}
