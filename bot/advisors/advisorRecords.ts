import { z } from 'zod';
import { RECORD_SCHEMA_VERSION } from '../records';

/**
 * The documents of the advisor side, kept by the advisor, notes, outbox and cohort ports. Like bot/records.ts they
 * carry the record schema version and are parsed with these schemas when read. Every one names its organisation, and
 * every port call is scoped by it.
 */

const version = z.literal(RECORD_SCHEMA_VERSION);
const isoTime = z.string().min(1);
const id = z.string().min(1).max(200);

export const ADVISOR_ROLES = ['advisor', 'admin'] as const;
export type AdvisorRole = (typeof ADVISOR_ROLES)[number];

/** An advisor or organisation admin: one organisation, matched on the web by email link, Entra (tenant + object id). */
export const advisorRecordSchema = z.strictObject({
  schemaVersion: version,
  id,
  organisationId: id,
  name: z.string().trim().min(1).max(200),
  /** Lower case; unique within the organisation. */
  email: z.string().trim().toLowerCase().min(3).max(320),
  role: z.enum(ADVISOR_ROLES),
  /** The dashboard's language, the advisor's own choice. */
  locale: z.enum(['sv', 'en']),
  entraTenantId: z.string().min(1).max(200).optional(),
  entraObjectId: z.string().min(1).max(200).optional(),
  createdAt: isoTime,
  lastSignInAt: isoTime.optional(),
});
export type AdvisorRecord = z.infer<typeof advisorRecordSchema>;

/** A one-time sign-in link, kept only as the SHA-256 hash of its token. */
export const signInLinkSchema = z.strictObject({
  schemaVersion: version,
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  advisorId: id,
  organisationId: id,
  expiresAt: isoTime,
});
export type SignInLink = z.infer<typeof signInLinkSchema>;

