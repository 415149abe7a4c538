import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { firstLesson, firstQuestion, LEARNER_NAME, openAiCoachAt, startCoachWorld, VENTURE, type CoachWorld } from '../support/coachWorld';
import { startOpenAiCompatibleServer, playModel, type ModelScript, type OpenAiCompatibleServer } from '../../scripts/openAiCompatibleServer';

const ANSWER = 'Older people in the countryside are lonely, and more of them every year.';
/** Long enough for a local server on a busy machine; the slow model answers well after it. */
const DEADLINE_MS = 4000;

/** A port on 127.0.0.1 with nothing listening: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the AI coach on the OpenAI SDK, against a local OpenAI-compatible server', () => {
  let model: OpenAiCompatibleServer;
  let world: CoachWorld;
  beforeEach(async () => {
    model = await startOpenAiCompatibleServer();
  });
  afterEach(async () => {
    await world?.dispose();
    await model.close();
  });

  async function answerTheFirstQuestion(script: ModelScript, options: { baseUrl?: string; maxRetries?: number } = {}) {
    model.script(playModel);
    world = await startCoachWorld(openAiCoachAt(options.baseUrl ?? model.baseUrl, { maxRetries: options.maxRetries }), { deadlineMs: DEADLINE_MS });
    await world.reachFirstQuestion();
    model.script(script);
    const from = world.conversation.transcript.length;
    const acknowledged = await world.conversation.send({ text: ANSWER, locale: 'en-GB' });
    await world.bot.settled();
    const answers = (await world.answers()).filter((a) => a.stepId === firstQuestion.id);
    return { acknowledged: acknowledged.filter((a) => a.type === 'message').map((a) => a.text ?? ''), later: world.textsSince(from), answers };
  }

  /** The learner got one feedback message and the lesson went on; the answer is stored once, with that feedback. */
  function expectFeedbackAndOneAnswer(result: Awaited<ReturnType<typeof answerTheFirstQuestion>>, label: RegExp) {
    expect(result.acknowledged).toEqual([expect.stringMatching(/^✔ Your answer is saved/)]);
    const feedback = result.later.filter((text) => label.test(text));
    expect(feedback).toHaveLength(1);
    expect(result.answers).toHaveLength(1);
    expect(result.answers[0]).toMatchObject({ stepKind: 'question', answer: ANSWER });
    expect(feedback[0]!.replace(/ +\n/g, '\n')).toContain(result.answers[0]!.feedback);
  }

  it('answers with AI feedback after the acknowledgement, stored with the answer; the request carries the rubric and the answer, not the name', async () => {
    const result = await answerTheFirstQuestion(playModel);

    expectFeedbackAndOneAnswer(result, /^\*\*AI feedback:\*\*/);
    expect(result.later.join('\n')).toMatch(/You are specific: “Older people in the countryside are …”/);
    expect(result.later[result.later.length - 1]).toMatch(/You can reply to the feedback once/);
    const [request] = model.requests.slice(-1);
    const body = request!.raw;
    expect(body).toContain(JSON.stringify(ANSWER).slice(1, -1));
    for (const criterion of firstQuestion.kind === 'question' ? (firstQuestion.rubric ?? []) : []) expect(body).toContain(criterion.met.en);
    expect(body).toContain(JSON.stringify(firstQuestion.prompt.en).slice(1, -1));
    expect(body).toContain(VENTURE);
    expect(body).not.toContain(LEARNER_NAME);
    expect(request!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'feedback', strict: true } });
    expect(world.usage.totals('coop-ai')).toMatchObject({ calls: 1, fallbacks: 0, outputTokens: 60 });
  });

  it('sends the offline feedback when the model is slower than the deadline, and drops its late answer', async () => {
    const result = await answerTheFirstQuestion((request, attempt) => ({ ...playModel(request, attempt), delayMs: DEADLINE_MS + 1000 }) as never);
    // Let the late answer arrive: it must change nothing.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expectFeedbackAndOneAnswer(result, /^\*\*Automatic feedback:\*\*/);
    expect(world.textsSince(0).filter((t) => /\*\*AI feedback:\*\*/.test(t))).toEqual([]);
    expect(world.usage.totals('coop-ai').fallbacks).toBe(1);
  });

  it('waits as a 429 asks (retry-after) and gives the AI feedback from the retry', async () => {
    const result = await answerTheFirstQuestion(
      (request, attempt) =>
        model.requests.filter((r) => r.body.response_format?.json_schema?.name === 'feedback').length === 1
          ? { kind: 'error', status: 429, headers: { 'retry-after': '1' }, message: 'Rate limit reached' }
          : playModel(request, attempt),
      { maxRetries: 2 },
    );

    expectFeedbackAndOneAnswer(result, /^\*\*AI feedback:\*\*/);
    expect(model.exchanges.filter((e) => e.status === 429)).toHaveLength(1);
  });

  it('falls back to the offline feedback on a 500', async () => {
    const result = await answerTheFirstQuestion(() => ({ kind: 'error', status: 500, message: 'The server had an error' }));
    expectFeedbackAndOneAnswer(result, /^\*\*Automatic feedback:\*\*/);
  });

  it('falls back to the offline feedback when the model answers something that is not the JSON asked for', async () => {
    const result = await answerTheFirstQuestion(() => ({ kind: 'malformed', content: '{"thin": false, "strength": "Good' }));
    expectFeedbackAndOneAnswer(result, /^\*\*Automatic feedback:\*\*/);
  });

  it('falls back to the offline feedback when the JSON does not fit the schema', async () => {
    const result = await answerTheFirstQuestion(() => ({
      kind: 'answer',
      content: { thin: false, strength: '', improvement: 'x', followUpQuestion: '' },
    }));
    expectFeedbackAndOneAnswer(result, /^\*\*Automatic feedback:\*\*/);
  });

  it('falls back to the offline feedback when the model refuses', async () => {
    const result = await answerTheFirstQuestion(() => ({ kind: 'refusal', refusal: 'I cannot help with that.' }));
    expectFeedbackAndOneAnswer(result, /^\*\*Automatic feedback:\*\*/);
  });

  it('falls back to the offline feedback when the connection is refused', async () => {
    const result = await answerTheFirstQuestion(playModel, { baseUrl: `http://127.0.0.1:${await closedPort()}/v1` });
    expectFeedbackAndOneAnswer(result, /^\*\*Automatic feedback:\*\*/);
  });
});

