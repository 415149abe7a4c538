import type { Curriculum, Locale } from '../../curriculum/schema';
import type { Organisation } from '../organisations/organisation';
import type { LearnerExport } from '../ports/store';
import { readableExport } from './readableExport';

/**
 * The machine-readable export: the same readable view as the document (questions' texts, answers as the learner saw
 * them) and, under `stored`, every record kept about the learner exactly as stored.
 */
export function exportJson(exported: LearnerExport, curriculum: Curriculum, organisation: Organisation, now: Date, fallbackLocale: Locale): string {
  const readable = readableExport(exported, curriculum, organisation, now, fallbackLocale);
  return JSON.stringify({ format: 'programme-learner-export', version: 1, exportedAt: now.toISOString(), readable, stored: exported }, null, 2);
}
