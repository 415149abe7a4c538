import type { Curriculum, Locale } from '../../curriculum/schema';
import { say } from '../../dialogs/catalogue';
import type { Organisation } from '../organisations/organisation';
import type { LearnerExport } from '../ports/store';
import type { ExportLinkIssuer } from './exportLinkIssuer';
import { exportJson } from './exportJson';

/** Links to the export, valid for a short time, as the chat offers them. */
export interface ExportDownload {
  readonly token: string;
  readonly text: string;
  readonly documentLabel: string;
  readonly documentFile: string;
  readonly dataLabel: string;
  readonly dataFile: string;
}

/**
 * "Export my data" in the chat: links to the readable document and the data file where the channel can show them,
 * and the data file itself (`json`, with `inlineText` before it) where it cannot.
 */
export interface ExportMessage {
  readonly kind: 'export';
  readonly json: string;
  readonly inlineText: string;
  readonly download?: ExportDownload;
}

export function exportMessage(
  exported: LearnerExport,
  curriculum: Curriculum,
  organisation: Organisation,
  locale: Locale,
  now: Date,
  links: ExportLinkIssuer | undefined,
): ExportMessage {
  const json = exportJson(exported, curriculum, organisation, now, locale);
  const inlineText = say(locale, 'exportStartedInline');
  if (!links) return { kind: 'export', json, inlineText };
  const { token, minutes } = links.issue(exported.learner.id, exported.learner.organisationId);
  return {
    kind: 'export',
    json,
    inlineText,
    download: {
      token,
      text: say(locale, 'exportStarted', { minutes }),
      documentLabel: say(locale, 'exportOpenDocument'),
      documentFile: say(locale, 'exportDocumentFile'),
      dataLabel: say(locale, 'exportDownloadData'),
      dataFile: say(locale, 'exportDataFile'),
    },
  };
}
