import type { ExportDownload } from '../../bot/exports/exportMessage';
import type { Choice, OutgoingMessage } from '../../dialogs/outgoing';
import {
  adaptiveCard,
  choiceButtons,
  headingBlock,
  plainText,
  plainTextBlocks,
  submitAction,
  textBlocks,
  type AdaptiveCard,
  type CardElement,
} from './teamsCardElements';
import { fitCard, truncate } from './teamsMessageSize';

type Message<K extends OutgoingMessage['kind']> = Extract<OutgoingMessage, { kind: K }>;

/** A question with buttons: an optional picture, the text and one Action.Submit per choice. */
export function choicesCard(text: string, choices: readonly Choice[], image?: { readonly url: string; readonly alt: string }): AdaptiveCard {
  const picture: CardElement[] = image ? [{ type: 'Image', url: image.url, altText: plainText(image.alt), size: 'Stretch' }] : [];
  return adaptiveCard([...picture, ...textBlocks(text), ...choiceButtons(choices)]);
}

/**
 * Several answers at once: a multi-select list with id "choice" (Teams sends the selected values joined
 * by commas in `activity.value.choice`) and one submit button.
 */
export function multiSelectCard(text: string, choices: readonly Choice[], submitLabel: string): AdaptiveCard {
  return adaptiveCard([
    ...textBlocks(text),
    {
      type: 'Input.ChoiceSet',
      id: 'choice',
      isMultiSelect: true,
      isRequired: true,
      style: 'expanded',
      wrap: true,
      choices: choices.map((c) => ({ title: c.label, value: c.value })),
    },
    { type: 'ActionSet', actions: [submitAction(submitLabel, { value: '', step: choices[0]?.step })] },
  ]);
}

/** The module menu: one row per module (title, progress bar, lessons done) and a button per choice. */
export function progressCard(message: Message<'progress'>): AdaptiveCard {
  const rows = message.modules.map((m): CardElement => ({
    type: 'ColumnSet',
    spacing: 'small',
    columns: [
      { type: 'Column', width: 'stretch', verticalContentAlignment: 'center', items: textBlocks(m.title) },
      { type: 'Column', width: 'auto', verticalContentAlignment: 'center', items: textBlocks(m.bar, { fontType: 'monospace' }) },
      { type: 'Column', width: 'auto', verticalContentAlignment: 'center', items: textBlocks(`${m.lessonsDone}/${m.lessonCount}`) },
    ],
  }));
  return adaptiveCard([...headingBlock(message.title), ...rows, ...choiceButtons(message.choices)]);
}

/** A lesson's summary: the learner's answers (long ones cut with "…" to keep the card small), progress and next steps. */
export function summaryCard(message: Message<'summary'>): AdaptiveCard {
  return fitCard((limit) =>
    adaptiveCard([
      ...headingBlock(message.title),
      ...textBlocks(message.text),
      ...message.answers.flatMap((a) => [
        ...textBlocks(a.label, { weight: 'bolder', spacing: 'medium' }),
        ...plainTextBlocks(truncate(a.answer, limit), { spacing: 'small' }),
      ]),
      ...textBlocks(message.progressLine, { isSubtle: true, separator: true, spacing: 'medium' }),
      ...choiceButtons(message.choices),
    ]),
  );
}

/**
 * A calculation: the introduction, each line's label in bold with the arithmetic and the result under it, the
 * notes on missing numbers in subtle text, and the "Next" button. TextBlocks rather than a FactSet, since
 * labels are often too long for a fact's title column.
 */
export function calculationCard(message: Message<'calculation'>): AdaptiveCard {
  return adaptiveCard([
    ...textBlocks(message.text),
    ...message.lines.flatMap((l) => [
      ...textBlocks(l.label, { weight: 'bolder', spacing: 'medium' }),
      ...textBlocks(`${l.working ? `${l.working} = ` : ''}**${l.result}**`, { spacing: 'small' }),
    ]),
    ...message.notes.flatMap((note) => textBlocks(note, { isSubtle: true, spacing: 'medium' })),
    ...choiceButtons(message.choices),
  ]);
}

/**
 * An artefact (canvas, plan): its title, then each field's label in bold and the learner's words under it as plain
 * text (a FactSet's values would be read as Markdown), "–" for a field not filled in yet.
 */
export function artefactCard(message: Message<'artefact'>): AdaptiveCard {
  return fitCard((limit) =>
    adaptiveCard([
      ...headingBlock(message.title),
      ...message.fields.flatMap((f) => [
        ...textBlocks(f.label, { weight: 'bolder', spacing: 'medium' }),
        ...plainTextBlocks(truncate(f.value, limit).trim() || '–', { spacing: 'small' }),
      ]),
    ]),
  );
}

/**
 * The learner's export: links (valid for a short time) that open the readable document and the data file in the
 * browser, since a bot cannot attach files to a Teams chat without asking for OneDrive consent first.
 */
export function exportCard(download: ExportDownload, publicUrl: string): AdaptiveCard {
  const base = `${publicUrl.replace(/\/+$/, '')}/exports`;
  const query = `?t=${encodeURIComponent(download.token)}`;
  return adaptiveCard([
    ...textBlocks(download.text),
    {
      type: 'ActionSet',
      actions: [
        { type: 'Action.OpenUrl', title: download.documentLabel, url: `${base}/${download.documentFile}${query}` },
        { type: 'Action.OpenUrl', title: download.dataLabel, url: `${base}/${download.dataFile}${query}` },
      ],
    },
  ]);
}
