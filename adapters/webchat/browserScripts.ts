import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A script for the browser, read once at start-up, with its ETag and a gzipped copy. */
export interface BrowserScript {
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly etag: string;
}

/** One of the scripts in browser/ (copied beside the compiled code by the build, read from the sources in tests). */
export function browserScript(name: 'embed.js' | 'chat.js'): BrowserScript {
  const body = readFileSync(join(__dirname, 'browser', name));
  return { body, gzipped: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}
