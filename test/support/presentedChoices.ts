import { messageToEvent } from '../../bot/activityToEvent';
import type { TurnMessage } from '../../bot/turnEngine';
import type { Curriculum, Locale } from '../../curriculum/schema';
import type { ConversationEvent } from '../../dialogs/events';
import type { OutgoingMessage } from '../../dialogs/outgoing';
import { ConversationDriver } from './conversationDriver';
import { scriptLesson } from './scriptedLearner';

/** What the bot sends when it presents one screen on which the learner chooses. */
export interface PresentedChoice {
  /** Where in the programme: 'onboarding/language', 'menu', 'module 02', '02/03-canvas/q1', … */
  readonly name: string;
  readonly messages: readonly TurnMessage[];
}

const CHOOSING_KINDS = new Set(['quiz', 'choice', 'scale', 'sdg']);

function shown(messages: readonly OutgoingMessage[]): TurnMessage[] {
  return [...messages];
}

function choice(value: string): ConversationEvent {
  return messageToEvent({ value: { choice: value } }) ?? { type: 'user.choice', value };
}

function text(typed: string): ConversationEvent {
  return messageToEvent({ text: typed }) ?? { type: 'user.text', text: typed };
}

/**
 * Every screen of the programme with buttons or a card to choose from, in one language, as the conversation machine
 * presents it: onboarding's questions, the module menu, each module's lesson list, and every quiz, choice, scale and
 * SDG step of every lesson, reached by walking the lessons with answers derived from the content.
 */
export function presentedChoices(curriculum: Curriculum, locale: Locale): PresentedChoice[] {
  const driver = new ConversationDriver(curriculum);
  const screens: PresentedChoice[] = [];
  const keep = (name: string, messages: TurnMessage[]) => screens.push({ name, messages });

  keep('onboarding/language', shown(driver.send({ type: 'session.started' })));
  keep('onboarding/consent', shown(driver.send(choice(locale))));
  driver.send(choice('consent-yes'));
  driver.send(text('Amina'));
  driver.send(text('Vätterhjul'));
  keep('onboarding/sharing', shown(driver.send(text(locale === 'sv' ? 'Vi reparerar cyklar.' : 'We repair bikes.'))));
  keep('module menu', shown(driver.send(choice('share-yes'))));

  for (const module of curriculum.modules) {
    keep(`module ${module.id}`, shown(driver.send(choice(`module:${module.id}`))));
    for (const lesson of module.lessons) {
      let presented = shown(driver.send(choice(`lesson:${module.id}/${lesson.id}`)));
      for (const turn of scriptLesson(lesson, locale)) {
        const step = lesson.steps.find((s) => s.id === turn.stepId)!;
        if (CHOOSING_KINDS.has(step.kind)) keep(`${module.id}/${lesson.id}/${step.id}`, presented);
        presented = shown(driver.send(turn.event));
      }
    }
  }
  return screens;
}
