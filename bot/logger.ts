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
      // The log formatter runs before the serializers and leaves errors whole: their fields are redacted here.
      serializers: { err: (error: Error) => redactFields({ ...pino.stdSerializers.err(error) }, REDACTED_FIELDS) },
    },
    destination,
  );
  return withRedactedBindings(logger);
}

/**
 * Child loggers whose bindings are redacted too (pino's bindings formatter applies to the root logger's only). A
 * child inherits the root's `child` (pino makes it with Object.create), so this one function serves every level.
 */
function withRedactedBindings(logger: Logger): Logger {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with each logger as `this`
  const pinoChild = logger.child as unknown as (this: Logger, bindings: Bindings, options?: ChildLoggerOptions) => Logger;
  function redactingChild(this: Logger, bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return pinoChild.call(this, redactFields(bindings, REDACTED_FIELDS), options);
  }
  logger.child = redactingChild as unknown as Logger['child'];
  return logger;
}
