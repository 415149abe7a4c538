import { z } from 'zod';

/**
 * The documents every Store keeps, with their schema version. Stores parse what they read with these
 * schemas (after migrateRecord), so a document written by an older release is upgraded in one place.
 */
export const RECORD_SCHEMA_VERSION = 1;

/** How a learner is known on one channel: Teams (AAD object id + tenant) or the web widget (a server-issued id). */
export const identitySchema = z.strictObject({
  channel: z.enum(['msteams', 'webchat', 'directline', 'emulator', 'test']),
  /** Teams: AAD object id; web chat: the id the server issued in the signed token. */
  userId: z.string().min(1).max(200),
  tenantId: z.string().min(1).max(200).optional(),
});
export type Identity = z.infer<typeof identitySchema>;

/**
 * A single key per identity within an organisation, so stores can index and look it up exactly: the same browser
 * on two cooperatives' sites, or one Teams user in two organisations, is two learners.
 */
export function identityKey(identity: Identity, organisationId: string): string {
  return `${organisationId}/${legacyIdentityKey(identity)}`;
}

/**
 * The key before identities were scoped by organisation (every learner was in the organisation "default"). Stores
 * still find an identity stored under it and move it to the scoped key the first time it is looked up.
 */
export function legacyIdentityKey(identity: Identity): string {
  return [identity.channel, identity.tenantId ?? '-', identity.userId].join(':');
}

/** The organisation of every learner before organisations existed; stores move such learners to the fallback one. */
export const LEGACY_ORGANISATION = 'default';

export const learnerRecordSchema = z.strictObject({
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  id: z.string().min(1),
  organisationId: z.string().min(1),
  identities: z.array(identitySchema).min(1),
  /** Mirrors of what the learner told the bot, kept here for advisors' lists. */
  locale: z.enum(['sv', 'en']).optional(),
  displayName: z.string().max(200).optional(),
  ventureName: z.string().max(200).optional(),
  consentedAt: z.string().optional(),
  /** The learner lets the organisation's advisors see their progress and answers; absent means no. */
  sharesWithAdvisors: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LearnerRecord = z.infer<typeof learnerRecordSchema>;

export const lessonStatusSchema = z.strictObject({
  status: z.enum(['not-started', 'in-progress', 'completed']),
  stepsDone: z.int().min(0),
  stepCount: z.int().min(0),
  quizCorrect: z.int().min(0),
  quizTotal: z.int().min(0),
});
export type LessonStatus = z.infer<typeof lessonStatusSchema>;

/** Per-module and per-lesson progress, derived from the conversation on every save, for advisors and exports. */
export const progressSummarySchema = z.strictObject({
  /**
   * The modules the learner has touched (a lesson begun, a step answered), each with all its lessons; a module left out
   * is not started.
   */
  modules: z.record(z.string(), z.strictObject({ lessons: z.record(z.string(), lessonStatusSchema) })),
  /** Artefact id → field id → the learner's latest answer. */
  artefacts: z.record(z.string(), z.record(z.string(), z.string())),
});
export type ProgressSummary = z.infer<typeof progressSummarySchema>;

/** Append-only: one record per answering activity, never updated. */
export const answerRecordSchema = z.strictObject({
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  learnerId: z.string().min(1),
  /** The channel activity that carried the answer; (learnerId, activityId) is unique. */
  activityId: z.string().min(1),
  moduleId: z.string(),
  lessonId: z.string(),
  stepId: z.string(),
  stepKind: z.string(),
  /** The answer as given: text, option ids, a scale value or goal numbers. */
  answer: z.union([z.string(), z.array(z.string()), z.number(), z.array(z.number())]),
  correct: z.boolean().optional(),
  feedback: z.string().optional(),
  at: z.string(),
});
export type AnswerRecord = z.infer<typeof answerRecordSchema>;

/** Most answer records one turn can commit (a turn records one answer, or an advisor request). */
export const MAX_PENDING_ANSWERS = 20;

export const progressRecordSchema = z.strictObject({
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  learnerId: z.string().min(1),
  /** Incremented by every successful save; a save names the version it read (optimistic concurrency). */
  version: z.int().min(1),
  /** The conversation as the dialogs layer persists it (its own schema version inside). */
  conversation: z.record(z.string(), z.unknown()),
  summary: progressSummarySchema,
  /**
   * The latest conversation reference per channel (Teams, web chat), refreshed by every turn, so advisor
   * feedback and reminders can be sent proactively. Kept here rather than in its own collection so that
   * storing it costs no extra write per turn.
   */
  conversationReferences: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /**
   * The lesson step each of the learner's channel identities was last shown (legacyIdentityKey → stepKey), so that an
   * answer typed in a window that is behind another is recognised instead of being applied to the step moved on to.
   */
  lastShown: z.record(z.string(), z.string()).optional(),
  /** Ids of the latest activities applied, so a redelivered activity is not applied twice. */
  recentActivityIds: z.array(z.string()).max(100),
  /**
   * The answer-log records of the turn that wrote this version, committed in the same atomic write as the progress (an
   * outbox): the log is appended after the commit, and if that append never happened (a crash, a lost connection), the
   * next turn, a redelivery or a read of the answers appends them. Absent when the turn recorded nothing.
   */
  pendingAnswers: z.array(answerRecordSchema).max(MAX_PENDING_ANSWERS).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProgressRecord = z.infer<typeof progressRecordSchema>;

/** Upgrades a stored document of any earlier schema version to the current one. Version 1 is the first. */
export function migrateRecord(document: Record<string, unknown>): Record<string, unknown> {
  const version = typeof document.schemaVersion === 'number' ? document.schemaVersion : 1;
  if (version > RECORD_SCHEMA_VERSION) {
    throw new Error(`stored document has schema version ${version}, newer than this release understands (${RECORD_SCHEMA_VERSION})`);
  }
  return { ...document, schemaVersion: RECORD_SCHEMA_VERSION };
}