/** How a session was started; a Teams tab session may be framed by Teams, a web session by nobody. */
export const SESSION_KINDS = ['link', 'entra', 'teams-tab'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** A server-side dashboard session, kept by the SHA-256 hash of the cookie's value. */
export const advisorSessionSchema = z.strictObject({
  schemaVersion: version,
  idHash: z.string().regex(/^[0-9a-f]{64}$/),
  advisorId: id,
  organisationId: id,
  kind: z.enum(SESSION_KINDS),
  /** Sent back in every form; a state-changing request without it is refused. */
  csrfToken: z.string().min(32).max(200),
  createdAt: isoTime,
  lastSeenAt: isoTime,
  /** Absolute end, whatever the activity. */
  expiresAt: isoTime,
});
export type AdvisorSession = z.infer<typeof advisorSessionSchema>;

/** An Entra sign-in under way: what the callback needs to finish the code flow (PKCE verifier, nonce), by state hash. */
export const oidcLoginSchema = z.strictObject({
  schemaVersion: version,
  stateHash: z.string().regex(/^[0-9a-f]{64}$/),
  codeVerifier: z.string().min(43).max(128),
  nonce: z.string().min(16).max(200),
  expiresAt: isoTime,
});
export type OidcLogin = z.infer<typeof oidcLoginSchema>;

/** Which answer a note is about. */
export const answerRefSchema = z.strictObject({ moduleId: id, lessonId: id, stepId: id });
export type AnswerRef = z.infer<typeof answerRefSchema>;

/** Feedback an advisor wrote on a learner (optionally on one answer); delivered through the outbox. */
export const noteRecordSchema = z.strictObject({
  schemaVersion: version,
  id,
  organisationId: id,
  learnerId: id,
  advisorId: id,
  /** As the learner is told who wrote it, even if the advisor is later renamed or removed. */
  advisorName: z.string().min(1).max(200),
  text: z.string().trim().min(1).max(4000),
  answer: answerRefSchema.optional(),
  createdAt: isoTime,
});
export type NoteRecord = z.infer<typeof noteRecordSchema>;

/** "Talk to an advisor" from the chat: open until an advisor answers it with a note. */
export const advisorRequestSchema = z.strictObject({
  schemaVersion: version,
  id,
  organisationId: id,
  learnerId: id,
  status: z.enum(['open', 'answered']),
  createdAt: isoTime,
  answeredAt: isoTime.optional(),
  answeredByNoteId: id.optional(),
});
export type AdvisorRequestRecord = z.infer<typeof advisorRequestSchema>;

/** What the learner wrote back in the chat to a note (the note is the thread). */
export const learnerReplySchema = z.strictObject({
  schemaVersion: version,
  id,
  organisationId: id,
  learnerId: id,
  noteId: id,
  text: z.string().trim().min(1).max(4000),
  createdAt: isoTime,
});
export type LearnerReplyRecord = z.infer<typeof learnerReplySchema>;

/** Who looked at a learner's record and when; part of the learner's own export. */
export const accessLogEntrySchema = z.strictObject({
  schemaVersion: version,
  id,
  organisationId: id,
  learnerId: id,
  advisorId: id,
  advisorName: z.string().min(1).max(200),
  action: z.enum(['viewed', 'exported']),
  at: isoTime,
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;

export const DELIVERY_STATUSES = ['pending', 'sending', 'waiting-for-visit', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One message to send to a learner outside a turn (today: a note). Claimed with a lease by one dispatcher at a time;
 * a claim whose lease ran out is free again, so a dispatcher that dies between claim and send loses nothing.
 */
export const deliverySchema = z.strictObject({
  schemaVersion: version,
  id,
  organisationId: id,
  learnerId: id,
  noteId: id,
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.int().min(0),
  /** When a pending delivery may next be tried. */
  nextAttemptAt: isoTime,
  leaseOwner: z.string().min(1).max(200).optional(),
  leaseUntil: isoTime.optional(),
  /** The channel it went out on. */
  channel: z.string().min(1).max(40).optional(),
  /** Why the last attempt failed (a failed delivery keeps it as its reason). */
  lastError: z.string().max(500).optional(),
  deliveredAt: isoTime.optional(),
  createdAt: isoTime,
});
export type DeliveryRecord = z.infer<typeof deliverySchema>;

/**
 * The cohort read model: one row per learner, projected from the learner record and the progress summary after each
 * committed turn, so the dashboard's list is one indexed query instead of a read of every learner's progress.
 */
export const cohortEntrySchema = z.strictObject({
  schemaVersion: version,
  learnerId: id,
  organisationId: id,
  /** Mirrors the learner's consent; only sharing learners are ever listed. */
  sharesWithAdvisors: z.boolean(),
  displayName: z.string().max(200).optional(),
  ventureName: z.string().max(200).optional(),
  /** Lower-case name for sorting. */
  sortName: z.string().max(200),
  /** Normalised words of the name and venture; a search matches word prefixes. */
  searchTerms: z.array(z.string().max(200)).max(100),
  locale: z.enum(['sv', 'en']).optional(),
  channels: z.array(z.string().max(40)).max(10),
  lastActiveAt: isoTime,
  /** Distinct days (YYYY-MM-DD) with a committed turn, for the activity chart. */
  activeDays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(2000),
  lessonsDone: z.int().min(0),
  quizCorrect: z.int().min(0),
  quizTotal: z.int().min(0),
  /** Modules with any lesson started or done (the module filter). */
  startedModules: z.array(id).max(100),
  /** Module id → lessons done and lessons in it, for each module the learner has touched. */
  modules: z.record(z.string(), z.strictObject({ done: z.int().min(0), count: z.int().min(0) })),
  /** "module/lesson" → status of each lesson begun. */
  lessons: z.record(z.string(), z.enum(['in-progress', 'completed'])),
  /** Where the learner is: "module/lesson/step", when in a lesson. */
  position: z.string().max(400).optional(),
  /** "module/lesson/step" → whether the latest quiz answer was right. */
  quiz: z.record(z.string(), z.boolean()),
  updatedAt: isoTime,
});
export type CohortEntry = z.infer<typeof cohortEntrySchema>;
