import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Frame, type Page } from 'playwright-core';
import { stringify } from 'yaml';
import { packageDir } from '../bot/packageDir';
import { chromiumLaunchOptions } from '../scripts/chromiumLaunch';
import { freePort } from '../scripts/freePort';

const RUNS = Number(process.env.BENCH_EMBED_RUNS ?? 5);
const LIMIT_MS = 30_000;

/** The one-line snippet's script as the bot serves it: its size, and gzipped as the server sends it. */
function embedScriptSizes(root: string): { raw: number; gzipped: number } {
  const body = readFileSync(join(root, 'dist', 'adapters', 'webchat', 'browser', 'embed.js'));
  return { raw: body.length, gzipped: gzipSync(body, { level: 9 }).length };
}

/** A cooperative's page on another loopback address, with the snippet. */
async function startSite(snippet: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/' ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      req.url === '/'
        ? `<!doctype html><html lang="sv"><head><title>Kooperativet</title></head><body><h1>Kooperativet</h1>${snippet()}</body></html>`
        : '',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', () => resolve()));
  return { server, origin: `http://127.0.0.2:${(server.address() as AddressInfo).port}` };
}

/** `node dist/bot/main.js` with one cooperative that lists the site, until /healthz answers. */
async function startBot(root: string, siteOrigin: string, workDir: string): Promise<{ bot: ChildProcess; url: string }> {
  const organisations = join(workDir, 'organisations');
  await mkdir(organisations);
  await writeFile(join(organisations, 'demo.yaml'), readFileSync(join(root, 'organisations', 'demo.yaml')));
  await writeFile(
    join(organisations, 'bench-coop.yaml'),
    stringify({
      id: 'bench-coop',
      name: { sv: 'Kooperativet', en: 'The cooperative' },
      allowedOrigins: [siteOrigin],
      defaultLanguage: 'sv',
      theme: { accentColor: '#1f6f5c', botName: 'Coachen' },
      contact: { name: 'Rådgivarna', email: 'radgivare@example.org' },
    }),
  );
  const port = await freePort();
  const bot = spawn(process.execPath, [join(root, 'dist', 'bot', 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(workDir, 'data'),
      ORGANISATIONS_DIR: organisations,
      LOG_LEVEL: 'warn',
      MONGODB_URI: '',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  while (
    !(await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (performance.now() - started > LIMIT_MS) throw new Error(`no /healthz within ${LIMIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { bot, url };
}

/** Milliseconds from the click on the launcher to the first bot message drawn in the chat frame, both by the browser's clock. */
async function timeOpen(page: Page, siteOrigin: string): Promise<number> {
  await page.goto(`${siteOrigin}/`);
  const launcher = page.getByRole('button', { name: /^Chatta med/ });
  await launcher.waitFor({ timeout: LIMIT_MS });
  const clickedAt = await page.evaluate(() => {
    const button = document.querySelector('[data-social-venture-coach]')!.shadowRoot!.querySelector<HTMLButtonElement>('.launcher')!;
    const at = performance.timeOrigin + performance.now();
    button.click();
    return at;
  });
  let chat: Frame | undefined;
  while (!(chat = page.frames().find((f) => f.url().includes('/embed/')))) await page.waitForTimeout(10);
  const handle = await chat.waitForFunction(() => (window as unknown as { firstBotMessageAt?: number }).firstBotMessageAt, undefined, {
    timeout: LIMIT_MS,
  });
  return ((await handle.jsonValue()) as number) - clickedAt;
}

/** In every chat frame: note when the first bot bubble appears. */
function recordFirstBotMessage(): void {
  if (!location.pathname.startsWith('/embed/')) return;
  new MutationObserver((_records, observer) => {
    if (!document.querySelector('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content')) return;
    (window as unknown as { firstBotMessageAt?: number }).firstBotMessageAt = performance.timeOrigin + performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

function summarise(times: readonly number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')} ms)`;
}

/**
 * `npm run bench:embed`: the size of embed.js, and the time from clicking the launcher on a cooperative's page to the
 * bot's first message, on this machine: cold (a new browser profile: the 3.9 MB widget is fetched) and warm (cached,
 * a new visitor). Needs Debian's Chromium, like the end-to-end tests.
 */
async function main(): Promise<void> {
  const root = packageDir(__dirname);
  const sizes = embedScriptSizes(root);
  process.stdout.write(`embed.js: ${sizes.raw} bytes, ${sizes.gzipped} bytes gzipped\n`);
  const workDir = await mkdtemp(join(tmpdir(), 'bench-embed-'));
  let botUrl = '';
  const site = await startSite(() => `<script async src="${botUrl}/embed.js" data-org="bench-coop"></script>`);
  const { bot, url } = await startBot(root, site.origin, workDir);
  botUrl = url;
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const profile = await mkdtemp(join(tmpdir(), 'bench-embed-profile-'));
      const context = await chromium.launchPersistentContext(profile, chromiumLaunchOptions());
      try {
        await context.addInitScript(recordFirstBotMessage);
        const page = context.pages()[0] ?? (await context.newPage());
        cold.push(await timeOpen(page, site.origin));
        // A new visitor with the widget in the cache: forget the token, then open again.
        await page
          .frames()
          .find((f) => f.url().includes('/embed/'))!
          .evaluate(() => localStorage.clear());
        warm.push(await timeOpen(page, site.origin));
      } finally {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      }
    }
  } finally {
    bot.kill('SIGTERM');
    await new Promise((resolve) => bot.once('exit', resolve));
    await new Promise((resolve) => site.server.close(resolve));
    await rm(workDir, { recursive: true, force: true });
  }
  process.stdout.write(`launcher click to the bot's first message, ${RUNS} runs: cold ${summarise(cold)}; warm ${summarise(warm)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
