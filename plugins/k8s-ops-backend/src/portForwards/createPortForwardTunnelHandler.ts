import {
  HttpRouterServiceWebSocketContext,
  HttpRouterServiceWebSocketHandler,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { portForwardSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedPortForwards } from './AuthorizedPortForwards';
import { refuseUpgrade } from './refuseUpgrade';

/** Where the command line tunnels its TCP connections. */
export const TUNNEL_PATH = '/port-forwards/tunnel';

/**
 * The WebSocket `/port-forwards/tunnel?id=<session>&port=<port>`: one TCP
 * connection of the command line, as binary messages, bridged to one
 * stream of the pod's port. The token comes as a bearer header or as a
 * WebSocket protocol (Backstage checks it before this handler runs). A
 * refusal is answered before the upgrade, with its status and message.
 */
export function createPortForwardTunnelHandler(deps: {
  portForwards: AuthorizedPortForwards;
  logger: LoggerService;
}): HttpRouterServiceWebSocketHandler {
  const { portForwards, logger } = deps;
  return {
    path: TUNNEL_PATH,
    async handler(context: HttpRouterServiceWebSocketContext) {
      const { request, socket, head, credentials, authProtocol } = context;
      let connection: Duplex;
      try {
        const url = new URL(request.url ?? '/', 'http://localhost');
        const { id, port } = parseOrThrow(
          portForwardSchemas.tunnelQuery,
          Object.fromEntries(url.searchParams),
        );
        connection = await portForwards.connect(id, port, credentials);
      } catch (error) {
        refuseUpgrade(socket, error);
        return;
      }
      const server = new WebSocketServer({
        noServer: true,
        perMessageDeflate: false,
        handleProtocols: () => authProtocol ?? false,
      });
      // A handshake the server refuses never calls back: the stream goes
      // with the socket.
      socket.once('close', () => connection.destroy());
      server.handleUpgrade(request, socket, head, ws => {
        const local = createWebSocketStream(ws);
        local.on('error', error =>
          logger.debug(`Port-forward tunnel closed: ${error}`),
        );
        connection.on('error', error =>
          ws.close(1011, error.message.slice(0, 120)),
        );
        local.pipe(connection).pipe(local);
        ws.on('close', () => connection.destroy());
        connection.on('close', () => ws.close());
      });
    },
  };
}
