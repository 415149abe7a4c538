import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageDir } from '../bot/packageDir';
import { freePort } from '../scripts/freePort';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const LIMIT_MS = 30_000;

/** Milliseconds from `node dist/bot/main.js` to the first 200 from /healthz, on a fresh data folder. */
async function timeOneStart(root: string): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-start-'));
  const port = await freePort();
  const started = performance.now();
  const bot = spawn(process.execPath, [join(root, 'dist', 'bot', 'main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', MONGODB_URI: '' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (performance.now() - started > LIMIT_MS) throw new Error(`no /healthz within ${LIMIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    bot.kill('SIGTERM');
    await new Promise((resolve) => bot.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `npm start` as an operator runs it, timed to /healthz: the median and range of RUNS starts. */
export async function benchStartup(): Promise<void> {
  const root = packageDir(__dirname);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) times.push(await timeOneStart(root));
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  process.stdout.write(
    `start-up: node dist/bot/main.js to the first 200 from /healthz, ${RUNS} runs: median ${median.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')} ms)\n`,
  );
}
