import { Writable } from 'node:stream';
import { createLogger } from '../../bot/logger';
import { routeConsoleToLogger } from '../../bot/routeConsoleToLogger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe('the logger', () => {
  it('writes one JSON object a line with an ISO time, the level by name and the service', () => {
    const { lines, destination } = capture();
    createLogger('info', destination).info({ learnerId: 'l-1' }, 'turn applied');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', msg: 'turn applied', learnerId: 'l-1', service: 'social-venture-coach' })]);
    expect(String(lines[0]!.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('never writes what a learner wrote or is called, nor tokens and secrets', () => {
    const { lines, destination } = capture();
    const logger = createLogger('debug', destination).child({ activityId: 'a-1', channel: 'directline' });
    logger.info(
      {
        text: 'my secret answer',
        activity: { text: 'my secret answer', from: { name: 'Amina' } },
        displayName: 'Amina',
        token: 'wc1.abc.def',
        req: { headers: { authorization: 'Bearer xyz', cookie: 'sid=1' } },
      },
      'incoming',
    );
    const written = JSON.stringify(lines);
    for (const secret of ['my secret answer', 'Amina', 'wc1.abc.def', 'Bearer xyz', 'sid=1']) expect(written).not.toContain(secret);
    expect(lines[0]).toMatchObject({ activityId: 'a-1', channel: 'directline', text: '[redacted]', displayName: '[redacted]' });
  });

  it("redacts a child logger's bindings, and fields deeper than three levels", () => {
    const { lines, destination } = capture();
    const logger = createLogger('info', destination).child({ learnerId: 'l-1', name: 'Amina' });
    logger.info({ turn: { activity: { from: { name: 'Amina', id: 'u-1' } } } }, 'incoming');
    expect(JSON.stringify(lines)).not.toContain('Amina');
    expect(lines[0]).toMatchObject({ learnerId: 'l-1', name: '[redacted]', turn: { activity: { from: { name: '[redacted]', id: 'u-1' } } } });
  });

  it("keeps every level's bindings in a child of a child, redacted", () => {
    const { lines, destination } = capture();
    const turn = createLogger('info', destination).child({ activityId: 'a-1', channel: 'msteams' });
    turn.child({ learnerId: 'l-1' }).child({ deliveryId: 'd-1', displayName: 'Amina' }).info('delivered');
    expect(lines[0]).toMatchObject({ activityId: 'a-1', channel: 'msteams', learnerId: 'l-1', deliveryId: 'd-1', displayName: '[redacted]' });
  });

  it("redacts an error's own fields, at any depth, and keeps its type, message and stack", () => {
    const { lines, destination } = capture();
    const error = Object.assign(new Error('request failed'), { text: 'my secret answer', body: { token: 'wc1.abc' } });
    createLogger('error', destination).error({ err: error }, 'failed');
    expect(JSON.stringify(lines)).not.toMatch(/my secret answer|wc1\.abc/);
    expect(lines[0]).toMatchObject({ err: { type: 'Error', message: 'request failed', text: '[redacted]', body: { token: '[redacted]' } } });
  });

  it('keeps an error under err with its type, message and stack', () => {
    const { lines, destination } = capture();
    createLogger('error', destination).error({ err: new RangeError('out of range') }, 'failed');
    expect(lines[0]).toMatchObject({ err: { type: 'RangeError', message: 'out of range', stack: expect.stringContaining('RangeError') } });
  });

  it('writes nothing below its level', () => {
    const { lines, destination } = capture();
    createLogger('warn', destination).info('not shown');
    expect(lines).toEqual([]);
  });
});

describe('routing the console to the logger', () => {
  it('turns what libraries print into log lines at the matching level, and can be undone', () => {
    const { lines, destination } = capture();
    const original = console.error;
    const restore = routeConsoleToLogger(createLogger('debug', destination));
    try {
      console.error(new Error('Error finding key for token'));
      console.warn('BadRequest: %s', 'missing activity type');
    } finally {
      restore();
    }
    expect(console.error).toBe(original);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        source: 'console',
        msg: 'Error finding key for token',
        err: expect.objectContaining({ type: 'Error' }),
      }),
      expect.objectContaining({ level: 'warn', source: 'console', msg: 'BadRequest: missing activity type' }),
    ]);
  });
});
