import type { Config } from '../../bot/config';
import type { Coach } from '../../bot/ports/coach';
import type * as OpenAiService from './openAiService';

/** The AI coach the configuration asks for, and how the consent names the service; null without one. */
export interface AiService {
  readonly coach: Coach;
  /** "OpenAI", "Azure OpenAI", or the host of a compatible server (AI_SERVICE_NAME overrides). */
  readonly name: string;
}

/**
 * The configured AI service (see openAiService.ts), or null. The OpenAI SDK (some 6 MB of heap) is loaded only when
 * a service is configured: the bot without one runs on the offline coach alone.
 */
export function aiServiceFrom(config: Config): AiService | null {
  if (!config.AZURE_OPENAI_ENDPOINT && !config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return null;
  // A plain require, loaded on demand: it resolves the same way compiled, under jest and from the sources.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openAiServiceFrom } = require('./openAiService') as typeof OpenAiService;
  return openAiServiceFrom(config);
}
