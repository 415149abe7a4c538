import { randomUUID } from 'node:crypto';
import { loadCurriculumOrThrow } from '../../../curriculum/loadCurriculum';
import { ProgrammeIndex } from '../../../dialogs/programmeIndex';
import { promptOf } from '../../support/scriptedLearner';
import { isApology, type MessagesLearner } from './messagesLearner';

const index = new ProgrammeIndex(loadCurriculumOrThrow());
export const faultModule = index.modules[0]!;
const lesson = faultModule.lessons[0]!;
const questionAt = lesson.steps.findIndex((step) => step.kind === 'question');
const question = lesson.steps[questionAt]!;
const after = lesson.steps[questionAt + 1]!;
/** "Next" presses from the start of the lesson to its first question. */
export const STEPS_BEFORE_QUESTION = questionAt;

/** An answer the bot acknowledged: its reply was not an apology. */
export interface AcknowledgedAnswer {
  readonly activityId: string;
  readonly text: string;
}

/**
 * A learner answering the lesson's first question again and again: an answer (logged), "back" to the question, an
 * answer, … Where the learner is after a failure is found out by asking to continue.
 */
export class AnswerLoop {
  private at: 'question' | 'after' | 'unknown' = 'question';
  private count = 0;
  readonly acknowledged: AcknowledgedAnswer[] = [];
  turns = 0;
  apologies = 0;

  constructor(readonly learner: MessagesLearner) {}

  /** Runs turns until `stop()` says so or a request fails (the bot died); never throws. */
  async run(stop: () => boolean, onAnswer: () => void = () => undefined): Promise<void> {
    while (!stop()) {
      try {
        if ((await this.step()) === 'answer acknowledged') onAnswer();
      } catch {
        this.at = 'unknown';
        return;
      }
    }
  }

  /** One turn. */
  async step(): Promise<'answer acknowledged' | 'other'> {
    this.turns += 1;
    if (this.at === 'question') {
      const answer = { activityId: randomUUID(), text: `Answer ${this.count++} of ${this.learner.userId}: people are lonely.` };
      const reply = await this.learner.say(answer.text, answer.activityId);
      if (isApology(reply)) {
        this.apologies += 1;
        this.at = 'unknown';
        return 'other';
      }
      this.acknowledged.push(answer);
      this.at = whereAfter(reply);
      return 'answer acknowledged';
    }
    const reply = await this.learner.say(this.at === 'after' ? 'back' : 'continue');
    if (isApology(reply)) this.apologies += 1;
    this.at = whereAfter(reply);
    return 'other';
  }
}

function whereAfter(reply: string): 'question' | 'after' | 'unknown' {
  if (reply.includes(promptOf(after, 'en'))) return 'after';
  if (reply.includes(promptOf(question, 'en'))) return 'question';
  return 'unknown';
}
