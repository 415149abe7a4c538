import { startLocalJsonServer } from './localJsonServer';

/** An activity the bot sent to the channel's connector. */
export interface ConnectorPost {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly activity: { readonly type: string; readonly text?: string } & Record<string, unknown>;
}

/** A local stand-in for a channel's Bot Connector service (the activity's serviceUrl) that records the bot's replies. */
export interface FakeConnector {
  /** The serviceUrl to put on activities, with a trailing slash as channels send it. */
  readonly serviceUrl: string;
  readonly posts: readonly ConnectorPost[];
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const posts: ConnectorPost[] = [];
  const server = await startLocalJsonServer((request) => {
    if (request.method !== 'POST' || !/^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(request.url)) return undefined;
    const authorization = request.headers.authorization;
    posts.push({ path: request.url, authorization, activity: JSON.parse(request.body) as ConnectorPost['activity'] });
    return { body: { id: `reply-${posts.length}` } };
  });
  return { serviceUrl: `${server.url}/`, posts, close: () => server.close() };
}
