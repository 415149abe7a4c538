import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { packageDir } from '../../bot/packageDir';

/** The file name of the Teams JavaScript library's browser bundle, in @microsoft/teams-js and beside this module in dist/. */
export const TEAMS_JS_FILE = 'MicrosoftTeams.min.js';

/** The browser bundle of @microsoft/teams-js: the build copies it here; from the sources it is read from node_modules. */
export function teamsJsFile(): string {
  const copied = join(__dirname, TEAMS_JS_FILE);
  if (existsSync(copied)) return copied;
  return installedTeamsJs();
}

/** dist/umd/MicrosoftTeams.min.js of the installed @microsoft/teams-js (a development dependency). */
export function installedTeamsJs(): string {
  const root = packageDir(dirname(require.resolve('@microsoft/teams-js')), '@microsoft/teams-js');
  const file = join(root, 'dist', 'umd', TEAMS_JS_FILE);
  if (!existsSync(file)) throw new Error(`@microsoft/teams-js: ${file} is missing`);
  return file;
}

interface Asset {
  readonly body: Buffer;
  readonly etag: string;
}

function asset(file: string): Asset {
  const body = readFileSync(file);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}

/** GET /advisor/assets/{sign-in,print,tab}.js (from browser/) and /advisor/assets/teams-js.js (the Teams library, never a CDN). */
export function registerDashboardAssets(server: Server): void {
  const assets: Record<string, () => Asset> = {
    'sign-in.js': once(() => asset(join(__dirname, 'browser', 'sign-in.js'))),
    'print.js': once(() => asset(join(__dirname, 'browser', 'print.js'))),
    'tab.js': once(() => asset(join(__dirname, 'browser', 'tab.js'))),
    'teams-js.js': once(() => asset(teamsJsFile())),
  };
  for (const [name, load] of Object.entries(assets)) {
    server.get(`/advisor/assets/${name}`, async (req: Request, res: Response) => {
      const { body, etag } = load();
      const headers = {
        'Content-Type': 'application/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=300',
        'X-Content-Type-Options': 'nosniff',
        ETag: etag,
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Length': body.length });
      res.end(body);
    });
  }
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
