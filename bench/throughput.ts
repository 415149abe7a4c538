import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageDir } from '../bot/packageDir';
import { jongodbUnavailable, startJongodb } from '../scripts/mongoTestServer';
import { type ChildServer, startChildServer } from './childServer';
import { httpClient, type LoadResult, quantile, runLearners } from './httpLoad';
import { directLineLearner, directLineTurns, messagesTurns, programmeScript } from './learnerScripts';

/**
 * The full programme turn over HTTP against Microsoft's echo bot on the same botbuilder and restify: turns per second
 * and latency through /api/messages (deliveryMode expectReplies) and through Direct Line, on the file store and on
 * MongoDB (the test server). Every server runs in its own process; the measurements alternate, round after round, after
 * a warm-up round that is not counted.
 */
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_LEARNERS = Math.max(20, Math.floor(LEARNERS / 4));

interface Measurement {
  readonly name: string;
  readonly run: (learners: number, round: string) => Promise<LoadResult>;
  readonly results: LoadResult[];
}

export async function benchThroughput(): Promise<void> {
  const root = packageDir(__dirname);
  const script = programmeScript();
  process.stdout.write(
    `\nHTTP turns: ${LEARNERS} learners a round, ${CONNECTIONS} connections, ${script.length} turns each (onboarding + the first lesson); ` +
      `${ROUNDS} rounds alternating after a warm-up\n`,
  );
  const servers: ChildServer[] = [];
  const folders: string[] = [];
  const stopMongo: (() => Promise<void>)[] = [];
  try {
    const echo = await startChildServer(join(root, 'dist', 'bench', 'echoBot.js'), {});
    servers.push(echo);
    const fileDir = await mkdtemp(join(tmpdir(), 'bench-http-'));
    folders.push(fileDir);
    const botEnv = { NODE_ENV: 'test', WEBCHAT_SESSIONS_PER_MINUTE: '100000', UNAUTHENTICATED_MESSAGES_PER_MINUTE: '1000000' };
    const fileBot = await startChildServer(join(root, 'dist', 'bot', 'main.js'), { ...botEnv, DATA_DIR: fileDir });
    servers.push(fileBot);
    let mongoBot: ChildServer | undefined;
    if (!jongodbUnavailable) {
      const mongo = await startJongodb();
      stopMongo.push(() => mongo.stop());
      const mongoDir = await mkdtemp(join(tmpdir(), 'bench-http-mongo-'));
      folders.push(mongoDir);
      mongoBot = await startChildServer(join(root, 'dist', 'bot', 'main.js'), {
        ...botEnv,
        DATA_DIR: mongoDir,
        MONGODB_URI: mongo.uriFor('bench_http'),
      });
      servers.push(mongoBot);
    }

    const viaMessages = (server: ChildServer) => (learners: number, round: string) => {
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
    const viaDirectLine = (server: ChildServer) => (learners: number) => {
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
      { name: 'echo bot, /api/messages', run: viaMessages(echo), results: [] },
      { name: 'programme, file store, /api/messages', run: viaMessages(fileBot), results: [] },
      { name: 'programme, file store, Direct Line', run: viaDirectLine(fileBot), results: [] },
      ...(mongoBot
        ? [
            { name: 'programme, MongoDB (test), /api/messages', run: viaMessages(mongoBot), results: [] },
            { name: 'programme, MongoDB (test), Direct Line', run: viaDirectLine(mongoBot), results: [] },
          ]
        : []),
    ];
    for (const measurement of measurements) await measurement.run(WARM_UP_LEARNERS, 'warm');
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const measurement of measurements) measurement.results.push(await measurement.run(LEARNERS, `r${round}`));
    }

    const rows = measurements.map((measurement) => ({ name: measurement.name, ...summary(measurement.results) }));
    for (const row of rows) {
      process.stdout.write(
        `  ${row.name.padEnd(42)} ${row.turnsPerSecond.toFixed(0).padStart(6)} turns/s (rounds: ${row.perRound}); ` +
          `p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms${row.retried ? `; ${row.retried} requests refused with 503 and sent again` : ''}\n`,
      );
    }
    const [echoRow] = rows;
    const ratio = (name: string, base = echoRow!, label = 'echo bot') => {
      const row = rows.find((r) => r.name === name);
      if (!row) return;
      process.stdout.write(
        `  ${name} vs ${label}: throughput ${(row.turnsPerSecond / base.turnsPerSecond).toFixed(2)}×, p99 ${(row.p99 / base.p99).toFixed(2)}×\n`,
      );
    };
    ratio('programme, file store, /api/messages');
    ratio('programme, file store, Direct Line');
    ratio('programme, MongoDB (test), /api/messages');
    ratio('programme, MongoDB (test), Direct Line');
    const fileMessages = rows.find((r) => r.name === 'programme, file store, /api/messages')!;
    const fileDirectLine = rows.find((r) => r.name === 'programme, file store, Direct Line')!;
    ratio('programme, MongoDB (test), /api/messages', fileMessages, 'file store');
    ratio('programme, MongoDB (test), Direct Line', fileDirectLine, 'file store');
  } finally {
    for (const server of servers) await server.stop();
    for (const stop of stopMongo) await stop();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  }
}

/** Turns per second (the median round), and latency quantiles over every turn of every round. */
function summary(results: readonly LoadResult[]) {
  const rates = results.map((result) => result.turns / result.seconds).sort((a, b) => a - b);
  const pooled: LoadResult = {
    turns: results.reduce((sum, result) => sum + result.turns, 0),
    seconds: results.reduce((sum, result) => sum + result.seconds, 0),
    latencies: results.flatMap((result) => result.latencies).sort((a, b) => a - b),
  };
  return {
    turnsPerSecond: rates[Math.floor(rates.length / 2)] ?? NaN,
    perRound: rates.map((rate) => rate.toFixed(0)).join(', '),
    p50: quantile(pooled, 0.5),
    p99: quantile(pooled, 0.99),
    retried: results.reduce((sum, result) => sum + (result.retried ?? 0), 0),
  };
}
