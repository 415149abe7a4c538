import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A cooperative's own website on another loopback address: another origin and another site than the bot's. */
export interface CooperativeSite {
  /** e.g. http://127.0.0.2:40123, exactly as a browser sends it in Origin. */
  readonly origin: string;
  /** Serves `html` at `path`, with these extra response headers (a CSP, say). */
  serve(path: string, html: string, headers?: Record<string, string>): void;
  /** The headers of every request the site received, by path. */
  readonly requests: readonly { readonly path: string; readonly headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** Starts a tiny static website on `host` (127.0.0.2, 127.0.0.3, …) and a free port. */
export async function startCooperativeSite(host: string): Promise<CooperativeSite> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>();
  const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    requests.push({ path, headers: req.headers });
    const page = pages.get(path);
    if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (!page) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...page.headers });
    res.end(page.html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    requests,
    serve: (path, html, headers = {}) => pages.set(path, { html, headers }),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** What a cooperative's page puts around the one-line snippet. */
export interface SnippetPageOptions {
  readonly botUrl: string;
  readonly organisationId: string;
  /** The page's own language (`<html lang>`). */
  readonly lang?: string;
  /** More attributes on the snippet's script element: data-mode, data-target, data-lang. */
  readonly attributes?: Record<string, string>;
  /** The page's content, before the snippet. */
  readonly body?: string;
  /** Leave the snippet out (the same page without the chat). */
  readonly withoutSnippet?: boolean;
}

/** A cooperative's page with the snippet docs/EMBED.md tells it to paste. */
export function snippetPage(options: SnippetPageOptions): string {
  const attributes = Object.entries(options.attributes ?? {})
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
  const snippet = options.withoutSnippet
    ? ''
    : `<script async src="${options.botUrl}/embed.js" data-org="${options.organisationId}"${attributes}></script>`;
  return `<!doctype html>
<html lang="${options.lang ?? 'sv'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kooperativet</title></head>
<body>
<header><h1>Kooperativet</h1></header>
<main>${options.body ?? '<p>Vi hjälper sociala företag att starta och växa.</p>'}</main>
${snippet}
</body>
</html>
`;
}
