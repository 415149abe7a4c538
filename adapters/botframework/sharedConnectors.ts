import { LRUCache } from 'lru-cache';
import { type ClaimsIdentity, type ConnectorClient, ConnectorFactory, JwtTokenValidation, type UserTokenClient } from 'botframework-connector';

/** Connector clients kept: one per bot app id, channel service URL and audience, of which a bot meets a handful. */
const MAX_CLIENTS = 100;

/**
 * The connector and user-token clients of Bot Framework authentication, made once per app id, service URL and audience
 * and shared by every turn, as the SDK's older BotFrameworkAdapter shared them. The CloudAdapter asks for new ones on
 * every activity, and building one (its HTTP pipeline, credentials and policies) was some 4 % of a turn's CPU in the
 * HTTP bench's profile. The clients keep no per-turn state; their credentials cache the bot's token.
 */
export class SharedConnectors {
  private readonly connectors = new LRUCache<string, Promise<ConnectorClient>>({ max: MAX_CLIENTS });
  private readonly userTokenClients = new LRUCache<string, Promise<UserTokenClient>>({ max: MAX_CLIENTS });

  /** A factory whose clients are made by `factory` the first time a key is asked for, and shared after. */
  connectorFactory(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
    return new SharingConnectorFactory(factory, this.connectors, appId);
  }

  /** The user-token client for the identity's app id, made by `create` the first time. */
  userTokenClient(claimsIdentity: ClaimsIdentity, create: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    const appId = JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
    return shared(this.userTokenClients, appId, create);
  }
}

class SharingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly clients: LRUCache<string, Promise<ConnectorClient>>,
    private readonly appId: string,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return shared(this.clients, `${this.appId}\n${serviceUrl}\n${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
  }
}

/** The value under `key`, made once; a making that fails is forgotten, so the next turn tries again. */
function shared<T extends object>(cache: LRUCache<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known) return known;
  const made = make();
  cache.set(key, made);
  made.catch(() => {
    if (cache.get(key) === made) cache.delete(key);
  });
  return made;
}
