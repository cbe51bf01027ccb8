import { once } from 'node:events';
import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP proxy in the test process between the service and the shared
 * PostgreSQL, standing in for the database's failures without touching the
 * server other tests use: `down()` is an outage (every connection cut, new
 * ones refused), `freeze()` a server that is there but answers nothing (as
 * under SIGSTOP: connections are accepted, bytes go unanswered), `up()` and
 * `thaw()` undo them.
 */
export interface PgProxy {
  /** A postgres:// URL through the proxy to the given database. */
  urlFor(database: string): string;
  down(): Promise<void>;
  up(): Promise<void>;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function pgProxy(target: { host: string; port: number }): Promise<PgProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let frozen = false;
  const held: Array<() => void> = [];

  const forward = (from: Socket, to: Socket) =>
    from.on('data', (chunk) => {
      if (frozen) held.push(() => to.write(chunk));
      else to.write(chunk);
    });

  const onConnection = (client: Socket) => {
    const server = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, server];
    pairs.add(pair);
    forward(client, server);
    forward(server, client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      server.destroy();
    };
    client.on('close', end).on('error', end);
    server.on('close', end).on('error', end);
  };

  let listener: Server = createServer(onConnection);
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const { port } = listener.address() as { port: number };

  const cutAll = () => {
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };

  return {
    urlFor: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    down: async () => {
      await new Promise<void>((resolve) => {
        listener.close(() => resolve());
        cutAll();
      });
    },
    up: async () => {
      listener = createServer(onConnection);
      listener.listen(port, '127.0.0.1');
      await once(listener, 'listening');
    },
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
      for (const write of held.splice(0)) write();
    },
    close: async () => {
      frozen = false;
      held.length = 0;
      cutAll();
      if (listener.listening) await new Promise((r) => listener.close(r));
    },
  };
}
