// The bot as `npm start` runs it (configuration from the environment, SIGTERM handling), from the sources. With
// BOT_STANDBY=1 it loads everything and then waits for a line on stdin before it starts: a warm standby, so a test that
// kills the bot again and again does not wait for the modules to load each time.
import { serve } from '../../../bot/serve';

if (process.env.BOT_STANDBY === '1') process.stdin.once('data', () => void serve());
else void serve();
