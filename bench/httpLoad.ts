import { Agent, request } from 'node:http';

/** One HTTP request of a benchmark learner; resolves with the response body. */
export type Send = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<string>;

/** A 503 (the store did not answer in time) is sent again after this pause, as the web chat page does, this often. */
const RETRY_PAUSE_MS = 100;
const RETRIES = 20;

/**
 * A keep-alive HTTP client to one server, with at most `connections` sockets (as a load generator with N connections).
 * A request refused with 503 is sent again (its latency includes the wait); `retried()` counts them.
 */
export function httpClient(baseUrl: string, connections: number): { send: Send; close: () => void; retried: () => number } {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  let retried = 0;
  const send: Send = async (method, path, body, headers = {}) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await sendOnce(method, path, body, headers);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.includes(' → 503 ') || attempt >= RETRIES) throw error;
        retried += 1;
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
      }
    }
  };
  const sendOnce: Send = (method, path, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = request(
        {
          agent,
          hostname,
          port,
          method,
          path,
          headers: { ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}), ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 500) >= 300) reject(new Error(`${method} ${path} → ${res.statusCode} ${text.slice(0, 300)}`));
            else resolve(text);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { send, close: () => agent.destroy(), retried: () => retried };
}

/** What a load run measured. */
export interface LoadResult {
  readonly turns: number;
  readonly seconds: number;
  /** Milliseconds per turn, sorted. */
  readonly latencies: readonly number[];
  /** Requests refused with 503 and sent again. */
  readonly retried?: number;
  /** The server's CPU time (all its threads) per turn, in milliseconds, where measured. */
  readonly cpuMsPerTurn?: number;
}

/**
 * Runs `learners` scripted learners over `connections` concurrent workers: each worker takes the next learner and plays
 * its turns one after another (a learner never has two turns at once). `prepare` runs for every learner before the
 * clock starts (a web session, a conversation); then every turn is timed, and turns per second count from the first.
 */
export async function runLearners<L>(options: {
  readonly learners: number;
  readonly connections: number;
  readonly prepare: (learner: number) => Promise<L>;
  readonly turns: (state: L) => readonly (() => Promise<unknown>)[];
}): Promise<LoadResult> {
  const states: L[] = [];
  let preparing = 0;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      for (let learner = preparing++; learner < options.learners; learner = preparing++) states[learner] = await options.prepare(learner);
    }),
  );
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    for (let learner = next++; learner < options.learners; learner = next++) {
      for (const turn of options.turns(states[learner]!)) {
        const at = performance.now();
        await turn();
        latencies.push(performance.now() - at);
      }
    }
  };
  const begin = performance.now();
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  return { turns: latencies.length, seconds, latencies };
}

/** The latency at quantile q (0..1). */
export function quantile(result: LoadResult, q: number): number {
  const { latencies } = result;
  return latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
}
