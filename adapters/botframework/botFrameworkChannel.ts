import type { Activity } from 'botbuilder';
import type { Server } from 'restify';
import type { OutboundActivity } from '../../bot/channel/activity';
import type { ChannelBot } from '../../bot/channel/channelTurn';
import type { Config } from '../../bot/config';
import type { ExactlyOnce } from '../../bot/exactlyOnce';
import type { Logger } from '../../bot/logger';
import { channelTurnOf } from './channelTurnOf';
import { createCloudAdapter, type BotFrameworkEndpoints, type ProgrammeCloudAdapter } from './createCloudAdapter';
import { MessagesRateLimit } from './messagesRateLimit';
import { registerMessagesRoute } from './messagesRoute';

export type { BotFrameworkEndpoints } from './createCloudAdapter';

export interface BotFrameworkChannelOptions {
  /** The Bot Framework registration (app id, secret or managed identity, tenant). */
  readonly config: Config;
  /** Tests and private clouds only: where tokens and keys come from. Unset, Microsoft's public cloud. */
  readonly endpoints?: BotFrameworkEndpoints;
  readonly bot: ChannelBot;
  /** Runs each delivery once (Teams retries slow requests with the same activity id). */
  readonly deliveries: ExactlyOnce;
  readonly logger: Logger;
}

/**
 * Teams and the Azure Bot Service channels, through the Bot Framework SDK. Everything in the project that imports
 * botbuilder lives in this folder: moving to the Microsoft 365 Agents SDK (same protocol, same registration) is a
 * change here alone.
 */
export class BotFrameworkChannel {
  private readonly adapter: ProgrammeCloudAdapter;

  constructor(private readonly options: BotFrameworkChannelOptions) {
    this.adapter = createCloudAdapter(options.config, options.logger, options.endpoints);
    // The bot answers its own failures; what reaches this handler failed in the SDK (a reply that could not be sent).
    this.adapter.onTurnError = async (context, error) => {
      options.logger.error({ err: error, channel: context.activity.channelId, activityType: context.activity.type }, 'Bot Framework turn failed');
    };
  }

  /** POST /api/messages; limited per client address while it is unauthenticated (no app id). */
  registerRoutes(server: Server): void {
    const { config } = this.options;
    const sendLater = (reference: Readonly<Record<string, unknown>>, activities: readonly OutboundActivity[]) => this.sendTo(reference, activities);
    registerMessagesRoute(server, {
      adapter: this.adapter,
      logic: (context) => this.options.bot(channelTurnOf(context, sendLater)),
      deliveries: this.options.deliveries,
      storeBudgetMs: config.MONGODB_REQUEST_TIMEOUT_MS,
      ...(config.MicrosoftAppId ? {} : { rateLimit: new MessagesRateLimit(config.UNAUTHENTICATED_MESSAGES_PER_MINUTE, config.TRUST_PROXY) }),
      logger: this.options.logger,
    });
  }

  /** Sends activities into a conversation outside a turn (Teams: the app must be installed for the user). */
  async sendTo(reference: Readonly<Record<string, unknown>>, activities: readonly OutboundActivity[]): Promise<void> {
    await this.adapter.continueConversationAsync(this.options.config.MicrosoftAppId ?? '', reference, async (context) => {
      await context.sendActivities(activities.map((a) => ({ ...a }) as Partial<Activity>));
    });
  }
}
