import type { ConversationContext } from '../dialogs/conversationContext';
import { localeOf } from '../dialogs/eventInput';
import type { OutgoingMessage } from '../dialogs/outgoing';
import type { ProgrammeIndex } from '../dialogs/programmeIndex';
import type { Logger } from './logger';
import type { Coach, CoachRequest } from './ports/coach';

type CoachRequestMessage = Extract<OutgoingMessage, { kind: 'coachRequest' }>;

/**
 * Asks the configured coach for feedback within a deadline, and falls back to the offline coach
 * when it fails or is too slow, so a turn always completes within the channel's time limit.
 */
export class CoachService {
  constructor(
    private readonly primary: Coach,
    private readonly fallback: Coach,
    private readonly logger: Logger,
    private readonly deadlineMs = 8000,
  ) {}

  async feedbackFor(message: CoachRequestMessage, context: ConversationContext, index: ProgrammeIndex): Promise<string | null> {
    const request = this.requestFor(message, context, index);
    if (!request) return null;
    if (this.primary === this.fallback) return this.fallback.feedback(request, AbortSignal.timeout(this.deadlineMs));
    try {
      return await withDeadline(this.deadlineMs, (signal) => this.primary.feedback(request, signal));
    } catch (error) {
      this.logger.warn({ err: error }, 'coach failed or was too slow; using the offline coach');
      return this.fallback.feedback(request, AbortSignal.timeout(this.deadlineMs));
    }
  }

  private requestFor(message: CoachRequestMessage, context: ConversationContext, index: ProgrammeIndex): CoachRequest | null {
    const module = index.module(message.moduleId);
    const lesson = index.lesson(message.moduleId, message.lessonId);
    const step = index.step(message);
    const locale = localeOf(context);
    if (!module || !lesson || step?.kind !== 'question') return null;
    return {
      locale,
      step,
      answer: message.answer,
      moduleTitle: module.title[locale],
      lessonTitle: lesson.title[locale],
      venture: {
        ...(context.profile.ventureName ? { name: context.profile.ventureName } : {}),
        ...(context.profile.ventureLine ? { description: context.profile.ventureLine } : {}),
      },
    };
  }
}

/** Runs `task` with an abort signal, and rejects when the deadline passes even if the task ignores the signal. */
async function withDeadline<T>(deadlineMs: number, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${deadlineMs} ms`));
    }, deadlineMs);
  });
  try {
    return await Promise.race([task(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
