import type { Activity, TurnContext } from 'botbuilder';
import { createCloudAdapter } from '../../adapters/botframework/createCloudAdapter';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';

/**
 * The CloudAdapter asks its authentication for a connector client and a user-token client on every activity; the
 * project's authentication makes each once per app id, service URL and audience and hands the same one to every turn.
 */
describe('connector clients across turns', () => {
  const adapter = createCloudAdapter(loadConfig({ NODE_ENV: 'test' }), createLogger('silent'));
  const activity = (serviceUrl: string): Activity =>
    ({
      type: 'message',
      id: `${Math.random()}`,
      channelId: 'test',
      serviceUrl,
      from: { id: 'learner' },
      recipient: { id: 'bot' },
      conversation: { id: 'conversation' },
      text: 'hello',
      deliveryMode: 'expectReplies',
    }) as Activity;

  /** The connector and user-token clients one turn got. */
  async function clientsOfTurn(serviceUrl: string): Promise<{ connector: unknown; userTokens: unknown }> {
    let seen: { connector: unknown; userTokens: unknown } | undefined;
    const authenticated = await adapter.authenticate('', activity(serviceUrl));
    await adapter.runTurn(authenticated, activity(serviceUrl), async (context: TurnContext) => {
      seen = { connector: context.turnState.get(adapter.ConnectorClientKey), userTokens: context.turnState.get(adapter.UserTokenClientKey) };
    });
    return seen!;
  }

  it('gives every turn from one service URL the same clients, and a turn from another URL its own connector', async () => {
    const first = await clientsOfTurn('http://127.0.0.1:9/');
    const second = await clientsOfTurn('http://127.0.0.1:9/');
    const elsewhere = await clientsOfTurn('http://127.0.0.2:9/');

    expect(first.connector).toBeDefined();
    expect(second.connector).toBe(first.connector);
    expect(second.userTokens).toBe(first.userTokens);
    expect(elsewhere.connector).not.toBe(first.connector);
  });
});
