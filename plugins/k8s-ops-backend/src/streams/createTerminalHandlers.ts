import { HttpRouterServiceWebSocketHandler } from '@backstage/backend-plugin-api';
import { TERMINAL_PROTOCOL } from '@k8s-ops/plugin-k8s-ops-common';
import { acceptWebSocket } from './acceptWebSocket';
import { AuthorizedExecService } from './AuthorizedExecService';

/**
 * The WebSockets `/terminal?cluster&namespace&pod&container` (a shell in a
 * pod's container) and `/node-terminal?cluster&node` (a shell on a node).
 * Backstage signs the person in from the token the browser offers as a
 * subprotocol (beside `k8s-ops.terminal.v1`); a session then speaks the
 * JSON messages of `TerminalInput` and `TerminalOutput`.
 */
export function createTerminalHandlers(deps: {
  exec: AuthorizedExecService;
}): HttpRouterServiceWebSocketHandler[] {
  const handler =
    (run: 'run' | 'runNode'): HttpRouterServiceWebSocketHandler['handler'] =>
    async context => {
      const url = new URL(context.request.url ?? '/', 'http://localhost');
      const browser = await acceptWebSocket(context, TERMINAL_PROTOCOL);
      await deps.exec[run](
        Object.fromEntries(url.searchParams),
        context.credentials,
        browser,
      );
    };
  return [
    { path: '/terminal', handler: handler('run') },
    { path: '/node-terminal', handler: handler('runNode') },
  ];
}
