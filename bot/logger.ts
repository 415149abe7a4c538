import pino, { type Bindings, type ChildLoggerOptions, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { redactFields } from './redactFields';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The project's logger: pino, one JSON object a line. */
export type Logger = PinoLogger;

/**
 * Fields that never reach a log line, wherever they appear in the logged object: what learners write and are
 * called, and credentials. Log ids (learner, activity, conversation), never the words.
 */
const REDACTED_FIELDS: ReadonlySet<string> = new Set([
  'text',
  'answer',
  'feedback',
  'displayName',
  'firstName',
  'ventureName',
  'ventureLine',
  'email',
  'name',
  'token',
  'password',
  'secret',
  'authorization',
  'cookie',
]);

/**
 * The one logger of the process. Errors go under `err` (pino's serializer keeps name, message and stack);
 * `destination` is for tests that read the lines back.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'social-venture-coach' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Not pino's `redact`: its wildcard paths (a field at any of three depths) ran on every value of every child
      // logger's bindings and of every log object, and took a tenth of what a turn allocated (a turn makes two or
      // three child loggers). The same fields are redacted here, at any depth, allocating only when there is one.
      formatters: { level: (label) => ({ level: label }), log: (object) => redactFields(object, REDACTED_FIELDS) },
    },
    destination,
  );
  return withRedactedBindings(logger);
}

/** Child loggers whose bindings are redacted too (pino's bindings formatter applies to the root logger's only). */
function withRedactedBindings(logger: Logger): Logger {
  const child = logger.child.bind(logger) as unknown as (bindings: Bindings, options?: ChildLoggerOptions) => Logger;
  const redactingChild = (bindings: Bindings, options?: ChildLoggerOptions) =>
    withRedactedBindings(child(redactFields(bindings, REDACTED_FIELDS), options));
  logger.child = redactingChild as unknown as Logger['child'];
  return logger;
}
