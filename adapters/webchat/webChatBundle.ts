import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** The stock Web Chat widget file from node_modules, with its version and a lazily made gzip copy. */
export interface WebChatBundle {
  /** Absolute path of dist/webchat.js. */
  readonly file: string;
  /** The botframework-webchat package version, used to version the script URL and as its ETag. */
  readonly version: string;
  /** The file's bytes, gzipped when asked (read and compressed once, then kept in memory). */
  body(encoding: 'gzip' | 'identity'): Promise<Buffer>;
}

/**
 * Finds botframework-webchat's dist/webchat.js. The package's `exports` map only exposes ".", so
 * `require.resolve('botframework-webchat/dist/webchat.js')` throws ERR_PACKAGE_PATH_NOT_EXPORTED; we
 * resolve the main entry instead (without loading it) and walk up to the package root.
 */
export function webChatBundle(): WebChatBundle {
  let dir = path.dirname(require.resolve('botframework-webchat'));
  while (!existsSync(path.join(dir, 'package.json')) || packageName(dir) !== 'botframework-webchat') {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('botframework-webchat: package root not found');
    dir = parent;
  }
  const file = path.join(dir, 'dist', 'webchat.js');
  if (!existsSync(file)) throw new Error(`botframework-webchat: ${file} is missing`);
  const version = String((JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version);

  // Cached promises; a failed read is forgotten so the next request tries again.
  let plain: Promise<Buffer> | undefined;
  let gzipped: Promise<Buffer> | undefined;
  const readPlain = () =>
    (plain ??= readFile(file).catch((error: unknown) => {
      plain = undefined;
      throw error;
    }));
  const readGzipped = () =>
    (gzipped ??= readPlain()
      .then((bytes) => gzipAsync(bytes, { level: 9 }))
      .catch((error: unknown) => {
        gzipped = undefined;
        throw error;
      }));
  return { file, version, body: (encoding) => (encoding === 'gzip' ? readGzipped() : readPlain()) };
}

function packageName(dir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
