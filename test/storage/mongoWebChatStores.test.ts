import { MongoClient } from 'mongodb';
import { MongoConversationStreams } from '../../adapters/storage/mongo/mongoConversationStreams';
import { MongoRateCounters } from '../../adapters/storage/mongo/mongoRateCounters';
import { MongoWebSessions } from '../../adapters/storage/mongo/mongoWebSessions';
import { WebChatDatabase } from '../../adapters/storage/mongo/webChatCollections';
import type { StreamBudget } from '../../bot/ports/conversationStreamStore';
import { describeWithJongodb, type Jongodb, startJongodb } from '../support/jongodb';
import { describeWebChatStoresContract } from './webChatStoresContract';

let server: Jongodb;

/** One bot process's view: its own client on the database, as a second instance would have. */
function processOn(uri: string, budget: StreamBudget) {
  const client = new MongoClient(uri, { ignoreUndefined: true });
  const database = new WebChatDatabase(async () => {
    await client.connect();
    return client.db();
  });
  return {
    client,
    streams: new MongoConversationStreams(database, budget),
    sessions: new MongoWebSessions(database),
    counters: new MongoRateCounters(database),
  };
}

describeWithJongodb('the web chat stores on the MongoDB-compatible test server', () => {
  beforeAll(async () => {
    server = await startJongodb();
  });
  afterAll(async () => server?.stop());

  let databases = 0;
  describeWebChatStoresContract('MongoDB', async (budget) => {
    databases += 1;
    const uri = process.env.MONGODB_URI ?? server.uriFor(`webchat_contract_${databases}`);
    const first = processOn(uri, budget);
    const second = processOn(uri, budget);
    return {
      ...first,
      otherProcess: second,
      distinctCounts: process.env.MONGODB_URI !== undefined,
      async cleanup() {
        await Promise.all([first.client.close(), second.client.close()]);
      },
    };
  });
});
