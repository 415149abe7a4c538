import { say } from './catalogue';
import type { ConversationContext } from './conversationContext';
import { localeOf } from './eventInput';
import type { ConversationEvent } from './events';
import { matchOption } from './matchInput';
import type { OutgoingMessage } from './outgoing';
import { COMMAND_VALUE_PREFIX, MODULE_VALUE_PREFIX } from './presentStep';
import type { ProgrammeIndex } from './programmeIndex';
import { moduleView } from './progress';

/** The module menu: every module with its progress bar, a button per module, and "continue" once there is a place to continue. */
export function menuMessage(
  index: ProgrammeIndex,
  context: ConversationContext,
  titleKey: 'menuTitle' | 'progressTitle' = 'menuTitle',
): OutgoingMessage {
  const locale = localeOf(context);
  const continueChoice = context.position ? [{ label: say(locale, 'continueChoice'), value: `${COMMAND_VALUE_PREFIX}continue` }] : [];
  return {
    kind: 'progress',
    title: say(locale, titleKey),
    modules: index.modules.map((m) => moduleView(m, context, locale)),
    choices: [...continueChoice, ...index.modules.map((m) => ({ label: m.title[locale], value: `${MODULE_VALUE_PREFIX}${m.id}` }))],
  };
}

/** The module a button names, or the one a learner typed in the menu (by number or title). */
export function moduleFromInput(index: ProgrammeIndex, context: ConversationContext, event: ConversationEvent): string | null {
  if (event.type === 'user.pickModule') return event.moduleId;
  if (event.type !== 'user.text') return null;
  const options = index.modules.map((m) => ({ id: m.id, text: m.title }));
  return matchOption(options, { text: event.text }, localeOf(context));
}
