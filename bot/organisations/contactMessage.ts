import type { Locale } from '../../curriculum/schema';
import { say } from '../../dialogs/catalogue';
import { escapeMarkdown, markdown } from '../../dialogs/markdown';
import type { TurnMessage } from '../turnEngine';
import type { Organisation } from './organisation';

/** What a learner who asks for an advisor is told: who to contact at their organisation, and how. */
export function contactMessage(organisation: Organisation, locale: Locale): TurnMessage {
  const { contact } = organisation;
  const lines = [
    escapeMarkdown(contact.name),
    ...(contact.email ? [say(locale, 'contactEmail', { value: contact.email })] : []),
    ...(contact.phone ? [say(locale, 'contactPhone', { value: contact.phone })] : []),
    ...(contact.url ? [say(locale, 'contactWeb', { value: contact.url })] : []),
    ...(contact.note ? [escapeMarkdown(contact.note[locale])] : []),
  ];
  return { kind: 'text', text: say(locale, 'advisorContact', { organisation: organisation.name[locale], contact: markdown(lines.join('\n')) }) };
}
