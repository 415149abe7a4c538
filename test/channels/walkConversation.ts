import { messageToEvent } from '../../bot/activityToEvent';
import type { TurnMessage } from '../../bot/turnEngine';
import type { Curriculum, Locale } from '../../curriculum/schema';
import { say } from '../../dialogs/catalogue';
import { COMMAND_VALUE_PREFIX, MODULE_VALUE_PREFIX, NEXT_VALUE } from '../../dialogs/presentStep';
import type { ConversationEvent } from '../../dialogs/events';
import { ConversationDriver } from '../support/conversationDriver';
import { scriptLesson } from '../support/scriptedLearner';

/** One learner move and what the bot answered, as the turn engine would hand it to a channel renderer. */
export interface WalkedTurn {
  readonly name: string;
  readonly messages: readonly TurnMessage[];
  /** The persisted conversation after this turn: the state the learner's next tap or message starts from. */
  readonly documentAfter: Record<string, unknown>;
}

/** Everything a finished walk tells: the turns, and which lessons ended completed. */
export interface Walk {
  readonly turns: readonly WalkedTurn[];
  readonly completedLessons: readonly string[];
}

/**
 * Walks a learner through onboarding, the menu, every lesson of the modules named (entered with the module
 * button, then "next lesson" from each summary and "back to the menu" after the last),
 * the artefact command, progress, a data export and a cancelled deletion. The offline coach answers coach requests, and
 * the export effect becomes the messages the turn engine sends.
 */
export async function walkConversation(curriculum: Curriculum, locale: Locale, moduleIds: readonly string[]): Promise<Walk> {
  const driver = new ConversationDriver(curriculum);
  const turns: WalkedTurn[] = [];

  const send = async (name: string, event: ConversationEvent): Promise<void> => {
    const messages: TurnMessage[] = [...driver.send(event)];
    if (driver.emitted.some((e) => e.type === 'effect.requested' && e.request.effect === 'exportData')) {
      messages.push({ kind: 'export', json: JSON.stringify(driver.document, null, 2), inlineText: say(locale, 'exportStartedInline') });
    }
    turns.push({ name, messages, documentAfter: driver.document });
  };
  const typed = (text: string) => send(`types "${text}"`, messageToEvent({ text }) ?? { type: 'user.text', text });
  const tap = (choice: string) => send(`taps ${choice}`, messageToEvent({ text: '', value: { choice } })!);

  await send('starts', { type: 'session.started' });
  await tap(locale);
  await tap('consent-yes');
  await typed('Amina');
  await typed('Vätterhjul');
  await typed(locale === 'sv' ? 'Vi reparerar cyklar och ger arbetsträning.' : 'We repair bikes and offer work training.');
  await tap('share-yes');
  await typed(locale === 'sv' ? 'meny' : 'menu');

  const completedLessons: string[] = [];
  for (const module of curriculum.modules.filter((m) => moduleIds.includes(m.id))) {
    await tap(`${MODULE_VALUE_PREFIX}${module.id}`);
    for (const [i, lesson] of module.lessons.entries()) {
      const key = `${module.id}/${lesson.id}`;
      for (const turn of scriptLesson(lesson, locale)) await send(`${key}/${turn.stepId}`, turn.event);
      if (driver.context.lessons[key]?.status === 'completed') completedLessons.push(key);
      await tap(i < module.lessons.length - 1 ? NEXT_VALUE : `${COMMAND_VALUE_PREFIX}menu`);
    }
  }

  await typed(locale === 'sv' ? 'min kanvas' : 'my canvas');
  await typed(locale === 'sv' ? 'framsteg' : 'progress');
  await typed(locale === 'sv' ? 'exportera mina data' : 'export my data');
  await typed(locale === 'sv' ? 'radera mina data' : 'delete my data');
  await tap('delete-no');
  return { turns, completedLessons };
}
