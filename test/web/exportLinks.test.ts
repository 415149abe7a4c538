import { ExportLinks } from '../../adapters/web/exportLinks';

describe('export links', () => {
  const secret = 'a secret of at least thirty-two characters, for tests';

  it('open for the learner and organisation they were issued for, until they expire', () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const links = new ExportLinks({ secret, ttlMinutes: 15, now: () => now });
    const { token, minutes } = links.issue('learner-1', 'demo');
    expect(minutes).toBe(15);
    expect(links.open(token)).toMatchObject({ learnerId: 'learner-1', organisationId: 'demo' });
    now += 14 * 60_000;
    expect(links.open(token)).not.toBeNull();
    now += 60_000;
    expect(links.open(token)).toBeNull();
  });

  it('are refused when signed with another secret or as another kind of token', () => {
    const links = new ExportLinks({ secret });
    const other = new ExportLinks({ secret: `${secret}, but another` });
    expect(links.open(other.issue('learner-1', 'demo').token)).toBeNull();
    expect(links.open('wc1.e30.AAAA')).toBeNull();
    expect(links.open('')).toBeNull();
  });
});
