import type { Locale, Step } from '../../curriculum/schema';
import { catalogueEntries } from '../../dialogs/catalogue';
import { clickSuggestedAction, sendText, waitForBotText, type ChatSurface } from './browser';
import { answerText } from './scriptedLearner';

/** A piece of the step's opening text that survives Markdown rendering. */
export function visiblePart(step: Step, locale: Locale = 'en'): string {
  const text = 'text' in step ? step.text[locale] : step.prompt[locale];
  return text.replace(/[*_`[\]]/g, '').slice(0, 24);
}

/** Answers one step in the widget the way a person would: clicking buttons, typing free text. */
export async function answerInWidget(chat: ChatSurface, step: Step, locale: Locale = 'en'): Promise<void> {
  switch (step.kind) {
    case 'teach':
    case 'example':
      return clickSuggestedAction(chat, catalogueEntries.next[locale]);
    case 'question':
      return sendText(chat, answerText(step, locale));
    case 'quiz':
      return clickSuggestedAction(chat, step.options.find((o) => o.correct)!.text[locale]);
    case 'choice':
      return clickSuggestedAction(chat, step.options[0]!.text[locale]);
    case 'scale':
      return clickSuggestedAction(chat, '4');
    case 'sdg':
      await sendText(chat, '3');
      await waitForBotText(chat, catalogueEntries.sdgSecondaryPrompt[locale].slice(0, 30));
      return sendText(chat, '10, 11');
    case 'number':
    case 'calculation':
    case 'summary':
      throw new Error(`answerInWidget does not answer ${step.kind} steps`);
  }
}

/** Onboards in English from the greeting to the module menu: language, consent, first name, venture, one line, sharing. */
export async function onboardInWidget(chat: ChatSurface, firstName: string): Promise<void> {
  await waitForBotText(chat, 'Välj språk / choose a language');
  await clickSuggestedAction(chat, 'English');
  await clickSuggestedAction(chat, 'Yes, that is OK');
  await waitForBotText(chat, 'What is your first name?');
  await sendText(chat, firstName);
  await waitForBotText(chat, `Nice to meet you, ${firstName}!`);
  await sendText(chat, 'Vätterhjul');
  await waitForBotText(chat, 'what Vätterhjul does');
  await sendText(chat, 'We repair bicycles and offer work training.');
  await clickSuggestedAction(chat, 'Yes, they may see them');
  await waitForBotText(chat, 'Your modules');
}
