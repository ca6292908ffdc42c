import { HttpRouterServiceWebSocketContext } from '@backstage/backend-plugin-api';
import WebSocket, { WebSocketServer } from 'ws';

/**
 * Completes the upgrade of an authenticated WebSocket request. The browser
 * offers its Backstage token as one subprotocol beside the protocol of the
 * route; the answer names only the route's protocol, so the token is never
 * echoed back.
 */
export function acceptWebSocket(
  context: HttpRouterServiceWebSocketContext,
  protocol: string,
): Promise<WebSocket> {
  const server = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: 1024 * 1024,
    handleProtocols: offered => (offered.has(protocol) ? protocol : false),
  });
  return new Promise(resolveAccept => {
    server.handleUpgrade(
      context.request,
      context.socket,
      context.head,
      socket => {
        socket.on('error', () => undefined);
        resolveAccept(socket);
      },
    );
  });
}
