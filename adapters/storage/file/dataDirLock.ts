import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, open, readFile, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { StoreInUseError } from '../../../bot/ports/store';
import { syncDirectory } from './syncDirectory';

/** The lock file in the data folder: whoever holds it is the one process that may use the folder. */
export const LOCK_FILE_NAME = 'store.lock';

/** How often the holder refreshes the lock's modification time, for processes that cannot see its pid. */
const HEARTBEAT_MS = 10_000;
/** A lock from another host (or container) whose heartbeat is older than this is stale. */
const FOREIGN_STALE_MS = 3 * HEARTBEAT_MS;
/** A break marker (see breakStaleLock) older than this was left by a process that died while breaking a lock. */
const BREAK_STALE_MS = 10_000;
const ACQUIRE_ATTEMPTS = 20;

/** Who holds a lock, as written into the lock file. */
interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** Linux: the kernel's boot id, so a lock from before a reboot is known to be stale. */
  readonly bootId?: string;
  /** Linux: the process's start time in clock ticks since boot, so a reused pid is not taken for the holder. */
  readonly startTicks?: string;
  /** Unique per acquisition: the content of a lock file identifies one holding. */
  readonly nonce: string;
  readonly since: string;
}

// Locks held by this process, so that a second store opened on the same folder here is refused too.
const heldHere = new Map<string, DataDirLock>();
let exitHookInstalled = false;

/**
 * One process per data folder, safe after kill -9: the lock file names its holder's pid, host, boot and process start
 * time; a holder that no longer runs (or whose pid now belongs to another process, or that ran before a reboot) has
 * left a stale lock, which the next process breaks. The kernel tells whether a pid runs only on the same host, so a
 * lock from another host or container (a shared volume) is trusted while its holder refreshes it (every 10 s) and
 * stale 30 s after the last refresh.
 *
 * Written by hand rather than with proper-lockfile, whose only staleness test is that heartbeat: after kill -9 a
 * restart there is refused until the lock has aged, and a holder whose event loop stalls past the stale time loses
 * its lock while it still writes.
 */
export class DataDirLock {
  private heartbeat: NodeJS.Timeout | undefined;
  private released = false;

  private constructor(
    readonly path: string,
    private readonly content: string,
  ) {
    this.heartbeat = setInterval(() => {
      const now = new Date();
      utimes(this.path, now, now).catch(() => undefined);
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Takes the data folder's lock, or rejects with StoreInUseError naming the process that holds it. */
  static async acquire(dataDir: string): Promise<DataDirLock> {
    const path = join(resolve(dataDir), LOCK_FILE_NAME);
    const holder = currentHolder();
    const content = `${JSON.stringify(holder)}\n`;
    // Written in full first, then linked into place: the lock file never exists half-written.
    const temporary = join(resolve(dataDir), `.${LOCK_FILE_NAME}.${holder.nonce}.tmp`);
    await writeFile(temporary, content, { mode: 0o600, flag: 'wx' });
    try {
      for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt += 1) {
        try {
          await link(temporary, path);
          await syncDirectory(resolve(dataDir));
          const lock = new DataDirLock(path, content);
          heldHere.set(path, lock);
          installExitHook();
          return lock;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const found = await readLock(path);
        if (found === null) continue; // released in the meantime
        if (isLive(path, found)) throw inUse(dataDir, path, found.holder);
        await breakStaleLock(path, found.raw);
      }
      throw new Error(`the lock ${path} kept changing hands; try again`);
    } finally {
      await rm(temporary, { force: true });
    }
  }

  /** Gives the folder up (only if the lock file is still this holding's). */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearInterval(this.heartbeat);
    heldHere.delete(this.path);
    const current = await readFile(this.path, 'utf8').catch(() => null);
    if (current === this.content) await unlink(this.path).catch(() => undefined);
  }

  /** The same as release(), synchronously, for process exit. */
  releaseSync(): void {
    if (this.released) return;
    this.released = true;
    clearInterval(this.heartbeat);
    heldHere.delete(this.path);
    try {
      if (readFileSync(this.path, 'utf8') === this.content) unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

interface FoundLock {
  readonly raw: string;
  readonly holder: LockHolder;
  readonly modifiedMs: number;
}

async function readLock(path: string): Promise<FoundLock | null> {
  try {
    const [raw, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { raw, holder: JSON.parse(raw) as LockHolder, modifiedMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (error instanceof SyntaxError) throw new Error(`${path} is not a lock this bot wrote; if no bot uses the folder, delete it`, { cause: error });
    throw error;
  }
}

/** Whether the holder named in the lock file still runs. */
function isLive(path: string, found: FoundLock): boolean {
  const me = currentHolder();
  const { holder } = found;
  if (holder.host !== me.host || (holder.bootId === undefined) !== (me.bootId === undefined)) {
    return Date.now() - found.modifiedMs < FOREIGN_STALE_MS;
  }
  if (holder.bootId !== me.bootId) return false; // written before this machine last booted
  if (holder.pid === process.pid) return heldHere.has(path); // e.g. a container restarted with the same pid
  if (!pidRuns(holder.pid)) return false;
  const ticks = startTicksOf(holder.pid);
  return ticks === undefined || holder.startTicks === undefined || ticks === holder.startTicks;
}

/**
 * Removes a stale lock unless someone else has replaced it since it was judged stale. The check and the removal run
 * under a second, short-lived exclusive file, so two processes breaking the same stale lock at once cannot remove the
 * lock the faster one has just taken.
 */
async function breakStaleLock(path: string, staleContent: string): Promise<void> {
  const marker = `${path}.break`;
  let handle;
  try {
    handle = await open(marker, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = await stat(marker).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (age > BREAK_STALE_MS) await rm(marker, { force: true });
    await new Promise((done) => setTimeout(done, 25));
    return;
  }
  try {
    const current = await readFile(path, 'utf8').catch(() => null);
    if (current === staleContent) await unlink(path);
  } finally {
    await handle.close();
    await rm(marker, { force: true });
  }
}

function inUse(dataDir: string, path: string, holder: LockHolder): StoreInUseError {
  const who = holder.pid === process.pid && holder.host === hostname() ? 'this process' : `process ${holder.pid} on ${holder.host}`;
  return new StoreInUseError(
    `The data folder ${resolve(dataDir)} is in use by ${who} (since ${holder.since}). The embedded file store serves ` +
      `one bot process only: stop the other one, give this one its own DATA_DIR, or set MONGODB_URI to run several ` +
      `instances. If no bot uses the folder any more, delete ${path}.`,
  );
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat (after the command name, which may contain spaces and parentheses). */
function startTicksOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function currentHolder(): LockHolder {
  const boot = bootId();
  const ticks = startTicksOf(process.pid);
  return {
    pid: process.pid,
    host: hostname(),
    ...(boot ? { bootId: boot } : {}),
    ...(ticks ? { startTicks: ticks } : {}),
    nonce: randomUUID(),
    since: new Date().toISOString(),
  };
}

/** process.exit() skips close(): the locks this process holds are removed on the way out. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const lock of [...heldHere.values()]) lock.releaseSync();
  });
}
