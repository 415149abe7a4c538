import { EventEmitter } from 'node:events';
import type { MongoClient } from 'mongodb';
import { MonitorWatchdog } from '../../adapters/storage/mongo/monitorWatchdog';

/** The driver's heartbeat events from a stand-in client, on a clock the test moves. */
function watchdogOn(clock: { now: number }) {
  const client = new EventEmitter();
  const stuck: string[] = [];
  const watchdog = new MonitorWatchdog(client as unknown as MongoClient, {
    connectTimeoutMS: 1000,
    heartbeatFrequencyMS: 10_000,
    onStuck: (detail) => stuck.push(detail),
    now: () => clock.now,
  });
  return { client, stuck, watchdog };
}

describe('MonitorWatchdog', () => {
  test('a heartbeat with no answer and no error long after the connect timeout is reported once', () => {
    const clock = { now: 0 };
    const { client, stuck, watchdog } = watchdogOn(clock);
    client.emit('serverHeartbeatStarted', { connectionId: 'db:27017', awaited: false });
    watchdog.check(3000);
    expect(stuck).toEqual([]);
    watchdog.check(3001);
    expect(stuck).toEqual([expect.stringContaining('db:27017')]);
    watchdog.check(10_000);
    expect(stuck).toHaveLength(1);
    watchdog.stop();
  });

  test('heartbeats that succeed or fail in time are not reported', () => {
    const clock = { now: 0 };
    const { client, stuck, watchdog } = watchdogOn(clock);
    client.emit('serverHeartbeatStarted', { connectionId: 'a:1', awaited: false });
    client.emit('serverHeartbeatStarted', { connectionId: 'b:1', awaited: false });
    clock.now = 900;
    client.emit('serverHeartbeatSucceeded', { connectionId: 'a:1' });
    client.emit('serverHeartbeatFailed', { connectionId: 'b:1' });
    watchdog.check(60_000);
    expect(stuck).toEqual([]);
    watchdog.stop();
  });

  test('an awaited (streaming) heartbeat may wait for the heartbeat frequency as well', () => {
    const clock = { now: 0 };
    const { client, stuck, watchdog } = watchdogOn(clock);
    client.emit('serverHeartbeatStarted', { connectionId: 'db:27017', awaited: true });
    watchdog.check(12_000);
    expect(stuck).toEqual([]);
    watchdog.check(13_001);
    expect(stuck).toHaveLength(1);
    watchdog.stop();
  });
});
