import { createHmac } from 'node:crypto';

import { conversationIdFor, newLearnerKey, newPageId, type AccessClaims, WebChatTokens } from '../../adapters/directline/webChatTokens';

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

function signed(kind: string, payload: unknown): string {
  const body = `${kind}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

const tokensAt = (time = clock(), secret = SECRET) => new WebChatTokens({ secret, accessTokenSeconds: 600, now: time.now });

function subject(): Omit<AccessClaims, 'exp'> {
  const learnerKey = newLearnerKey();
  return { learnerKey, conversationId: conversationIdFor(learnerKey), organisationId: 'demo', pageId: newPageId(), generation: 1 };
}

describe('web-chat tokens', () => {
  test('learner keys and page ids are random, and the conversation id is stable for a learner key', () => {
    const learnerKey = newLearnerKey();
    expect(learnerKey).toMatch(/^wl_[A-Za-z0-9_-]{32}$/);
    expect(newLearnerKey()).not.toBe(learnerKey);
    expect(newPageId()).not.toBe(newPageId());
    expect(conversationIdFor(learnerKey)).toBe(conversationIdFor(learnerKey));
    expect(conversationIdFor(learnerKey)).toMatch(/^dl_[A-Za-z0-9_-]{32}$/);
  });

  test('an access token opens to exactly what was sealed, with exp = now + its lifetime', () => {
    const time = clock();
    const tokens = tokensAt(time);
    const issued = tokens.sealAccess(subject());

    expect(issued.token.startsWith('wc2.')).toBe(true);
    expect(tokens.openAccess(issued.token)).toEqual({ ok: true, claims: issued.claims });
    expect(issued.claims.exp).toBe(time.now() / 1000 + 600);
    expect(issued.expiresIn).toBe(600);
  });

  test('an access token past its exp is expired', () => {
    const time = clock();
    const tokens = tokensAt(time);
    const issued = tokens.sealAccess(subject());
    time.advanceSeconds(600);

    expect(tokens.openAccess(issued.token)).toEqual({ ok: false, reason: 'expired' });
  });

  test('a token signed with another secret is refused as bad-signature', () => {
    const issued = tokensAt(clock(), `${SECRET}-other`).sealAccess(subject());
    expect(tokensAt().openAccess(issued.token)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test('changing the payload (to become another learner) breaks the signature', () => {
    const tokens = tokensAt();
    const victim = tokens.sealAccess(subject()).claims;
    const attacker = tokens.sealAccess(subject()).token;
    const forged = tamper(attacker, 1, () => Buffer.from(JSON.stringify({ ...victim, exp: victim.exp + 10_000 })).toString('base64url'));

    expect(tokens.openAccess(forged)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test.each([
    ['an empty string', ''],
    ['a token without parts', 'abc'],
    ['another format', 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln'],
    ['a signature with extra characters', 'SIGNATURE+!'],
  ])('%s is malformed', (_name, raw) => {
    const tokens = tokensAt();
    const token = raw === 'SIGNATURE+!' ? tamper(tokens.sealAccess(subject()).token, 2, (sig) => `${sig}!`) : raw;
    expect(tokens.openAccess(token)).toEqual({ ok: false, reason: 'malformed' });
  });

  test('a correctly signed payload without the expected fields is malformed', () => {
    const token = signed('wc2', { learnerKey: 'someone', conversationId: 'x', exp: 9e9 });
    expect(tokensAt().openAccess(token)).toEqual({ ok: false, reason: 'malformed' });
  });

  test('a resume key cannot pass as an access token, nor an access token as a resume key', () => {
    const tokens = tokensAt();
    const claims = subject();
    const resumeKey = tokens.sealResume({ learnerKey: claims.learnerKey, generation: 1 });
    const access = tokens.sealAccess(claims).token;

    expect(tokens.openResume(resumeKey)).toEqual({ learnerKey: claims.learnerKey, generation: 1 });
    expect(tokens.openAccess(resumeKey)).toEqual({ ok: false, reason: 'malformed' });
    expect(tokens.openResume(access)).toBeNull();
    expect(tokens.openResume(tamper(resumeKey, 2, (sig) => `${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`))).toBeNull();
  });

  test('a first-release token is read only while it is at most the grace period past its expiry', () => {
    const time = clock();
    const tokens = tokensAt(time);
    const learnerKey = newLearnerKey();
    const legacy = signed('wc1', {
      learnerKey,
      conversationId: conversationIdFor(learnerKey),
      organisationId: 'demo',
      exp: time.now() / 1000 + 3600,
    });

    time.advanceSeconds(3600 + 24 * 3600);
    expect(tokens.openLegacy(legacy, 2 * 24 * 3600)).toMatchObject({ learnerKey, organisationId: 'demo' });
    time.advanceSeconds(2 * 24 * 3600);
    expect(tokens.openLegacy(legacy, 2 * 24 * 3600)).toBeNull();
    expect(
      tokens.openLegacy(
        tamper(legacy, 2, (sig) => `${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`),
        1e9,
      ),
    ).toBeNull();
  });

  test('a short secret is rejected at construction', () => {
    expect(() => new WebChatTokens({ secret: 'too short', accessTokenSeconds: 60 })).toThrow(/at least 32 bytes/);
  });
});
