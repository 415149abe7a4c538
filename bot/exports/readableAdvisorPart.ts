import type { Locale } from '../../curriculum/schema';
import { sayPlain } from '../../dialogs/catalogue';
import type { AdvisorExport } from '../advisors/advisorTurnHooks';

/** The advisor side of "export my data" as a person reads it: the notes with the learner's replies, requests, who viewed. */
export interface ReadableAdvisorPart {
  readonly heading: string;
  readonly notes: { readonly heading: string; readonly items: readonly ReadableNote[] };
  readonly requests: { readonly heading: string; readonly items: readonly string[] };
  readonly accessLog: { readonly heading: string; readonly items: readonly string[] };
}

export interface ReadableNote {
  readonly byline: string;
  readonly text: string;
  readonly replies: readonly { readonly byline: string; readonly text: string }[];
}

export function readableAdvisorPart(part: AdvisorExport, locale: Locale, dateOf: (iso: string) => string): ReadableAdvisorPart {
  return {
    heading: sayPlain(locale, 'exportAdvisors'),
    notes: {
      heading: sayPlain(locale, 'exportAdvisorNotes'),
      items: part.notes.map((note) => ({
        byline: sayPlain(locale, 'exportNoteBy', { advisor: note.advisorName, date: dateOf(note.createdAt) }),
        text: note.text,
        replies: part.replies
          .filter((reply) => reply.noteId === note.id)
          .map((reply) => ({ byline: sayPlain(locale, 'exportYourReply', { date: dateOf(reply.createdAt) }), text: reply.text })),
      })),
    },
    requests: {
      heading: sayPlain(locale, 'exportAdvisorRequests'),
      items: part.advisorRequests.map((request) =>
        sayPlain(locale, request.status === 'answered' ? 'exportRequestAnswered' : 'exportRequestOpen', { date: dateOf(request.createdAt) }),
      ),
    },
    accessLog: {
      heading: sayPlain(locale, 'exportAccessLog'),
      items: part.accessLog.map((entry) =>
        sayPlain(locale, entry.action === 'exported' ? 'exportAccessExported' : 'exportAccessViewed', {
          advisor: entry.advisorName,
          date: dateOf(entry.at),
        }),
      ),
    },
  };
}
