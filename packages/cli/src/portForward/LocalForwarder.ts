import { createServer, Server, Socket } from 'node:net';
import { createWebSocketStream } from 'ws';
import { PortalClient } from './PortalClient';
import { PortMapping } from './parseArguments';

/** A local port that tunnels each connection to the session's port. */
export interface ListeningPort {
  local: number;
  remote: number;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 for each port, and bridges every accepted TCP
 * connection over its own WebSocket to the backend, which bridges it to
 * the pod. A connection the backend refuses is closed, with the reason
 * reported.
 */
export class LocalForwarder {
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly deps: {
      client: PortalClient;
      sessionId: string;
      report: (line: string) => void;
    },
  ) {}

  async listen(
    mapping: PortMapping,
    host = '127.0.0.1',
  ): Promise<ListeningPort> {
    const server = createServer(socket => this.bridge(socket, mapping.remote));
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(mapping.local, host, () => resolveListen());
    });
    const address = server.address();
    const local = typeof address === 'object' && address ? address.port : 0;
    return {
      local,
      remote: mapping.remote,
      close: () => this.close(server),
    };
  }

  private bridge(socket: Socket, remote: number) {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.setNoDelay(true);
    const ws = this.deps.client.tunnel(this.deps.sessionId, remote);
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let message = body;
        try {
          message = JSON.parse(body)?.error?.message ?? body;
        } catch {
          // Not JSON: the answer as it came.
        }
        this.deps.report(
          `Connection to port ${remote} refused: ${res.statusCode} ${message}`,
        );
        socket.destroy();
      });
    });
    const tunnel = createWebSocketStream(ws);
    tunnel.on('error', error => {
      this.deps.report(`Connection to port ${remote} closed: ${error.message}`);
      socket.destroy();
    });
    socket.on('error', () => tunnel.destroy());
    socket.pipe(tunnel).pipe(socket);
  }

  private async close(server: Server) {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>(resolveClose => server.close(() => resolveClose()));
  }
}
