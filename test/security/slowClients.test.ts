import { connect, type Socket } from 'node:net';
import { recordFinding } from '../support/findings';
import { startTestServer, type TestServer } from '../support/startTestServer';

const TIMEOUT_SECONDS = 2;
const CAP = 5;

/** Opens a raw TCP connection to the server, from `localAddress` (any 127.x.y.z works on the loopback). */
async function open(server: TestServer, localAddress = '127.0.0.1'): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const { port } = new URL(server.url);
  const started = performance.now();
  let received = '';
  const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress });
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now() - started)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return { socket, received: () => received, closed };
}

/** Writes `text` one character every `everyMs`, until the socket closes or the text ends. */
function trickle(socket: Socket, text: string, everyMs: number): () => void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= text.length) return clearInterval(timer);
    socket.write(text[at++]!);
  }, everyMs);
  return () => clearInterval(timer);
}

describe('slow and greedy clients are cut off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ REQUEST_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS), MAX_CONNECTIONS_PER_ADDRESS: String(CAP) });
  });
  afterAll(async () => server?.dispose());

  it(`headers sent a byte at a time get 408 and the connection closed after about ${TIMEOUT_SECONDS} s`, async () => {
    const client = await open(server);
    const stop = trickle(client.socket, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ' + 'a'.repeat(500), 200);
    const closedAfterMs = await Promise.race([client.closed, new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 10_000))]);
    stop();
    client.socket.destroy();
    recordFinding(`slow headers (1 byte / 200 ms): closed after ${closedAfterMs.toFixed(0)} ms with "${client.received().split('\r\n')[0]}"`);
    expect(closedAfterMs).toBeLessThan((TIMEOUT_SECONDS + 2) * 1000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it(`a body sent a byte at a time gets 408 and the connection closed after about ${TIMEOUT_SECONDS} s`, async () => {
    const client = await open(server);
    client.socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{');
    const stop = trickle(client.socket, `"text":"${'a'.repeat(4000)}"}`, 200);
    const closedAfterMs = await Promise.race([client.closed, new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 10_000))]);
    stop();
    client.socket.destroy();
    recordFinding(`slow body (1 byte / 200 ms): closed after ${closedAfterMs.toFixed(0)} ms with "${client.received().split('\r\n')[0]}"`);
    expect(closedAfterMs).toBeLessThan((TIMEOUT_SECONDS + 2) * 1000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it(`one address may hold ${CAP} connections; the next is refused while other addresses are served`, async () => {
    const held = await Promise.all(Array.from({ length: CAP }, () => open(server)));
    const extra = await open(server);
    const refusedAfterMs = await Promise.race([extra.closed, new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 5000))]);
    const neighbour = await open(server, '127.0.0.2');
    neighbour.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await neighbour.closed;
    for (const { socket } of held) socket.destroy();
    await Promise.all(held.map((h) => h.closed));
    const afterwards = await fetch(`${server.url}/healthz`);
    recordFinding(
      `${CAP} idle connections held from 127.0.0.1: connection ${CAP + 1} answered "${extra.received().split('\r\n')[0]}" and closed after ${refusedAfterMs.toFixed(0)} ms; ` +
        `127.0.0.2 meanwhile got "${neighbour.received().split('\r\n')[0]}"; after closing them 127.0.0.1 got ${afterwards.status}`,
    );
    expect(extra.received()).toMatch(/^HTTP\/1\.1 429/);
    expect(refusedAfterMs).toBeLessThan(5000);
    expect(neighbour.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(afterwards.status).toBe(200);
  });
});
