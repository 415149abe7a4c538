import { OfflineCoach } from '../../adapters/ai/offlineCoach';
import { aiServiceFrom } from '../../adapters/ai/aiService';
import { ConfigError, loadConfig } from '../../bot/config';
import type { FeedbackRequest } from '../../bot/ports/coach';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../../scripts/openAiCompatibleServer';
import { firstQuestion, startCoachWorld, type CoachWorld } from '../support/coachWorld';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
}

const request: FeedbackRequest = {
  kind: 'feedback',
  locale: 'en',
  learner: { ventureName: 'Vätterhjul', earlierAnswers: [] },
  organisationId: 'coop-ai',
  lesson: { moduleId: 'm', lessonId: 'l', moduleTitle: 'M', lessonTitle: 'L', teaching: ['Describe the challenge.'] },
  stepId: firstQuestion.id,
  prompt: 'What is the challenge?',
  rubric: firstQuestion.kind === 'question' ? (firstQuestion.rubric ?? []) : [],
  answer: 'Older people in the countryside are lonely, and more of them every year.',
};

describe('the AI service settings', () => {
  it('has no AI service and an 8 s deadline when nothing is set', () => {
    const config = loadConfig({});
    expect(config.COACH_TIMEOUT_MS).toBe(8000);
    expect(aiServiceFrom(config)).toBeNull();
  });

  it.each([
    [{ AZURE_OPENAI_ENDPOINT: 'https://coach.openai.azure.com' }, 'AZURE_OPENAI_API_KEY'],
    [{ AZURE_OPENAI_ENDPOINT: 'https://coach.openai.azure.com', AZURE_OPENAI_API_KEY: 'k' }, 'AZURE_OPENAI_DEPLOYMENT'],
    [{ AZURE_OPENAI_ENDPOINT: 'not a url', AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_DEPLOYMENT: 'd' }, 'AZURE_OPENAI_ENDPOINT'],
    [{ OPENAI_API_KEY: 'sk-test' }, 'OPENAI_MODEL'],
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }, 'OPENAI_MODEL'],
    [{ COACH_TIMEOUT_MS: 'soon' }, 'COACH_TIMEOUT_MS'],
    [{ COACH_TIMEOUT_MS: '100' }, 'COACH_TIMEOUT_MS'],
    [{ COACH_CALLS_PER_LEARNER_PER_HOUR: '0' }, 'COACH_CALLS_PER_LEARNER_PER_HOUR'],
  ])('refuses %j with a message naming %s', (env, variable) => {
    expect(problemsOf(env)).toEqual([expect.stringMatching(new RegExp(`^${variable}: `))]);
  });

  describe('against a local compatible server', () => {
    let model: OpenAiCompatibleServer;
    beforeEach(async () => {
      model = await startOpenAiCompatibleServer();
    });
    afterEach(() => model.close());

    it('asks Azure OpenAI at the deployment, with the api version and the api-key header', async () => {
      const service = aiServiceFrom(
        loadConfig({
          AZURE_OPENAI_ENDPOINT: model.origin,
          AZURE_OPENAI_API_KEY: 'azure-test-key',
          AZURE_OPENAI_DEPLOYMENT: 'coach-mini',
          AZURE_OPENAI_API_VERSION: '2024-10-21',
        }),
      )!;
      expect(service.name).toBe('Azure OpenAI');

      const reply = await service.coach.reply(request, AbortSignal.timeout(5000));

      expect(reply).toMatchObject({ source: 'ai', model: 'coach-mini' });
      expect(reply.text).toMatch(/^✔ You are specific/);
      const [received] = model.requests;
      expect(received!.path).toBe('/openai/deployments/coach-mini/chat/completions?api-version=2024-10-21');
      expect(received!.headers['api-key']).toBe('azure-test-key');
    });

    it('asks a compatible server at OPENAI_BASE_URL for OPENAI_MODEL, and names it by its host', async () => {
      const service = aiServiceFrom(loadConfig({ OPENAI_BASE_URL: model.baseUrl, OPENAI_MODEL: 'llama-local' }))!;
      expect(service.name).toBe(new URL(model.baseUrl).host);

      await service.coach.reply(request, AbortSignal.timeout(5000));

      expect(model.requests.map((r) => [r.path, r.body.model])).toEqual([['/v1/chat/completions', 'llama-local']]);
    });
  });
});

describe('the consent when an organisation uses the AI coach', () => {
  let world: CoachWorld;
  afterEach(() => world.dispose());

  async function consentText(aiEnabled: boolean): Promise<string> {
    world = await startCoachWorld(new OfflineCoach(), { aiEnabled });
    await world.send({ text: 'hi' });
    const replies = await world.send({ value: { choice: 'en' } });
    return replies.map((a) => a.text ?? '').join('\n');
  }

  it('says the answers go to the AI service, and that the name and contact details never do', async () => {
    const text = await consentText(true);
    expect(text).toContain('are sent to Test AI so that you get feedback');
    expect(text).toContain('Your name and contact details are never sent.');
  });

  it('says nothing about an AI service when the organisation has it off', async () => {
    expect(await consentText(false)).not.toMatch(/AI|sent to/);
  });
});
