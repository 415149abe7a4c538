import { createServer, type Socket, connect } from 'node:net';

/** A TCP forwarder on 127.0.0.1 whose network can be cut, silenced and restored, to stage outages of the server behind it. */
export interface TcpProxy {
  readonly port: number;
  /** Destroys every live connection and refuses new ones until restore(). */
  cut(): void;
  /**
   * A silent partition: connections stay open and new ones are accepted, but nothing is forwarded either way, so the
   * client waits for answers that never come.
   */
  stall(): void;
  /** Ends a cut or a stall; connections that were stalled are closed (what they sent was lost). */
  restore(): void;
  /**
   * A slow network: what clients send on open connections is held back until release(), then forwarded, so the server
   * answers requests their clients may have given up on.
   */
  hold(): void;
  release(): void;
  /** Cuts and stops listening. */
  stop(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const stalled = new Set<Socket>();
  /** Client sockets whose data is held back until release(). */
  const held = new Set<Socket>();
  const upstreamOf = new WeakMap<Socket, Socket>();
  let mode: 'forward' | 'cut' | 'stall' = 'forward';

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      stalled.delete(socket);
    });
  };
  const silence = (socket: Socket) => {
    socket.unpipe();
    socket.removeAllListeners('data');
    socket.on('data', () => undefined); // read and drop
    stalled.add(socket);
  };

  const server = createServer((client) => {
    if (mode === 'cut') {
      client.resetAndDestroy();
      return;
    }
    track(client);
    if (mode === 'stall') {
      client.on('error', () => client.destroy());
      silence(client);
      return;
    }
    const upstream = connect(targetPort, targetHost);
    track(upstream);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth).on('close', closeBoth);
    client.pipe(upstream);
    upstream.pipe(client);
    upstreamOf.set(client, upstream);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');

  const cut = () => {
    mode = 'cut';
    for (const socket of sockets) socket.destroy();
  };

  return {
    port: address.port,
    cut,
    stall: () => {
      mode = 'stall';
      for (const socket of sockets) silence(socket);
    },
    restore: () => {
      mode = 'forward';
      for (const socket of stalled) socket.destroy();
    },
    hold: () => {
      for (const socket of sockets) {
        const upstream = upstreamOf.get(socket);
        if (!upstream) continue;
        socket.unpipe(upstream);
        socket.pause();
        held.add(socket);
      }
    },
    release: () => {
      for (const socket of held) socket.pipe(upstreamOf.get(socket)!);
      held.clear();
    },
    stop: async () => {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
