import { CurriculumError } from '../curriculum/loadCurriculum';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { OrganisationsError } from './organisations/loadOrganisations';
import { routeConsoleToLogger } from './routeConsoleToLogger';

/** Reads the environment, starts the bot, and stops it cleanly on SIGINT/SIGTERM. */
export async function serve(): Promise<void> {
  try {
    const config = loadConfig();
    const logger = createLogger(config.LOG_LEVEL);
    routeConsoleToLogger(logger);
    const app = await startApp(config, { logger });
    process.stdout.write(`\nThe programme bot is running. Open ${app.url}/ in a browser to try the web chat.\n\n`);
    const shutdown = () => {
      void app.stop().then(() => process.exit(0));
      setTimeout(() => process.exit(0), 5000).unref();
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CurriculumError || error instanceof OrganisationsError)
      process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`The bot could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
}
