import type { CardAction, OutboundActivity } from '../../bot/channel/activity';
import type { Choice } from '../../dialogs/outgoing';
import type { ChannelRenderer } from '../../bot/ports/channelRenderer';
import type { ExportMessage } from '../../bot/exports/exportMessage';
import type { TurnMessage } from '../../bot/turnEngine';
import { escapeMarkdown } from '../../dialogs/markdown';
import { markdownLineBreaks } from './markdownLineBreaks';
import { withPageLinks } from './pageLinks';

/** A button that shows the label as the learner's message and sends the choice's value. */
function choiceAction(choice: Choice): CardAction {
  const value = { choice: choice.value, ...(choice.step ? { step: choice.step } : {}) };
  return { type: 'messageBack', title: choice.label, text: choice.label, displayText: choice.label, value };
}

function suggested(choices: readonly Choice[]): Pick<OutboundActivity, 'suggestedActions'> {
  return { suggestedActions: { to: [], actions: choices.map(choiceAction) } };
}

/** Several answers at once: an Adaptive Card with a multi-select list (suggested actions allow only one). */
function multiSelectCard(text: string, choices: readonly Choice[], submitLabel: string): OutboundActivity {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          type: 'AdaptiveCard',
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          version: '1.5',
          body: [
            { type: 'TextBlock', text, wrap: true },
            {
              type: 'Input.ChoiceSet',
              id: 'choice',
              isMultiSelect: true,
              style: 'expanded',
              wrap: true,
              choices: choices.map((c) => ({ title: c.label, value: c.value })),
            },
          ],
          // `choice: ''` arrives when nothing is ticked (the inputs' values replace the data's), so the bot can say so.
          actions: [{ type: 'Action.Submit', title: submitLabel, data: { choice: '', ...(choices[0]?.step ? { step: choices[0].step } : {}) } }],
        },
      },
    ],
  };
}

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

/** Web Chat shows an attachment as a picture when its content type is an image type. */
function imageContentType(url: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? '';
  return IMAGE_TYPES[extension] ?? 'image/png';
}

/** A learner's answer of several lines, kept inside its list item: hard breaks, each line indented under the item. */
function indented(text: string): string {
  return text.split('\n').join('  \n  ');
}

/**
 * The export as two file attachments, the readable document and the data file, on short-lived links of the bot's own
 * origin (where the chat page runs); without links, the data file itself as a data: URL.
 */
function exportActivity(message: ExportMessage): OutboundActivity {
  const { download } = message;
  if (!download) {
    const contentUrl = `data:application/json;base64,${Buffer.from(message.json, 'utf8').toString('base64')}`;
    return { type: 'message', text: message.inlineText, attachments: [{ contentType: 'application/json', name: 'my-data.json', contentUrl }] };
  }
  const query = `?t=${encodeURIComponent(download.token)}`;
  return {
    type: 'message',
    text: download.text,
    textFormat: 'markdown',
    attachments: [
      { contentType: 'text/html', name: download.documentFile, contentUrl: `/exports/${download.documentFile}${query}` },
      { contentType: 'application/json', name: download.dataFile, contentUrl: `/exports/${download.dataFile}${query}` },
    ],
  };
}

/** Renders messages for the Web Chat widget: Markdown text and suggested actions. */
export class WebChatRenderer implements ChannelRenderer {
  render(messages: readonly TurnMessage[]): OutboundActivity[] {
    return messages.map((message): OutboundActivity => {
      switch (message.kind) {
        case 'text':
          return { type: 'message', text: markdownLineBreaks(message.text), textFormat: 'markdown' };
        case 'choices':
          return message.multiple
            ? multiSelectCard(message.text, message.choices, message.submitLabel ?? 'OK')
            : {
                type: 'message',
                // The web chat runs on the bot's own origin, so its pages open from relative links.
                text: markdownLineBreaks(withPageLinks(message.text, message.links, '')),
                textFormat: 'markdown',
                ...suggested(message.choices),
                ...(message.image
                  ? { attachments: [{ contentType: imageContentType(message.image.url), contentUrl: message.image.url, name: message.image.alt }] }
                  : {}),
              };
        case 'progress': {
          const lines = message.modules.map((m) => `- **${m.title}**  \n  ${m.bar} · ${m.lessonsDone}/${m.lessonCount}`);
          return { type: 'message', text: `**${message.title}**\n\n${lines.join('\n')}`, textFormat: 'markdown', ...suggested(message.choices) };
        }
        case 'summary': {
          const answers = message.answers.map((a) => `- *${a.label}*  \n  ${indented(escapeMarkdown(a.answer))}`).join('\n');
          const text = `**${message.title}**\n\n${markdownLineBreaks(message.text)}\n\n${answers}\n\n${message.progressLine}`;
          return { type: 'message', text, textFormat: 'markdown', ...suggested(message.choices) };
        }
        case 'calculation': {
          const lines = message.lines.map((l) => `- **${l.label}:** ${l.working ? `${l.working} = ` : ''}**${l.result}**`).join('\n');
          const notes = message.notes.map((note) => `\n\n_${note}_`).join('');
          const text = `${markdownLineBreaks(message.text)}\n\n${lines}${notes}`;
          return { type: 'message', text, textFormat: 'markdown', ...suggested(message.choices) };
        }
        case 'artefact': {
          const fields = message.fields.map((f) => `- **${f.label}:** ${indented(escapeMarkdown(f.value))}`).join('\n');
          return { type: 'message', text: `**${message.title}**\n\n${fields}`, textFormat: 'markdown' };
        }
        case 'export':
          return exportActivity(message);
      }
    });
  }
}
