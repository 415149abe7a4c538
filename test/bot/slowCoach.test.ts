import type { Coach, CoachReply } from '../../bot/ports/coach';
import { firstQuestion, startCoachWorld, type CoachWorld } from '../support/coachWorld';

/** A coach like a slow or stuck AI service: it answers after `delayMs`, or never, and ignores cancellation. */
class SlowCoach implements Coach {
  answered = 0;
  constructor(private readonly delayMs: number | 'never') {}
  reply(): Promise<CoachReply> {
    if (this.delayMs === 'never') return new Promise(() => undefined);
    return new Promise((resolve) =>
      setTimeout(() => {
        this.answered += 1;
        resolve({ text: '✔ Feedback from the slow coach.', source: 'ai' });
      }, this.delayMs as number),
    );
  }
}

const ANSWER = 'Older people in the countryside are lonely.';

describe('a slow AI coach', () => {
  let world: CoachWorld;
  afterEach(async () => world.dispose());

  it('does not hold up the answer: the turn is acknowledged first, and its feedback follows as its own message', async () => {
    const coach = new SlowCoach(900);
    world = await startCoachWorld(coach);
    await world.reachFirstQuestion();

    const acknowledged = await world.conversation.send({ text: ANSWER, locale: 'en-GB' });
    expect(coach.answered).toBe(0);
    expect(acknowledged.map((a) => a.text)).toEqual(['✔ Your answer is saved. The feedback follows in a moment …']);
    expect((await world.answers()).filter((a) => a.stepId === firstQuestion.id)).toEqual([]);

    const from = world.conversation.transcript.length;
    await world.bot.settled();
    expect(
      world.conversation.transcript
        .slice(from)
        .map((a) => a.type)
        .join(','),
    ).toMatch(/^(typing,)+message$/);
    expect(world.textsSince(from)[0]).toMatch(/^\*\*AI feedback:\*\*\s+✔ Feedback from the slow coach\./);
    expect(await world.answers()).toEqual([expect.objectContaining({ stepId: firstQuestion.id, feedback: '✔ Feedback from the slow coach.' })]);
  });

  it('repeats the typing indicator while the service works, then sends the offline feedback at the deadline', async () => {
    world = await startCoachWorld(new SlowCoach('never'), { deadlineMs: 3000 });
    await world.reachFirstQuestion();
    const from = world.conversation.transcript.length;

    await world.send({ text: ANSWER });

    const after = world.conversation.transcript.slice(from).map((a) => a.type);
    expect(after.filter((type) => type === 'typing').length).toBeGreaterThanOrEqual(2);
    expect(after[after.length - 1]).toBe('message');
    expect(world.textsSince(from).some((t) => /^\*\*Automatic feedback:\*\*/.test(t))).toBe(true);
  });

  it('drops an answer that comes after the deadline', async () => {
    const coach = new SlowCoach(1600);
    world = await startCoachWorld(coach, { deadlineMs: 800 });
    await world.reachFirstQuestion();

    await world.send({ text: ANSWER });
    await new Promise((resolve) => setTimeout(resolve, 1200));

    expect(coach.answered).toBe(1);
    expect(world.textsSince(0).filter((t) => t.includes('slow coach'))).toEqual([]);
    expect((await world.answers()).filter((a) => a.stepId === firstQuestion.id)).toHaveLength(1);
  });
});
