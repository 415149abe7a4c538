import OpenAI, { AzureOpenAI } from 'openai';
import type { Config } from '../../bot/config';
import type { AiService } from './aiService';
import { loadCoachPrompts } from './coachPrompts';
import { OpenAiCoach } from './openAiCoach';

/** Retries of one call (429 and 5xx, honouring retry-after); the coach's deadline bounds them all. */
const MAX_RETRIES = 2;

/**
 * The OpenAI SDK's client for the configured service: Azure OpenAI (AZURE_OPENAI_*), OpenAI or any compatible
 * server (OPENAI_*), or none. The only place that reads the AI settings.
 */
export function openAiServiceFrom(config: Config): AiService | null {
  const timeout = config.COACH_TIMEOUT_MS;
  if (config.AZURE_OPENAI_ENDPOINT && config.AZURE_OPENAI_API_KEY && config.AZURE_OPENAI_DEPLOYMENT) {
    const client = new AzureOpenAI({
      endpoint: config.AZURE_OPENAI_ENDPOINT,
      apiKey: config.AZURE_OPENAI_API_KEY,
      deployment: config.AZURE_OPENAI_DEPLOYMENT,
      apiVersion: config.AZURE_OPENAI_API_VERSION,
      maxRetries: MAX_RETRIES,
      timeout,
    });
    return withPrompts(client, config.AZURE_OPENAI_DEPLOYMENT, config.AI_SERVICE_NAME ?? 'Azure OpenAI');
  }
  if ((config.OPENAI_API_KEY || config.OPENAI_BASE_URL) && config.OPENAI_MODEL) {
    const client = new OpenAI({
      // A local compatible server may want no key; the SDK needs one to send, so it gets a placeholder.
      apiKey: config.OPENAI_API_KEY ?? 'no-key',
      ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
      maxRetries: MAX_RETRIES,
      timeout,
    });
    const name = config.AI_SERVICE_NAME ?? (config.OPENAI_BASE_URL ? new URL(config.OPENAI_BASE_URL).host : 'OpenAI');
    return withPrompts(client, config.OPENAI_MODEL, name);
  }
  return null;
}

function withPrompts(client: OpenAI, model: string, name: string): AiService {
  return { coach: new OpenAiCoach({ client, model, prompts: loadCoachPrompts() }), name };
}
