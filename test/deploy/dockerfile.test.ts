import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDockerfile, runDockerfile, type StageResult } from '../support/dockerfile';
import { folderBytes } from '../support/folderBytes';
import { freePort } from '../../scripts/freePort';

const repository = join(__dirname, '..', '..');
const stages = parseDockerfile(readFileSync(join(repository, 'Dockerfile'), 'utf8'));
const MAX_RUNTIME_DEPENDENCY_BYTES = 250 * 1024 * 1024;
const DEV_ONLY = ['typescript', 'botframework-webchat', 'jest', 'playwright-core', '@swc/core', '@microsoft/app-manifest', '@jongodb'];

jest.setTimeout(240_000);

describe('the Dockerfile', () => {
  let sandbox: string;
  let runtime: StageResult;

  beforeAll(() => {
    sandbox = mkdtempSync(join(tmpdir(), 'dockerfile-'));
    // npm works from its cache only, which the project's own install has filled: the test never needs the network.
    const stagesRun = runDockerfile(stages, {
      context: repository,
      sandbox,
      runEnv: { npm_config_offline: 'true', npm_config_update_notifier: 'false' },
    });
    runtime = stagesRun.get('runtime')!;
  });
  afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

  it('builds on a current Node LTS image and runs unprivileged with a health check and a data volume', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'production-dependencies', 'runtime']);
    for (const stage of stages) expect(stage.image).toMatch(/^node:(22|24)-/);
    expect(runtime.user).toBe('node');
    expect(runtime.volumes).toEqual(['/data']);
    expect(runtime.env).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', DATA_DIR: join(sandbox, 'runtime', 'data') });
    expect(runtime.cmd).toEqual(['node', 'dist/bot/main.js']);
  });

  it('ships only dist/ and the production dependencies, within 250 MB', () => {
    for (const name of DEV_ONLY)
      expect({ name, installed: existsSync(join(runtime.workdir, 'node_modules', name)) }).toEqual({ name, installed: false });
    expect(existsSync(join(runtime.workdir, 'dist', 'adapters', 'webchat', 'webchat.js'))).toBe(true);
    expect(existsSync(join(runtime.workdir, 'dist', 'curriculum', 'content', 'artefacts.yaml'))).toBe(true);
    expect(existsSync(join(runtime.workdir, 'bot'))).toBe(false);
    expect(folderBytes(join(runtime.workdir, 'node_modules'))).toBeLessThan(MAX_RUNTIME_DEPENDENCY_BYTES);
  });

  it('starts the bot, whose health check passes and whose page, embed script, chat page and widget load; SIGTERM stops it cleanly', async () => {
    const port = await freePort();
    const env = { ...process.env, ...runtime.env, PORT: String(port), HOST: '127.0.0.1', ALLOW_UNAUTHENTICATED_CHANNELS: 'true', LOG_LEVEL: 'warn' };
    const [command = 'node', ...args] = runtime.cmd!;
    const bot = spawn(command, args, { cwd: runtime.workdir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    bot.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    bot.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
    try {
      await waitForHealth(`http://127.0.0.1:${port}/healthz`, 20_000, () => output);
      const [checkCommand = 'node', ...checkArgs] = runtime.healthcheck!;
      expect(spawnSync(checkCommand, checkArgs, { env, encoding: 'utf8' }).status).toBe(0);
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/`)).status).toBe(200);
      expect((await fetch(`${base}/embed.js`)).status).toBe(200);
      const chatPage = await fetch(`${base}/embed/demo`, { headers: { 'Sec-Fetch-Dest': 'iframe', Referer: `${base}/` } });
      expect(chatPage.status).toBe(200);
      const widgetUrl = /src="(\/webchat\/webchat\.js[^"]*)"/.exec(await chatPage.text())?.[1];
      const widget = await fetch(`${base}${(widgetUrl ?? '').replace(/&amp;/g, '&')}`);
      expect(widget.status).toBe(200);
      expect((await widget.arrayBuffer()).byteLength).toBeGreaterThan(3_000_000);
    } finally {
      bot.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(existsSync(join(runtime.env.DATA_DIR!, 'learners'))).toBe(true);
  });

  it('refuses to start on an unsupported Node with one line naming the versions it needs', () => {
    const fakeOldNode = join(sandbox, 'old-node.cjs');
    writeFileSync(fakeOldNode, "Object.defineProperty(process.versions, 'node', { value: '20.11.1' });\n");
    const run = spawnSync('node', ['--require', fakeOldNode, 'dist/bot/main.js'], {
      cwd: runtime.workdir,
      env: { ...process.env, ...runtime.env },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^This bot needs Node\.js 22\.\d+ or newer .*this is Node\.js 20\.11\.1\.$/),
    ]);
  });

  it('refuses a production start on MongoDB without a shared WEBCHAT_TOKEN_SECRET, saying why', () => {
    const env = {
      ...process.env,
      ...runtime.env,
      MONGODB_URI: 'mongodb://127.0.0.1:1/coach',
      ALLOW_UNAUTHENTICATED_CHANNELS: 'true',
      WEBCHAT_TOKEN_SECRET: '',
    };
    const run = spawnSync('node', ['dist/bot/main.js'], { cwd: runtime.workdir, env, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/WEBCHAT_TOKEN_SECRET: is required in production with MONGODB_URI: every bot instance/);
  });
});

async function waitForHealth(url: string, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no healthy /healthz within ${timeoutMs} ms; the bot said:\n${output()}`);
}
