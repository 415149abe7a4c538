import type { Request, Response, Server } from 'restify';
import { exportJson } from '../../bot/exports/exportJson';
import { readableExport } from '../../bot/exports/readableExport';
import type { Logger } from '../../bot/logger';
import type { OrganisationDirectory } from '../../bot/organisations/organisationDirectory';
import type { LearnerExport, Store } from '../../bot/ports/store';
import type { Curriculum } from '../../curriculum/schema';
import { sayPlain } from '../../dialogs/catalogue';
import { exportDocumentHtml } from './exportDocument';
import type { ExportLinks } from './exportLinks';
import { escapeHtml } from './html';

export interface ExportRoutesOptions {
  readonly links: ExportLinks;
  readonly store: Pick<Store, 'exportLearner'>;
  readonly curriculum: Curriculum;
  readonly organisations: OrganisationDirectory;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** Nothing about the export may be cached, indexed, framed or leak its address to another site. */
const PRIVATE_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

const SAFE_FILE_NAME = /^[a-z0-9-]{1,60}\.(html|json)$/;

function notFoundPage(): string {
  const lines = [sayPlain('sv', 'exportLinkExpired'), sayPlain('en', 'exportLinkExpired')];
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>404</title></head><body>${lines
    .map((line, i) => `<p${i === 1 ? ' lang="en"' : ''}>${escapeHtml(line)}</p>`)
    .join('')}</body></html>`;
}

/**
 * GET /exports/:file?t=<token> — the learner's export as a readable document (.html) or a data file (.json). The
 * token is in the query (not the path) so that request logs, which record paths, never hold it.
 */
export function registerExportRoutes(server: Server, options: ExportRoutesOptions): void {
  const now = options.now ?? (() => new Date());
  server.get('/exports/:file', async (req: Request, res: Response) => {
    const file: unknown = (req.params as Record<string, unknown>).file;
    const token: unknown = (req.query as Record<string, unknown> | undefined)?.t;
    const link = typeof file === 'string' && SAFE_FILE_NAME.test(file) && typeof token === 'string' ? options.links.open(token) : null;
    let exported: LearnerExport | null;
    try {
      exported = link ? await options.store.exportLearner(link.learnerId) : null;
    } catch (error) {
      options.logger.error({ err: error }, 'export could not be read from the store');
      res.writeHead(503, { ...PRIVATE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '10' });
      res.end('The data cannot be read right now. Try again in a moment.');
      return;
    }
    if (typeof file !== 'string' || !link || !exported || exported.learner.organisationId !== link.organisationId) {
      res.writeHead(404, { ...PRIVATE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(notFoundPage());
      return;
    }
    const organisation = options.organisations.get(link.organisationId) ?? options.organisations.fallback;
    const fallbackLocale = organisation.defaultLanguage;
    if (file.endsWith('.json')) {
      res.writeHead(200, {
        ...PRIVATE_HEADERS,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file}"`,
      });
      res.end(exportJson(exported, options.curriculum, organisation, now(), fallbackLocale));
      return;
    }
    res.writeHead(200, { ...PRIVATE_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Disposition': `inline; filename="${file}"` });
    res.end(exportDocumentHtml(readableExport(exported, options.curriculum, organisation, now(), fallbackLocale)));
  });
}
