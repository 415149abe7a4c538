import type { Config } from '../../bot/config';
import type { Coach } from '../../bot/ports/coach';

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
export async function aiServiceFrom(config: Config): Promise<AiService | null> {
  if (!config.AZURE_OPENAI_ENDPOINT && !config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return null;
  const { openAiServiceFrom } = await import('./openAiService.js');
  return openAiServiceFrom(config);
}
