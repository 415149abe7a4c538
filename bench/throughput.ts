import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageDir } from '../bot/packageDir';
import { jongodbUnavailable, startJongodb } from '../scripts/mongoTestServer';
import { type ChildServer, startChildServer } from './childServer';
import { httpClient, type LoadResult, quantile, runLearners } from './httpLoad';
import { directLineLearner, directLineTurns, messagesTurns, programmeScript } from './learnerScripts';

/**
 * The full programme turn over HTTP against Microsoft's echo bot on the same botbuilder and restify: turns per second,
 * latency and the bot's CPU time a turn (all its threads, not the database's; less noisy than the rate on a machine
 * the load generator shares), through /api/messages (deliveryMode expectReplies) and through Direct Line, on the
 * file store and on MongoDB (BENCH_MONGODB_URI, else the wire-compatible test server). Every server runs in its own
 * process; the measurements alternate, round after round. Each round of the programme starts a fresh bot on an empty
 * store (a new data folder, a new database) and warms it up untimed: the test server reads by scanning its
 * collections, so a store that grew over the rounds would measure the test server rather than the bot.
 */
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_LEARNERS = Math.max(20, Math.floor(LEARNERS / 4));
/** The test server reads by scanning, and a round of 200 learners takes it minutes; fewer learners give the same rate. */
const TEST_SERVER_LEARNERS = Number(process.env.BENCH_TEST_SERVER_LEARNERS ?? 60);
/**
 * Direct Line polls while it waits for a reply, so on the test server a slower reply means more scans and slower
 * replies still: with 60 learners a round its replies passed the store's deadline (503). Fewer learners measure it.
 */
const TEST_SERVER_DIRECT_LINE_LEARNERS = Number(process.env.BENCH_TEST_SERVER_DIRECT_LINE_LEARNERS ?? 20);

type Run = (server: ChildServer, learners: number, round: string) => Promise<LoadResult>;

interface Measurement {
  readonly name: string;
  readonly learners: number;
  /** A server for one round (started afresh, or the echo bot's one process) and how to stop it after the round. */
  readonly server: (round: string) => Promise<{ server: ChildServer; done: () => Promise<void> }>;
  readonly run: Run;
  readonly results: LoadResult[];
  failure?: string;
}

