import type { CardAction, OutboundActivity } from '../../bot/channel/activity';
import type { ChannelRenderer } from '../../bot/ports/channelRenderer';
import type { TurnMessage } from '../../bot/turnEngine';
import type { Choice } from '../../dialogs/outgoing';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './teamsCardElements';
import { artefactCard, calculationCard, choicesCard, exportCard, multiSelectCard, progressCard, summaryCard } from './teamsCards';
import { teamsExportMessages } from './teamsExportMessages';
import { markdownLineBreaks } from './markdownLineBreaks';
import { withPageLinks } from './pageLinks';
import { truncate } from './teamsMessageSize';

/** Teams shows at most three suggested actions. */
const MAX_SUGGESTED_ACTIONS = 3;
/** Longer labels do not fit a suggested-action button; such choices go on a card. */
const MAX_SUGGESTED_LABEL_CHARS = 40;

/**
 * Teams documents imBack, not messageBack, for bot suggested actions, so the learner's tap comes back as
 * the label sent as text. The conversation matches labels as well as option texts, numbers and commands.
 */
function suggestedAction(choice: Choice): CardAction {
  return { type: 'imBack', title: choice.label, value: choice.label };
}

function textActivity(text: string): OutboundActivity {
  return { type: 'message', text: markdownLineBreaks(text), textFormat: 'markdown' };
}

function cardActivity(card: AdaptiveCard, summary: string): OutboundActivity {
  return {
    type: 'message',
    summary: truncate(summary.split('\n')[0] ?? '', 120),
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
  };
}

/**
 * Suggested actions only work in Teams on the last message of a reply, without attachments, for at most
 * three short choices; anything else becomes a card whose buttons stay usable.
 */
function canSuggest(text: string, choices: readonly Choice[], isLast: boolean): boolean {
  return (
    isLast &&
    text.trim() !== '' &&
    choices.length > 0 &&
    choices.length <= MAX_SUGGESTED_ACTIONS &&
    choices.every((c) => Array.from(c.label).length <= MAX_SUGGESTED_LABEL_CHARS)
  );
}

function renderOne(message: TurnMessage, isLast: boolean, publicUrl: string | null): OutboundActivity[] {
  switch (message.kind) {
    case 'text':
      return message.text.trim() === '' ? [] : [textActivity(message.text)];
    case 'choices': {
      const text = withPageLinks(message.text, message.links, publicUrl);
      if (message.multiple) return [cardActivity(multiSelectCard(text, message.choices, message.submitLabel ?? 'OK'), message.text)];
      if (!message.image && canSuggest(text, message.choices, isLast)) {
        return [{ ...textActivity(text), suggestedActions: { to: [], actions: message.choices.map(suggestedAction) } }];
      }
      return [cardActivity(choicesCard(text, message.choices, message.image), message.text)];
    }
    case 'progress':
      return [cardActivity(progressCard(message), message.title)];
    case 'summary':
      return [cardActivity(summaryCard(message), message.title)];
    case 'calculation':
      return [cardActivity(calculationCard(message), message.text)];
    case 'artefact':
      return [cardActivity(artefactCard(message), message.title)];
    case 'export':
      if (message.download && publicUrl) return [cardActivity(exportCard(message.download, publicUrl), message.download.text)];
      return [textActivity(message.inlineText), ...teamsExportMessages(message.json)];
  }
}

/**
 * Renders the conversation for Microsoft Teams: Markdown text, suggested actions (imBack) for short
 * last questions, and Adaptive Cards 1.5 with Action.Submit buttons (`data: { choice }`) for the rest.
 */
export class TeamsRenderer implements ChannelRenderer {
  /** `publicUrl`: the bot's public https address, for links to its pages (privacy, terms); none are shown without it. */
  constructor(private readonly publicUrl: string | null = null) {}

  render(messages: readonly TurnMessage[]): OutboundActivity[] {
    return messages.flatMap((message, i) => renderOne(message, i === messages.length - 1, this.publicUrl));
  }
}
