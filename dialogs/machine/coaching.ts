import { and } from 'xstate';
import { say, type CatalogueKey } from '../catalogue';
import { stepKey, type CoachWindow, type ConversationContext, type LessonPosition, type StepAnswer } from '../conversationContext';
import { localeOf, textOf } from '../eventInput';
import type { CoachSource, ConversationEvent } from '../events';
import type { CoachAsk, EmittedEvent, OutgoingMessage } from '../outgoing';
import { NEXT_VALUE } from '../presentStep';
import type { ProgrammeIndex } from '../programmeIndex';
import { normalizeInput } from '../normalizeInput';
import { baseSetup, type GuardArgs } from './baseSetup';
import { sayEvent, textEvent } from './conversationBehaviour';
import type { ProgrammeSetup } from './machineSetup';

type Replied = Extract<ConversationEvent, { type: 'coach.replied' }>;
/** The `enqueue` an enqueueActions action is given. */
type Enqueue = Parameters<Parameters<typeof baseSetup.enqueueActions>[0]>[0]['enqueue'];

/** Replies to the feedback that only mean "go on". */
const ACKNOWLEDGEMENTS = new Set([
  ...['ok', 'okej', 'okay', 'tack', 'tack sa mycket', 'tackar', 'bra', 'fint', 'toppen', 'jag forstar', 'uppfattat', 'ja', 'japp', 'kanon'],
  ...['thanks', 'thank you', 'thx', 'great', 'good', 'fine', 'got it', 'i see', 'cool', 'yes', 'nice', 'perfect', 'understood'],
  ...['nasta', 'vidare', 'next', 'ga vidare', 'go on'],
]);

const LABELS: Record<CoachAsk['kind'], Record<CoachSource, CatalogueKey>> = {
  feedback: { ai: 'aiFeedbackLabel', offline: 'offlineFeedbackLabel' },
  followUp: { ai: 'aiFollowUpLabel', offline: 'offlineFollowUpLabel' },
  question: { ai: 'aiAnswerLabel', offline: 'offlineAnswerLabel' },
};

/** The coach's reply as the learner reads it: labelled, so it is clear that a program wrote it (and which kind). */
export function labelledReply(context: ConversationContext, event: Replied): string {
  return `**${say(localeOf(context), LABELS[event.ask.kind][event.source])}:**\n${event.text}`;
}

/** What the learner is shown for "the current step" while the conversation about their answer is open. */
export function coachWindowMessage(context: ConversationContext, window: CoachWindow): OutgoingMessage {
  const locale = localeOf(context);
  if (window.stage !== 'feedbackOffered') return { kind: 'text', text: say(locale, 'coachWorking') };
  return {
    kind: 'choices',
    text: say(locale, 'feedbackFollowUpHint'),
    choices: [{ label: say(locale, 'next'), value: NEXT_VALUE, ...stepOf(context) }],
  };
}

function stepOf(context: ConversationContext): { step?: string } {
  const p = context.position;
  return p ? { step: stepKey(p.moduleId, p.lessonId, p.stepId) } : {};
}

const keyOf = (p: LessonPosition) => stepKey(p.moduleId, p.lessonId, p.stepId);

/**
 * The coach in the conversation: feedback on free-text answers (the lesson waits for it, then the learner may reply to
 * it once), and questions asked instead of answers (answered, then the learner is back where they asked). The machine
 * only asks (`coach.requested`) and takes replies (`coach.replied`); the turn engine brings them, in the same turn or a
 * later one, so a slow AI service never holds up the learner's answer.
 */
