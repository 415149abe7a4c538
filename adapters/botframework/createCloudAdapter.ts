import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  type AuthenticateRequestResult,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Config } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { ChannelTokenVerifier } from './channelTokenVerifier';
import { SharedConnectors } from './sharedConnectors';
import { SigningKeys } from './signingKeys';

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

/** The caller id the SDK sets on activities from Microsoft's public cloud (CallerIdConstants.PublicAzureChannel). */
const PUBLIC_AZURE_CALLER_ID = 'urn:botframework:azure';

/**
 * The Bot Framework adapter for Teams and Azure channels. Authentication is on whenever an app id is
 * configured (single-tenant, multi-tenant or user-assigned managed identity); without one the adapter
 * accepts unauthenticated requests, as in Bot Framework's local development.
 */
export function createCloudAdapter(config: Config, logger: Logger, endpoints?: BotFrameworkEndpoints): ProgrammeCloudAdapter {
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
  let verifier: ChannelTokenVerifier | null = null;
  if (config.MicrosoftAppId) {
    const keys = new SigningKeys({
      metadataUrl: endpoints?.ToBotFromChannelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      logger,
    });
    keys.warmUp();
    verifier = new ChannelTokenVerifier({
      keys,
      issuer: endpoints?.ToBotFromChannelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
      isValidAppId: (appId) => credentials.isValidAppId(appId),
    });
  }
  const authentication = new ChannelAuthentication({ ...endpoints }, credentials, verifier, {
    audience: endpoints?.ToChannelFromBotOAuthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
    callerId: endpoints?.CallerId ?? PUBLIC_AZURE_CALLER_ID,
  });
  return new ProgrammeCloudAdapter(authentication);
}

/** The CloudAdapter with its two steps public, so the route can deduplicate between them and answer errors itself. */
export class ProgrammeCloudAdapter extends CloudAdapter {
  constructor(private readonly authentication: ChannelAuthentication) {
    super(authentication);
  }

  /** Checks the request's credentials; rejects with AuthenticationError (401) or SigningKeysUnavailableError. */
  authenticate(authorization: string, activity: Activity): Promise<AuthenticateRequestResult> {
    return this.authentication.authenticateRequest(activity, authorization);
  }

  /** Runs the turn of an authenticated request; resolves with the invoke or expectReplies response, if any. */
  runTurn(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

/**
 * Bot Framework authentication whose channel-token check is the project's ChannelTokenVerifier (refusals without a
 * key lookup, cached keys, 401 for every token it cannot verify); outgoing credentials and connectors stay the SDK's,
 * made once and shared by the turns (SharedConnectors). Without an app id it is the SDK's anonymous authentication.
 */
class ChannelAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly shared = new SharedConnectors();

  constructor(
    endpoints: Partial<BotFrameworkEndpoints>,
    credentials: ConfigurationServiceClientCredentialFactory,
    private readonly verifier: ChannelTokenVerifier | null,
    private readonly outbound: { readonly audience: string; readonly callerId: string },
  ) {
    super(endpoints, credentials);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.shared.connectorFactory(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.shared.userTokenClient(claimsIdentity, () => super.createUserTokenClient(claimsIdentity));
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    if (!this.verifier) {
      const result = await super.authenticateRequest(activity, authHeader);
      if (!result.connectorFactory) return result;
      return { ...result, connectorFactory: this.shared.connectorFactory(result.connectorFactory, result.claimsIdentity) };
    }
    const claims = await this.verifier.verify(authHeader, activity);
    const claimsIdentity = new ClaimsIdentity(
      Object.entries(claims).map(([type, value]) => ({ type, value: value as string })),
      true,
    );
    return {
      audience: this.outbound.audience,
      callerId: this.outbound.callerId,
      claimsIdentity,
      connectorFactory: this.createConnectorFactory(claimsIdentity),
    };
  }
}
