import type { MongoClient, ServerHeartbeatStartedEvent } from 'mongodb';

/** How often outstanding heartbeats are checked. */
const CHECK_EVERY_MS = 1000;
/** Time allowed beyond the driver's own bound before a heartbeat counts as stuck. */
const GRACE_MS = 2000;

/**
 * Notices when the driver's server monitor has stopped: a heartbeat that neither succeeds nor fails long after the
 * driver's own timeout. The driver (mongodb 7.9) waits for 'drain' on a socket that was destroyed between its check
 * and its write, and Node emits neither 'drain' nor 'error' there; seen when a silent partition ends. With its monitor
 * stopped the driver never marks the server usable again, and every operation times out until the process restarts.
 * `onStuck` is called once per stuck heartbeat; the store then replaces the driver's connections.
 */
export class MonitorWatchdog {
  /** When the outstanding heartbeat of each server started (ms, performance.now()). */
  private readonly outstanding = new Map<string, { startedAt: number; limitMs: number }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    client: MongoClient,
    private readonly options: {
      readonly connectTimeoutMS: number;
      readonly heartbeatFrequencyMS: number;
      readonly onStuck: (detail: string) => void;
      readonly now?: () => number;
    },
  ) {
    const now = options.now ?? (() => performance.now());
    client.on('serverHeartbeatStarted', (event: ServerHeartbeatStartedEvent) => {
      // An awaited (streaming) heartbeat legitimately waits up to heartbeatFrequencyMS for the server's news.
      const limitMs = options.connectTimeoutMS + (event.awaited ? options.heartbeatFrequencyMS : 0) + GRACE_MS;
      this.outstanding.set(event.connectionId, { startedAt: now(), limitMs });
    });
    const finished = (event: { connectionId: string }) => this.outstanding.delete(event.connectionId);
    client.on('serverHeartbeatSucceeded', finished);
    client.on('serverHeartbeatFailed', finished);
    this.timer = setInterval(() => this.check(now()), CHECK_EVERY_MS).unref();
  }

  /** Reports (and forgets) every heartbeat outstanding for longer than its limit. */
  check(nowMs: number): void {
    for (const [server, { startedAt, limitMs }] of this.outstanding) {
      const waited = nowMs - startedAt;
      if (waited <= limitMs) continue;
      this.outstanding.delete(server);
      this.options.onStuck(`the heartbeat to ${server} has had no answer and no error for ${Math.round(waited)} ms`);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.outstanding.clear();
  }
}