describe('the AI coach in a lesson', () => {
  let model: OpenAiCompatibleServer;
  let world: CoachWorld;
  beforeEach(async () => {
    model = await startOpenAiCompatibleServer();
  });
  afterEach(async () => {
    await world?.dispose();
    await model.close();
  });

  it('takes one reply to its feedback, answers it, and then the lesson goes on', async () => {
    world = await startCoachWorld(openAiCoachAt(model.baseUrl));
    await world.reachFirstQuestion();
    await world.send({ text: ANSWER });
    const from = world.conversation.transcript.length;

    await world.send({ text: 'Can you give me an example?' });

    const texts = world.textsSince(from);
    expect(texts[0]).toBe('One moment …');
    expect(texts[1]).toMatch(/^\*\*AI reply:\*\*\s+For example: “Half of the older people/);
    expect(texts[texts.length - 1]).not.toMatch(/You can reply to the feedback/);
    const followUp = model.requests[model.requests.length - 1]!;
    expect(followUp.body.response_format?.json_schema?.name).toBe('follow_up_reply');
    expect(followUp.raw).toContain('Can you give me an example?');
    const answers = await world.answers();
    expect(answers.filter((a) => a.stepId === firstQuestion.id)).toHaveLength(1);
    expect(answers.find((a) => a.stepKind === 'follow-up')).toMatchObject({
      answer: 'Can you give me an example?',
      feedback: expect.stringMatching(/^For example/),
    });
  });

  it('goes on at "ok" without asking the model again', async () => {
    world = await startCoachWorld(openAiCoachAt(model.baseUrl));
    await world.reachFirstQuestion();
    await world.send({ text: ANSWER });
    const asked = model.requests.length;

    const replies = await world.send({ text: 'ok' });

    expect(model.requests).toHaveLength(asked);
    expect(replies.filter((a) => a.type === 'message').length).toBeGreaterThan(0);
    expect(world.textsSince(0).join('\n')).not.toMatch(/One moment/);
  });

  it("sends the learner's earlier answers with a later one, so the feedback can build on them", async () => {
    world = await startCoachWorld(openAiCoachAt(model.baseUrl));
    await world.reachFirstQuestion();
    await world.send({ text: ANSWER });
    await world.send({ text: 'ok' });
    const steps = firstLesson.steps;
    for (const step of steps.slice(steps.indexOf(firstQuestion) + 1)) {
      if (step.kind === 'question') break;
      if (step.kind === 'quiz') await world.send({ value: { choice: step.options.find((option) => option.correct)!.id } });
      else await world.send({ value: { choice: 'next' } });
    }
    const later = 'Most of them live more than ten kilometres from a meeting place.';
    await world.send({ text: later });

    const feedback = model.requests.filter((request) => request.body.response_format?.json_schema?.name === 'feedback');
    expect(feedback).toHaveLength(2);
    expect(feedback[1]!.raw).toContain(later);
    expect(feedback[1]!.raw).toContain(JSON.stringify(ANSWER).slice(1, -1));
  });

  it('answers a question from the programme, names the lesson, and comes back to the same step', async () => {
    world = await startCoachWorld(openAiCoachAt(model.baseUrl));
    await world.reachFirstQuestion();
    const from = world.conversation.transcript.length;

    const acknowledged = await world.conversation.send({ text: 'What is an IOP?', locale: 'en-GB' });
    await world.bot.settled();

    expect(acknowledged.map((a) => a.text)).toEqual(['Good question! Let me look in the programme …']);
    const texts = world.textsSince(from);
    expect(texts[1]).toMatch(/^\*\*AI answer:\*\*\s+An IOP \(idea-based public partnership\)/);
    expect(texts[1]).toMatch(/📘 From the lesson “[^”]+” in the module “Working with the public sector”/);
    expect(texts[texts.length - 1]).toBe(firstQuestion.kind === 'question' ? firstQuestion.prompt.en : '');
    const request = model.requests[model.requests.length - 1]!;
    expect(request.body.response_format?.json_schema?.name).toBe('answer');
    expect(request.raw).toMatch(/public-sector\//);
    expect((await world.answers()).filter((a) => a.stepId === firstQuestion.id)).toEqual([]);
  });

  it('reuses the reply to an identical request, and answers offline once a learner is over their limit', async () => {
    world = await startCoachWorld(openAiCoachAt(model.baseUrl), { callsPerLearner: { limit: 1, windowMs: 60_000 } });
    await world.reachFirstQuestion();
    await world.send({ text: 'What is an IOP?' });
    await world.send({ text: 'What is an IOP?' });
    expect(model.requests).toHaveLength(1);

    const from = world.conversation.transcript.length;
    await world.send({ text: 'What does deadweight mean?' });

    expect(model.requests).toHaveLength(1);
    expect(world.textsSince(from)[0]).toMatch(/^\*\*Automatic search of the programme:\*\*/);
  });

  it('never calls the model for an organisation that has not turned the AI on', async () => {
    world = await startCoachWorld(openAiCoachAt(model.baseUrl), { aiEnabled: false });
    await world.reachFirstQuestion();
    const replies = await world.send({ text: ANSWER });

    expect(model.requests).toEqual([]);
    expect(replies.map((a) => a.text ?? '').join('\n')).toMatch(/\*\*Automatic feedback:\*\*/);
  });
});
