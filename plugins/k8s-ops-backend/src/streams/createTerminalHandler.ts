import { HttpRouterServiceWebSocketHandler } from '@backstage/backend-plugin-api';
import { TERMINAL_PROTOCOL } from '@k8s-ops/plugin-k8s-ops-common';
import { acceptWebSocket } from './acceptWebSocket';
import { AuthorizedExecService } from './AuthorizedExecService';

/**
 * The WebSocket `/terminal?cluster&namespace&pod&container`: a shell in a
 * pod's container. Backstage signs the person in from the token the browser
 * offers as a subprotocol (beside `k8s-ops.terminal.v1`); the session then
 * speaks the JSON messages of `TerminalInput` and `TerminalOutput`.
 */
export function createTerminalHandler(deps: {
  exec: AuthorizedExecService;
}): HttpRouterServiceWebSocketHandler {
  return {
    path: '/terminal',
    async handler(context) {
      const url = new URL(context.request.url ?? '/', 'http://localhost');
      const browser = await acceptWebSocket(context, TERMINAL_PROTOCOL);
      await deps.exec.run(
        Object.fromEntries(url.searchParams),
        context.credentials,
        browser,
      );
    },
  };
}
