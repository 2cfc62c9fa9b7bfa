import { createServer, type Server, Socket } from 'node:net';
import { freePort } from '../../../../test/support/free-port.ts';

/**
 * A TCP proxy in front of a real database that a test can switch off (connections refused,
 * open ones cut) and on again on the same port: a database outage without stopping the
 * database other tests share.
 */
export interface SwitchableProxy {
  readonly port: number;
  /** Starts accepting and forwarding. */
  open(): Promise<void>;
  /** Stops listening and cuts every forwarded connection. */
  close(): Promise<void>;
}

/** A closed proxy to `targetHost:targetPort` on a free local port. */
export async function switchableProxy(targetHost: string, targetPort: number): Promise<SwitchableProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  return {
    port,
    open() {
      return new Promise((resolve, reject) => {
        server = createServer((client) => {
          const upstream = new Socket();
          track(client);
          track(upstream);
          upstream.connect(targetPort, targetHost);
          client.pipe(upstream).pipe(client);
          client.once('close', () => upstream.destroy());
          upstream.once('close', () => client.destroy());
        });
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
    },
    close() {
      const closing = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      if (!closing) return Promise.resolve();
      return new Promise((resolve) => closing.close(() => resolve()));
    },
  };
}
