import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  StatusCodes,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../../bot/config';

/**
 * Where Bot Framework authentication gets the channel's signing keys and the bot's outgoing tokens: the seven
 * endpoint settings of ConfigurationBotFrameworkAuthentication, which take effect only all together.
 * ToChannelFromBotLoginUrl must be https; outside login.microsoftonline.com it is the token authority as it is
 * (the SDK does not append MicrosoftAppTenantId), so it must name the tenant itself.
 */
export interface BotFrameworkEndpoints {
  readonly ToBotFromChannelOpenIdMetadataUrl: string;
  readonly ToBotFromChannelTokenIssuer: string;
  readonly ToBotFromEmulatorOpenIdMetadataUrl: string;
  readonly ToChannelFromBotLoginUrl: string;
  readonly ToChannelFromBotOAuthScope: string;
  readonly OAuthUrl: string;
  readonly CallerId: string;
}

/**
 * The Bot Framework adapter for Teams and Azure channels. Authentication is on whenever an app id is
 * configured (single-tenant, multi-tenant or user-assigned managed identity); without one the adapter
 * accepts unauthenticated requests, as in Bot Framework's local development.
 */
export function createCloudAdapter(config: Config, endpoints?: BotFrameworkEndpoints): ProgrammeCloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory(
    config.MicrosoftAppId
      ? {
          MicrosoftAppId: config.MicrosoftAppId,
          MicrosoftAppPassword: config.MicrosoftAppPassword,
          MicrosoftAppType: config.MicrosoftAppType,
          MicrosoftAppTenantId: config.MicrosoftAppTenantId,
        }
      : {},
  );
  return new ProgrammeCloudAdapter(new ChannelAuthentication({ ...endpoints }, credentials));
}

/** The CloudAdapter with its authenticate-and-run step public, so the route answers errors itself. */
export class ProgrammeCloudAdapter extends CloudAdapter {
  /** Authenticates the request and runs the turn; resolves with the invoke or expectReplies response, if any. */
  runTurn(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

/**
 * Bot Framework authentication that answers every channel token it cannot verify with 401. The SDK lets the
 * JWT library's own errors (a signature that does not match the signing key, a token not valid yet, a disallowed
 * algorithm) escape as plain errors, which CloudAdapter answers with 500.
 */
class ChannelAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof Error && ['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError'].includes(error.name)) {
        throw new AuthenticationError(`Unauthorized. ${error.message}`, StatusCodes.UNAUTHORIZED);
      }
      throw error;
    }
  }
}
