import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';

/** A server the benchmark runs in its own process. */
export interface ChildServer {
  readonly url: string;
  readonly pid: number;
  /** Resident set size now, in bytes (Linux: /proc/<pid>/status). */
  rss(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts `node <script>` (node options first) and resolves once it prints the address it listens on. */
export async function startChildServer(script: string, env: Record<string, string>, nodeOptions: readonly string[] = []): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [...nodeOptions, script], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
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
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
