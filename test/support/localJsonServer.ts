import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TlsIdentity } from './selfSignedCertificate';

/** A request as a local test server received it. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query, e.g. /v3/conversations/c1/activities?x=1. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** The answer to a request: JSON with a status (200 unless given). */
export interface JsonAnswer {
  readonly status?: number;
  readonly body: unknown;
}

/** Answers a request, or returns undefined for 404. */
export type JsonHandler = (request: ReceivedRequest, baseUrl: string) => JsonAnswer | undefined;

/** A JSON-over-HTTP(S) server on 127.0.0.1 and a free port that remembers every request. */
export interface LocalJsonServer {
  /** e.g. http://127.0.0.1:40123 (https:// when started with a TLS identity). */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a local JSON server; with a TLS identity it speaks HTTPS. */
export async function startLocalJsonServer(handler: JsonHandler, tls?: TlsIdentity): Promise<LocalJsonServer> {
  const requests: ReceivedRequest[] = [];
  let baseUrl = '';
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const answer = handler(request, baseUrl) ?? { status: 404, body: { error: 'not_found', path: request.url } };
      res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  };
  const server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, listener) : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
