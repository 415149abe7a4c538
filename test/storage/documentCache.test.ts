import { DocumentCache } from '../../adapters/storage/file/documentCache';

describe("the file store's document cache", () => {
  test('does not remember a read that overlapped a change of its file (it may have seen the old content)', async () => {
    const cache = new DocumentCache<string>(10);
    let finishRead!: (value: string) => void;
    const reading = cache.read('a.json', () => new Promise((resolve) => (finishRead = resolve)));
    cache.set('a.json', 'new'); // a write completes while the read is under way
    finishRead('old');
    expect(await reading).toBe('old');
    expect(cache.get('a.json')).toBe('new');

    cache.invalidate('a.json');
    const again = cache.read('a.json', () => new Promise((resolve) => (finishRead = resolve)));
    cache.invalidate('a.json'); // a write or removal started
    finishRead('before the write');
    await again;
    expect(cache.get('a.json')).toBeUndefined();
  });

  test('remembers a quiet read, and drops the least recently used beyond its capacity', async () => {
    const cache = new DocumentCache<string>(2);
    expect(await cache.read('a', async () => 'A')).toBe('A');
    expect(await cache.read('a', async () => 'read again')).toBe('A');
    cache.set('b', 'B');
    cache.get('a');
    cache.set('c', 'C');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
  });
});
