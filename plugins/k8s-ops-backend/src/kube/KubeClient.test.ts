import { ServiceUnavailableError } from '@backstage/errors';
import { createServer as createHttpServer, Server } from 'node:http';
import {
  createServer as createTcpServer,
  Server as TcpServer,
  Socket,
} from 'node:net';
import { AddressInfo } from 'node:net';
import { KubeClient } from './KubeClient';

/** A port that accepts connections and never answers, as a frozen server. */
async function blackHole() {
  const sockets = new Set<Socket>();
  const server = createTcpServer(socket => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await listen(server);
  return {
    url: urlOf(server),
    close: () => {
      sockets.forEach(s => s.destroy());
      server.close();
    },
  };
}

function listen(server: Server | TcpServer) {
  return new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
}

function urlOf(server: Server | TcpServer) {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function clientOf(
  url: string,
  options: ConstructorParameters<typeof KubeClient>[2],
) {
  return new KubeClient(
    'sick',
    { server: url, prepare: async () => ({ headers: {} }), close() {} },
    options,
  );
}

describe('KubeClient on a server that accepts and never answers', () => {
  let hole: Awaited<ReturnType<typeof blackHole>>;

  beforeEach(async () => {
    hole = await blackHole();
  });

  afterEach(() => hole.close());

  it('503 naming the cluster for a write past the mutation timeout', async () => {
    const client = clientOf(hole.url, { mutationTimeoutMs: 200 });
    const write = client.request('/api/v1/namespaces/a/configmaps', {
      method: 'POST',
      body: { metadata: { name: 'x' } },
    });
    await expect(write).rejects.toThrow(ServiceUnavailableError);
    await expect(write).rejects.toThrow(
      "Cluster 'sick' is unreachable: no answer within 0.2 s",
    );
  });

  it('503 naming the cluster for a read past the request timeout', async () => {
    const client = clientOf(hole.url, { requestTimeoutMs: 200 });
    await expect(client.request('/api/v1/namespaces')).rejects.toThrow(
      "Cluster 'sick' is unreachable: no answer within 0.2 s",
    );
  });

  it('ends a silent watch as unreachable when the cluster does not answer a probe', async () => {
    const client = clientOf(hole.url, {
      watchInactivityMs: 200,
      probeTimeoutMs: 100,
    });
    const watch = client.watch('/api/v1/configmaps', {
      query: {},
      onEvent: () => undefined,
      signal: new AbortController().signal,
    });
    await expect(watch).rejects.toThrow(ServiceUnavailableError);
    await expect(watch).rejects.toThrow(
      "Cluster 'sick' is unreachable: its watch brought nothing for 0.2 s and it did not answer within 0.1 s",
    );
  });
});

describe('KubeClient on a server that answers', () => {
  let server: Server;
  let events: string[];

  beforeEach(async () => {
    // Each server has its own queue: a watch left open by an earlier test
    // takes nothing from this one.
    const queue: string[] = [];
    events = queue;
    server = createHttpServer((req, res) => {
      if (req.url === '/version') {
        res.setHeader('Content-Type', 'application/json');
        res.end('{"gitVersion":"v1.34.4"}');
        return;
      }
      // A quiet watch: headers, then the events the test pushes.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      const push = setInterval(() => {
        const next = queue.shift();
        if (next) {
          res.write(`${next}\n`);
        }
      }, 20);
      res.on('close', () => clearInterval(push));
    });
    await listen(server);
  });

  afterEach(() => {
    server.closeAllConnections();
    server.close();
  });

  it('keeps a quiet watch while the cluster answers the probe', async () => {
    const client = clientOf(urlOf(server), { watchInactivityMs: 100 });
    const abort = new AbortController();
    let alive = 0;
    const received: string[] = [];
    let done: () => void = () => {};
    const finished = new Promise<void>(r => (done = r));
    const watch = client.watch('/api/v1/configmaps', {
      query: {},
      onEvent: event => {
        received.push(event.type);
        done();
      },
      onAlive: () => {
        alive++;
        // Once when the watch opened, then at each quiet spell: an event
        // after three quiet spells still reaches the watch.
        if (alive === 4) {
          events.push(JSON.stringify({ type: 'ADDED', object: {} }));
        }
      },
      signal: abort.signal,
    });
    await finished;
    abort.abort();
    await expect(watch).resolves.toBeUndefined();
    expect(alive).toBeGreaterThanOrEqual(4);
    expect(received).toEqual(['ADDED']);
  });

  it('rejects with the error an event handler throws, unchanged', async () => {
    const client = clientOf(urlOf(server), {});
    const gone = Object.assign(new Error('too old resource version'), {
      kubeStatusCode: 410,
    });
    events.push(
      JSON.stringify({
        type: 'ERROR',
        object: { code: 410, reason: 'Expired' },
      }),
    );
    await expect(
      client.watch('/api/v1/configmaps', {
        query: {},
        onEvent: () => {
          throw gone;
        },
        signal: new AbortController().signal,
      }),
    ).rejects.toBe(gone);
  });
});
