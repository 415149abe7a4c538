import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The project's logger: pino, one JSON object a line. */
export type Logger = PinoLogger;

/**
 * Fields that never reach a log line, wherever they appear in the logged object: what learners write and are
 * called, and credentials. Log ids (learner, activity, conversation), never the words.
 */
const REDACTED_FIELDS = [
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
];
const REDACT_PATHS = [...REDACTED_FIELDS, ...REDACTED_FIELDS.map((field) => `*.${field}`), ...REDACTED_FIELDS.map((field) => `*.*.${field}`)];

/**
 * The one logger of the process. Errors go under `err` (pino's serializer keeps name, message and stack);
 * `destination` is for tests that read the lines back.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'social-venture-coach' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
