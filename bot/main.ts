import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { CurriculumError } from '../curriculum/loadCurriculum';

/** `npm start`: read the environment, start the bot, stop cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const app = await startApp(loadConfig());
  process.stdout.write(`\nThe programme bot is running. Open ${app.url}/ in a browser to try the web chat.\n\n`);
  const shutdown = () => {
    void app.stop().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CurriculumError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`The bot could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
