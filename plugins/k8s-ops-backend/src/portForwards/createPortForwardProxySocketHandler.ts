import {
  HttpRouterServiceWebSocketContext,
  HttpRouterServiceWebSocketHandler,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { portForwardSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import { Duplex } from 'node:stream';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedPortForwards } from './AuthorizedPortForwards';
import { refuseUpgrade } from './refuseUpgrade';

/** Where WebSockets to a forwarded port are proxied. */
export const PROXY_SOCKET_PATH = '/port-forwards/proxy';

/** Headers of this hop, and the portal's own credentials: never passed on. */
const DROPPED = new Set([
  'host',
  'authorization',
  'cookie',
  'sec-websocket-protocol',
]);

/**
 * The WebSocket `/port-forwards/proxy?id=<session>&path=<path>`: a WebSocket
 * to the session's first port, at the path given. Backstage matches
 * WebSocket routes on their exact path, so the pod's path comes as a query
 * parameter. The upgrade request is passed on to the pod (without the
 * portal's token or cookie), and from then on the bytes flow unchanged both
 * ways: the pod answers the handshake itself.
 */
export function createPortForwardProxySocketHandler(deps: {
  portForwards: AuthorizedPortForwards;
  logger: LoggerService;
}): HttpRouterServiceWebSocketHandler {
  const { portForwards, logger } = deps;
  return {
    path: PROXY_SOCKET_PATH,
    async handler(context: HttpRouterServiceWebSocketContext) {
      const { request, socket, head, credentials, authProtocol } = context;
      let connection: Duplex;
      let path: string;
      try {
        const url = new URL(request.url ?? '/', 'http://localhost');
        const query = parseOrThrow(
          portForwardSchemas.proxySocketQuery,
          Object.fromEntries(url.searchParams),
        );
        path = query.path;
        connection = await portForwards.connect(
          query.id,
          undefined,
          credentials,
        );
      } catch (error) {
        refuseUpgrade(socket, error);
        return;
      }
      const lines = [`${request.method ?? 'GET'} ${path} HTTP/1.1`];
      for (let i = 0; i < request.rawHeaders.length; i += 2) {
        const name = request.rawHeaders[i];
        const value = request.rawHeaders[i + 1];
        if (!DROPPED.has(name.toLowerCase())) {
          lines.push(`${name}: ${value}`);
        }
      }
      // Protocols the client offered, but not the one that carried its token.
      const protocols = (request.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map(p => p.trim())
        .filter(p => p && p !== authProtocol);
      if (protocols.length) {
        lines.push(`Sec-WebSocket-Protocol: ${protocols.join(', ')}`);
      }
      lines.push('Host: localhost');
      connection.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) {
        connection.write(head);
      }
      const closeBoth = (error?: Error) => {
        if (error) {
          logger.debug(`Port-forward WebSocket proxy closed: ${error}`);
        }
        socket.destroy();
        connection.destroy();
      };
      socket.on('error', closeBoth);
      connection.on('error', closeBoth);
      socket.on('close', () => connection.destroy());
      connection.on('close', () => socket.end());
      socket.pipe(connection).pipe(socket);
    },
  };
}
