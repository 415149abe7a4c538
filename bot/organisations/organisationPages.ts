import type { TurnMessage } from '../turnEngine';
import type { Organisation } from './organisation';

const BOT_PRIVACY_PAGE = /^\/privacy(?:\?|$)/;

/**
 * The messages with the bot's own privacy notice replaced by the organisation's (`privacyUrl`) where it has one, so
 * a cooperative's learners are shown the notice that governs their data, as the embedded chat's header does.
 */
export function withOrganisationPages(messages: readonly TurnMessage[], organisation: Pick<Organisation, 'privacyUrl'>): readonly TurnMessage[] {
  const privacyUrl = organisation.privacyUrl;
  if (!privacyUrl) return messages;
  return messages.map((message) =>
    message.kind === 'choices' && message.links?.some((link) => BOT_PRIVACY_PAGE.test(link.path))
      ? { ...message, links: message.links.map((link) => (BOT_PRIVACY_PAGE.test(link.path) ? { ...link, path: privacyUrl } : link)) }
      : message,
  );
}
