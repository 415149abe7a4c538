import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE_NAME } from '../../adapters/storage/file/dataDirLock';
import { FileStore } from '../../adapters/storage/file/fileStore';
import { StoreInUseError } from '../../bot/ports/store';
import { spawnBot, spawnTs } from '../support/processes/spawnTs';
import { webIdentity } from './storeContract';

const HOLDER = join(__dirname, '..', 'support', 'processes', 'holdFileStore.ts');

/** A process holding (or refused) the store: resolves with its first line, "open" or "in use". */
async function holdStore(dataDir: string): Promise<{ child: ChildProcess; first: string; output: () => string }> {
  const child = spawnTs(HOLDER, [dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const first = await new Promise<string>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.slice(0, output.indexOf('\n')));
    });
    child.once('exit', () => resolve(output.split('\n')[0] ?? ''));
  });
  return { child, first, output: () => output };
}

async function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

describe('one process per file store data folder', () => {
  let dataDir: string;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lock-'));
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => kill(child)));
    await rm(dataDir, { recursive: true, force: true });
  });

  test('a second bot process on the same DATA_DIR refuses to start, says why, and the first keeps serving', async () => {
    const first = spawnBot({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    children.push(first);
    let firstOutput = '';
    first.stdout!.on('data', (chunk: Buffer) => (firstOutput += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      first.stdout!.on('data', () => {
        const match = /Open (http:\/\/127\.0\.0\.1:\d+)\//.exec(firstOutput);
        if (match) resolve(match[1]!);
      });
      first.once('exit', (code) => reject(new Error(`the first bot exited (${code}): ${firstOutput}`)));
    });

    const second = spawnBot({ PORT: '0', DATA_DIR: dataDir });
    children.push(second);
    let secondOutput = '';
    second.stderr!.on('data', (chunk: Buffer) => (secondOutput += chunk.toString()));
    second.stdout!.on('data', (chunk: Buffer) => (secondOutput += chunk.toString()));
    const [code] = (await once(second, 'exit')) as [number | null];

    expect(code).toBe(1);
    expect(secondOutput).toContain(`is in use by process ${first.pid} on ${hostname()}`);
    expect(secondOutput).toContain('set MONGODB_URI to run several instances');
    expect(secondOutput).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  test('after kill -9 of the holder the next process starts at once, and a clean stop leaves no lock behind', async () => {
    const holder = await holdStore(dataDir);
    children.push(holder.child);
    expect(holder.first).toBe('open');
    const refused = await holdStore(dataDir);
    expect(refused.first).toBe('in use');

    await kill(holder.child);
    const next = await holdStore(dataDir);
    children.push(next.child);
    expect(next.first).toBe('open');
    await kill(next.child, 'SIGTERM');

    const store = await FileStore.open(dataDir);
    await store.resolveLearner(webIdentity(), 'coop');
    await store.close();
    await expect(readFile(join(dataDir, LOCK_FILE_NAME))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('processes racing for a stale lock: exactly one gets the folder', async () => {
    for (let round = 0; round < 3; round += 1) {
      const stale = await holdStore(dataDir);
      await kill(stale.child);
      const racers = await Promise.all([holdStore(dataDir), holdStore(dataDir), holdStore(dataDir)]);
      children.push(...racers.map((racer) => racer.child));
      expect(racers.map((racer) => racer.first).sort()).toEqual(['in use', 'in use', 'open']);
      await Promise.all(racers.map((racer) => kill(racer.child)));
    }
  });

  test('a lock whose pid now belongs to another process, or that was written before a reboot, is stale', async () => {
    const lockFile = join(dataDir, LOCK_FILE_NAME);
    const base = { host: hostname(), nonce: 'n', since: '2026-01-01T00:00:00.000Z' };
    // Linux: the kernel's boot id and each process's start time tell a live holder from a stale lock.
    const bootId = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();
    // pid 1 always runs, but it did not start at this lock's made-up start time.
    await writeFile(lockFile, JSON.stringify({ ...base, pid: 1, bootId, startTicks: '1' }));
    await (await FileStore.open(dataDir)).close();

    await writeFile(lockFile, JSON.stringify({ ...base, pid: 1, bootId: 'a-boot-before-this-one' }));
    await (await FileStore.open(dataDir)).close();

    await writeFile(lockFile, JSON.stringify({ ...base, pid: 1, bootId }));
    await expect(FileStore.open(dataDir)).rejects.toThrow(`is in use by process 1 on ${hostname()}`);
  });

  test('a lock from another host is trusted while its holder refreshes it and stale 30 s after', async () => {
    const lockFile = join(dataDir, LOCK_FILE_NAME);
    await writeFile(lockFile, JSON.stringify({ pid: 4242, host: 'another-host', nonce: 'n', since: '2026-01-01T00:00:00.000Z' }));
    await expect(FileStore.open(dataDir)).rejects.toThrow('is in use by process 4242 on another-host');

    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockFile, longAgo, longAgo);
    await (await FileStore.open(dataDir)).close();
  });

  test('a second store on the same folder in the same process is refused until the first is closed', async () => {
    const first = await FileStore.open(dataDir);
    const refusal = await FileStore.open(dataDir).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StoreInUseError);
    expect((refusal as Error).message).toContain('is in use by this process');
    await first.close();
    await (await FileStore.open(dataDir)).close();
  });
});
