import { WEB_CHAT_LIMITS } from '../../adapters/directline/webChatLimits';
import type { ChannelBot } from '../../bot/channel/channelTurn';
import { recordFinding } from '../support/findings';
import { startDirectLineHarness, type DirectLineHarness } from '../support/directLineHarness';

/** Greets, and answers every message. */
const bot: ChannelBot = async (turn) => {
  if (turn.activity.type === 'conversationUpdate') await turn.send([{ type: 'message', text: 'Welcome!' }]);
  if (turn.activity.type === 'message') await turn.send([{ type: 'message', text: `You said: ${turn.activity.text ?? ''}` }]);
};

interface Session {
  token: string;
  resume: string;
  userId: string;
  conversationId: string;
}

describe('web-chat token lifetime against a token thief', () => {
  let harness: DirectLineHarness;

  beforeEach(async () => {
    harness = await startDirectLineHarness({ bot });
  });
  afterEach(async () => harness.dispose());

  async function call(method: string, path: string, token?: string, body?: unknown) {
    const response = await fetch(`${harness.baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }
  const session = async (resume?: string) =>
    (await call('POST', '/api/webchat/session', undefined, resume ? { resume } : {})).body as unknown as Session;
  const refresh = async (token: string) => call('POST', '/v3/directline/tokens/refresh', token);
  const poll = async (learner: Session, token: string) =>
    (await call('GET', `/v3/directline/conversations/${learner.conversationId}/activities`, token)).status;
  const seconds = (ms: number) => ms / 1000;

  test('a copied access token stops working a moment after the page refreshes it', async () => {
    const learner = await session();
    await call('POST', '/v3/directline/conversations', learner.token);
    const stolen = learner.token;

    const refreshed = await refresh(learner.token);
    expect(refreshed.status).toBe(200);
    const current = refreshed.body.token as string;
    expect(await poll(learner, stolen)).toBe(200);
    harness.clock.advanceSeconds(seconds(WEB_CHAT_LIMITS.previousTokenGraceMs) + 1);

    expect(await poll(learner, stolen)).toBe(403);
    expect(
      (await call('POST', `/v3/directline/conversations/${learner.conversationId}/activities`, stolen, { type: 'message', text: 'x' })).status,
    ).toBe(403);
    expect(await poll(learner, current)).toBe(200);
    recordFinding(`the token before a refresh is refused ${seconds(WEB_CHAT_LIMITS.previousTokenGraceMs)} s after the refresh; the new one works`);
  });

  test('a thief who refreshes a copied token first ends that page session for both; the learner comes back with the resume key', async () => {
    const learner = await session();
    const thief = await refresh(learner.token);
    expect(thief.status).toBe(200);

    const pageRefresh = await refresh(learner.token);
    expect(pageRefresh.status).toBe(403);
    harness.clock.advanceSeconds(seconds(WEB_CHAT_LIMITS.previousTokenGraceMs) + 1);
    expect(await poll(learner, thief.body.token as string)).toBe(403);
    expect((await refresh(thief.body.token as string)).status).toBe(403);

    const back = await session(learner.resume);
    expect(back.userId).toBe(learner.userId);
    expect(await poll(back, back.token)).toBe(200);
    recordFinding('a refresh with a token that was already refreshed ends the page session: the thief is out, the page resumes with its key');
  });

  test('an access token lives 30 minutes, and a page session can be refreshed for 12 hours, then the page resumes afresh', async () => {
    const learner = await session();
    expect(await poll(learner, learner.token)).toBe(200);
    harness.clock.advanceSeconds(WEB_CHAT_LIMITS.accessTokenSeconds);
    expect(await poll(learner, learner.token)).toBe(403);

    let token = (await session(learner.resume)).token;
    let refreshes = 0;
    for (let elapsed = 0; elapsed < WEB_CHAT_LIMITS.pageSessionMaxAgeMs - 15 * 60_000; elapsed += 15 * 60_000) {
      harness.clock.advanceSeconds(15 * 60);
      const refreshed = await refresh(token);
      expect(refreshed.status).toBe(200);
      token = refreshed.body.token as string;
      refreshes += 1;
    }
    harness.clock.advanceSeconds(15 * 60 + 1);
    expect((await refresh(token)).status).toBe(403);
    expect((await session(learner.resume)).userId).toBe(learner.userId);
    recordFinding(
      `access tokens live ${WEB_CHAT_LIMITS.accessTokenSeconds / 60} min; ${refreshes} refreshes every 15 min, then the page session ends after 12 h`,
    );
  });

  test('two tabs opened at once with the same resume key both come back as the learner', async () => {
    const learner = await session();
    const [first, second] = await Promise.all([session(learner.resume), session(learner.resume)]);

    expect([first.userId, second.userId]).toEqual([learner.userId, learner.userId]);
    expect(first.resume).toBe(second.resume);
    expect([await poll(first, first.token), await poll(second, second.token)]).toEqual([200, 200]);
  });

  test('a resume key copied before the learner came back twice ends every session of the learner when it is used', async () => {
    const learner = await session();
    const laterVisit = await session(learner.resume);
    const visitAfterThat = await session(laterVisit.resume);
    expect(visitAfterThat.userId).toBe(learner.userId);

    const replay = await session(learner.resume);

    expect(replay.userId).not.toBe(learner.userId);
    expect(await poll(visitAfterThat, visitAfterThat.token)).toBe(403);
    expect((await session(visitAfterThat.resume)).userId).not.toBe(learner.userId);
    recordFinding('an old copy of a resume key, used after the learner has moved on, ends every session of that learner');
  });

  test('a resume key works within 30 days of the last visit, and each visit moves that on', async () => {
    const learner = await session();
    harness.clock.advanceSeconds(20 * 24 * 3600);
    const visit = await session(learner.resume);
    expect(visit.userId).toBe(learner.userId);
    harness.clock.advanceSeconds(25 * 24 * 3600);
    const later = await session(visit.resume);
    expect(later.userId).toBe(learner.userId);

    harness.clock.advanceSeconds(WEB_CHAT_LIMITS.resumeWindowMs / 1000 + 1);
    expect((await session(later.resume)).userId).not.toBe(learner.userId);
    recordFinding(`a resume key unused for ${WEB_CHAT_LIMITS.resumeWindowMs / 86_400_000} days opens nothing`);
  });

  test('at most ten pages per learner are open: opening another ends the one refreshed longest ago', async () => {
    const learner = await session();
    const pages = [learner];
    for (let page = 1; page < WEB_CHAT_LIMITS.pagesPerLearner + 1; page += 1) {
      harness.clock.advanceSeconds(1);
      pages.push(await session(learner.resume));
    }

    const open = await Promise.all(pages.map((page) => poll(page, page.token)));
    expect(open[0]).toBe(403);
    expect(open.slice(1).every((status) => status === 200)).toBe(true);
  });
});
