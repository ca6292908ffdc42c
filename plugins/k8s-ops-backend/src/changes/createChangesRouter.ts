import { HttpAuthService } from '@backstage/backend-plugin-api';
import { changeSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedChangeFeed } from './AuthorizedChangeFeed';

const HEARTBEAT_MS = 15_000;

/**
 * `GET /changes`: a server-sent event stream of the changes a person may
 * see, fed by the watch cache, so that pages update without polling.
 */
export function createChangesRouter(deps: {
  changes: AuthorizedChangeFeed;
  httpAuth: HttpAuthService;
}) {
  const router = Router();
  router.get('/changes', async (req, res) => {
    const query = parseOrThrow(changeSchemas.query, req.query);
    const credentials = await deps.httpAuth.credentials(req);
    const send = (text: string) => {
      res.write(text);
      // Compression middleware buffers unless told to flush.
      (res as unknown as { flush?: () => void }).flush?.();
    };
    const stop = await deps.changes.follow(query, credentials, {
      send: change =>
        send(`event: change\ndata: ${JSON.stringify(change)}\n\n`),
      end: () => res.end(),
    });
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    send(': connected\n\n');
    const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      stop();
    });
  });
  return router;
}
