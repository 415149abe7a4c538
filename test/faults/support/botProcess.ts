import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { spawnBot } from '../../support/processes/spawnTs';

/**
 * A bot process (bot/serve.ts from the sources) that a fault test starts, kills and starts again. The next process is
 * always waiting, loaded, as a standby (it opens nothing until it is told to start), so a restart costs the bot's own
 * start-up rather than loading every module again.
 */
export class BotProcess {
  private child: ChildProcess | undefined;
  private standby: ChildProcess | undefined;
  url = '';

  constructor(private readonly env: Record<string, string>) {}

  /** Starts the bot and resolves with its address once it listens. */
  async start(): Promise<string> {
    const child = this.standby ?? this.spawnStandby();
    this.standby = undefined;
    this.child = child;
    child.stdin!.write('start\n');
    let output = '';
    this.url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Open (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
        if (match) resolve(match[1]!);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code, signal) => reject(new Error(`the bot exited (${code ?? signal}) before it listened:\n${output}`)));
    });
    this.standby = this.spawnStandby();
    return this.url;
  }

  /** kill -9: no clean-up of any kind. */
  async kill(): Promise<void> {
    await this.stopWith('SIGKILL');
  }

  /** SIGTERM: the bot closes its store and exits; the standby goes too. */
  async stop(): Promise<void> {
    await this.stopWith('SIGTERM');
    const standby = this.standby;
    this.standby = undefined;
    if (standby && standby.exitCode === null) {
      const exited = once(standby, 'exit');
      standby.kill('SIGKILL');
      await exited;
    }
  }

  private spawnStandby(): ChildProcess {
    return spawnBot({ PORT: '0', LOG_LEVEL: 'warn', BOT_STANDBY: '1', ...this.env }, { stdio: ['pipe', 'pipe', 'pipe'] });
  }

  private async stopWith(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }
}