export function coachingBehaviour(index: ProgrammeIndex) {
  const nextRequestId = (context: ConversationContext) => (context.coachRequests ?? 0) + 1;
  const window = (context: ConversationContext) => context.coachWindow ?? null;
  const answerAt = (context: ConversationContext, position: LessonPosition): Extract<StepAnswer, { kind: 'text' }> | null => {
    const answer = context.answers[keyOf(position)];
    return answer?.kind === 'text' ? answer : null;
  };
  const replied = (event: ConversationEvent): Replied | null => (event.type === 'coach.replied' ? event : null);
  const askFor = (window: CoachWindow, requestId: number): CoachAsk =>
    window.stage === 'awaitingFollowUp'
      ? {
          kind: 'followUp',
          requestId,
          position: window.position,
          answer: window.answer,
          feedback: window.feedback ?? '',
          text: window.followUp ?? '',
        }
      : { kind: 'feedback', requestId, position: window.position, answer: window.answer };
  /** The answer log's record of a free-text answer, with the feedback when there is one. */
  const answerRecord = (position: LessonPosition, text: string, feedback?: string): EmittedEvent => ({
    type: 'answer.recorded',
    answer: { ...position, stepKind: 'question', answer: text, ...(feedback === undefined ? {} : { feedback }) },
  });

  /** Keeps the awaited feedback with the answer (logging the answer with it) and shows it, offered for a reply or not. */
  const takeFeedback = (context: ConversationContext, event: ConversationEvent, enqueue: Enqueue, offerFollowUp: boolean) => {
    const reply = replied(event);
    const open = window(context);
    if (!reply || !open) return;
    const answer = answerAt(context, open.position);
    if (answer) {
      enqueue.assign({ answers: { ...context.answers, [keyOf(open.position)]: { ...answer, feedback: reply.text, logged: true } } });
      if (!answer.logged) enqueue.emit(answerRecord(open.position, answer.text, reply.text));
    }
    const text = labelledReply(context, reply);
    if (!offerFollowUp) {
      enqueue.emit(textEvent(text));
      return;
    }
    const offered: CoachWindow = { ...open, stage: 'feedbackOffered', feedback: reply.text };
    enqueue.assign({ coachWindow: offered });
    const offer = coachWindowMessage(context, offered);
    enqueue.emit(sayEvent(offer.kind === 'choices' ? { ...offer, text: `${text}\n\n${offer.text}` } : { kind: 'text', text }));
  };

  /** A question asked instead of an answer: the coach answers it; nothing is applied to the step. */
  const askQuestion = (context: ConversationContext, event: ConversationEvent, enqueue: Enqueue, position: LessonPosition | null) => {
    if (event.type !== 'user.question') return;
    const requestId = nextRequestId(context);
    enqueue.assign({ coachRequests: requestId });
    enqueue.emit({ type: 'coach.requested', ask: { kind: 'question', requestId, position, text: event.text.trim() } });
  };

  return {
    guards: {
      isAwaitedReply: ({ context, event }: GuardArgs) => {
        const reply = replied(event);
        const open = window(context);
        return reply !== null && open !== null && open.stage !== 'feedbackOffered' && reply.ask.requestId === open.requestId;
      },
      isAiReply: ({ event }: GuardArgs) => replied(event)?.source === 'ai',
      isQuestionReply: ({ event }: GuardArgs) => replied(event)?.ask.kind === 'question',
      /** Feedback that came after the learner had gone on: kept with the answer if the answer is still the one asked about. */
      isLateFeedback: ({ context, event }: GuardArgs) => {
        const reply = replied(event);
        return reply?.ask.kind === 'feedback' && answerAt(context, reply.ask.position)?.coachRequestId === reply.ask.requestId;
      },
      isAcknowledgement: ({ event }: GuardArgs) => ACKNOWLEDGEMENTS.has(normalizeInput(textOf(event)).replace(/,/g, '')),
      /** A step that asks the learner to write a question ("How might we …?"): a question there is the answer. */
      isQuestionAnswerExpected: ({ context, event }: GuardArgs) => {
        const step = context.position ? index.step(context.position) : undefined;
        return event.type === 'user.question' && !event.addressed && step?.kind === 'question' && step.expectsQuestion === true;
      },
    },
    actions: {
      /** Keeps a free-text answer and asks the coach for feedback on it; the lesson waits in `awaitingFeedback`. */
      recordText: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const text = textOf(event);
        const position = context.position!;
        const requestId = nextRequestId(context);
        enqueue.assign({
          answers: { ...context.answers, [keyOf(position)]: { kind: 'text', text, coachRequestId: requestId } },
          coachRequests: requestId,
          coachWindow: { stage: 'awaitingFeedback', requestId, position, answer: text },
        });
        enqueue.emit({ type: 'coach.requested', ask: { kind: 'feedback', requestId, position, answer: text } });
      }),
      /** The learner wrote while the coach was working: they are told it is coming, and it is asked again (a lost reply is replaced). */
      askAgain: baseSetup.enqueueActions(({ context, enqueue }) => {
        const open = window(context);
        if (!open) return;
        const requestId = nextRequestId(context);
        const answer = answerAt(context, open.position);
        enqueue.assign({
          coachRequests: requestId,
          coachWindow: { ...open, requestId },
          ...(answer && open.stage === 'awaitingFeedback'
            ? { answers: { ...context.answers, [keyOf(open.position)]: { ...answer, coachRequestId: requestId } } }
            : {}),
        });
        enqueue.emit(textEvent(say(localeOf(context), 'coachWorking')));
        enqueue.emit({ type: 'coach.requested', ask: askFor(open, requestId) });
      }),
      /** Offline feedback for the answer asked about: kept with the answer, logged with it, and shown; the lesson goes on. */
      sayFeedback: baseSetup.enqueueActions(({ context, event, enqueue }) => takeFeedback(context, event, enqueue, false)),
      /** AI feedback: the same, offered for one reply. */
      offerFeedback: baseSetup.enqueueActions(({ context, event, enqueue }) => takeFeedback(context, event, enqueue, true)),
      /** Feedback that came after the learner went on: kept with the answer (and logged with it if not yet logged), not shown. */
      keepLateFeedback: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const reply = replied(event);
        if (reply?.ask.kind !== 'feedback') return;
        const answer = answerAt(context, reply.ask.position);
        if (!answer) return;
        enqueue.assign({ answers: { ...context.answers, [keyOf(reply.ask.position)]: { ...answer, feedback: reply.text, logged: true } } });
        if (!answer.logged) enqueue.emit(answerRecord(reply.ask.position, answer.text, reply.text));
      }),
      /** The learner's one reply to the feedback goes to the coach; then the lesson goes on. */
      askFollowUp: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const open = window(context);
        if (!open) return;
        const requestId = nextRequestId(context);
        const followUp = event.type === 'user.question' ? event.text.trim() : textOf(event);
        const next: CoachWindow = { ...open, stage: 'awaitingFollowUp', requestId, followUp };
        enqueue.assign({ coachRequests: requestId, coachWindow: next });
        enqueue.emit({ type: 'coach.requested', ask: askFor(next, requestId) });
      }),
      sayFollowUpReply: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const reply = replied(event);
        const open = window(context);
        if (!reply || !open) return;
        enqueue.emit(textEvent(labelledReply(context, reply)));
        const position = { ...open.position, stepId: `${open.position.stepId}/follow-up` };
        enqueue.emit({ type: 'answer.recorded', answer: { ...position, stepKind: 'follow-up', answer: open.followUp ?? '', feedback: reply.text } });
      }),
      /**
       * Leaving the wait for feedback by any way but the reply (a command, "back", the menu, a reload): the answer is
       * logged without it, so the log never misses an answer (feedback that comes later is still kept with it).
       */
      logAnswerIfLeftWaiting: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const open = window(context);
        if (open?.stage !== 'awaitingFeedback' || replied(event)?.ask.requestId === open.requestId) return;
        const answer = answerAt(context, open.position);
        if (!answer || answer.logged) return;
        enqueue.assign({ answers: { ...context.answers, [keyOf(open.position)]: { ...answer, logged: true } } });
        enqueue.emit(answerRecord(open.position, answer.text));
      }),
      /** The conversation about an answer is over once the lesson routes to a step or the learner is at the menu. */
      clearCoachWindow: baseSetup.assign(({ context }) => (context.coachWindow ? { coachWindow: null } : {})),
      /** A question asked instead of an answer: the coach answers it; nothing is applied to the step. */
      askQuestionInLesson: baseSetup.enqueueActions(({ context, event, enqueue }) => askQuestion(context, event, enqueue, context.position)),
      askQuestionAtMenu: baseSetup.enqueueActions(({ context, event, enqueue }) => askQuestion(context, event, enqueue, null)),
      /** A question typed where questions are not taken (onboarding, choosing a language): read as the text it is. */
      readQuestionAsText: baseSetup.enqueueActions(({ event, enqueue }) => {
        if (event.type !== 'user.question') return;
        enqueue.raise({ type: 'user.text', text: event.text, ...(event.shownStep ? { shownStep: event.shownStep } : {}) });
      }),
      /** The answer to a question, kept in the answer log beside the question (not as an answer to any step). */
      sayQuestionReply: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        const reply = replied(event);
        if (reply?.ask.kind !== 'question') return;
        enqueue.emit(textEvent(labelledReply(context, reply)));
        const at = reply.ask.position;
        enqueue.emit({
          type: 'answer.recorded',
          answer: {
            moduleId: at?.moduleId ?? '',
            lessonId: at?.lessonId ?? '',
            stepId: at ? `${at.stepId}/question` : 'question',
            stepKind: 'learner-question',
            answer: reply.ask.text,
            feedback: reply.text,
          },
        });
      }),
    },
  };
}

