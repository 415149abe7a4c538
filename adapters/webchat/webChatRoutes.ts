import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';

import { demoPageContentSecurityPolicy } from './contentSecurityPolicy';
import { renderDemoPage } from './demoPage';
import { registerEmbedRoutes } from './embedRoutes';
import type { EmbedRoutesOptions } from './embedRoutes';
import { webChatBundle, type WebChatBundle } from './webChatBundle';

/** What the web pages need. */
export interface WebChatRoutesOptions extends Omit<EmbedRoutesOptions, 'webChatScriptUrl'> {
  /** Page titles of the demo page in each language. */
  readonly title: { readonly sv: string; readonly en: string };
  /** The widget file to serve (default: the copy in dist/, or botframework-webchat from node_modules). */
  readonly bundle?: WebChatBundle;
}

/** Where the widget script is served; pages add `?v=<version>` so it can be cached for a year. */
export const WEB_CHAT_SCRIPT_PATH = '/webchat/webchat.js';

/**
 * GET / (the demo page: the default organisation's chat embedded inline), GET /webchat/webchat.js (the stock widget,
 * gzipped when the browser accepts it, cached for a year under a versioned URL), and the embed's routes.
 */
export function registerWebChatRoutes(server: Server, options: WebChatRoutesOptions): void {
  const bundle = options.bundle ?? webChatBundle();
  const etag = `"webchat-${bundle.version}"`;
  registerEmbedRoutes(server, { ...options, webChatScriptUrl: `${WEB_CHAT_SCRIPT_PATH}?v=${encodeURIComponent(bundle.version)}` });

  server.get('/', async (req: Request, res: Response) => {
    const nonce = randomBytes(18).toString('base64');
    const language = new URLSearchParams(req.getQuery()).get('lang') === 'en' ? 'en' : 'sv';
    const html = renderDemoPage({ title: options.title[language], organisationId: options.defaultOrganisationId, language, nonce });
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': demoPageContentSecurityPolicy(nonce),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
    res.end(html);
  });

  server.get(WEB_CHAT_SCRIPT_PATH, async (req: Request, res: Response) => {
    const headers = {
      'Content-Type': 'application/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      ETag: etag,
      Vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const encoding = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? 'gzip' : 'identity';
    const body = await bundle.body(encoding);
    res.writeHead(200, { ...headers, ...(encoding === 'gzip' ? { 'Content-Encoding': 'gzip' } : {}), 'Content-Length': body.length });
    res.end(body);
  });
}
