import { format } from 'node:util';
import type { Logger } from './logger';

const LEVELS = { error: 'error', warn: 'warn', info: 'info', log: 'info', debug: 'debug' } as const;

/**
 * Sends what libraries print with console.* (the Bot Framework SDK reports every refused token with console.error)
 * through the project's logger, so that the process writes nothing but its JSON log lines. Returns a function that
 * puts the console back.
 */
export function routeConsoleToLogger(logger: Logger): () => void {
  const originals = new Map<keyof typeof LEVELS, (...args: unknown[]) => void>();
  const library = logger.child({ source: 'console' });
  for (const method of Object.keys(LEVELS) as (keyof typeof LEVELS)[]) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back, never called detached
    originals.set(method, console[method]);
    console[method] = (...args: unknown[]) => {
      const [first, ...rest] = args;
      if (first instanceof Error && rest.length === 0) library[LEVELS[method]]({ err: first }, first.message);
      else library[LEVELS[method]](format(...args));
    };
  }
  return () => {
    for (const [method, original] of originals) console[method] = original;
  };
}
