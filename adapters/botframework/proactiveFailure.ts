import type { SendFailure } from '../../bot/outbox/proactiveChannel';

/**
 * What a failed proactive send through the Bot Framework means for the outbox. The connector answers 429 when Teams
 * throttles and 5xx when it has trouble: both are worth another try (after Retry-After when it says so); a network
 * failure too. 403 (the app is not installed for the user, or was blocked) and 404 (the conversation is gone) will not
 * change by trying again.
 */
export function proactiveFailure(error: unknown): SendFailure {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status === undefined) return { retryable: true, reason: `could not reach the channel: ${message}`.slice(0, 300) };
  const retryable = status === 429 || status >= 500;
  const retryAfterMs = retryAfterOf(error);
  return { retryable, reason: `the channel answered HTTP ${status}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const record = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const value of [record.statusCode, record.status, record.response?.status]) if (typeof value === 'number') return value;
  return undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined | null } } }).response?.headers;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  const seconds = value ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 3600) * 1000 : undefined;
}
