import { CurriculumError } from '../curriculum/loadCurriculum';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { OrganisationsError } from './organisations/loadOrganisations';
import { StoreInUseError } from './ports/store';
import { routeConsoleToLogger } from './routeConsoleToLogger';

/** Time allowed on top of the grace period for closing the store, before the process gives up and exits 1. */
const CLOSE_MARGIN_MS = 5000;

/**
 * Reads the environment, starts the bot, and on SIGTERM or SIGINT drains it: new requests get 503 (a load balancer
 * stops routing here), those in progress finish within SHUTDOWN_GRACE_SECONDS, the store is closed, and the process
 * exits 0. A second signal, or a drain that hangs, exits 1 at once.
 */
export async function serve(): Promise<void> {
  try {
    const config = loadConfig();
    const logger = createLogger(config.LOG_LEVEL);
    routeConsoleToLogger(logger);
    const app = await startApp(config, { logger });
    process.stdout.write(`\nThe programme bot is running. Open ${app.url}/ in a browser to try the web chat.\n\n`);
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal during shutdown: exiting now');
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal, graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, 'shutting down: draining requests in progress');
      setTimeout(
        () => {
          logger.error('shutdown did not finish in time: exiting');
          process.exit(1);
        },
        config.SHUTDOWN_GRACE_SECONDS * 1000 + CLOSE_MARGIN_MS,
      ).unref();
      void app.drain().then(
        (outcome) => {
          logger.info(outcome, 'shut down');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CurriculumError || error instanceof OrganisationsError || error instanceof StoreInUseError)
      process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`The bot could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
}