/**
 * The lesson's states for the conversation about an answer, entered from `question` once the answer is kept: waiting
 * for the feedback, the feedback offered for one reply (AI feedback only), and waiting for the reply to that.
 */
export function coachingStates(s: ProgrammeSetup) {
  const stillWorking = { actions: 'askAgain' } as const;
  const leave = 'logAnswerIfLeftWaiting' as const;
  const whileWorking = { 'user.text': stillWorking, 'user.choice': stillWorking, 'user.question': stillWorking } as const;
  return {
    awaitingFeedback: s.createStateConfig({
      exit: leave,
      on: {
        ...whileWorking,
        'coach.replied': [
          {
            guard: and(['isAwaitedReply', 'isAiReply']),
            actions: 'offerFeedback',
            target: 'feedbackOffered',
          },
          { guard: 'isAwaitedReply', actions: 'sayFeedback', target: 'routing' },
        ],
      },
    }),
    feedbackOffered: s.createStateConfig({
      on: {
        'user.choice': { target: 'routing' },
        'user.text': [
          { guard: 'isAcknowledgement', target: 'routing' },
          { guard: 'isTooLongAnswer', actions: 'sayAnswerTooLong' },
          { actions: 'askFollowUp', target: 'awaitingFollowUp' },
        ],
        'user.question': { actions: 'askFollowUp', target: 'awaitingFollowUp' },
      },
    }),
    awaitingFollowUp: s.createStateConfig({
      on: { ...whileWorking, 'coach.replied': [{ guard: 'isAwaitedReply', actions: 'sayFollowUpReply', target: 'routing' }] },
    }),
  };
}
