import type { Locale } from '../../curriculum/schema';
import { say } from '../../dialogs/catalogue';
import { ADVISOR_REPLY_VALUE_PREFIX } from '../../dialogs/machine/advisorThread';
import type { ProgrammeIndex } from '../../dialogs/programmeIndex';
import type { NoteRecord } from '../advisors/advisorRecords';
import type { Organisation } from '../organisations/organisation';
import type { ProactiveMessage } from './proactiveChannel';

const QUESTION_EXCERPT = 120;

/**
 * A note as the learner gets it in the chat: who wrote it (name and organisation), which answer it is about, the text,
 * and a button to reply.
 */
export function noteMessage(note: NoteRecord, organisation: Organisation, index: ProgrammeIndex, locale: Locale): ProactiveMessage {
  const step = note.answer ? index.step(note.answer) : undefined;
  const prompt = step && 'prompt' in step ? step.prompt[locale] : undefined;
  const values = { advisor: note.advisorName, organisation: organisation.name[locale], text: note.text };
  const text = prompt ? say(locale, 'advisorNoteOnAnswer', { ...values, question: excerpt(prompt) }) : say(locale, 'advisorNote', values);
  return { kind: 'choices', text, choices: [{ label: say(locale, 'advisorReplyButton'), value: `${ADVISOR_REPLY_VALUE_PREFIX}${note.id}` }] };
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= QUESTION_EXCERPT ? line : `${line.slice(0, QUESTION_EXCERPT - 1)}…`;
}
