import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Organisation } from '../../bot/organisations/organisation';
import { escapeHtml } from '../web/html';
import { browserScript, type BrowserScript } from './browserScripts';
import { renderChatPage } from './chatPage';
import type { EmbedGrants } from './embedGrants';
import { isOwnOrigin, requestOrigin } from './requestOrigin';
import { textColourOn } from './colourContrast';
import { chatPageContentSecurityPolicy } from './contentSecurityPolicy';

export interface EmbedRoutesOptions {
  readonly organisations: { get(id: string): Organisation | undefined };
  /** The organisation of the bot's own pages, which may always show its chat. */
  readonly defaultOrganisationId: string;
  readonly grants: EmbedGrants;
  /** Where the page loads the stock widget from (a versioned URL). */
  readonly webChatScriptUrl: string;
}

export const EMBED_SCRIPT_PATH = '/embed.js';
export const CHAT_SCRIPT_PATH = '/webchat/chat.js';

/**
 * The cooperatives' embed: GET /embed.js (the one-line snippet's script), GET /embed/:org/settings (what the launcher
 * shows, for the organisation's websites only), and GET /embed/:org (the chat page, framed only by those websites).
 */
export function registerEmbedRoutes(server: Server, options: EmbedRoutesOptions): void {
  const embedScript = browserScript('embed.js');
  const chatScript = browserScript('chat.js');
  const mayEmbed = (organisation: Organisation, origin: string | null, req: Request) =>
    origin !== null &&
    (organisation.allowedOrigins.includes(origin) || (isOwnOrigin(origin, req) && organisation.id === options.defaultOrganisationId));

  server.get(EMBED_SCRIPT_PATH, async (req: Request, res: Response) => sendScript(req, res, embedScript));
  server.get(CHAT_SCRIPT_PATH, async (req: Request, res: Response) => sendScript(req, res, chatScript));

  server.get('/embed/:organisation/settings', async (req: Request, res: Response) => {
    const organisation = organisationOf(req);
    const origin = requestOrigin(req);
    res.header('Vary', 'Origin');
    res.header('X-Content-Type-Options', 'nosniff');
    // Refusals too are readable by the page, so that the embed can say in the console why there is no chat.
    if (origin) res.header('Access-Control-Allow-Origin', origin);
    if (!organisation) {
      const requested = String((req.params as Record<string, unknown>).organisation).slice(0, 80);
      res.send(404, { error: { code: 'NotFound', message: `There is no organisation "${requested}".` } });
      return;
    }
    if (!mayEmbed(organisation, origin, req)) {
      res.send(403, {
        error: {
          code: 'Forbidden',
          message: `Organisation "${organisation.id}" does not offer its chat on ${origin ?? 'a page that does not say where it is'}.`,
        },
      });
      return;
    }
    res.header('Cache-Control', 'public, max-age=300');
    const { theme } = organisation;
    res.send(200, {
      defaultLanguage: organisation.defaultLanguage,
      accentColor: theme.accentColor,
      textColor: textColourOn(theme.accentColor),
      launcherLabel: { sv: `Chatta med ${theme.botName}`, en: `Chat with ${theme.botName}` },
      unreadLabel: { sv: '{count} olästa', en: '{count} unread' },
    });
  });

  server.get('/embed/:organisation', async (req: Request, res: Response) => {
    const organisation = organisationOf(req);
    const query = new URLSearchParams(req.getQuery());
    const language =
      query.get('lang') === 'en' || query.get('lang') === 'sv' ? (query.get('lang') as 'sv' | 'en') : (organisation?.defaultLanguage ?? 'sv');
    if (!organisation) return sendPage(res, 404, notOffered(language, 'unknown'));
    // The browser refuses the frame on any other website (frame-ancestors); the Referer tells which website framed it.
    const framed = req.headers['sec-fetch-dest'] === 'iframe';
    const host = requestOrigin(req);
    if (framed ? !mayEmbed(organisation, host, req) : organisation.id !== options.defaultOrganisationId) {
      return sendPage(res, 403, notOffered(language, 'elsewhere'));
    }
    const hostOrigin = framed ? host : null;
    const nonce = randomBytes(18).toString('base64');
    const html = renderChatPage({
      organisation,
      language,
      mode: query.get('mode') === 'inline' ? 'inline' : 'panel',
      grant: options.grants.issue(organisation.id, hostOrigin ?? 'self'),
      hostOrigin,
      webChatScriptUrl: options.webChatScriptUrl,
      chatScriptUrl: `${CHAT_SCRIPT_PATH}?v=${encodeURIComponent(chatScript.etag.slice(1, -1))}`,
      nonce,
    });
    sendPage(res, 200, html, chatPageContentSecurityPolicy(nonce, organisation.allowedOrigins));
  });

  function organisationOf(req: Request): Organisation | undefined {
    const requested: unknown = (req.params as Record<string, unknown>).organisation;
    return typeof requested === 'string' ? options.organisations.get(requested) : undefined;
  }
}

function sendScript(req: Request, res: Response, script: BrowserScript): void {
  const headers = {
    'Content-Type': 'application/javascript; charset=utf-8',
    'Cache-Control': 'public, max-age=300',
    'X-Content-Type-Options': 'nosniff',
    ETag: script.etag,
    Vary: 'Accept-Encoding',
  };
  if (req.headers['if-none-match'] === script.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? script.gzipped : script.body;
  res.writeHead(200, { ...headers, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}), 'Content-Length': body.length });
  res.end(body);
}

function sendPage(res: Response, status: number, html: string, csp = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *"): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': csp,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  });
  res.end(html);
}

/** The page a visitor sees where the chat is not offered: plain, in both languages' reading order. */
function notOffered(language: 'sv' | 'en', why: 'unknown' | 'elsewhere'): string {
  const text = {
    unknown: { sv: 'Den här chatten finns inte.', en: 'This chat does not exist.' },
    elsewhere: {
      sv: 'Den här chatten visas bara på organisationens egen webbplats.',
      en: 'This chat is only shown on the organisation’s own website.',
    },
  }[why][language];
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(text)}</title></head><body style="font-family:system-ui,sans-serif;padding:1rem"><p>${escapeHtml(text)}</p></body></html>`;
}
