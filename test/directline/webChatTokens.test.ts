import { createHmac } from 'node:crypto';

import { conversationIdFor, newLearnerKey, WebChatTokens } from '../../adapters/directline/webChatTokens';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';

function clock(startMs = Date.UTC(2026, 0, 1)) {
  let now = startMs;
  return { now: () => now, advanceSeconds: (seconds: number) => (now += seconds * 1000) };
}

function tamper(token: string, part: 1 | 2, edit: (text: string) => string): string {
  const parts = token.split('.');
  parts[part] = edit(parts[part] ?? '');
  return parts.join('.');
}

describe('web-chat tokens', () => {
  test('a new learner gets a server-made learner key and the conversation derived from it', () => {
    const tokens = new WebChatTokens({ secret: SECRET });
    const issued = tokens.issueForNewLearner('demo');

    expect(issued.payload.learnerKey).toMatch(/^wl_[A-Za-z0-9_-]{32}$/);
    expect(issued.payload.conversationId).toBe(conversationIdFor(issued.payload.learnerKey));
    expect(issued.token.split('.')).toHaveLength(3);
    expect(issued.token.startsWith('wc1.')).toBe(true);
  });

  test('two new learners never share a key or a conversation', () => {
    const tokens = new WebChatTokens({ secret: SECRET });
    const first = tokens.issueForNewLearner('demo').payload;
    const second = tokens.issueForNewLearner('demo').payload;

    expect(first.learnerKey).not.toBe(second.learnerKey);
    expect(first.conversationId).not.toBe(second.conversationId);
  });

  test('the conversation id is stable for a learner key', () => {
    const learnerKey = newLearnerKey();
    expect(conversationIdFor(learnerKey)).toBe(conversationIdFor(learnerKey));
    expect(conversationIdFor(learnerKey)).toMatch(/^dl_[A-Za-z0-9_-]{32}$/);
  });

  test('a token verifies to exactly what was issued, with exp = now + ttl', () => {
    const time = clock();
    const tokens = new WebChatTokens({ secret: SECRET, ttlSeconds: 600, now: time.now });
    const issued = tokens.issueForNewLearner('demo');

    expect(tokens.verify(issued.token)).toEqual({ ok: true, payload: issued.payload });
    expect(issued.payload.exp).toBe(time.now() / 1000 + 600);
    expect(issued.expiresIn).toBe(600);
  });

  test('a token signed with another secret is refused as bad-signature', () => {
    const issued = new WebChatTokens({ secret: `${SECRET}-other` }).issueForNewLearner('demo');
    expect(new WebChatTokens({ secret: SECRET }).verify(issued.token)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test('changing the payload (to become another learner) breaks the signature', () => {
    const tokens = new WebChatTokens({ secret: SECRET });
    const victim = tokens.issueForNewLearner('demo').payload;
    const attacker = tokens.issueForNewLearner('demo').token;
    const forged = tamper(attacker, 1, () => Buffer.from(JSON.stringify({ ...victim, exp: victim.exp + 10_000 })).toString('base64url'));

    expect(tokens.verify(forged)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test.each([
    ['an empty string', ''],
    ['a token without parts', 'abc'],
    ['another format', 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln'],
    ['a signature with extra characters', 'SIGNATURE+!'],
  ])('%s is malformed', (_name, raw) => {
    const tokens = new WebChatTokens({ secret: SECRET });
    const token = raw === 'SIGNATURE+!' ? tamper(tokens.issueForNewLearner('demo').token, 2, (sig) => `${sig}!`) : raw;
    expect(tokens.verify(token)).toEqual({ ok: false, reason: 'malformed' });
  });

  test('a correctly signed payload without the expected fields is malformed', () => {
    // A payload the issuer would never produce, signed with the same MAC construction.
    const body = `wc1.${Buffer.from(JSON.stringify({ learnerKey: 'someone', conversationId: 'x', exp: 9e9 })).toString('base64url')}`;
    const token = `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;

    expect(new WebChatTokens({ secret: SECRET }).verify(token)).toEqual({ ok: false, reason: 'malformed' });
  });

  test('a token past its exp is expired and still names its learner', () => {
    const time = clock();
    const tokens = new WebChatTokens({ secret: SECRET, ttlSeconds: 60, now: time.now });
    const issued = tokens.issueForNewLearner('demo');
    time.advanceSeconds(60);

    expect(tokens.verify(issued.token)).toEqual({ ok: false, reason: 'expired', payload: issued.payload });
  });

  test('refresh gives a later token for the same learner and conversation', () => {
    const time = clock();
    const tokens = new WebChatTokens({ secret: SECRET, ttlSeconds: 60, now: time.now });
    const issued = tokens.issueForNewLearner('demo');
    time.advanceSeconds(30);
    const refreshed = tokens.refresh(issued.token);

    if (!('token' in refreshed)) throw new Error(`refresh refused: ${refreshed.reason}`);
    expect(refreshed.payload).toEqual({ ...issued.payload, exp: issued.payload.exp + 30 });
    expect(tokens.verify(refreshed.token).ok).toBe(true);
  });

  test('refresh refuses an expired token unless it is within the grace period', () => {
    const time = clock();
    const tokens = new WebChatTokens({ secret: SECRET, ttlSeconds: 60, now: time.now });
    const issued = tokens.issueForNewLearner('demo');
    time.advanceSeconds(60 + 3600);

    expect(tokens.refresh(issued.token)).toMatchObject({ ok: false, reason: 'expired' });
    const resumed = tokens.refresh(issued.token, { expiredGraceSeconds: 2 * 3600 });
    expect('token' in resumed && resumed.payload.learnerKey).toBe(issued.payload.learnerKey);

    time.advanceSeconds(2 * 3600);
    expect(tokens.refresh(issued.token, { expiredGraceSeconds: 2 * 3600 })).toMatchObject({ ok: false, reason: 'expired' });
  });

  test('refresh does not revive a forged token, whatever the grace', () => {
    const tokens = new WebChatTokens({ secret: SECRET });
    const forged = tamper(tokens.issueForNewLearner('demo').token, 2, (sig) => `${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`);
    expect(tokens.refresh(forged, { expiredGraceSeconds: 1e9 })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test('a short secret is rejected at construction', () => {
    expect(() => new WebChatTokens({ secret: 'too short' })).toThrow(/at least 32 bytes/);
  });
});
