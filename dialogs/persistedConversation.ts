import type { Snapshot } from 'xstate';
import { z } from 'zod';
import { lessonKey, stepKey, type ConversationContext, type LessonPosition } from './conversationContext';
import type { StepKind } from '../curriculum/schema';
import type { ProgrammeIndex } from './programmeIndex';
import { isPresentationStep } from './stepKinds';

/** Version of the persisted conversation document; bump it and add a step to `migrate` when the shape changes. */
export const CONVERSATION_SCHEMA_VERSION = 2;

const persistedSnapshotSchema = z.looseObject({
  status: z.enum(['active', 'done', 'error', 'stopped']),
  value: z.union([z.string(), z.record(z.string(), z.unknown())]),
  context: z.looseObject({
    locale: z.enum(['sv', 'en']).nullable(),
    profile: z.looseObject({}),
    position: z.strictObject({ moduleId: z.string(), lessonId: z.string(), stepId: z.string() }).nullable(),
    lessons: z.record(z.string(), z.strictObject({ status: z.enum(['in-progress', 'completed']), stepId: z.string() })),
    answers: z.record(z.string(), z.looseObject({ kind: z.string() })),
    pendingSdgMain: z.number().nullable(),
  }),
});

const persistedConversationSchema = z.strictObject({
  schemaVersion: z.literal(CONVERSATION_SCHEMA_VERSION),
  snapshot: persistedSnapshotSchema,
});

export type PersistedConversation = z.infer<typeof persistedConversationSchema>;

export function toPersistedConversation(snapshot: Snapshot<unknown>): PersistedConversation {
  const stored = withHistoryKeys(snapshot, (key) => key.replaceAll('.', '/'));
  return { schemaVersion: CONVERSATION_SCHEMA_VERSION, snapshot: stored as unknown as PersistedConversation['snapshot'] };
}

/**
 * XState keys `historyValue` by state ids such as "programme.active.history". Dots in field names are
 * refused by MongoDB before 5.0 and by some compatible services, so they are stored as slashes (state
 * names never contain one) and turned back on restore.
 */
function withHistoryKeys(snapshot: Record<string, unknown>, rename: (key: string) => string): Record<string, unknown> {
  const history = snapshot.historyValue;
  if (!history || typeof history !== 'object') return snapshot;
  return { ...snapshot, historyValue: Object.fromEntries(Object.entries(history).map(([key, value]) => [rename(key), value])) };
}

export interface RestoredConversation {
  readonly snapshot: Snapshot<unknown>;
  /** The learner's place no longer existed in the content and was moved; the turn should re-present it. */
  readonly relocated: boolean;
}

/** Parses a stored conversation, migrates older versions, and moves a learner whose step was removed from the content. */
export function restoreConversation(document: Record<string, unknown>, index: ProgrammeIndex): RestoredConversation {
  const parsed = persistedConversationSchema.parse(migrate(document));
  const snapshot = withHistoryKeys(parsed.snapshot, (key) => key.replaceAll('/', '.')) as StoredSnapshot;
  return reconcileWithContent(snapshot, index);
}

function migrate(document: Record<string, unknown>): Record<string, unknown> {
  const version = document.schemaVersion;
  if (typeof version !== 'number' || version > CONVERSATION_SCHEMA_VERSION) {
    throw new Error(`unsupported conversation schema version ${String(version)}`);
  }
  return version === 1 ? consentBeforeNames(document) : document;
}

/**
 * Version 1 asked for the learner's names before their consent, and its consent covered advisors reading the answers.
 * Version 2 asks for consent first and for sharing separately: a learner saved mid-onboarding without consent goes
 * back to the consent question with the names they gave removed (never stored again without consent), and a learner
 * who consented under version 1 shares with advisors, as that consent said.
 */
function consentBeforeNames(document: Record<string, unknown>): Record<string, unknown> {
  const snapshot = document.snapshot as { value?: unknown; context?: { profile?: Record<string, unknown> } } | undefined;
  const profile = snapshot?.context?.profile ?? {};
  const value = snapshot?.value as Record<string, unknown> | string | undefined;
  const askingNames = typeof value === 'object' && ['firstName', 'ventureName', 'ventureLine'].includes(String(value.onboarding));
  const migratedProfile = askingNames
    ? { ...(profile.consented === true ? profile : {}) }
    : { ...profile, ...(profile.consented === true && profile.sharesWithAdvisors === undefined ? { sharesWithAdvisors: true } : {}) };
  return {
    ...document,
    schemaVersion: 2,
    snapshot: {
      ...snapshot,
      ...(askingNames && profile.consented !== true ? { value: { onboarding: 'consent' } } : {}),
      context: { ...snapshot?.context, profile: migratedProfile },
    },
  };
}

type StoredSnapshot = PersistedConversation['snapshot'];

/** The state that presents a step of this kind. */
const STATE_FOR_KIND: Record<StepKind, string> = {
  teach: 'teaching',
  example: 'teaching',
  question: 'question',
  choice: 'choice',
  scale: 'scale',
  quiz: 'quiz',
  sdg: 'sdg',
  number: 'number',
  calculation: 'calculation',
  summary: 'summary',
};

function reconcileWithContent(snapshot: StoredSnapshot, index: ProgrammeIndex): RestoredConversation {
  const context = snapshot.context as unknown as ConversationContext;
  const position = context.position;
  const inLesson = typeof snapshot.value === 'object' && snapshot.value.active !== undefined;
  if (!position || index.step(position)) return { snapshot: snapshot as unknown as Snapshot<unknown>, relocated: false };

  const moved = nearestPosition(context, position, index);
  const lessons = { ...context.lessons };
  delete lessons[lessonKey(position.moduleId, position.lessonId)];
  if (moved) lessons[lessonKey(moved.moduleId, moved.lessonId)] = { status: 'in-progress', stepId: moved.stepId };
  const movedStep = moved ? index.step(moved) : undefined;
  const value = !inLesson ? snapshot.value : movedStep ? { active: { lesson: STATE_FOR_KIND[movedStep.kind] } } : { active: 'menu' };
  return {
    snapshot: {
      ...snapshot,
      value,
      context: { ...snapshot.context, position: moved, lessons, pendingSdgMain: null },
    } as unknown as Snapshot<unknown>,
    relocated: true,
  };
}

/**
 * Where a learner goes when their step no longer exists: the first unanswered question of the same lesson
 * (or its summary), else the first unfinished lesson of the same module, else the menu. Answers are kept.
 */
function nearestPosition(context: ConversationContext, position: LessonPosition, index: ProgrammeIndex): LessonPosition | null {
  const lesson = index.lesson(position.moduleId, position.lessonId);
  if (lesson) {
    const unanswered = lesson.steps.find((s) => !isPresentationStep(s) && context.answers[stepKey(position.moduleId, lesson.id, s.id)] === undefined);
    return { ...position, stepId: (unanswered ?? lesson.steps[lesson.steps.length - 1]!).id };
  }
  const module = index.module(position.moduleId);
  const next = module?.lessons.find((l) => context.lessons[lessonKey(module.id, l.id)]?.status !== 'completed');
  return module && next ? index.firstStep(module.id, next.id) : null;
}
