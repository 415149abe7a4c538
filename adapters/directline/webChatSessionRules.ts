import type { SessionEndReason, WebSessionRecord } from '../../bot/ports/webSessionStore';
import { WEB_CHAT_LIMITS } from './webChatLimits';
import type { AccessClaims } from './webChatTokens';
import { conversationIdFor } from './webChatTokens';

/**
 * The rules of web-chat sessions, as pure functions from a session record to the next one (WebChatSessions reads and
 * writes the records):
 *
 * - A learner has one record: their conversation, organisation, the generation of their resume key, and their open
 *   pages. Each page has its own access tokens, numbered by generation.
 * - Refreshing with the current generation moves the page to the next; the previous token is still accepted for a
 *   moment (requests on their way), then never again. Refreshing with any older token means two holders: the page
 *   session ends (the page comes back with its resume key; a thief who copied an access token is out).
 * - A resume key of the current generation, or of the next one (handed out, not yet used), opens a new page; using the
 *   next one makes it current. An older key means the key was copied and both copies are in use: every session of the
 *   learner ends (as OAuth 2.0 does when a rotated refresh token comes back).
 * - Deleting the learner's data ends every session; open pages are told the conversation is gone.
 */
export type ResumeOutcome =
  | { readonly kind: 'resumed'; readonly record: WebSessionRecord; readonly nextKeyGeneration: number }
  | { readonly kind: 'replayed'; readonly record: WebSessionRecord }
  | { readonly kind: 'refused' };

export type RefreshOutcome =
  | { readonly kind: 'refreshed'; readonly record: WebSessionRecord; readonly generation: number }
  | { readonly kind: 'replayed'; readonly record: WebSessionRecord }
  | { readonly kind: 'refused' };

/** Whether an access token may be used: `ended` when the learner's data was deleted (a poll then says so). */
export type AccessOutcome = 'ok' | 'ended' | 'refused';

const limits = WEB_CHAT_LIMITS;

/** A new learner's record, with the page that opened it. */
export function newSessionRecord(learnerKey: string, organisationId: string, pageId: string, nowMs: number): WebSessionRecord {
  return withPage(
    { learnerKey, conversationId: conversationIdFor(learnerKey), organisationId, version: 0, resumeGeneration: 1, pages: {}, expiresAt: 0 },
    pageId,
    nowMs,
  );
}

export function resumeWith(record: WebSessionRecord, keyGeneration: number, pageId: string, nowMs: number): ResumeOutcome {
  if (record.ended) return { kind: 'refused' };
  if (keyGeneration < record.resumeGeneration) return { kind: 'replayed', record: ended(record, 'replayed', nowMs) };
  if (keyGeneration > record.resumeGeneration + 1) return { kind: 'refused' };
  const promoted = { ...record, resumeGeneration: keyGeneration };
  return { kind: 'resumed', record: withPage(promoted, pageId, nowMs), nextKeyGeneration: keyGeneration + 1 };
}

export function refreshWith(record: WebSessionRecord, claims: AccessClaims, nowMs: number): RefreshOutcome {
  const page = record.pages[claims.pageId];
  if (record.ended || !page || nowMs - page.startedAt > limits.pageSessionMaxAgeMs) return { kind: 'refused' };
  if (claims.generation !== page.generation) {
    const { [claims.pageId]: _ended, ...pages } = record.pages;
    return { kind: 'replayed', record: next(record, { pages }, nowMs) };
  }
  const generation = page.generation + 1;
  const refreshed = { ...page, generation, previousValidUntil: nowMs + limits.previousTokenGraceMs, refreshedAt: nowMs };
  return { kind: 'refreshed', record: next(record, { pages: { ...record.pages, [claims.pageId]: refreshed } }, nowMs), generation };
}

export function accessWith(record: WebSessionRecord | null, claims: AccessClaims, nowMs: number): AccessOutcome {
  if (!record || record.conversationId !== claims.conversationId) return 'refused';
  if (record.ended) return record.ended.reason === 'deleted' ? 'ended' : 'refused';
  const page = record.pages[claims.pageId];
  if (!page) return 'refused';
  if (claims.generation === page.generation) return 'ok';
  const previousStillGood = claims.generation === page.generation - 1 && nowMs < (page.previousValidUntil ?? 0);
  return previousStillGood ? 'ok' : 'refused';
}

/** Every session of the learner ended; the record stays a while so that open pages learn it. */
export function ended(record: WebSessionRecord, reason: SessionEndReason, nowMs: number): WebSessionRecord {
  return { ...record, version: record.version + 1, pages: {}, ended: { reason, at: nowMs }, expiresAt: nowMs + limits.endedRecordMs };
}

/** The record with a new page, keeping at most the allowed number (the page refreshed least recently goes first). */
function withPage(record: WebSessionRecord, pageId: string, nowMs: number): WebSessionRecord {
  const live = Object.entries(record.pages).filter(([, page]) => nowMs - page.startedAt <= limits.pageSessionMaxAgeMs);
  live.sort(([, a], [, b]) => b.refreshedAt - a.refreshedAt);
  const kept = Object.fromEntries(live.slice(0, limits.pagesPerLearner - 1));
  return next(record, { pages: { ...kept, [pageId]: { generation: 1, startedAt: nowMs, refreshedAt: nowMs } } }, nowMs);
}

/** The next version of an active record: used now, so it is kept for the resume window from now. */
function next(record: WebSessionRecord, change: Partial<WebSessionRecord>, nowMs: number): WebSessionRecord {
  return { ...record, ...change, version: record.version + 1, expiresAt: nowMs + limits.resumeWindowMs };
}
