import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A server the benchmark runs in its own process. */
export interface ChildServer {
  readonly url: string;
  readonly pid: number;
  /** Resident set size now, in bytes (Linux: /proc/<pid>/status). */
  rss(): Promise<number>;
  /** CPU time the process has used so far, all its threads, in milliseconds (Linux: /proc/<pid>/stat; else NaN). */
  cpuMs(): Promise<number>;
  /** Heap in use after a full garbage collection, in bytes (only when started with `heapProbe`). */
  liveHeap(): Promise<number>;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  /** Node options before the script. */
  readonly nodeOptions?: readonly string[];
  /** Load heapProbe.js, so that liveHeap() can ask. */
  readonly heapProbe?: boolean;
}

/** Starts `node <script>` (node options first) and resolves once it prints the address it listens on. */
export async function startChildServer(script: string, env: Record<string, string>, options: ChildServerOptions = {}): Promise<ChildServer> {
  const probe = options.heapProbe ? ['--expose-gc', '--require', join(__dirname, 'heapProbe.js')] : [];
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeOptions ?? []), ...probe, script], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe', ...(options.heapProbe ? (['ipc'] as const) : [])],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it listened:\n${output}`)));
  });
  child.stdout!.resume();
  return {
    url,
    pid: child.pid!,
    async rss() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
    },
    async cpuMs() {
      // Fields 14 and 15 (utime, stime) in clock ticks of 1/100 s (USER_HZ), after the name in brackets (which may hold
      // spaces and brackets itself). NaN where there is no /proc (not Linux).
      const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8').catch(() => null);
      if (stat === null) return NaN;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    async liveHeap() {
      if (!child.send) throw new Error(`${script} was started without the heap probe`);
      const answer = once(child, 'message') as Promise<[{ liveHeap: number }]>;
      child.send('live-heap');
      return (await answer)[0].liveHeap;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