export async function benchThroughput(): Promise<void> {
  const root = packageDir(__dirname);
  const script = programmeScript();
  const realMongo = process.env.BENCH_MONGODB_URI;
  process.stdout.write(
    `\nHTTP turns: ${LEARNERS} learners a round, ${CONNECTIONS} connections, ${script.length} turns each (onboarding + the first lesson); ` +
      `${ROUNDS} rounds alternating, each programme round on a fresh bot and store after ${WARM_UP_LEARNERS} untimed learners\n`,
  );
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const echo = await startChildServer(join(root, 'dist', 'bench', 'echoBot.js'), {});
    cleanups.push(() => echo.stop());
    const botEnv = { NODE_ENV: 'test', WEBCHAT_SESSIONS_PER_MINUTE: '100000', UNAUTHENTICATED_MESSAGES_PER_MINUTE: '1000000' };
    const freshBot = (env: (round: string) => Record<string, string>) => async (round: string) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'bench-http-'));
      const server = await startChildServer(join(root, 'dist', 'bot', 'main.js'), { ...botEnv, DATA_DIR: dataDir, ...env(round) });
      return {
        server,
        done: async () => {
          await server.stop();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    };
    let mongoUriFor: ((database: string) => string) | undefined;
    let mongoLabel = 'MongoDB';
    if (realMongo) {
      mongoUriFor = (database) => withDatabase(realMongo, database);
    } else if (!jongodbUnavailable) {
      const mongo = await startJongodb();
      cleanups.push(() => mongo.stop());
      mongoUriFor = (database) => mongo.uriFor(database);
      mongoLabel = 'MongoDB (test)';
    }
    const mongoLearners = realMongo ? LEARNERS : Math.min(LEARNERS, TEST_SERVER_LEARNERS);
    const mongoDirectLineLearners = realMongo ? LEARNERS : Math.min(LEARNERS, TEST_SERVER_DIRECT_LINE_LEARNERS);
    if (mongoUriFor && !realMongo) {
      process.stdout.write(
        `  (MongoDB rows: the wire-compatible test server, which scans its collections on every read, with ${mongoLearners} learners a round (${mongoDirectLineLearners} through Direct Line); ` +
          `set BENCH_MONGODB_URI for a real server)\n`,
      );
    }
    const runId = Date.now().toString(36);
    const fileBot = freshBot(() => ({}));
    const mongoBot = mongoUriFor ? freshBot((round) => ({ MONGODB_URI: mongoUriFor(`bench_http_${runId}_${round}`) })) : undefined;

    const viaMessages: Run = (server, learners, round) => {
      const client = httpClient(server.url, CONNECTIONS);
      return runLearners({
        learners,
        connections: CONNECTIONS,
        prepare: async (learner) => `bench-${round}-${learner}`,
        turns: (learner) => messagesTurns(client.send, learner, script),
      })
        .then((result) => ({ ...result, retried: client.retried() }))
        .finally(client.close);
    };
    const viaDirectLine: Run = (server, learners) => {
      const client = httpClient(server.url, CONNECTIONS);
      return runLearners({
        learners,
        connections: CONNECTIONS,
        prepare: () => directLineLearner(client.send),
        turns: (learner) => directLineTurns(client.send, learner, script),
      })
        .then((result) => ({ ...result, retried: client.retried() }))
        .finally(client.close);
    };
    const measurements: Measurement[] = [
      {
        name: 'echo bot, /api/messages',
        learners: LEARNERS,
        server: async () => ({ server: echo, done: async () => undefined }),
        run: viaMessages,
        results: [],
      },
      { name: 'programme, file store, /api/messages', learners: LEARNERS, server: (round) => fileBot(`m${round}`), run: viaMessages, results: [] },
      { name: 'programme, file store, Direct Line', learners: LEARNERS, server: (round) => fileBot(`d${round}`), run: viaDirectLine, results: [] },
      ...(mongoBot
        ? [
            {
              name: `programme, ${mongoLabel}, /api/messages`,
              learners: mongoLearners,
              server: (round: string) => mongoBot(`m${round}`),
              run: viaMessages,
              results: [],
            },
            {
              name: `programme, ${mongoLabel}, Direct Line`,
              learners: mongoDirectLineLearners,
              server: (round: string) => mongoBot(`d${round}`),
              run: viaDirectLine,
              results: [],
            },
          ]
        : []),
    ];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const measurement of measurements) {
        if (measurement.failure) continue;
        const { server, done } = await measurement.server(String(round));
        try {
          await measurement.run(server, Math.min(WARM_UP_LEARNERS, measurement.learners), `r${round}warm`);
          const cpuBefore = await server.cpuMs();
          const result = await measurement.run(server, measurement.learners, `r${round}`);
          const cpuMsPerTurn = ((await server.cpuMs()) - cpuBefore) / result.turns;
          measurement.results.push({ ...result, cpuMsPerTurn });
          process.stdout.write(
            `    round ${round + 1}, ${measurement.name}: ${(result.turns / result.seconds).toFixed(0)} turns/s, ${(cpuMsPerTurn * 1000).toFixed(0)} µs CPU a turn\n`,
          );
        } catch (error) {
          // One measurement that fails (a store that cannot keep up) is reported; the others go on.
          measurement.failure = `failed in round ${round + 1}: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`;
        } finally {
          await done();
        }
      }
    }

    const rows = measurements.map((measurement) => ({
      name: measurement.name,
      failure: measurement.failure,
      ...summary(measurement.results),
    }));
    for (const row of rows) {
      if (row.failure) {
        process.stdout.write(`  ${row.name.padEnd(42)} ${row.failure}\n`);
        continue;
      }
      process.stdout.write(
        `  ${row.name.padEnd(42)} ${row.turnsPerSecond.toFixed(0).padStart(6)} turns/s (rounds: ${row.perRound}); ` +
          `p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms; ${(row.cpuMsPerTurn * 1000).toFixed(0)} µs CPU a turn${row.retried ? `; ${row.retried} requests refused with 503 and sent again` : ''}\n`,
      );
    }
    const rowNamed = (name: string) => rows.find((row) => row.name === name && !row.failure);
    const ratio = (name: string, baseName: string, label: string) => {
      const row = rowNamed(name);
      const base = rowNamed(baseName);
      if (!row || !base) return;
      process.stdout.write(
        `  ${name} vs ${label}: throughput ${(row.turnsPerSecond / base.turnsPerSecond).toFixed(2)}×, p99 ${(row.p99 / base.p99).toFixed(2)}×, ` +
          `CPU a turn ${(row.cpuMsPerTurn / base.cpuMsPerTurn).toFixed(2)}×\n`,
      );
    };
    const echoName = 'echo bot, /api/messages';
    for (const channel of ['/api/messages', 'Direct Line']) {
      ratio(`programme, file store, ${channel}`, echoName, 'echo bot');
      ratio(`programme, ${mongoLabel}, ${channel}`, echoName, 'echo bot');
    }
    for (const channel of ['/api/messages', 'Direct Line']) {
      ratio(`programme, ${mongoLabel}, ${channel}`, `programme, file store, ${channel}`, 'file store');
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

/** The connection string with its path naming `database` (query options kept). */
function withDatabase(uri: string, database: string): string {
  const [base, query] = uri.split('?', 2) as [string, string | undefined];
  const hostPart = base.replace(/^(mongodb(?:\+srv)?:\/\/[^/]+).*$/, '$1');
  return `${hostPart}/${database}${query ? `?${query}` : ''}`;
}

/** Turns per second and CPU a turn (the median round), and latency quantiles over every turn of every round. */
function summary(results: readonly LoadResult[]) {
  const rates = results.map((result) => result.turns / result.seconds);
  const pooled: LoadResult = {
    turns: results.reduce((sum, result) => sum + result.turns, 0),
    seconds: results.reduce((sum, result) => sum + result.seconds, 0),
    latencies: results.flatMap((result) => result.latencies).sort((a, b) => a - b),
  };
  return {
    turnsPerSecond: median(rates),
    perRound: rates.map((rate) => rate.toFixed(0)).join(', '),
    p50: quantile(pooled, 0.5),
    p99: quantile(pooled, 0.99),
    retried: results.reduce((sum, result) => sum + (result.retried ?? 0), 0),
    cpuMsPerTurn: median(results.map((result) => result.cpuMsPerTurn ?? NaN)),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
