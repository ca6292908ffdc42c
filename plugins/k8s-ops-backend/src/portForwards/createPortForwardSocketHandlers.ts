import {
  HttpRouterServiceWebSocketHandler,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { AuthorizedPortForwards } from './AuthorizedPortForwards';
import { createPortForwardProxySocketHandler } from './createPortForwardProxySocketHandler';
import { createPortForwardTunnelHandler } from './createPortForwardTunnelHandler';

/** The WebSocket routes of port-forwards: the tunnel and the proxy. */
export function createPortForwardSocketHandlers(deps: {
  portForwards: AuthorizedPortForwards;
  logger: LoggerService;
}): HttpRouterServiceWebSocketHandler[] {
  return [
    createPortForwardTunnelHandler(deps),
    createPortForwardProxySocketHandler(deps),
  ];
}
