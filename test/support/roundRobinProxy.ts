import { connect, createServer, type Socket } from 'node:net';

/** A TCP load balancer on 127.0.0.1 that hands each new connection to the next backend in turn. */
export interface RoundRobinProxy {
  readonly port: number;
  readonly url: string;
  /** Connections handed to each backend so far, in the order of the backends. */
  readonly connections: readonly number[];
  stop(): Promise<void>;
}

/**
 * Balances connections over the backends' ports, as a load balancer without sticky sessions does; a backend that
 * refuses the connection (its process is gone) is skipped and the next one tried.
 */
export async function startRoundRobinProxy(backendPorts: readonly number[]): Promise<RoundRobinProxy> {
  const connections = backendPorts.map(() => 0);
  const sockets = new Set<Socket>();
  let next = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const server = createServer((client) => {
    track(client);
    client.pause();
    const attempt = (triesLeft: number) => {
      const index = next;
      next = (next + 1) % backendPorts.length;
      const upstream = connect(backendPorts[index]!, '127.0.0.1');
      let connected = false;
      track(upstream);
      upstream.once('connect', () => {
        connected = true;
        connections[index] = (connections[index] ?? 0) + 1;
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.once('error', () => {
        if (!connected && triesLeft > 1) return attempt(triesLeft - 1);
        client.destroy();
      });
    };
    attempt(backendPorts.length);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    connections,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
