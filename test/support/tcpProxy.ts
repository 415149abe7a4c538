import { createServer, type Socket, connect } from 'node:net';

/** A TCP forwarder on 127.0.0.1 whose network can be cut and restored, to stage an outage of the server behind it. */
export interface TcpProxy {
  readonly port: number;
  /** Destroys every live connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  /** Cuts and stops listening. */
  stop(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let isCut = false;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const server = createServer((client) => {
    if (isCut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    track(client);
    track(upstream);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth).on('close', closeBoth);
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');

  const cut = () => {
    isCut = true;
    for (const socket of sockets) socket.destroy();
  };

  return {
    port: address.port,
    cut,
    restore: () => {
      isCut = false;
    },
    stop: async () => {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
