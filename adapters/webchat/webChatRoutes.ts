import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';

import { renderDemoPage } from './demoPage';
import { webChatBundle, type WebChatBundle } from './webChatBundle';

/** What the demo page shows. */
export interface WebChatRoutesOptions {
  readonly title: string;
  readonly botName: string;
  /** Language of the page and the widget (default 'sv-SE'). */
  readonly locale?: string;
  /** The widget file to serve (default: botframework-webchat from node_modules). */
  readonly bundle?: WebChatBundle;
}

/** Where the widget script is served; the page adds `?v=<version>` so it can be cached for a year. */
export const WEB_CHAT_SCRIPT_PATH = '/webchat/webchat.js';

/**
 * SHA-256 of the empty string. Web Chat 4.18 does not hand its nonce to react-scroll-to-bottom, which
 * inserts empty style elements without one and then fills them through CSSOM (not subject to CSP);
 * allowing exactly "empty" keeps the transcript's scroll styles without 'unsafe-inline'.
 */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * The CSP of the demo page: only this origin, plus the page's own inline script and style by nonce. Web
 * Chat gets the same nonce for the style elements it inserts; card images may come from any https host.
 */
export function demoPageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}' ${EMPTY_STYLE_HASH}`,
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * GET / (the demo page) and GET /webchat/webchat.js (the stock widget from node_modules, gzipped when the
 * browser accepts it, cached for a year under a versioned URL).
 */
export function registerWebChatRoutes(server: Server, options: WebChatRoutesOptions): void {
  const bundle = options.bundle ?? webChatBundle();
  const etag = `"webchat-${bundle.version}"`;

  server.get('/', async (_req: Request, res: Response) => {
    const nonce = randomBytes(18).toString('base64');
    const html = renderDemoPage({
      title: options.title,
      botName: options.botName,
      locale: options.locale,
      webChatScriptUrl: `${WEB_CHAT_SCRIPT_PATH}?v=${encodeURIComponent(bundle.version)}`,
      nonce,
    });
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': demoPageContentSecurityPolicy(nonce),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
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
