import { z } from 'zod';

/** One open chat page (a browser tab) of a web-chat learner: the generation of its current access token. */
export const pageSessionSchema = z.strictObject({
  /** The access token of this generation is valid; a refresh moves to the next and retires this one. */
  generation: z.int().min(1),
  /** Until when (ms since the epoch) the previous generation is still accepted, so requests already on their way succeed. */
  previousValidUntil: z.number().optional(),
  /** When the page opened its session (ms since the epoch); a page session has a maximum age. */
  startedAt: z.number(),
  /** When the page last opened or refreshed (ms since the epoch); the page refreshed least recently goes first. */
  refreshedAt: z.number(),
});
export type PageSession = z.infer<typeof pageSessionSchema>;

/** Why a learner's web sessions were ended. */
export const sessionEndReasonSchema = z.enum(['deleted', 'unlinked', 'replayed']);
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

/**
 * Everything the server keeps about a web-chat learner's access: who they are (the learner key inside their tokens),
 * their conversation and organisation, the generation of their resume key, and their open pages.
 */
export const webSessionRecordSchema = z.strictObject({
  learnerKey: z.string().min(1).max(200),
  conversationId: z.string().min(1).max(200),
  organisationId: z.string().min(1).max(80),
  /** Incremented by every write; a write names the version it read (optimistic concurrency). */
  version: z.int().min(1),
  /** The resume key of this generation is accepted, and so is the next one (handed out but not yet used). */
  resumeGeneration: z.int().min(1),
  /** Open pages by page id. */
  pages: z.record(z.string(), pageSessionSchema),
  /** Set when the learner's sessions were ended; nothing of the record is usable any more. */
  ended: z.strictObject({ reason: sessionEndReasonSchema, at: z.number() }).optional(),
  /** The record is forgotten after this moment (ms since the epoch); every use moves it on. */
  expiresAt: z.number(),
});
export type WebSessionRecord = z.infer<typeof webSessionRecordSchema>;

/**
 * Where web-chat sessions live, shared by every bot process on the same store: one record per web-chat learner key,
 * changed only by compare-and-set on its version. A record past its `expiresAt` is treated as absent.
 */
export interface WebSessionStore {
  get(learnerKey: string, nowMs: number): Promise<WebSessionRecord | null>;
  /**
   * Writes the record if the stored version is still `expectedVersion` (null: only if none exists or the stored one
   * has expired). The record's version must be expectedVersion + 1 (or 1).
   */
  save(record: WebSessionRecord, expectedVersion: number | null, nowMs: number): Promise<'saved' | 'conflict'>;
  delete(learnerKey: string): Promise<void>;
  close(): Promise<void>;
}
