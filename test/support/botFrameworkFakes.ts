import type { BotFrameworkEndpoints } from '../../bot/app';
import { startFakeChannelIssuer, BOT_FRAMEWORK_ISSUER, type FakeChannelIssuer } from './fakeChannelIssuer';
import { startFakeConnector, type FakeConnector } from './fakeConnector';
import { startFakeLoginServer, type FakeLoginServer } from './fakeLoginServer';
import { routeHttpsLocally } from './routeHttpsLocally';
import { selfSignedCertificate } from './selfSignedCertificate';

/** Everything outside the bot that Bot Framework authentication talks to, on 127.0.0.1. */
export interface BotFrameworkFakes {
  /** The seven endpoint settings pointing at the fakes, for startApp's botFrameworkEndpoints. */
  readonly endpoints: BotFrameworkEndpoints;
  /** Signs the tokens a channel sends with activities; serves the keys to check them. */
  readonly issuer: FakeChannelIssuer;
  /** Issues the bot's outgoing token (MSAL's client-credentials flow). */
  readonly login: FakeLoginServer;
  /** The channel's connector: the serviceUrl the bot replies to. */
  readonly connector: FakeConnector;
  /** Stops the servers and gives Node its own HTTPS agent back. */
  stop(): Promise<void>;
}

/**
 * Starts the fakes for a bot registered in `tenantId`. While they run, HTTPS from this process reaches only them:
 * MSAL's instance discovery at login.microsoftonline.com is routed to the local login server.
 */
export async function startBotFrameworkFakes(tenantId: string): Promise<BotFrameworkFakes> {
  const tls = selfSignedCertificate(['127.0.0.1', 'login.microsoftonline.com']);
  const issuer = await startFakeChannelIssuer(['msteams']);
  const login = await startFakeLoginServer(tenantId, tls);
  const connector = await startFakeConnector();
  const restoreHttps = routeHttpsLocally(tls.cert, { 'login.microsoftonline.com': login.port });
  return {
    endpoints: {
      ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
      ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: issuer.metadataUrl,
      ToChannelFromBotLoginUrl: login.authority,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: `${login.url}/user-token-service-not-used`,
      CallerId: 'urn:botframework:azure',
    },
    issuer,
    login,
    connector,
    async stop() {
      restoreHttps();
      await Promise.all([issuer.close(), login.close(), connector.close()]);
    },
  };
}
