// The bot as `npm start` runs it (configuration from the environment, SIGTERM handling), from the sources.
import { serve } from '../../../bot/serve';

void serve();
