import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { packageDir } from '../../bot/packageDir';

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

/** The widget's file name, in botframework-webchat's dist/ and in ours. */
export const WEB_CHAT_FILE = 'webchat.js';

/**
 * The stock widget file. The build copies it (with its version) beside this module in dist/, so a production install
 * needs no botframework-webchat package; from the sources (tests, development) it is read from node_modules.
 */
export function webChatBundle(): WebChatBundle {
  const copied = join(__dirname, WEB_CHAT_FILE);
  const { file, version } = existsSync(copied)
    ? { file: copied, version: readFileSync(join(__dirname, WEB_CHAT_VERSION_FILE), 'utf8').trim() }
    : installedWebChat();
  // Cached promises; a failed read is forgotten so the next request tries again.
  let plain: Promise<Buffer> | undefined;
  let gzipped: Promise<Buffer> | undefined;
  const readPlain = () =>
    (plain ??= readFile(file).catch((error: unknown) => {
      plain = undefined;
      throw error;
    }));
  // The build writes a gzipped copy beside the file; from the sources it is made once, on first use.
  const compress = () => (existsSync(`${file}.gz`) ? readFile(`${file}.gz`) : readPlain().then((bytes) => gzipAsync(bytes, { level: 9 })));
  const readGzipped = () =>
    (gzipped ??= compress().catch((error: unknown) => {
      gzipped = undefined;
      throw error;
    }));
  return { file, version, body: (encoding) => (encoding === 'gzip' ? readGzipped() : readPlain()) };
}

/** Beside the copied widget: the botframework-webchat version it came from. */
export const WEB_CHAT_VERSION_FILE = 'webchat.version';

/** dist/webchat.js of the installed botframework-webchat package (a development dependency). */
export function installedWebChat(): { file: string; version: string } {
  // The package's `exports` map only exposes ".", so its files are found from its root, not through require.resolve.
  const root = packageDir(dirname(require.resolve('botframework-webchat')), 'botframework-webchat');
  const file = join(root, 'dist', WEB_CHAT_FILE);
  if (!existsSync(file)) throw new Error(`botframework-webchat: ${file} is missing`);
  return { file, version: String((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }).version) };
}
